/// A non-empty interval of real numbers, each end open or closed.
///
/// The values are `Double`s and the infinities are ends, never members: `x > 3` is
/// `(3, +∞)`. An interval always holds at least one `Double`, so `(3, 3)` and
/// `(1, 1.nextUp)` cannot be built; that is what lets `IntervalSet` decide emptiness
/// by looking at its count.
public struct Interval: Hashable, Sendable, CustomStringConvertible {
    public let lower: Double
    public let upper: Double
    public let includesLower: Bool
    public let includesUpper: Bool

    /// The interval between `lower` and `upper`, or nil when it holds no `Double`.
    ///
    /// Infinite ends are always open, whatever is asked, because infinities are not values.
    public init?(lower: Double, upper: Double, includesLower: Bool = true, includesUpper: Bool = true) {
        guard lower <= upper, lower < .infinity, upper > -.infinity else { return nil }  // also rejects NaN
        let closedLower = includesLower && lower.isFinite
        let closedUpper = includesUpper && upper.isFinite
        if lower == upper {
            guard closedLower, closedUpper else { return nil }
        } else if !closedLower, !closedUpper, upper == lower.nextUp {
            return nil
        }
        self.init(unchecked: lower, upper, closedLower, closedUpper)
    }

    /// The closed interval `range` (its infinite ends open), or nil for `-.infinity ... -.infinity`
    /// and `.infinity ... .infinity`.
    public init?(_ range: ClosedRange<Double>) {
        self.init(lower: range.lowerBound, upper: range.upperBound)
    }

    init(unchecked lower: Double, _ upper: Double, _ includesLower: Bool, _ includesUpper: Bool) {
        self.lower = lower
        self.upper = upper
        self.includesLower = includesLower
        self.includesUpper = includesUpper
    }

    /// The interval of all real numbers, `(−∞, +∞)`.
    public static let all = Interval(unchecked: -.infinity, .infinity, false, false)

    /// Whether `value` lies in the interval (never for NaN or the infinities).
    public func contains(_ value: Double) -> Bool {
        (value > lower || (includesLower && value == lower)) && (value < upper || (includesUpper && value == upper))
    }

    /// Whether the interval is the single value `lower`.
    public var isPoint: Bool { lower == upper }

    public var description: String {
        "\(includesLower ? "[" : "(")\(Self.format(lower)), \(Self.format(upper))\(includesUpper ? "]" : ")")"
    }

    private static func format(_ value: Double) -> String {
        switch value {
        case .infinity: "+∞"
        case -.infinity: "−∞"
        default: "\(value)"
        }
    }

    // MARK: - Algebra on single intervals

    /// The common part of two intervals, or nil when they do not meet.
    public func intersection(_ other: Interval) -> Interval? {
        let (lower, includesLower) =
            self.lower > other.lower || (self.lower == other.lower && !self.includesLower)
            ? (self.lower, self.includesLower) : (other.lower, other.includesLower)
        let (upper, includesUpper) =
            self.upper < other.upper || (self.upper == other.upper && !self.includesUpper)
            ? (self.upper, self.includesUpper) : (other.upper, other.includesUpper)
        return Interval(lower: lower, upper: upper, includesLower: includesLower, includesUpper: includesUpper)
    }

    /// Whether `self` starts before `other` (a closed end starts before an open one at the same value).
    func startsBefore(_ other: Interval) -> Bool {
        lower < other.lower || (lower == other.lower && includesLower && !other.includesLower)
    }

    /// Whether `self` ends before `other` (an open end ends before a closed one at the same value).
    func endsBefore(_ other: Interval) -> Bool {
        upper < other.upper || (upper == other.upper && !includesUpper && other.includesUpper)
    }

    /// Whether `next`, which does not start before `self`, overlaps or touches it, so the two
    /// form one interval.
    func joins(_ next: Interval) -> Bool {
        next.lower < upper || (next.lower == upper && (includesUpper || next.includesLower))
    }

    /// The smallest interval holding `self` and `next` (only meaningful when `joins(next)`).
    func extended(to next: Interval) -> Interval {
        endsBefore(next)
            ? Interval(unchecked: lower, next.upper, includesLower, next.includesUpper)
            : self
    }
}
