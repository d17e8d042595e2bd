/// A value as rules see it, with SQL's null.
public enum SQLValue: Hashable, Sendable {
    case null
    case number(Double)
    case text(String)
    case bool(Bool)
    /// Days since 1970-01-01.
    case date(Int)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)

    public init(_ literal: Literal) {
        switch literal {
        case .number(let n): self = .number(n.value)
        case .string(let s): self = .text(s)
        case .date(let d): self = .date(d)
        case .timestamp(let t): self = .timestamp(t)
        case .bool(let b): self = .bool(b)
        case .null: self = .null
        }
    }
}

/// SQL's three truth values: a comparison with null is unknown.
public enum Truth: Sendable {
    case `true`, `false`, unknown
}

/// Evaluates rules on rows, following the spec's semantics (SQL nulls, the functions of
/// SPEC-LANGUAGE.md).
///
/// It reads values through a lookup and shares nothing with the generator's sampling plan,
/// so it can judge what the generator made.
public struct RuleEvaluator: Sendable {
    /// The dataset's `as of` date (days since 1970-01-01).
    public var asOf: Int?

    public init(asOf: Int?) {
        self.asOf = asOf
    }

    /// Whether a row breaks a rule: `when` true and `require` false, or `when` true and `forbid` true.
    /// - Parameter lookup: the value of `TABLE.COLUMN` (table `nil` for a bare column) in the row and its parents.
    public func isViolated(_ rule: RuleDecl, lookup: (String?, String) -> SQLValue) -> Bool {
        if let condition = rule.condition, truth(condition, lookup: lookup) != .true { return false }
        let body = truth(rule.body, lookup: lookup)
        return rule.requirement == .require ? body == .false : body == .true
    }

    /// Whether a rule's `when` holds for a row (the rule has no `when`: always).
    public func applies(_ rule: RuleDecl, lookup: (String?, String) -> SQLValue) -> Bool {
        rule.condition.map { truth($0, lookup: lookup) == .true } ?? true
    }

    public func truth(_ expr: Expr, lookup: (String?, String) -> SQLValue) -> Truth {
        switch evaluate(expr, lookup: lookup) {
        case .bool(let b): b ? .true : .false
        default: .unknown
        }
    }

    public func evaluate(_ expr: Expr, lookup: (String?, String) -> SQLValue) -> SQLValue {
        switch expr.kind {
        case .literal(let literal):
            return SQLValue(literal)
        case .column(let table, let column):
            return lookup(table?.name, column.name)
        case .call(let name, let arguments):
            return call(name.name, arguments.map { evaluate($0, lookup: lookup) })
        case .negate(let operand):
            if case .number(let x) = evaluate(operand, lookup: lookup) { return .number(-x) }
            return .null
        case .not(let operand):
            switch truth(operand, lookup: lookup) {
            case .true: return .bool(false)
            case .false: return .bool(true)
            case .unknown: return .null
            }
        case .binary(.and, let a, let b):
            let (x, y) = (truth(a, lookup: lookup), truth(b, lookup: lookup))
            if x == .false || y == .false { return .bool(false) }
            return x == .true && y == .true ? .bool(true) : .null
        case .binary(.or, let a, let b):
            let (x, y) = (truth(a, lookup: lookup), truth(b, lookup: lookup))
            if x == .true || y == .true { return .bool(true) }
            return x == .false && y == .false ? .bool(false) : .null
        case .binary(let op, let a, let b):
            let (x, y) = (evaluate(a, lookup: lookup), evaluate(b, lookup: lookup))
            return op.isComparison ? compare(op, x, y) : arithmetic(op, x, y)
        case .between(let value, let low, let high, let negated):
            let x = evaluate(value, lookup: lookup)
            let above = compare(.greaterOrEqual, x, evaluate(low, lookup: lookup))
            let below = compare(.lessOrEqual, x, evaluate(high, lookup: lookup))
            let both: SQLValue =
                above == .bool(false) || below == .bool(false)
                ? .bool(false) : (above == .bool(true) && below == .bool(true) ? .bool(true) : .null)
            return negated ? not(both) : both
        case .inList(let value, let literals, let negated):
            let x = evaluate(value, lookup: lookup)
            if x == .null { return .null }
            var result: SQLValue = .bool(false)
            for literal in literals {
                let equal = compare(.equal, x, SQLValue(literal))
                if equal == .bool(true) {
                    result = .bool(true)
                    break
                }
                if equal == .null { result = .null }
            }
            return negated ? not(result) : result
        case .isNull(let value, let negated):
            return .bool((evaluate(value, lookup: lookup) == .null) != negated)
        case .matches(let value, let pattern):
            guard case .text(let text) = evaluate(value, lookup: lookup) else { return .null }
            return .bool(PatternMatcher.matches(text, pattern: pattern.value))
        }
    }

