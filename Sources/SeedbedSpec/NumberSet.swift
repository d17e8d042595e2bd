/// A set of numbers, dates or timestamps: a union of intervals over `Double`.
///
/// Dates are days and timestamps microseconds since 1970, both well inside the range where a
/// `Double` is exact, so one representation serves every ordered type. The intervals are kept
/// sorted, disjoint and not touching, so two equal sets compare equal and the satisfiability
/// search can deduplicate its boxes.
struct NumberSet: Hashable, Sendable {
    /// What the numbers stand for; it decides how a value is shown and which constants compare.
    enum Kind: Hashable, Sendable {
        case number
        case date
        case timestamp
    }

    /// An interval; an infinite bound is never included.
    struct Interval: Hashable, Sendable {
        var lower: Double
        var upper: Double
        var includesLower: Bool
        var includesUpper: Bool

        init(_ lower: Double, _ upper: Double, includesLower: Bool = true, includesUpper: Bool = true) {
            self.lower = lower
            self.upper = upper
            self.includesLower = includesLower && lower.isFinite
            self.includesUpper = includesUpper && upper.isFinite
        }

        static let everything = Interval(-.infinity, .infinity)

        var isPoint: Bool { lower == upper && includesLower && includesUpper }
    }

    private(set) var kind: Kind
    /// Whether only whole numbers occur (int columns, days, microseconds), so that `x > 3`
    /// means `x >= 4` and `x > 3 and x < 4` is empty.
    private(set) var isIntegral: Bool
    /// Sorted, disjoint, non-empty and not touching.
    private(set) var intervals: [Interval]

    init(kind: Kind = .number, isIntegral: Bool = false, intervals: [Interval]) {
        self.kind = kind
        self.isIntegral = isIntegral
        self.intervals = NumberSet.normalized(intervals, isIntegral: isIntegral)
    }

    static func all(_ kind: Kind = .number, isIntegral: Bool = false) -> NumberSet {
        NumberSet(kind: kind, isIntegral: isIntegral, intervals: [.everything])
    }

    static func point(_ value: Double, kind: Kind = .number) -> NumberSet {
        NumberSet(kind: kind, isIntegral: value == value.rounded(), intervals: [Interval(value, value)])
    }

    var isEmpty: Bool { intervals.isEmpty }
    var isEverything: Bool { intervals == [.everything] }

    /// The smallest interval holding the whole set.
    var hull: Interval? {
        guard let first = intervals.first, let last = intervals.last else { return nil }
        return Interval(first.lower, last.upper, includesLower: first.includesLower, includesUpper: last.includesUpper)
    }

    // MARK: - Set operations

    func intersection(_ other: NumberSet) -> NumberSet {
        var result: [Interval] = []
        var i = 0
        var j = 0
        // Both lists are sorted: a merge walk is linear.
        while i < intervals.count, j < other.intervals.count {
            let a = intervals[i]
            let b = other.intervals[j]
            var piece = Interval(
                Swift.max(a.lower, b.lower), Swift.min(a.upper, b.upper),
                includesLower: a.lower == b.lower
                    ? a.includesLower && b.includesLower
                    : (a.lower > b.lower ? a.includesLower : b.includesLower),
                includesUpper: a.upper == b.upper
                    ? a.includesUpper && b.includesUpper
                    : (a.upper < b.upper ? a.includesUpper : b.includesUpper))
            if piece.lower.isNaN || piece.upper.isNaN { piece = .everything }
            result.append(piece)
            if a.upper < b.upper || (a.upper == b.upper && !a.includesUpper) { i += 1 } else { j += 1 }
        }
        return NumberSet(kind: kind, isIntegral: isIntegral || other.isIntegral, intervals: result)
    }

    func union(_ other: NumberSet) -> NumberSet {
        // A union is integral only if both sides are: 3.5 ∪ {1, 2} still holds 3.5.
        NumberSet(kind: kind, isIntegral: isIntegral && other.isIntegral, intervals: intervals + other.intervals)
    }

