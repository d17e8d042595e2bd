/// A condition lowered for the refiner: columns numbered, constants folded, and every part the
/// analysis cannot reason about reduced to what can still be said of it.
indirect enum Formula: Hashable, Sendable {
    /// A condition whose value does not depend on the row: one truth value, or `.all` when the
    /// analysis cannot tell (such a part never narrows anything).
    case truth(TruthSet)
    case test(Int, ColumnTest)
    /// A condition over several columns (`a < b`) that is true or false only where none of
    /// them is null.
    case strict([Int])
    case not(Formula)
    case and(Formula, Formula)
    case or(Formula, Formula)

    static let opaque = Formula.truth(.all)
}

/// A constant an expression folds to.
enum Constant: Hashable, Sendable {
    case number(Double, NumberSet.Kind)
    /// A string or a bool.
    case literal(Literal)
    case null

    init(_ literal: Literal) {
        switch literal {
        case .number(let n): self = .number(n.value, .number)
        case .date(let days): self = .number(Double(days), .date)
        case .timestamp(let micros): self = .number(Double(micros), .timestamp)
        case .string, .bool: self = .literal(literal)
        case .null: self = .null
        }
    }
}

/// Lowers expressions of one rule or scenario to formulas.
struct FormulaBuilder {
    let universe: ColumnUniverse
    /// The table a bare column name belongs to; `nil` for a rule, where a bare name means the
    /// one table having such a column.
    let scope: String?

    /// Every column an expression names, in order of appearance; `nil` when one of them does
    /// not resolve (the name resolver reports it, and the analysis skips the item).
    func columns(of expression: Expr) -> [Int]? {
        var found: [Int] = []
        var resolved = true
        func visit(_ expression: Expr) {
            switch expression.kind {
            case .literal: break
            case .column(let table, let column):
                if let number = universe.resolve(table: table, column: column, scope: scope) {
                    if !found.contains(number) { found.append(number) }
                } else {
                    resolved = false
                }
            case .call(_, let arguments): arguments.forEach(visit)
            case .negate(let operand), .not(let operand), .isNull(let operand, _), .matches(let operand, _),
                .inList(let operand, _, _):
                visit(operand)
            case .binary(_, let lhs, let rhs):
                visit(lhs)
                visit(rhs)
            case .between(let operand, let low, let high, _):
                [operand, low, high].forEach(visit)
            }
        }
        visit(expression)
        return resolved ? found : nil
    }

    func lower(_ expression: Expr) -> Formula {
        switch expression.kind {
        case .literal(let literal):
            switch literal {
            case .bool(let value): return .truth(value ? .true : .false)
            case .null: return .truth(.unknown)
            default: return .opaque
            }
        case .column:
            // A bool column used as a condition.
            guard let column = column(expression), case .literals(let set) = universe.domains[column].values,
                !set.isCofinite, set.members.allSatisfy({ if case .bool = $0 { true } else { false } })
            else { return .opaque }
            return .test(column, .literals(whenTrue: LiteralSet([.bool(true)]), whenFalse: LiteralSet([.bool(false)])))
        case .not(let operand):
            return .not(lower(operand))
        case .binary(.and, let lhs, let rhs):
            return .and(lower(lhs), lower(rhs))
        case .binary(.or, let lhs, let rhs):
            return .or(lower(lhs), lower(rhs))
        case .binary(let op, let lhs, let rhs) where op.isComparison:
            return comparison(op, lhs, rhs, whole: expression)
        case .between(let operand, let low, let high, let negated):
            // SQL defines `x between a and b` as `x >= a and x <= b`, nulls included.
            let both = Formula.and(
                comparison(.greaterOrEqual, operand, low, whole: expression),
                comparison(.lessOrEqual, operand, high, whole: expression))
            return negated ? .not(both) : both
        case .inList(let operand, let values, let negated):
            let test = membership(operand, values, whole: expression)
            return negated ? .not(test) : test
        case .isNull(let operand, let negated):
            let test: Formula
            if let column = column(operand) {
                test = .test(column, .isNull)
            } else if let value = constant(operand) {
                test = .truth(value == .null ? .true : .false)
            } else {
                test = .opaque
            }
            return negated ? .not(test) : test
        case .matches:
            return strict(expression) ?? .opaque
        case .call, .negate, .binary:
            return .opaque
        }
    }

    // MARK: - Atoms

    private func comparison(_ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr, whole: Expr) -> Formula {
        let left = constant(lhs)
        let right = constant(rhs)
        if let left, let right { return .truth(Self.compare(op, left, right)) }
        if let form = linear(lhs), let right { return test(form, op, right) }
        if let form = linear(rhs), let left { return test(form, op.flipped, left) }
        return strict(whole) ?? .opaque
    }

