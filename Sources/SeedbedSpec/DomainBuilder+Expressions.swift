// The range a derived column's expression can take, by interval arithmetic on the domains of
// the columns it reads. Only the bounds of each operand are used (its hull), which loses holes
// but never values.

extension DomainBuilder {
    mutating func evaluate(_ expression: Expr, scope: String) -> Domain {
        switch expression.kind {
        case .literal(let literal):
            return Self.constant(literal)
        case .column(let table, let column):
            guard let number = universe.resolve(table: table, column: column, scope: scope) else { return .unknown }
            var value = domain(of: number)
            // A parent behind a nullable reference may be missing, and then its columns read null.
            let owner = universe.columns[number].table
            if owner != scope, universe.ancestors(of: scope).uncertain.contains(owner) { value.mayBeNull = true }
            return value
        case .negate(let operand):
            let value = evaluate(operand, scope: scope)
            guard case .numbers(let set) = value.values else { return .unknown }
            return Domain(.numbers(set.negated()), mayBeNull: value.mayBeNull)
        case .binary(let op, let lhs, let rhs) where op.isArithmetic:
            let a = evaluate(lhs, scope: scope)
            let b = evaluate(rhs, scope: scope)
            guard case .numbers(let x) = a.values, case .numbers(let y) = b.values,
                let result = Self.arithmetic(op, x, y)
            else { return .unknown }
            // Division by zero gives null in SQLite.
            return Domain(.numbers(result), mayBeNull: a.mayBeNull || b.mayBeNull || op == .divide || op == .remainder)
        case .call(let name, let arguments):
            let values = arguments.map { evaluate($0, scope: scope) }
            guard let result = call(name.name, values) else { return .unknown }
            return result
        case .isNull:
            return Domain(.literals(.bools), mayBeNull: false)
        default:
            // A condition used as a value: true or false, and null wherever anything in it may be.
            return Domain(.literals(.bools), mayBeNull: mayBeNull(expression, scope: scope))
        }
    }

    /// Whether an expression may be null: it reads a nullable column, holds `null`, divides, or
    /// calls a function the analysis does not know.
    private mutating func mayBeNull(_ expression: Expr, scope: String) -> Bool {
        switch expression.kind {
        case .literal(let literal): return literal == .null
        case .column: return evaluate(expression, scope: scope).mayBeNull
        case .call(let name, let arguments):
            return !Self.knownFunctions.contains(name.name) || arguments.contains { mayBeNull($0, scope: scope) }
        case .negate(let operand), .not(let operand), .isNull(let operand, _), .matches(let operand, _):
            return mayBeNull(operand, scope: scope)
        case .binary(let op, let lhs, let rhs):
            return op == .divide || op == .remainder || mayBeNull(lhs, scope: scope) || mayBeNull(rhs, scope: scope)
        case .between(let operand, let low, let high, _):
            return [operand, low, high].contains { mayBeNull($0, scope: scope) }
        case .inList(let operand, let values, _):
            return values.contains(.null) || mayBeNull(operand, scope: scope)
        }
    }

    static let knownFunctions: Set<String> = [
        "years_between", "days_between", "year", "month", "as_of", "length", "lower", "upper", "abs", "min", "max",
    ]

    static func constant(_ literal: Literal) -> Domain {
        switch literal {
        case .number(let n): Domain(.numbers(.point(n.value)), mayBeNull: false)
        case .date(let days): Domain(.numbers(.point(Double(days), kind: .date)), mayBeNull: false)
        case .timestamp(let micros): Domain(.numbers(.point(Double(micros), kind: .timestamp)), mayBeNull: false)
        case .string, .bool: Domain(.literals(LiteralSet([literal])), mayBeNull: false)
        case .null: Domain(.literals(.empty), mayBeNull: true)
        }
    }

    // MARK: - Arithmetic

    /// `x op y` over the hulls of both sets; `nil` when the kinds do not combine.
    static func arithmetic(_ op: BinaryOperator, _ x: NumberSet, _ y: NumberSet) -> NumberSet? {
        let kind: NumberSet.Kind
        switch (op, x.kind, y.kind) {
        case (.add, let k, .number), (.subtract, let k, .number): kind = k
        case (.add, .number, let k): kind = k
        case (.subtract, .date, .date), (.subtract, .timestamp, .timestamp): kind = .number
        case (.multiply, .number, .number), (.divide, .number, .number), (.remainder, .number, .number): kind = .number
        default: return nil
        }
        guard let a = x.hull, let b = y.hull else { return NumberSet(kind: kind, intervals: []) }
        let isIntegral = x.isIntegral && y.isIntegral
        switch op {
        case .add:
            return NumberSet(
                kind: kind, isIntegral: isIntegral, intervals: [.init(a.lower + b.lower, a.upper + b.upper)])
        case .subtract:
            return NumberSet(
                kind: kind, isIntegral: isIntegral, intervals: [.init(a.lower - b.upper, a.upper - b.lower)])
        case .multiply:
            let products = [a.lower * b.lower, a.lower * b.upper, a.upper * b.lower, a.upper * b.upper]
            // 0 × ∞ is NaN: the bounds are unknown then.
            guard let low = products.min(), let high = products.max(), !products.contains(where: \.isNaN) else {
                return .all(kind, isIntegral: isIntegral)
            }
            return NumberSet(kind: kind, isIntegral: isIntegral, intervals: [.init(low, high)])
        default:
            return .all(kind)
        }
    }

