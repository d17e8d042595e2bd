/// SDMetrics DCRBaselineProtection: how far synthetic rows are from real rows, relative to
/// random rows: `min(median DCR(synthetic → real) / median DCR(random → real), 1)`.
///
/// The random rows match the synthetic row count and follow SDMetrics' baseline: numbers
/// uniform in the real [min, max] (whole numbers when every real value is whole, as for an
/// integer column or a date counted in days), categories uniform over the real categories, and
/// the real null rate re-applied.
public enum DCRBaselineProtection {
    public struct Result: Sendable, Hashable {
        /// In [0, 1]; 1 = synthetic rows are as far from real rows as random ones. `nil` when
        /// the random rows' median distance is 0.
        public var score: Double?
        public var syntheticMedian: Double
        public var randomMedian: Double
    }

    /// - Parameters:
    ///   - columns: the columns to compare: every non-key, non-PII column.
    ///   - seed: seeds the random baseline and any subsample.
    ///   - rowsSubsample: as SDMetrics' `num_rows_subsample`: when set, each of the real,
    ///     synthetic and random tables is cut to this many rows, drawn with the seed.
    /// - Returns: `nil` when either table has no rows.
    /// - Throws: `MetricError` for a missing column or one of a different kind on each side.
    public static func measure(
        real: MetricTable, synthetic: MetricTable, columns: [String], seed: UInt64 = 0, rowsSubsample: Int? = nil
    ) throws(MetricError) -> Result? {
        guard real.rowCount > 0, synthetic.rowCount > 0 else { return nil }
        var generator = SplitMix64(seed: seed)
        let realColumns = try real.selecting(columns, role: "real")
        let random = try randomBaseline(like: realColumns, rows: synthetic.rowCount, using: &generator)
        var realSample = real
        var syntheticSample = synthetic
        var randomSample = random
        if let rowsSubsample {
            func sample(_ table: MetricTable) -> MetricTable {
                table.rows(Sampling.indices(choosing: rowsSubsample, from: table.rowCount, using: &generator))
            }
            syntheticSample = sample(synthetic)
            randomSample = sample(random)
            realSample = sample(real)
        }
        let toReal = try DistanceToClosestRecord.distances(from: syntheticSample, to: realSample, columns: columns)
        let toRandom = try DistanceToClosestRecord.distances(from: randomSample, to: realSample, columns: columns)
        guard let syntheticMedian = median(toReal), let randomMedian = median(toRandom) else { return nil }
        return Result(
            score: randomMedian == 0 ? nil : Swift.min(syntheticMedian / randomMedian, 1),
            syntheticMedian: syntheticMedian, randomMedian: randomMedian)
    }

    /// Random rows in the real data's ranges and categories, with its null rates.
    static func randomBaseline(like real: MetricTable, rows: Int, using generator: inout SplitMix64)
        throws(MetricError) -> MetricTable
    {
        var columns: [MetricColumn] = []
        for column in real.columns {
            let nullRate = real.rowCount == 0 ? 0 : Double(column.nullCount) / Double(real.rowCount)
            switch column {
            case .numeric(let values):
                let present = values.compactMap { $0.flatMap { $0.isNaN ? nil : $0 } }
                guard let low = present.min(), let high = present.max() else {
                    columns.append(.numeric(Array(repeating: nil, count: rows)))
                    continue
                }
                let whole = present.allSatisfy { $0 == $0.rounded() && abs($0) < 0x1p53 }
                columns.append(
                    .numeric(
                        (0..<rows).map { _ in
                            let value: Double
                            if whole {
                                value = Double(Int64.random(in: Int64(low)...Int64(high), using: &generator))
                            } else {
                                value = low < high ? Double.random(in: low..<high, using: &generator) : low
                            }
                            return Double.random(in: 0..<1, using: &generator) < nullRate ? nil : value
                        }))
            case .categorical(let values):
                var seen = Set<String>()
                let categories = values.compactMap { $0 }.filter { seen.insert($0).inserted }
                columns.append(
                    .categorical(
                        (0..<rows).map { _ in
                            let value = categories.randomElement(using: &generator)
                            return Double.random(in: 0..<1, using: &generator) < nullRate ? nil : value
                        }))
            }
        }
        return try MetricTable(names: real.names, columns: columns)
    }
}
