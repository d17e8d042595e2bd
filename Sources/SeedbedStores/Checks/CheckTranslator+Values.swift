import SeedbedSpec

// MARK: - Expressions

extension CheckTranslator.Scope {
    typealias Operand = CheckTranslator.Operand

    /// The spec expression of a SQL one, with its type.
    func value(_ sql: SQLExpression) throws(CheckUnsupported) -> Operand {
        switch sql {
        case .column(let qualifier, let name, _):
            if let column = try column(qualifier: qualifier, name: name) { return column }
            throw CheckUnsupported("names no column '\(name)' of \(table.name.name)")
        case .number, .string, .boolean, .null:
            return try literal(sql, as: nil)
        case .sign(let negative, let inner):
            if Self.isConstant(inner) { return try literal(sql, as: nil) }
            let operand = try value(inner)
            try requireNumber(operand, "a sign")
            return negative ? Operand(expr: Expr(.negate(operand.expr)), type: operand.type) : operand
        case .not(let inner):
            return Operand(expr: Expr(.not(try condition(inner).expr)), type: .bool)
        case .and(let a, let b):
            return Operand(expr: Expr(.binary(.and, try condition(a).expr, try condition(b).expr)), type: .bool)
        case .or(let a, let b):
            return Operand(expr: Expr(.binary(.or, try condition(a).expr, try condition(b).expr)), type: .bool)
        case .comparison(let op, let a, let b):
            return try comparison(op, a, b)
        case .arithmetic(let op, let a, let b):
            return try arithmetic(op, a, b)
        case .between(let subject, let low, let high, let negated):
            let operands = try typedTogether([subject, low, high])
            let (x, l, h) = (operands[0], operands[1], operands[2])
            try requireComparable(x, l)
            try requireComparable(x, h)
            try requireUnorderedText(x.type, "BETWEEN")
            return Operand(expr: Expr(.between(x.expr, low: l.expr, high: h.expr, negated: negated)), type: .bool)
        case .inList(let subject, let elements, let negated):
            return try inList(subject, elements, negated: negated)
        case .isNull(let subject, let negated):
            return Operand(expr: Expr(.isNull(try value(subject).expr, negated: negated)), type: .bool)
        case .isBoolean(let subject, let truth, let negated):
            return try isBoolean(subject, truth, negated: negated)
        case .cast(let inner, let typeName):
            if Self.isConstant(inner) { return try literal(sql, as: nil) }
            return try cast(try value(inner), to: typeName)
        case .call(let name, let arguments):
            return try call(name, arguments)
        }
    }

    /// An operand that must be true or false.
    private func condition(_ sql: SQLExpression) throws(CheckUnsupported) -> Operand {
        let operand = try value(sql)
        guard operand.type == .bool else {
            throw CheckUnsupported("uses \(Self.describe(operand.type)) as a condition")
        }
        return operand
    }

    /// A constant as written: its type comes from what it meets.
    static func isConstant(_ sql: SQLExpression) -> Bool {
        switch sql {
        case .number, .string, .boolean, .null: true
        case .sign(_, let inner), .cast(let inner, _): isConstant(inner)
        default: false
        }
    }

    /// Operands that meet each other: constants among them take the type of the first operand
    /// that is not one. Each is translated once (a chain of them would otherwise be exponential).
    private func typedTogether(_ sqls: [SQLExpression]) throws(CheckUnsupported) -> [Operand] {
        var operands: [Operand?] = []
        for sql in sqls { operands.append(Self.isConstant(sql) ? nil : try value(sql)) }
        let anchor = operands.lazy.compactMap { $0?.type }.first
        var result: [Operand] = []
        for (sql, operand) in zip(sqls, operands) {
            if let operand { result.append(operand) } else { result.append(try literal(sql, as: anchor)) }
        }
        return result
    }

    // MARK: - Comparisons

    private static let comparisonOperators: [String: BinaryOperator] = [
        "=": .equal, "<>": .notEqual, "<": .less, "<=": .lessOrEqual, ">": .greater, ">=": .greaterOrEqual,
    ]

