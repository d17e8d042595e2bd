extension NameResolver {
    /// Where an expression stands, which decides what a column name means.
    enum Scope {
        /// A derived column: a bare name is a column of this table; `T.C` reads this table or a parent.
        case table(String)
        /// A rule: columns are written `TABLE.COLUMN`.
        case rule
        /// A scenario: a bare name is a column of its table; `T.C` reads it or a parent.
        case scenario(String)
    }

    static let functions: [String: Int] = [
        "years_between": 2, "days_between": 2, "year": 1, "month": 1, "as_of": 0, "length": 1, "lower": 1,
        "upper": 1, "abs": 1, "min": 2, "max": 2,
    ]

    // MARK: - Types

    mutating func typeOf(_ expr: Expr, scope: Scope) -> ExprType {
        switch expr.kind {
        case .literal(let literal):
            return ExprType(literal)
        case .column(let table, let column):
            return typeOfColumn(table: table, column: column, at: expr.range, scope: scope)
        case .call(let name, let arguments):
            return typeOfCall(name, arguments, scope: scope)
        case .negate(let operand):
            let type = typeOf(operand, scope: scope)
            if type != .unknown, !type.isNumber {
                error(
                    .arithmeticNeedsNumbers("-", found: describe(operand, type), isTemporal: type.isTemporal),
                    at: expr.range)
            }
            return type.isNumber ? type : .unknown
        case .not(let operand):
            requireCondition(operand, scope: scope)
            return .bool
        case .binary(let op, let lhs, let rhs):
            return typeOfBinary(op, lhs, rhs, at: expr.range, scope: scope)
        case .between(let value, let low, let high, _):
            let types = [value, low, high].map { typeOf($0, scope: scope) }
            for (bound, type) in zip([low, high], types.dropFirst()) where !types[0].isComparable(with: type) {
                error(.cannotCompare(describe(value, types[0]), describe(bound, type)), at: bound.range)
            }
            return .bool
        case .inList(let value, let literals, _):
            let type = typeOf(value, scope: scope)
            for literal in literals {
                if literal == .null {
                    error(.comparisonWithNull, at: expr.range)
                } else if !type.isComparable(with: ExprType(literal)) {
                    error(.cannotCompare(describe(value, type), Self.describe(literal)), at: expr.range)
                }
            }
            return .bool
        case .isNull(let value, _):
            _ = typeOf(value, scope: scope)
            return .bool
        case .matches(let value, let pattern):
            let type = typeOf(value, scope: scope)
            if type != .unknown, type != .text { error(.matchesNeedsText(describe(value, type)), at: value.range) }
            checkPattern(pattern)
            return .bool
        }
    }

    /// Checks that an expression is a condition (true or false).
    mutating func requireCondition(_ expr: Expr, scope: Scope) {
        let type = typeOf(expr, scope: scope)
        if type != .bool, type != .unknown {
            error(.conditionNotBoolean(describe(expr, type)), at: expr.range)
        }
    }

    /// How an operand is named in a message: `customer.age (int)`, `"old" (text)`.
    func describe(_ expr: Expr, _ type: ExprType) -> String {
        var text = parsed.source.text(expr.range)
        if text.unicodeScalars.count > 40 { text = String(text.unicodeScalars.prefix(40)) + "…" }
        if text.isEmpty { return type.description }
        return "\(text) (\(type))"
    }

    private mutating func typeOfBinary(
        _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, at range: SourceRange, scope: Scope
    )
        -> ExprType
    {
        if op == .and || op == .or {
            requireCondition(lhs, scope: scope)
            requireCondition(rhs, scope: scope)
            return .bool
        }
        let a = typeOf(lhs, scope: scope)
        let b = typeOf(rhs, scope: scope)
        if op.isComparison {
            if a == .null || b == .null {
                warning(.comparisonWithNull, at: range)
            } else if !a.isComparable(with: b) {
                error(.cannotCompare(describe(lhs, a), describe(rhs, b)), at: range)
            }
            return .bool
        }
        for (operand, type) in [(lhs, a), (rhs, b)] where type != .unknown && !type.isNumber {
            error(
                .arithmeticNeedsNumbers(op.rawValue, found: describe(operand, type), isTemporal: type.isTemporal),
                at: operand.range)
            return .unknown
        }
        guard case .number(let integerA) = a, case .number(let integerB) = b else { return .unknown }
        return .number(integer: integerA && integerB && op != .divide)
    }

    private mutating func typeOfCall(_ name: Identifier, _ arguments: [Expr], scope: Scope) -> ExprType {
        let types = arguments.map { typeOf($0, scope: scope) }
        guard let arity = Self.functions[name.name] else {
            error(
                .unknownFunction(name.name), at: name.range,
                help: Suggestions.help(for: name.name, in: Self.functions.keys))
            return .unknown
        }
        guard arguments.count == arity else {
            error(.functionArity(name.name, arity), at: name.range)
            return .unknown
        }
        func expect(_ expected: String, _ accepts: (ExprType) -> Bool) -> Bool {
            for (argument, type) in zip(arguments, types) where type != .unknown && type != .null && !accepts(type) {
                error(
                    .argumentTypeMismatch(function: name.name, expected: expected, found: describe(argument, type)),
                    at: argument.range)
                return false
            }
            return true
        }
        switch name.name {
        case "years_between", "days_between", "year", "month":
            return expect("dates", \.isTemporal) ? .number(integer: true) : .unknown
        case "as_of":
            if spec.dataset?.asOf == nil { error(.asOfMissing, at: name.range) }
            return .date
        case "length":
            return expect("text", { $0 == .text }) ? .number(integer: true) : .unknown
        case "lower", "upper":
            return expect("text", { $0 == .text }) ? .text : .unknown
        case "abs":
            return expect("a number", \.isNumber) ? types[0] : .unknown
        default:  // min, max
            guard expect("numbers or dates", { $0.isNumber || $0.isTemporal }) else { return .unknown }
            if !types[0].isComparable(with: types[1]) {
                error(
                    .argumentTypeMismatch(
                        function: name.name, expected: "two values of one type", found: "\(types[0]) and \(types[1])"),
                    at: name.range)
                return .unknown
            }
            if case .number(let a) = types[0], case .number(let b) = types[1] { return .number(integer: a && b) }
            return types[0] == .null ? types[1] : types[0]
        }
    }

    // MARK: - Columns

    private mutating func typeOfColumn(table: Identifier?, column: Identifier, at range: SourceRange, scope: Scope)
        -> ExprType
    {
        let tableName: String
        switch (table, scope) {
        case (let table?, _):
            guard tables[table.name] != nil else {
                error(
                    .unknownTable(table.name), at: table.range, help: Suggestions.help(for: table.name, in: tables.keys)
                )
                return .unknown
            }
            tableName = table.name
        case (nil, .table(let name)), (nil, .scenario(let name)):
            tableName = name
        case (nil, .rule):
            let owners = tables.values.filter { $0.column(named: column.name) != nil }.map(\.name.name).sorted()
            let help =
                owners.isEmpty ? nil : "write \(owners.map { "'\($0).\(column.name)'" }.joined(separator: " or "))"
            error(.unqualifiedColumn(column.name), at: range, help: help)
            return .unknown
        }
        guard let found = columnType(tableName, column.name) else {
            let candidates = tables[tableName]?.columns.map(\.name.name) ?? []
            error(
                .unknownColumn(column.name, table: tableName), at: column.range,
                help: Suggestions.help(for: column.name, in: candidates))
            return .unknown
        }
        return found.map(ExprType.init) ?? .unknown
    }

    // MARK: - Reach

    /// Checks that every table an expression names is `anchor` or one of its parents, reached by one path.
    mutating func checkReach(_ expr: Expr, from anchor: String) {
        let reach = ancestors(of: anchor)
        var reported = Set<String>()
        for reference in expr.columnReferences {
            guard let table = reference.table, table != anchor, tables[table] != nil, reported.insert(table).inserted
            else {
                continue
            }
            guard let paths = reach[table] else {
                error(.notInScope(table, scope: anchor), at: reference.range)
                continue
            }
            if paths.count > 1 {
                let columns = paths.map { $0.first ?? "" }
                error(.ambiguousParent(child: anchor, parent: table, via: columns), at: reference.range)
            }
        }
    }
}