    func test(_ column: Int, _ op: BinaryOperator, _ value: Constant) -> Formula {
        switch (universe.domains[column].values, value) {
        case (_, .null):
            return .truth(.unknown)
        case (.numbers(let set), .number(let number, let kind)) where kind == set.kind:
            guard let whenTrue = NumberSet.satisfying(op, number) else { return .opaque }
            return .test(column, .numbers(whenTrue: whenTrue, whenFalse: whenTrue.complement()))
        case (.literals, .literal(let literal)) where op == .equal || op == .notEqual:
            let equal = LiteralSet([literal])
            return .test(
                column,
                op == .equal
                    ? .literals(whenTrue: equal, whenFalse: equal.complement())
                    : .literals(whenTrue: equal.complement(), whenFalse: equal))
        default:
            return .test(column, .opaque)
        }
    }

    private func membership(_ operand: Expr, _ values: [Literal], whole: Expr) -> Formula {
        // With a null in the list, a value not in it compares unknown rather than false.
        let hasNull = values.contains(.null)
        let listed = values.filter { $0 != .null }
        if let value = constant(operand) {
            if value == .null { return .truth(.unknown) }
            if listed.contains(where: { Constant($0) == value }) { return .truth(.true) }
            return .truth(hasNull ? .unknown : .false)
        }
        guard let column = column(operand) else { return strict(whole) ?? .opaque }
        switch universe.domains[column].values {
        case .numbers(let set):
            var points: [NumberSet.Interval] = []
            for literal in listed {
                guard case .number(let number, let kind) = Constant(literal), kind == set.kind else {
                    return .test(column, .opaque)
                }
                points.append(.init(number, number))
            }
            let whenTrue = NumberSet(intervals: points)
            return .test(
                column,
                .numbers(whenTrue: whenTrue, whenFalse: hasNull ? NumberSet(intervals: []) : whenTrue.complement()))
        case .literals:
            guard listed.allSatisfy({ if case .literal = Constant($0) { true } else { false } }) else {
                return .test(column, .opaque)
            }
            let whenTrue = LiteralSet(Set(listed))
            return .test(column, .literals(whenTrue: whenTrue, whenFalse: hasNull ? .empty : whenTrue.complement()))
        case .unknown:
            return .test(column, .opaque)
        }
    }

    /// What can still be said of a condition the analysis cannot split: if it is null whenever
    /// a column in it is, it is true or false only where all of them are set.
    private func strict(_ expression: Expr) -> Formula? {
        guard let columns = strictColumns(expression) else { return nil }
        switch columns.count {
        case 0: return nil
        case 1: return .test(columns[0], .opaque)
        default: return .strict(columns)
        }
    }

    private static let strictFunctions: Set<String> = [
        "years_between", "days_between", "year", "month", "as_of", "length", "lower", "upper", "abs",
    ]

    private func strictColumns(_ expression: Expr) -> [Int]? {
        switch expression.kind {
        case .literal(let literal): return literal == .null ? nil : []
        case .column: return column(expression).map { [$0] }
        case .negate(let operand), .matches(let operand, _): return strictColumns(operand)
        case .binary(let op, let lhs, let rhs) where op.isComparison || op.isArithmetic:
            guard let left = strictColumns(lhs), let right = strictColumns(rhs) else { return nil }
            return left + right.filter { !left.contains($0) }
        case .call(let name, let arguments) where Self.strictFunctions.contains(name.name):
            var columns: [Int] = []
            for argument in arguments {
                guard let found = strictColumns(argument) else { return nil }
                columns += found.filter { !columns.contains($0) }
            }
            return columns
        default: return nil
        }
    }

    // MARK: - Constants and columns

    func column(_ expression: Expr) -> Int? {
        guard case .column(let table, let column) = expression.kind else { return nil }
        return universe.resolve(table: table, column: column, scope: scope)
    }

    /// The constant an expression folds to: a literal, `-` of one, arithmetic on them, `as_of()`.
    func constant(_ expression: Expr) -> Constant? {
        switch expression.kind {
        case .literal(let literal):
            return Constant(literal)
        case .negate(let operand):
            guard case .number(let value, .number)? = constant(operand) else { return nil }
            return .number(-value, .number)
        case .call(let name, let arguments) where name.name == "as_of" && arguments.isEmpty:
            return universe.asOf.map { .number(Double($0), .date) }
        case .binary(let op, let lhs, let rhs) where op.isArithmetic:
            guard case .number(let a, let kindA)? = constant(lhs), case .number(let b, let kindB)? = constant(rhs),
                let result = DomainBuilder.arithmetic(
                    op, .point(a, kind: kindA), .point(b, kind: kindB)),
                let hull = result.hull, hull.isPoint
            else { return nil }
            return .number(hull.lower, result.kind)
        default:
            return nil
        }
    }

    private static func compare(_ op: BinaryOperator, _ a: Constant, _ b: Constant) -> TruthSet {
        switch (a, b) {
        case (.null, _), (_, .null):
            return .unknown
        case (.number(let x, let kindX), .number(let y, let kindY)) where kindX == kindY:
            guard let holds = NumberSet.satisfying(op, y)?.intersection(.point(x)) else { return .all }
            return holds.isEmpty ? .false : .true
        case (.literal(let x), .literal(let y)) where op == .equal || op == .notEqual:
            return (x == y) == (op == .equal) ? .true : .false
        default:
            return .all
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped: `3 < x` is `x > 3`.
    var flipped: BinaryOperator {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: self
        }
    }
}
