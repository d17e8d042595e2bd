extension IntervalSet {
    /// A comparison of a column with a constant, as rules write them.
    public enum Comparison: Hashable, Sendable, CaseIterable {
        case less
        case lessOrEqual
        case greater
        case greaterOrEqual
        case equal
        case notEqual

        /// Whether `value` compares so with `constant` (false for NaN, as in SQL).
        public func holds(_ value: Double, _ constant: Double) -> Bool {
            switch self {
            case .less: value < constant
            case .lessOrEqual: value <= constant
            case .greater: value > constant
            case .greaterOrEqual: value >= constant
            case .equal: value == constant
            case .notEqual: value != constant && !value.isNaN && !constant.isNaN
            }
        }
    }

    /// The values `x` for which `x <comparison> constant` holds.
    ///
    /// A NaN constant gives the empty set; infinite constants give what the comparison
    /// means on the reals (`x < +∞` is everything, `x = +∞` nothing).
    public init(_ comparison: Comparison, _ constant: Double) {
        guard !constant.isNaN else {
            self = .empty
            return
        }
        switch comparison {
        case .less:
            self.init(Interval(lower: -.infinity, upper: constant, includesUpper: false))
        case .lessOrEqual:
            self.init(Interval(lower: -.infinity, upper: constant))
        case .greater:
            self.init(Interval(lower: constant, upper: .infinity, includesLower: false))
        case .greaterOrEqual:
            self.init(Interval(lower: constant, upper: .infinity))
        case .equal:
            self.init(Interval(lower: constant, upper: constant))
        case .notEqual:
            var set = IntervalSet.empty
            set.appendMerging(Interval(lower: -.infinity, upper: constant, includesUpper: false))
            set.appendMerging(Interval(lower: constant, upper: .infinity, includesLower: false))
            self = set
        }
    }

    private init(_ interval: Interval?) {
        storage = interval.map { .one($0) } ?? .none
    }

    /// The values of this set that also satisfy `x <comparison> constant`.
    /// - Complexity: O(n) for n intervals; no allocation when the result has at most two.
    public func intersection(_ comparison: Comparison, _ constant: Double) -> IntervalSet {
        if case .one(let only) = storage, comparison != .notEqual {
            // The common case in the per-row loop: one interval narrowed by one bound.
            guard case .one(let bound) = IntervalSet(comparison, constant).storage else { return .empty }
            return IntervalSet(only.intersection(bound))
        }
        return intersection(IntervalSet(comparison, constant))
    }

    /// The values in both sets.
    /// - Complexity: O(n + m).
    public func intersection(_ other: IntervalSet) -> IntervalSet {
        var result = IntervalSet.empty
        var i = 0
        var j = 0
        let count = self.count
        let otherCount = other.count
        while i < count, j < otherCount {
            let a = self[i]
            let b = other[j]
            result.appendMerging(a.intersection(b))
            // The interval that ends first cannot meet anything after the other one.
            if a.endsBefore(b) { i += 1 } else { j += 1 }
        }
        return result
    }

    /// The values in either set.
    /// - Complexity: O(n + m).
    public func union(_ other: IntervalSet) -> IntervalSet {
        var result = IntervalSet.empty
        var i = 0
        var j = 0
        let count = self.count
        let otherCount = other.count
        while i < count || j < otherCount {
            if j == otherCount || (i < count && self[i].startsBefore(other[j])) {
                result.appendMerging(self[i])
                i += 1
            } else {
                result.appendMerging(other[j])
                j += 1
            }
        }
        return result
    }

    /// The real numbers not in the set.
    /// - Complexity: O(n).
    public var complement: IntervalSet {
        var result = IntervalSet.empty
        var gapLower = -Double.infinity
        var gapIncludesLower = false
        for interval in self {
            result.appendMerging(
                Interval(
                    lower: gapLower, upper: interval.lower,
                    includesLower: gapIncludesLower, includesUpper: !interval.includesLower))
            gapLower = interval.upper
            gapIncludesLower = !interval.includesUpper
        }
        result.appendMerging(Interval(lower: gapLower, upper: .infinity, includesLower: gapIncludesLower))
        return result
    }

    /// The values in this set and not in `other`.
    /// - Complexity: O(n + m).
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        intersection(other.complement)
    }
}