    // MARK: - Functions

    private func call(_ name: String, _ arguments: [Domain]) -> Domain? {
        let mayBeNull = arguments.contains(where: \.mayBeNull)
        let sets: [NumberSet] = arguments.compactMap {
            if case .numbers(let set) = $0.values { set } else { nil }
        }
        func result(_ lower: Double, _ upper: Double, kind: NumberSet.Kind = .number) -> Domain {
            Domain(
                .numbers(NumberSet(kind: kind, isIntegral: true, intervals: [.init(lower, upper)])),
                mayBeNull: mayBeNull)
        }
        switch (name, arguments.count, sets.count) {
        case ("as_of", 0, _):
            guard let asOf = universe.asOf else {
                return Domain(.numbers(.all(.date, isIntegral: true)), mayBeNull: false)
            }
            return Domain(.numbers(.point(Double(asOf), kind: .date)), mayBeNull: false)
        case ("years_between", 2, 2), ("days_between", 2, 2):
            guard let start = Self.days(sets[0]), let end = Self.days(sets[1]) else { return nil }
            // Timestamps lose their time of day here, which can shift a count by one.
            let slack: Double = start.exact && end.exact ? 0 : 1
            if name == "days_between" {
                return result(end.lower - start.upper - slack, end.upper - start.lower + slack)
            }
            // Years grow with the end date and shrink with the start date.
            return result(
                Self.years(from: start.upper, to: end.lower, else: -.infinity) - slack,
                Self.years(from: start.lower, to: end.upper, else: .infinity) + slack)
        case ("year", 1, 1), ("month", 1, 1):
            guard let span = Self.days(sets[0]) else { return nil }
            let first = Self.civil(span.lower)
            let last = Self.civil(span.upper)
            if name == "year" { return result(first?.year ?? -.infinity, last?.year ?? .infinity) }
            guard let first, let last, first.year == last.year else { return result(1, 12) }
            return result(first.month, last.month)
        case ("length", 1, _):
            return result(0, .infinity)
        case ("lower", 1, _), ("upper", 1, _):
            return Domain(.literals(.anything), mayBeNull: mayBeNull)
        case ("abs", 1, 1):
            guard let hull = sets[0].hull else { return Domain(.numbers(sets[0]), mayBeNull: mayBeNull) }
            let lower = hull.lower >= 0 ? hull.lower : hull.upper <= 0 ? -hull.upper : 0
            let upper = Swift.max(abs(hull.lower), abs(hull.upper))
            let set = NumberSet(kind: sets[0].kind, isIntegral: sets[0].isIntegral, intervals: [.init(lower, upper)])
            return Domain(.numbers(set), mayBeNull: mayBeNull)
        case ("min", 2, 2), ("max", 2, 2):
            guard sets[0].kind == sets[1].kind, let a = sets[0].hull, let b = sets[1].hull else { return nil }
            let isIntegral = sets[0].isIntegral && sets[1].isIntegral
            // PostgreSQL's LEAST and GREATEST skip a null, so either operand may come through alone.
            let interval: NumberSet.Interval =
                mayBeNull
                ? .init(Swift.min(a.lower, b.lower), Swift.max(a.upper, b.upper))
                : name == "min"
                    ? .init(Swift.min(a.lower, b.lower), Swift.min(a.upper, b.upper))
                    : .init(Swift.max(a.lower, b.lower), Swift.max(a.upper, b.upper))
            let set = NumberSet(kind: sets[0].kind, isIntegral: isIntegral, intervals: [interval])
            return Domain(.numbers(set), mayBeNull: mayBeNull)
        default:
            return nil
        }
    }

    /// The span of a date or timestamp set in whole days; `exact` is false for timestamps.
    private static func days(_ set: NumberSet) -> (lower: Double, upper: Double, exact: Bool)? {
        let perDay = 86_400_000_000.0
        switch (set.kind, set.hull) {
        case (.date, let hull?): return (hull.lower, hull.upper, true)
        case (.timestamp, let hull?):
            return ((hull.lower / perDay).rounded(.down), (hull.upper / perDay).rounded(.down), false)
        default: return nil
        }
    }

    /// Day numbers beyond this (about 2.7 million years) are treated as unbounded, so the
    /// conversion to `Int` is always safe.
    private static let dayLimit = 1e9

    private static func years(from start: Double, to end: Double, else unbounded: Double) -> Double {
        guard abs(start) < dayLimit, abs(end) < dayLimit else { return unbounded }
        return Double(CivilDate.yearsBetween(Int(start), Int(end)))
    }

    private static func civil(_ days: Double) -> (year: Double, month: Double)? {
        guard abs(days) < dayLimit else { return nil }
        let date = CivilDate.civil(fromDays: Int(days))
        return (Double(date.year), Double(date.month))
    }
}
