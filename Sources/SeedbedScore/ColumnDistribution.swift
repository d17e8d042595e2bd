import SeedbedSpec

/// A small picture of one compared column on both sides, for charts: the baseline (real rows or a
/// profile) and the generated data over the same bins or categories.
///
/// Both sides are shares of their own non-null values, so a profile (which keeps quantiles and
/// category counts, never rows) and real rows give the same shape; `values` and `nulls` say how
/// many rows stand behind the shares when that is known. Only aggregates, never a row.
public struct ColumnDistribution: Sendable, Hashable {
    /// Equal-width bins over the baseline's range.
    public static let binCount = 20
    /// The baseline's most frequent categories shown one by one; the rest are `other`.
    public static let categoryLimit = 12

    public enum Slots: Sendable, Hashable {
        /// `binCount + 1` edges: bin i is `[edges[i], edges[i + 1])`, the last one closed.
        case bins(edges: [Double])
        /// The categories shown, most frequent in the baseline first.
        case categories([String])
    }

    /// What the edges of a date or timestamp column count, so a chart can write them as dates.
    /// Plain numbers have none.
    public enum Unit: String, Sendable, Hashable {
        /// Days since 1970-01-01 (the scorer's dates, and a profile's).
        case date
        /// Microseconds since 1970-01-01T00:00:00Z (the scorer's timestamps).
        case timestamp
        /// Seconds since 1970-01-01T00:00:00Z (a profile's timestamps).
        case timestampSeconds = "timestamp_seconds"

        /// The unit of these values times `scale`: against a profile, generated timestamps are
        /// scaled by 1e-6 into its seconds. `nil` for a scale no unit here names.
        public func scaled(by scale: Double) -> Unit? {
            switch (self, scale) {
            case (_, 1): self
            case (.timestamp, 1e-6): .timestampSeconds
            case (.timestampSeconds, 1e6): .timestamp
            default: nil
            }
        }
    }

    public struct Side: Sendable, Hashable {
        /// Non-null values and nulls read; nil when the baseline does not say (a profile's side).
        public var values: Int?
        public var nulls: Int?
        /// The share of non-null values in each bin or category, in the order of `slots`.
        public var shares: [Double]
        /// Numbers: the shares below the first edge and above the last (only generated values
        /// fall there, since the edges span the baseline). Zero for categories.
        public var under = 0.0
        public var over = 0.0
        /// Categories: the share of every category not shown. Zero for numbers.
        public var other = 0.0

        public init(values: Int?, nulls: Int?, shares: [Double]) {
            self.values = values
            self.nulls = nulls
            self.shares = shares
        }

        /// The share of rows that are null, when both counts are known.
        public var nullShare: Double? {
            guard let values, let nulls, values + nulls > 0 else { return nil }
            return Double(nulls) / Double(values + nulls)
        }
    }

    public var slots: Slots
    public var real: Side
    public var synthetic: Side
    /// Set by the scorecard for date and timestamp columns (bins only).
    public var unit: Unit? = nil
}

// MARK: - Numbers

extension ColumnDistribution {
    /// Real and generated values in `binCount` equal-width bins over the real range (numpy's
    /// conventions, as `Binning`: (0, 1) without a real value, widened by 0.5 around one value).
    /// - Parameter edges: the bins' edges when the caller already has the real range.
    /// - Complexity: O(n + m).
    static func numeric(real: [Double?], synthetic: [Double?], edges: [Double]? = nil) -> ColumnDistribution {
        let edges = edges ?? Binning.edges(of: real, binCount: binCount)
        return ColumnDistribution(
            slots: .bins(edges: edges), real: side(real, edges: edges), synthetic: side(synthetic, edges: edges))
    }

    /// `binCount` equal-width edges over the range of coarser edges (the same first and last).
    /// For whole numbers, bins a whole number of units wide centred on the integers instead (at
    /// most `binCount`): 20 fractional widths over ages 18…80 would hold three values and four in
    /// turn, and draw a comb no data has.
    static func edges(spanning coarse: [Double], wholeNumbers: Bool = false) -> [Double] {
        guard let low = coarse.first, let high = coarse.last else { return Binning.edges(of: [], binCount: binCount) }
        if wholeNumbers, low.rounded() == low, high.rounded() == high, high > low {
            let width = ((high - low + 1) / Double(binCount)).rounded(.up)
            let count = Int(((high - low + 1) / width).rounded(.up))
            return (0...count).map { low - 0.5 + Double($0) * width }
        }
        let step = (high - low) / Double(binCount)
        return (0..<binCount).map { low + Double($0) * step } + [high]
    }

