/// A number as written in a spec: the form is kept so `seedbed fmt` prints it back the same way.
public enum NumberLiteral: Hashable, Sendable {
    /// `42`, `10_000`
    case integer(Int)
    /// `0.95`
    case decimal(Double)
    /// `10%`, holding the number before the `%` (10), whose value is 0.10.
    case percent(Double)

    /// The number's value (a percentage divided by 100).
    public var value: Double {
        switch self {
        case .integer(let n): Double(n)
        case .decimal(let x): x
        case .percent(let p): p / 100
        }
    }

    /// The value as an integer, when the literal is one.
    public var integerValue: Int? {
        if case .integer(let n) = self { return n }
        return nil
    }

    /// The same literal with its sign flipped (for a leading `-`).
    public var negated: NumberLiteral {
        switch self {
        case .integer(let n): .integer(-n)
        case .decimal(let x): .decimal(-x)
        case .percent(let p): .percent(-p)
        }
    }
}

/// A constant value in a spec.
public enum Literal: Hashable, Sendable {
    case number(NumberLiteral)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    case bool(Bool)
    case null
}
