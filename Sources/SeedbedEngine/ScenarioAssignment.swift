/// Which rows of a table are made for which scenario.
///
/// Scenario quotas are exact: a keyed permutation of the row indices ranks the rows, the
/// first `k₁` ranks go to the first scenario, the next `k₂` to the second, and so on. Each
/// row's assignment is computed on its own, so shards agree without talking to each other.
struct ScenarioAssignment {
    private let permutation: IndexPermutation?
    /// Cumulative quota ends: rank < ends[0] → scenario 0, < ends[1] → scenario 1, …
    private let ends: [Int]

    init(rows: Int, quotas: [Int], key: UInt64) {
        permutation = rows > 0 ? IndexPermutation(count: UInt64(rows), key: key) : nil
        var total = 0
        ends = quotas.map { quota in
            total += quota
            return total
        }
    }

    /// The scenario (by index) row `row` is made for, if any.
    func scenario(ofRow row: Int) -> Int? {
        guard let permutation, let last = ends.last, last > 0 else { return nil }
        let rank = Int(permutation(UInt64(row)))
        guard rank < last else { return nil }
        return ends.firstIndex { rank < $0 }
    }
}