    // MARK: - Operators

    private func not(_ value: SQLValue) -> SQLValue {
        if case .bool(let b) = value { return .bool(!b) }
        return .null
    }

    /// Dates and timestamps compare on one scale: microseconds.
    private func ordered(_ value: SQLValue) -> Double? {
        switch value {
        case .number(let x): x
        case .date(let d): Double(d) * 86_400_000_000
        case .timestamp(let t): Double(t)
        default: nil
        }
    }

    private func compare(_ op: BinaryOperator, _ x: SQLValue, _ y: SQLValue) -> SQLValue {
        if x == .null || y == .null { return .null }
        let order: Int
        if let a = ordered(x), let b = ordered(y) {
            order = a < b ? -1 : (a > b ? 1 : 0)
        } else if case .text(let a) = x, case .text(let b) = y {
            order = a < b ? -1 : (a > b ? 1 : 0)
        } else if case .bool(let a) = x, case .bool(let b) = y {
            order = a == b ? 0 : (!a ? -1 : 1)
        } else {
            return .null
        }
        switch op {
        case .equal: return .bool(order == 0)
        case .notEqual: return .bool(order != 0)
        case .less: return .bool(order < 0)
        case .lessOrEqual: return .bool(order <= 0)
        case .greater: return .bool(order > 0)
        default: return .bool(order >= 0)
        }
    }

    private func arithmetic(_ op: BinaryOperator, _ x: SQLValue, _ y: SQLValue) -> SQLValue {
        guard case .number(let a) = x, case .number(let b) = y else { return .null }
        switch op {
        case .add: return .number(a + b)
        case .subtract: return .number(a - b)
        case .multiply: return .number(a * b)
        case .divide: return b == 0 ? .null : .number(a / b)
        default: return b == 0 ? .null : .number(a.truncatingRemainder(dividingBy: b))
        }
    }

    private func days(_ value: SQLValue) -> Int? {
        switch value {
        case .date(let d): d
        case .timestamp(let t): Int((Double(t) / 86_400_000_000).rounded(.down))
        default: nil
        }
    }

    private func call(_ name: String, _ arguments: [SQLValue]) -> SQLValue {
        switch name {
        case "as_of":
            return asOf.map(SQLValue.date) ?? .null
        case "years_between", "days_between":
            guard let a = days(arguments[0]), let b = days(arguments[1]) else { return .null }
            return .number(Double(name == "days_between" ? b - a : CivilDate.yearsBetween(a, b)))
        case "year", "month":
            guard let d = days(arguments[0]) else { return .null }
            let civil = CivilDate.civil(fromDays: d)
            return .number(Double(name == "year" ? civil.year : civil.month))
        case "length":
            guard case .text(let s) = arguments[0] else { return .null }
            return .number(Double(s.count))
        case "lower", "upper":
            guard case .text(let s) = arguments[0] else { return .null }
            return .text(name == "lower" ? s.lowercased() : s.uppercased())
        case "abs":
            guard case .number(let x) = arguments[0] else { return .null }
            return .number(Swift.abs(x))
        case "min", "max":
            if arguments.contains(.null) { return .null }
            let less = compare(.less, arguments[0], arguments[1]) == .bool(true)
            return (name == "min") == less ? arguments[0] : arguments[1]
        default:
            return .null
        }
    }
}
