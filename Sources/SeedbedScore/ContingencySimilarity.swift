/// SDMetrics ContingencySimilarity: 1 minus the total variation distance between the joint
/// frequency tables of two discrete columns. Null is a category of its own
/// (`groupby(dropna=False)`).
public enum ContingencySimilarity {
    /// A pair's score with the real association behind it.
    public struct Breakdown: Sendable, Hashable {
        /// `nil` when the real table has fewer than two rows or columns or its association is
        /// within the threshold (only checked when the threshold is above 0).
        public var score: Double?
        /// Cramér's V of the real table, when a threshold asked for it.
        public var realAssociation: Double?
    }

    /// - Parameters:
    ///   - real: the two real columns, each `numeric` (already discrete) or `categorical`.
    ///   - synthetic: the two synthetic columns, of the same kinds.
    ///   - realAssociationThreshold: as SDMetrics' `real_association_threshold`: when the real
    ///     Cramér's V is at most this, the pair shows no real trend and scores `nil`.
    /// - Complexity: O(n + m) expected.
    public static func breakdown(
        real: (MetricColumn, MetricColumn), synthetic: (MetricColumn, MetricColumn),
        realAssociationThreshold: Double = 0
    ) -> Breakdown {
        var first = ValueCodebook()
        var second = ValueCodebook()
        let realCodes = (first.encode(real.0), second.encode(real.1))
        let syntheticCodes = (first.encode(synthetic.0), second.encode(synthetic.1))
        return breakdown(
            real: realCodes, synthetic: syntheticCodes, firstCodeCount: Int(first.count),
            secondCodeCount: Int(second.count),
            realAssociationThreshold: realAssociationThreshold)
    }

    /// The score alone; see `breakdown`.
    public static func score(
        real: (MetricColumn, MetricColumn), synthetic: (MetricColumn, MetricColumn),
        realAssociationThreshold: Double = 0
    ) -> Double? {
        breakdown(real: real, synthetic: synthetic, realAssociationThreshold: realAssociationThreshold).score
    }

    /// The breakdown over codes: the first column's codes lie in `0..<firstCodeCount`, the
    /// second's in `0..<secondCodeCount`.
    static func breakdown(
        real: ([Int32], [Int32]), synthetic: ([Int32], [Int32]), firstCodeCount: Int, secondCodeCount: Int,
        realAssociationThreshold: Double
    ) -> Breakdown {
        guard !real.0.isEmpty, !synthetic.0.isEmpty else { return Breakdown(score: nil, realAssociation: nil) }
        let cells = JointCounts(
            real: real, synthetic: synthetic, firstCodeCount: firstCodeCount, secondCodeCount: secondCodeCount)
        var association: Double?
        if realAssociationThreshold > 0 {
            guard let v = cells.realCramersV(firstCodeCount: firstCodeCount, secondCodeCount: secondCodeCount) else {
                return Breakdown(score: nil, realAssociation: nil)
            }
            association = v
            if v <= realAssociationThreshold { return Breakdown(score: nil, realAssociation: v) }
        }
        let n = Double(real.0.count)
        let m = Double(synthetic.0.count)
        var variation = 0.0
        for cell in cells.cells {
            variation += abs(Double(cell.real) / n - Double(cell.synthetic) / m)
        }
        // Shares that cancel exactly can leave the sum a rounding error above 2.
        return Breakdown(score: Swift.max(0, 1 - variation / 2), realAssociation: association)
    }
}

/// The non-empty cells of the joint frequency table of two coded columns, real and synthetic.
struct JointCounts {
    struct Cell {
        var first: Int32
        var second: Int32
        var real: Int
        var synthetic: Int
    }

    private(set) var cells: [Cell] = []
    private(set) var realTotal = 0

    /// Counts in a flat array when the table is small enough (the usual case, and many times
    /// faster than hashing a million pairs), in a dictionary otherwise.
    init(real: ([Int32], [Int32]), synthetic: ([Int32], [Int32]), firstCodeCount: Int, secondCodeCount: Int) {
        realTotal = real.0.count
        let width = secondCodeCount
        if firstCodeCount.multipliedReportingOverflow(by: width).partialValue <= 1 << 22,
            !firstCodeCount.multipliedReportingOverflow(by: width).overflow
        {
            var realCounts = [Int](repeating: 0, count: firstCodeCount * width)
            var syntheticCounts = realCounts
            Self.count(real, width: width, into: &realCounts)
            Self.count(synthetic, width: width, into: &syntheticCounts)
            for index in realCounts.indices where realCounts[index] > 0 || syntheticCounts[index] > 0 {
                cells.append(
                    Cell(
                        first: Int32(index / width), second: Int32(index % width), real: realCounts[index],
                        synthetic: syntheticCounts[index]))
            }
        } else {
            var counts: [Int64: (real: Int, synthetic: Int)] = [:]
            let wide = Int64(width)
            for (a, b) in zip(real.0, real.1) { counts[Int64(a) * wide + Int64(b), default: (0, 0)].real += 1 }
            for (a, b) in zip(synthetic.0, synthetic.1) {
                counts[Int64(a) * wide + Int64(b), default: (0, 0)].synthetic += 1
            }
            for (key, count) in counts {
                cells.append(
                    Cell(
                        first: Int32(key / wide), second: Int32(key % wide), real: count.real,
                        synthetic: count.synthetic))
            }
        }
    }

    /// Adds each row's cell to `counts`, a flat table `width` codes wide: the inner loop of
    /// every contingency table, over buffers so it runs without bounds checks.
    private static func count(_ codes: ([Int32], [Int32]), width: Int, into counts: inout [Int]) {
        codes.0.withUnsafeBufferPointer { first in
            codes.1.withUnsafeBufferPointer { second in
                counts.withUnsafeMutableBufferPointer { counts in
                    for row in 0..<Swift.min(first.count, second.count) {
                        counts[Int(first[row]) &* width &+ Int(second[row])] += 1
                    }
                }
            }
        }
    }

    /// Cramér's V without continuity correction (scipy `association(method='cramer')`) of the
    /// real table over the values present in the real data; `nil` when that table has fewer
    /// than two rows or columns.
    func realCramersV(firstCodeCount: Int, secondCodeCount: Int) -> Double? {
        var rowTotals = [Double](repeating: 0, count: firstCodeCount)
        var columnTotals = [Double](repeating: 0, count: secondCodeCount)
        for cell in cells where cell.real > 0 {
            rowTotals[Int(cell.first)] += Double(cell.real)
            columnTotals[Int(cell.second)] += Double(cell.real)
        }
        let smaller = Swift.min(rowTotals.count { $0 > 0 }, columnTotals.count { $0 > 0 })
        guard smaller >= 2, realTotal > 0 else { return nil }
        let n = Double(realTotal)
        // chi² = Σ O²/E - n over all cells; empty cells contribute 0 to the sum.
        var sum = 0.0
        for cell in cells where cell.real > 0 {
            let expected = rowTotals[Int(cell.first)] * columnTotals[Int(cell.second)] / n
            sum += Double(cell.real) * Double(cell.real) / expected
        }
        let chiSquared = Swift.max(0, sum - n)
        return (chiSquared / n / Double(smaller - 1)).squareRoot()
    }
}
