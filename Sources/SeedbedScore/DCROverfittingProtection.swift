/// SDMetrics DCROverfittingProtection: whether synthetic rows sit closer to the rows the
/// generator learnt from than to real rows it never saw. With p the share of synthetic rows
/// strictly closer to the training rows than to the holdout rows, the score is
/// `min(2 (1 - p), 1)`: 1 when p ≤ 0.5, as for a generator that did not memorise.
public enum DCROverfittingProtection {
    public struct Result: Sendable, Hashable {
        public var score: Double
        public var closerToTraining: Double
        public var closerToHoldout: Double
    }

    /// - Parameters:
    ///   - training: the real rows the generator (or its profile) was built from.
    ///   - holdout: real rows kept out of it.
    ///   - rowsSubsample: as SDMetrics' `num_rows_subsample`: when set, each table is cut to
    ///     this many rows, drawn with `seed`.
    /// - Returns: `nil` when any table has no rows.
    /// - Throws: `MetricError` for a missing column or one of a different kind.
    public static func measure(
        training: MetricTable, holdout: MetricTable, synthetic: MetricTable, columns: [String],
        seed: UInt64 = 0, rowsSubsample: Int? = nil
    ) throws(MetricError) -> Result? {
        guard training.rowCount > 0, holdout.rowCount > 0, synthetic.rowCount > 0 else { return nil }
        var (syntheticSample, trainingSample, holdoutSample) = (synthetic, training, holdout)
        if let rowsSubsample {
            var generator = SplitMix64(seed: seed)
            func sample(_ table: MetricTable) -> MetricTable {
                table.rows(Sampling.indices(choosing: rowsSubsample, from: table.rowCount, using: &generator))
            }
            syntheticSample = sample(synthetic)
            trainingSample = sample(training)
            holdoutSample = sample(holdout)
        }
        // Each reference normalises by its own ranges, as SDMetrics' calculate_dcr does.
        let toTraining = try DistanceToClosestRecord.distances(
            from: syntheticSample, to: trainingSample, columns: columns)
        let toHoldout = try DistanceToClosestRecord.distances(
            from: syntheticSample, to: holdoutSample, columns: columns)
        let closer = zip(toTraining, toHoldout).count { $0 < $1 }
        let p = Double(closer) / Double(toTraining.count)
        return Result(score: Swift.min(2 * (1 - p), 1), closerToTraining: p, closerToHoldout: 1 - p)
    }
}