    private func comparison(_ op: String, _ a: SQLExpression, _ b: SQLExpression) throws(CheckUnsupported) -> Operand {
        guard let binary = Self.comparisonOperators[op] else { throw CheckUnsupported("uses the operator '\(op)'") }
        let left = Self.isConstant(a) ? nil : try value(a)
        let right = Self.isConstant(b) ? nil : try value(b)
        // SQLite compares a stored 'YYYY-MM-DD HH:MM:SS' with 'YYYY-MM-DD' as text: the same as
        // comparing instants only for `>=` and `<` with the column on the left (a time on the
        // day itself is after the date's text).
        let dateOnlyLeft = binary == .lessOrEqual || binary == .greater
        let dateOnlyRight = binary == .greaterOrEqual || binary == .less
        let x: Operand
        if let left { x = left } else { x = try literal(a, as: right?.type, dateOnlyTimestamp: dateOnlyLeft) }
        let y: Operand
        if let right { y = right } else { y = try literal(b, as: left?.type, dateOnlyTimestamp: dateOnlyRight) }
        try requireComparable(x, y)
        if binary != .equal, binary != .notEqual { try requireUnorderedText(x.type ?? y.type, "'\(op)'") }
        return Operand(expr: Expr(.binary(binary, x.expr, y.expr)), type: .bool)
    }

    private func inList(
        _ subject: SQLExpression, _ elements: [SQLExpression], negated: Bool
    ) throws(CheckUnsupported) -> Operand {
        guard !elements.isEmpty else { throw CheckUnsupported("uses an empty IN list") }
        let x = try typedTogether([subject])[0]
        var literals: [Literal] = []
        for element in elements {
            guard Self.isConstant(element) else { throw CheckUnsupported("lists something other than constants in IN") }
            let operand = try literal(element, as: x.type)
            try requireComparable(x, operand)
            guard case .literal(let value) = operand.expr.kind else {
                throw CheckUnsupported("lists something other than constants in IN")
            }
            literals.append(value)
        }
        return Operand(expr: Expr(.inList(x.expr, literals, negated: negated)), type: .bool)
    }

    /// `x IS TRUE` is `x is not null and x = true`; `x IS NOT TRUE` is `x is null or x = false`:
    /// never unknown, as in SQL.
    private func isBoolean(_ subject: SQLExpression, _ truth: Bool, negated: Bool) throws(CheckUnsupported) -> Operand {
        let x = try condition(subject)
        let test = Expr(.isNull(x.expr, negated: !negated))
        let equal = Expr(.binary(.equal, x.expr, Expr(.literal(.bool(truth != negated)))))
        return Operand(expr: Expr(.binary(negated ? .or : .and, test, equal)), type: .bool)
    }

    /// Operands of a comparison, `BETWEEN` or `IN` list: a NULL there makes the result never true
    /// (`x IN (1, NULL)` is never false either), which the spec language rejects as a mistake.
    private func requireComparable(_ x: Operand, _ y: Operand) throws(CheckUnsupported) {
        if Self.isNullLiteral(x) || Self.isNullLiteral(y) {
            throw CheckUnsupported("compares with NULL, which is never true (IS NULL tests for null)")
        }
        guard let a = x.type, let b = y.type else { return }
        guard Self.family(a) == Self.family(b) else {
            throw CheckUnsupported("compares \(Self.describe(a)) with \(Self.describe(b))")
        }
        if dialect == .sqlite, a != b, Self.family(a) == .temporal, !x.isLiteral, !y.isLiteral {
            throw CheckUnsupported("compares a date with a timestamp, which SQLite does as text")
        }
    }

    /// PostgreSQL orders text by the column's collation (`'a' < 'B'` in most locales), the spec
    /// language and SQLite by code point; equality is the same in both (deterministic collations).
    private func requireUnorderedText(_ type: ValueType?, _ use: String) throws(CheckUnsupported) {
        guard dialect == .postgres, type == .text || type == .uuid else { return }
        throw CheckUnsupported("orders text with \(use), which PostgreSQL does by the column's collation")
    }

    static func isNullLiteral(_ operand: Operand) -> Bool { operand.expr.kind == .literal(.null) }

    enum Family { case number, text, bool, temporal }

    static func family(_ type: ValueType) -> Family {
        switch type {
        case .int, .decimal, .float: .number
        case .text, .uuid: .text
        case .bool: .bool
        case .date, .timestamp: .temporal
        }
    }

    // MARK: - Arithmetic

    private static let arithmeticOperators: [String: BinaryOperator] = [
        "+": .add, "-": .subtract, "*": .multiply, "/": .divide, "%": .remainder,
    ]

    private func arithmetic(_ op: String, _ a: SQLExpression, _ b: SQLExpression) throws(CheckUnsupported) -> Operand {
        guard let binary = Self.arithmeticOperators[op] else { throw CheckUnsupported("uses the operator '\(op)'") }
        let operands = try typedTogether([a, b])
        let (x, y) = (operands[0], operands[1])
        try requireNumber(x, "'\(op)'")
        try requireNumber(y, "'\(op)'")
        if Self.isNullLiteral(x) || Self.isNullLiteral(y) {
            throw CheckUnsupported("applies '\(op)' to NULL, which is always null")
        }
        let isInteger = { (operand: Operand) in operand.type == .int || operand.type == nil }
        switch binary {
        case .divide where dialect == .sqlite && x.type != .float && y.type != .float:
            throw CheckUnsupported(
                "divides without a real operand: SQLite truncates the quotient of integers, and its numeric columns hold whole numbers as integers"
            )
        case .divide where isInteger(x) && isInteger(y):
            throw CheckUnsupported("divides integers, whose quotient SQL truncates")
        case .remainder where !(isInteger(x) && isInteger(y)):
            throw CheckUnsupported("takes a remainder of numbers that are not integers")
        default:
            break
        }
        return Operand(expr: Expr(.binary(binary, x.expr, y.expr)), type: Self.merged(x.type, y.type))
    }