    /// Whether every value present is a whole number.
    static func wholeNumbers(_ values: [Double?]) -> Bool {
        values.allSatisfy { $0.map { $0.rounded() == $0 } ?? true }
    }

    /// One side's shares: one pass, each value's bin found by division and checked against the
    /// edges, so rounding never moves a value across one.
    static func side(_ values: [Double?], edges: [Double]) -> Side { side(values, edges: edges, counting: nil).side }

    /// `side(_:edges:)`, also counting the values inside `bounds` in the same pass (for
    /// BoundaryAdherence).
    static func side(_ values: [Double?], edges: [Double], counting bounds: ClosedRange<Double>?) -> (
        side: Side, inside: Int
    ) {
        let bins = edges.count - 1
        var counts = [Int](repeating: 0, count: bins + 2)
        var nulls = 0
        var inside = 0
        let lowest = bounds?.lowerBound ?? .infinity
        let highest = bounds?.upperBound ?? -.infinity
        guard let low = edges.first, let high = edges.last, bins > 0, high > low else {
            for value in values {
                if let value, value >= lowest && value <= highest { inside += 1 }
            }
            let empty = [Double](repeating: 0, count: Swift.max(0, bins))
            return (Side(values: 0, nulls: values.count, shares: empty), inside)
        }
        let scale = Double(bins) / (high - low)
        edges.withUnsafeBufferPointer { edges in
            counts.withUnsafeMutableBufferPointer { counts in
                for value in values {
                    guard let value, !value.isNaN else {
                        nulls += 1
                        continue
                    }
                    if value >= lowest && value <= highest { inside += 1 }
                    // Slot 0 is under, 1...bins the bins, bins + 1 over.
                    if value < low {
                        counts[0] += 1
                    } else if value > high {
                        counts[bins + 1] += 1
                    } else {
                        var bin = Swift.min(bins - 1, Swift.max(0, Int((value - low) * scale)))
                        while bin > 0, value < edges[bin] { bin -= 1 }
                        while bin < bins - 1, value >= edges[bin + 1] { bin += 1 }
                        counts[bin + 1] += 1
                    }
                }
            }
        }
        let total = values.count - nulls
        func share(_ count: Int) -> Double { total > 0 ? Double(count) / Double(total) : 0 }
        var side = Side(values: total, nulls: nulls, shares: counts[1...bins].map(share))
        side.under = share(counts[0])
        side.over = share(counts[bins + 1])
        return (side, inside)
    }

    /// Against a profile: the real side is the mass its piecewise linear quantile function (the
    /// CDF through the quantiles, a jump where they tie) puts in each bin over its own range.
    /// - Parameters:
    ///   - quantiles: at 0, 1/(q-1), …, 1, in the profile's unit.
    ///   - synthetic: generated values already in that unit.
    /// - Returns: nil when the profile has fewer than two quantiles.
    static func profile(quantiles: [Double], synthetic: [Double?]) -> ColumnDistribution? {
        let knots = quantiles.filter { !$0.isNaN }
        guard knots.count >= 2, let first = knots.first, let last = knots.last else { return nil }
        let edges = edges(
            spanning: Binning.edges(of: [first, last], binCount: binCount),
            wholeNumbers: knots.allSatisfy { $0.rounded() == $0 } && wholeNumbers(synthetic))
        // Shares of [edges[i], edges[i + 1]) from the CDF's left limits; the last bin takes the
        // rest, including a point mass at the maximum.
        var shares: [Double] = []
        let bins = edges.count - 1
        for bin in 0..<bins {
            let upper = bin == bins - 1 ? 1 : leftCDF(knots, at: edges[bin + 1])
            shares.append(Swift.max(0, upper - leftCDF(knots, at: edges[bin])))
        }
        return ColumnDistribution(
            slots: .bins(edges: edges), real: Side(values: nil, nulls: nil, shares: shares),
            synthetic: side(synthetic, edges: edges))
    }

