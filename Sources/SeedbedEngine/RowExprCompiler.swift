import SeedbedSpec

/// The rows a table's rules can read: its own row (level 0) and its ancestors, each reached
/// from a lower level through one referencing column.
struct RowLevels {
    struct Level {
        var table: Int
        /// The level holding the referencing column, and that column (nil for level 0).
        var parent: (level: Int, column: Int)?
    }

    var levels: [Level]

    /// Every ancestor reachable through references, breadth first; a table reached twice
    /// keeps its first path (the checker rejects rules that would need the other).
    init(table: Int, tables: [TableModel]) {
        levels = [Level(table: table, parent: nil)]
        var seen: Set<Int> = [table]
        var next = 0
        while next < levels.count {
            let current = levels[next]
            for (index, column) in tables[current.table].columns.enumerated() {
                guard let parent = column.reference?.table, seen.insert(parent).inserted else { continue }
                levels.append(Level(table: parent, parent: (next, index)))
            }
            next += 1
        }
    }

    func level(ofTable table: Int) -> Int? { levels.firstIndex { $0.table == table } }
}

/// Compiles spec expressions into `RowExpr`s for one table.
struct RowExprCompiler {
    /// What a compiled expression yields, so literals and mixed dates/timestamps convert once.
    enum Kind: Equatable {
        case number, date, timestamp, text, bool, null
    }

    let model: GenerationModel
    let table: Int
    let levels: RowLevels

    init(model: GenerationModel, table: Int) {
        self.model = model
        self.table = table
        levels = RowLevels(table: table, tables: model.tables)
    }

    static let microsPerDay = 86_400_000_000.0

    func compile(_ expr: Expr) -> RowExpr { compileTyped(expr).0 }

    func compileTyped(_ expr: Expr) -> (RowExpr, Kind) {
        switch expr.kind {
        case .literal(let literal):
            switch literal {
            case .number(let n): return (.constant(.number(n.value)), .number)
            case .string(let s): return (.constant(.text(s)), .text)
            case .date(let d): return (.constant(.number(Double(d))), .date)
            case .timestamp(let t): return (.constant(.number(Double(t))), .timestamp)
            case .bool(let b): return (.constant(.bool(b)), .bool)
            case .null: return (.constant(.null), .null)
            }
        case .column(let tableName, let column):
            let owner = tableName.flatMap { name in model.tables.firstIndex { $0.name == name.name } } ?? table
            let level = levels.level(ofTable: owner) ?? 0
            let columnIndex = model.tables[owner].column(named: column.name) ?? 0
            return (
                .column(level: level, column: columnIndex), Self.kind(of: model.tables[owner].columns[columnIndex].type)
            )
        case .call(let name, let arguments):
            return compileCall(name.name, arguments)
        case .negate(let operand):
            return (.negate(compile(operand)), .number)
        case .not(let operand):
            return (.not(compile(operand)), .bool)
        case .binary(.and, let a, let b):
            return (.and(compile(a), compile(b)), .bool)
        case .binary(.or, let a, let b):
            return (.or(compile(a), compile(b)), .bool)
        case .binary(let op, let a, let b):
            let (x, y) = unify(compileTyped(a), compileTyped(b))
            return op.isComparison ? (.compare(op, x, y), .bool) : (.arithmetic(op, x, y), .number)
        case .between(let value, let low, let high, let negated):
            let v = compileTyped(value)
            let (x, l) = unify(v, compileTyped(low))
            let (x2, h) = unify(v, compileTyped(high))
            _ = x2
            return (.between(x, l, h, negated: negated), .bool)
        case .inList(let value, let literals, let negated):
            let (x, kind) = compileTyped(value)
            let values = literals.map { literal -> RowValue in
                switch literal {
                case .date(let d): kind == .timestamp ? .number(Double(d) * Self.microsPerDay) : .number(Double(d))
                default: RowExprCompiler(model: model, table: table).literalValue(literal)
                }
            }
            return (.inList(x, values, negated: negated), .bool)
        case .isNull(let value, let negated):
            return (.isNull(compile(value), negated: negated), .bool)
        case .matches(let value, let pattern):
            let node = (try? PatternSyntax.parse(pattern.value)) ?? .sequence([])
            return (.matches(compile(value), PatternMatcher(node)), .bool)
        }
    }

    func literalValue(_ literal: Literal) -> RowValue {
        switch literal {
        case .number(let n): .number(n.value)
        case .string(let s): .text(s)
        case .date(let d): .number(Double(d))
        case .timestamp(let t): .number(Double(t))
        case .bool(let b): .bool(b)
        case .null: .null
        }
    }

    static func kind(of type: ValueType) -> Kind {
        switch type {
        case .int, .decimal, .float: .number
        case .date: .date
        case .timestamp: .timestamp
        case .bool: .bool
        case .text, .uuid: .text
        }
    }

    /// A date compared with a timestamp is read as its midnight in microseconds.
    private func unify(_ a: (RowExpr, Kind), _ b: (RowExpr, Kind)) -> (RowExpr, RowExpr) {
        switch (a.1, b.1) {
        case (.date, .timestamp): (Self.toMicros(a.0), b.0)
        case (.timestamp, .date): (a.0, Self.toMicros(b.0))
        default: (a.0, b.0)
        }
    }

    static func toMicros(_ expr: RowExpr) -> RowExpr {
        if case .constant(.number(let d)) = expr { return .constant(.number(d * microsPerDay)) }
        return .arithmetic(.multiply, expr, .constant(.number(microsPerDay)))
    }

    /// Calendar functions work on days; a timestamp argument is turned into its day.
    private func toDays(_ compiled: (RowExpr, Kind)) -> RowExpr {
        guard compiled.1 == .timestamp else { return compiled.0 }
        return .call(.floor, [.arithmetic(.divide, compiled.0, .constant(.number(Self.microsPerDay)))])
    }

    private func compileCall(_ name: String, _ arguments: [Expr]) -> (RowExpr, Kind) {
        let compiled = arguments.map(compileTyped)
        switch name {
        case "as_of":
            return (.constant(model.asOf.map { .number(Double($0)) } ?? .null), .date)
        case "years_between": return (.call(.yearsBetween, compiled.map(toDays)), .number)
        case "days_between": return (.call(.daysBetween, compiled.map(toDays)), .number)
        case "year": return (.call(.year, compiled.map(toDays)), .number)
        case "month": return (.call(.month, compiled.map(toDays)), .number)
        case "length": return (.call(.length, compiled.map(\.0)), .number)
        case "lower": return (.call(.lower, compiled.map(\.0)), .text)
        case "upper": return (.call(.upper, compiled.map(\.0)), .text)
        case "abs": return (.call(.abs, compiled.map(\.0)), compiled.first?.1 ?? .number)
        default:
            let (x, y) = compiled.count == 2 ? unify(compiled[0], compiled[1]) : (.constant(.null), .constant(.null))
            let kind = compiled.first { $0.1 != .null }?.1 ?? .null
            return (
                .call(name == "min" ? .min : .max, [x, y]),
                kind == .date && compiled.contains { $0.1 == .timestamp } ? .timestamp : kind
            )
        }
    }
}
