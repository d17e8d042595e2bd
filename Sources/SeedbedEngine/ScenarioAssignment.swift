/// Which rows of a table are made for which scenario.
///
/// Quotas are exact. Candidate rows are taken in a keyed random order and each is tried as a
/// row of the scenario; the first `k` that can be made (their parents allow it) are the
/// scenario's rows. The choice depends only on the spec and seed, so every shard computes the
/// same assignment and writes its own slice of it.
struct ScenarioAssignment {
    private var rows: [Int: Int] = [:]
    /// Scenarios whose quota could not be met, with how many rows they got.
    private(set) var shortfalls: [(scenario: Int, made: Int, wanted: Int)] = []

    static let empty = ScenarioAssignment()

    private init() {}

    /// - Parameters:
    ///   - canMake: whether a row can be made as a row of the scenario, given the rows already assigned.
    init(rows count: Int, quotas: [Int], key: UInt64, canMake: (_ row: Int, _ scenario: Int) -> Bool) {
        guard count > 0, quotas.contains(where: { $0 > 0 }) else { return }
        let order = IndexPermutation(count: UInt64(count), key: key)
        var rank: UInt64 = 0
        for (scenario, quota) in quotas.enumerated() where quota > 0 {
            var made = 0
            while made < quota, rank < UInt64(count) {
                let row = Int(order(rank))
                rank += 1
                rows[row] = scenario
                if canMake(row, scenario) {
                    made += 1
                } else {
                    rows[row] = nil
                }
            }
            if made < quota { shortfalls.append((scenario, made, quota)) }
        }
    }

    /// The scenario (by index) row `row` is made for, if any.
    func scenario(ofRow row: Int) -> Int? { rows[row] }

    /// The assigned rows in increasing order, with their scenario: walked alongside rows made in
    /// order, which saves a hash lookup per row.
    var sortedRows: [(row: Int, scenario: Int)] { rows.map { ($0.key, $0.value) }.sorted { $0.row < $1.row } }

    var assignedRows: Int { rows.count }
}