    /// The profile's CDF just below x: linear between neighbouring quantiles.
    static func leftCDF(_ knots: [Double], at x: Double) -> Double {
        let index = knots.countBelow(x) - 1
        if index < 0 { return 0 }
        if index >= knots.count - 1 { return 1 }
        let step = 1 / Double(knots.count - 1)
        let span = knots[index + 1] - knots[index]
        return Double(index) * step + (span > 0 ? step * (x - knots[index]) / span : 0)
    }
}

// MARK: - Categories

extension ColumnDistribution {
    /// From codes already made for TVComplement: the `categoryLimit` most frequent real
    /// categories (then generated-only ones), ties in code order, which is first appearance.
    /// - Complexity: O(n + m + c log c) for c codes; strings are only looked up for the shown ones.
    static func categorical(
        real: [Int32], synthetic: [Int32], codeCount: Int, null: Int32?, realValues: [String?],
        syntheticValues: [String?]
    ) -> ColumnDistribution {
        var realCounts = [Int](repeating: 0, count: codeCount)
        var syntheticCounts = [Int](repeating: 0, count: codeCount)
        for code in real { realCounts[Int(code)] += 1 }
        for code in synthetic { syntheticCounts[Int(code)] += 1 }
        // Most real rows first, then most generated rows, then first appearance.
        func key(_ code: Int) -> (Int, Int, Int) { (realCounts[code], syntheticCounts[code], -code) }
        let present = (0..<codeCount).filter { Int32($0) != null && realCounts[$0] + syntheticCounts[$0] > 0 }
        let ranked = present.sorted { key($0) > key($1) }
        let shown = Array(ranked.prefix(categoryLimit))
        // The string of each shown code: its first row on either side.
        var names = [String?](repeating: nil, count: codeCount)
        var wanted = [Bool](repeating: false, count: codeCount)
        for code in shown { wanted[code] = true }
        var missing = shown.count
        for (codes, values) in [(real, realValues), (synthetic, syntheticValues)] where missing > 0 {
            for (row, code) in codes.enumerated() where wanted[Int(code)] {
                wanted[Int(code)] = false
                names[Int(code)] = values[row]
                missing -= 1
                if missing == 0 { break }
            }
        }
        let nullCode = null.map(Int.init)
        func side(_ counts: [Int]) -> Side {
            let nulls = nullCode.map { counts[$0] } ?? 0
            let total = counts.reduce(0, +) - nulls
            func share(_ count: Int) -> Double { total > 0 ? Double(count) / Double(total) : 0 }
            let listed = shown.map { counts[$0] }
            var side = Side(values: total, nulls: nulls, shares: listed.map(share))
            side.other = share(total - listed.reduce(0, +))
            return side
        }
        return ColumnDistribution(
            slots: .categories(shown.map { names[$0] ?? "" }), real: side(realCounts),
            synthetic: side(syntheticCounts))
    }

    /// Against a profile's category counts (its `other` rows are never shown one by one).
    static func profile(
        counts: [(value: String, count: Int)], otherRows: Int, synthetic: [String?]
    ) -> ColumnDistribution {
        var merged: [String: Int] = [:]
        var order: [String] = []
        for entry in counts {
            if merged[entry.value] == nil { order.append(entry.value) }
            merged[entry.value, default: 0] += entry.count
        }
        // Most rows first, then the profile's order.
        func key(_ entry: (offset: Int, element: String)) -> (Int, Int) { (merged[entry.element] ?? 0, -entry.offset) }
        let shown = order.enumerated().sorted { key($0) > key($1) }.prefix(categoryLimit).map(\.element)
        let realTotal = merged.values.reduce(otherRows, +)
        func share(_ count: Int, of total: Int) -> Double { total > 0 ? Double(count) / Double(total) : 0 }
        var real = Side(
            values: realTotal, nulls: nil, shares: shown.map { share(merged[$0] ?? 0, of: realTotal) })
        real.other = share(realTotal - shown.reduce(0) { $0 + (merged[$1] ?? 0) }, of: realTotal)

        let index = Dictionary(shown.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var generated = [Int](repeating: 0, count: shown.count)
        var nulls = 0
        var other = 0
        for value in synthetic {
            guard let value else {
                nulls += 1
                continue
            }
            if let slot = index[value] { generated[slot] += 1 } else { other += 1 }
        }
        let total = synthetic.count - nulls
        var side = Side(values: total, nulls: nulls, shares: generated.map { share($0, of: total) })
        side.other = share(other, of: total)
        return ColumnDistribution(slots: .categories(shown), real: real, synthetic: side)
    }
}
