/// A distance-based membership-inference attack (the "no-box" attack of the MIA literature):
/// the attacker guesses that a real row was in the generator's training data when some
/// synthetic row lies close to it. Each real row's attack score is minus its distance to the
/// closest synthetic row (SDMetrics' DCR distance, with the real data's ranges), and the attack
/// is reported as the ROC AUC of training rows (members) against holdout rows (non-members):
/// 0.5 is chance, 1 is a perfect attack.
///
/// The 95% interval is DeLong's (DeLong, DeLong and Clarke-Pearson 1988), computed with
/// midranks in O(n log n) (Sun and Xu 2014), as `AUC ± 1.96 · SE` clipped to [0, 1].
public enum MembershipInference {
    public struct Result: Sendable, Hashable {
        public var auc: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
        public var members: Int
        public var nonMembers: Int
    }

    /// - Parameters:
    ///   - members: real rows the generator was built from (the training split).
    ///   - nonMembers: real rows it never saw (the holdout split).
    ///   - synthetic: the generated rows.
    ///   - columns: the columns to compare: every non-key, non-PII column.
    ///   - rowsSubsample: when set, members and non-members are each cut to at most this many
    ///     rows, drawn with `seed`.
    /// - Returns: `nil` with fewer than two members or non-members, or no synthetic row.
    /// - Throws: `MetricError` for a missing column or one of a different kind.
    public static func attack(
        members: MetricTable, nonMembers: MetricTable, synthetic: MetricTable, columns: [String],
        seed: UInt64 = 0, rowsSubsample: Int? = nil
    ) throws(MetricError) -> Result? {
        var (memberSample, nonMemberSample) = (members, nonMembers)
        if let rowsSubsample {
            var generator = SplitMix64(seed: seed)
            memberSample = members.rows(
                Sampling.indices(choosing: rowsSubsample, from: members.rowCount, using: &generator))
            nonMemberSample = nonMembers.rows(
                Sampling.indices(choosing: rowsSubsample, from: nonMembers.rowCount, using: &generator))
        }
        guard memberSample.rowCount >= 2, nonMemberSample.rowCount >= 2, synthetic.rowCount > 0 else { return nil }
        let space = try DistanceSpace(
            columns: columns, rangeSources: [(members, "real"), (nonMembers, "holdout")])
        let points = try space.coordinates(of: [
            (synthetic, "synthetic"), (memberSample, "real"), (nonMemberSample, "holdout"),
        ])
        let index = NearestNeighborIndex(points[0])
        let memberScores = DistanceToClosestRecord.distances(from: points[1], to: index).map { -$0 }
        let nonMemberScores = DistanceToClosestRecord.distances(from: points[2], to: index).map { -$0 }
        return rocAUC(positives: memberScores, negatives: nonMemberScores)
    }

    /// The AUC of scores where positives should score higher (ties count one half), with
    /// DeLong's standard error; `nil` with fewer than two of either.
    static func rocAUC(positives: [Double], negatives: [Double]) -> Result? {
        let m = positives.count
        let n = negatives.count
        guard m >= 2, n >= 2 else { return nil }
        let combined = midranks(positives + negatives)
        let withinPositives = midranks(positives)
        let withinNegatives = midranks(negatives)
        // V10: each positive's share of negatives below it; V01: each negative's share of
        // positives above it.
        let v10 = (0..<m).map { (combined[$0] - withinPositives[$0]) / Double(n) }
        let v01 = (0..<n).map { 1 - (combined[m + $0] - withinNegatives[$0]) / Double(m) }
        let auc = v10.reduce(0, +) / Double(m)
        let s10 = v10.reduce(0) { $0 + ($1 - auc) * ($1 - auc) } / Double(m - 1)
        let s01 = v01.reduce(0) { $0 + ($1 - auc) * ($1 - auc) } / Double(n - 1)
        let standardError = (s10 / Double(m) + s01 / Double(n)).squareRoot()
        let z = 1.959_963_984_540_054
        return Result(
            auc: auc, standardError: standardError, lower: Swift.max(0, auc - z * standardError),
            upper: Swift.min(1, auc + z * standardError), members: m, nonMembers: n)
    }

    /// 1-based ranks, ties sharing the mean of their ranks.
    static func midranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count, values[order[j + 1]] == values[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }
}