    private func requireNumber(_ operand: Operand, _ use: String) throws(CheckUnsupported) {
        guard let type = operand.type else { return }
        guard type.isNumeric else { throw CheckUnsupported("applies \(use) to \(Self.describe(type))") }
    }

    /// The type of an arithmetic result.
    static func merged(_ a: ValueType?, _ b: ValueType?) -> ValueType? {
        switch (a, b) {
        case (nil, let other), (let other, nil): other
        case (.float, _), (_, .float): .float
        case (.int, .int): .int
        case (.decimal(let s), .decimal(let t)): .decimal(scale: max(s, t))
        case (.decimal(let s), _), (_, .decimal(let s)): .decimal(scale: s)
        default: a
        }
    }

    // MARK: - Casts and functions

    /// The type a cast's name means; SQLite casts to the name's affinity, so only those of
    /// INTEGER, REAL, TEXT and NUMERIC mean what they say.
    func castType(_ name: String) throws(CheckUnsupported) -> ValueType {
        switch (dialect, dialect.valueType(forDeclared: name)) {
        case (.sqlite, .int?): return .int
        case (.sqlite, .float?): return .float
        case (.sqlite, .text?): return .text
        case (.sqlite, .decimal(let scale)?): return .decimal(scale: scale)
        case (.postgres, let type?): return type
        case (.sqlite, _):
            throw CheckUnsupported("casts to '\(name)', which SQLite makes a number or text by the name's affinity")
        case (.postgres, nil):
            throw CheckUnsupported("casts to '\(name)', a type the spec language has no equivalent of")
        }
    }

    /// A column or computed value cast: allowed when it changes nothing the rule could see.
    private func cast(_ operand: Operand, to name: String) throws(CheckUnsupported) -> Operand {
        let target = try castType(name)
        guard let type = operand.type else { return Operand(expr: operand.expr, type: target) }
        let changes = "casts \(Self.describe(type)) to '\(name)'"
        switch (type, target) {
        case (_, .int) where type != .int:
            throw CheckUnsupported(changes + ", which rounds")
        case (.timestamp, .date):
            throw CheckUnsupported(changes + ", which drops the time of day")
        case (.date, .timestamp) where name.contains("with time zone") || name == "timestamptz":
            throw CheckUnsupported(changes + ", which depends on the server's time zone")
        default:
            guard Self.family(type) == Self.family(target) else { throw CheckUnsupported(changes) }
            return Operand(expr: operand.expr, type: target)
        }
    }

    private func call(_ name: String, _ arguments: [SQLExpression]) throws(CheckUnsupported) -> Operand {
        let spelled: String
        switch (name, arguments.count, dialect) {
        case ("length", 1, _), ("char_length", 1, .postgres), ("character_length", 1, .postgres):
            spelled = "length"
        case ("lower", 1, _), ("upper", 1, _), ("abs", 1, _), ("min", 2, .sqlite), ("max", 2, .sqlite):
            spelled = name
        case ("array", _, _):
            throw CheckUnsupported("uses an array")
        case ("greatest", _, .postgres), ("least", _, .postgres):
            throw CheckUnsupported("calls \(name)(), which ignores nulls where the spec language's max and min do not")
        default:
            throw CheckUnsupported("calls \(name)(), which the spec language has no equivalent of")
        }
        let operands = try typedTogether(arguments)
        let type: ValueType?
        switch spelled {
        case "length", "lower", "upper":
            guard operands[0].type == .text || operands[0].type == nil else {
                throw CheckUnsupported("applies \(name)() to \(Self.describe(operands[0].type))")
            }
            type = spelled == "length" ? .int : .text
        case "abs":
            try requireNumber(operands[0], "abs()")
            type = operands[0].type
        default:
            try requireComparable(operands[0], operands[1])
            type = operands[0].type.flatMap { Self.family($0) == .number ? Self.merged($0, operands[1].type) : $0 }
        }
        return Operand(expr: Expr(.call(Identifier(spelled), operands.map(\.expr))), type: type)
    }
}