    /// Every number of the same kind and integrality that is not in the set.
    func complement() -> NumberSet {
        var gaps: [Interval] = []
        var lower = -Double.infinity
        var includesLower = false
        for interval in intervals {
            gaps.append(
                Interval(lower, interval.lower, includesLower: includesLower, includesUpper: !interval.includesLower))
            lower = interval.upper
            includesLower = !interval.includesUpper
        }
        gaps.append(Interval(lower, .infinity, includesLower: includesLower))
        return NumberSet(kind: kind, isIntegral: isIntegral, intervals: gaps)
    }

    func subtracting(_ other: NumberSet) -> NumberSet { intersection(other.complement()) }

    /// The set of `-x` for every `x` in the set.
    func negated() -> NumberSet {
        NumberSet(
            kind: kind, isIntegral: isIntegral,
            intervals: intervals.map {
                Interval(-$0.upper, -$0.lower, includesLower: $0.includesUpper, includesUpper: $0.includesLower)
            })
    }

    // MARK: - Normal form

    private static func normalized(_ intervals: [Interval], isIntegral: Bool) -> [Interval] {
        var pieces: [Interval] = []
        pieces.reserveCapacity(intervals.count)
        for var piece in intervals {
            // NaN comes only from arithmetic on infinities; forgetting the bounds is the safe answer.
            if piece.lower.isNaN || piece.upper.isNaN { piece = .everything }
            if isIntegral {
                // Whole numbers only: tighten both bounds to the nearest integers inside.
                if piece.lower.isFinite {
                    piece.lower = piece.includesLower ? piece.lower.rounded(.up) : piece.lower.rounded(.down) + 1
                    piece.includesLower = true
                }
                if piece.upper.isFinite {
                    piece.upper = piece.includesUpper ? piece.upper.rounded(.down) : piece.upper.rounded(.up) - 1
                    piece.includesUpper = true
                }
            }
            let empty =
                piece.lower > piece.upper
                || (piece.lower == piece.upper && !(piece.includesLower && piece.includesUpper))
            if !empty { pieces.append(piece) }
        }
        guard pieces.count > 1 else { return pieces }
        pieces.sort { ($0.lower, $0.includesLower ? 0 : 1) < ($1.lower, $1.includesLower ? 0 : 1) }
        var merged: [Interval] = [pieces[0]]
        for piece in pieces.dropFirst() {
            let last = merged[merged.count - 1]
            let touches =
                piece.lower < last.upper
                || (piece.lower == last.upper && (last.includesUpper || piece.includesLower))
                || (isIntegral && piece.lower == last.upper + 1)
            if touches {
                if piece.upper > last.upper || (piece.upper == last.upper && piece.includesUpper) {
                    merged[merged.count - 1].upper = piece.upper
                    merged[merged.count - 1].includesUpper = piece.includesUpper
                }
            } else {
                merged.append(piece)
            }
        }
        return merged
    }
}

// MARK: - Comparisons with a constant

extension NumberSet {
    /// The numbers `x` (of any kind) for which `x op value` is true; `nil` for a non-comparison.
    static func satisfying(_ op: BinaryOperator, _ value: Double) -> NumberSet? {
        let intervals: [Interval]
        switch op {
        case .equal: intervals = [Interval(value, value)]
        case .notEqual:
            intervals = [
                Interval(-.infinity, value, includesUpper: false), Interval(value, .infinity, includesLower: false),
            ]
        case .less: intervals = [Interval(-.infinity, value, includesUpper: false)]
        case .lessOrEqual: intervals = [Interval(-.infinity, value)]
        case .greater: intervals = [Interval(value, .infinity, includesLower: false)]
        case .greaterOrEqual: intervals = [Interval(value, .infinity)]
        default: return nil
        }
        return NumberSet(intervals: intervals)
    }
}
