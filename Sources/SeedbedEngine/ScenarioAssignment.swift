/// Which rows of a table are made for which scenario.
///
/// Quotas are exact. Candidate rows are taken in a keyed random order and each is tried as a
/// row of the scenario; the first `k` that can be made (their parents allow it) are the
/// scenario's rows. The choice depends only on the spec and seed, so every shard computes the
/// same assignment and writes its own slice of it.
struct ScenarioAssignment {
    private var rows: [Int: Int] = [:]
    /// Each scenario's rows, in the order they were taken (so a quota shrinks from its end).
    private var taken: [[Int]] = []
    private var order: IndexPermutation?
    /// The next position in `order` to try.
    private var rank: UInt64 = 0
    private var count = 0
    /// Scenarios whose quota could not be met, with how many rows they got.
    private(set) var shortfalls: [(scenario: Int, made: Int, wanted: Int)] = []

    static let empty = ScenarioAssignment()

    private init() {}

    /// - Parameters:
    ///   - canMake: whether a row can be made as a row of the scenario, given the rows already assigned.
    init(rows count: Int, quotas: [Int], key: UInt64, canMake: (_ row: Int, _ scenario: Int) -> Bool) {
        guard count > 0, quotas.contains(where: { $0 > 0 }) else { return }
        self.count = count
        order = IndexPermutation(count: UInt64(count), key: key)
        taken = Array(repeating: [], count: quotas.count)
        for (scenario, quota) in quotas.enumerated() where quota > 0 {
            grow(scenario, to: quota, canMake: canMake)
            if taken[scenario].count < quota { shortfalls.append((scenario, taken[scenario].count, quota)) }
        }
    }

    /// Takes the next candidate rows for `scenario` until it has `quota` rows or none is left.
    /// - Returns: the rows added.
    @discardableResult
    private mutating func grow(_ scenario: Int, to quota: Int, canMake: (Int, Int) -> Bool) -> [Int] {
        guard let order else { return [] }
        var added: [Int] = []
        while taken[scenario].count < quota, rank < UInt64(count) {
            let row = Int(order(rank))
            rank += 1
            rows[row] = scenario
            if canMake(row, scenario) {
                taken[scenario].append(row)
                added.append(row)
            } else {
                rows[row] = nil
            }
        }
        return added
    }

    /// Settles `share` quotas of a table whose rows may be left out (a `rows per` table: a child
    /// whose parent allows no row is not written), so each share counts the rows written, not the
    /// rows planned. Rows written W depend on the assignment (a scenario row may be makeable where
    /// an ordinary row is not, and the reverse), so the quotas are moved one row at a time until
    /// every `round(share × W)` holds; each move changes W by at most one, so this ends.
    /// - Parameters:
    ///   - shares: the share of each scenario, nil for a `count` quota.
    ///   - isMakeable: whether a row can be made as an ordinary row (no scenario), as generation
    ///     would make it.
    mutating func settleShares(
        _ shares: [Double?], canMake: (_ row: Int, _ scenario: Int) -> Bool, isMakeable: (_ row: Int) -> Bool
    ) {
        guard order != nil, shares.contains(where: { $0 != nil }) else { return }
        var written = rows.count
        for row in 0..<count where rows[row] == nil && isMakeable(row) { written += 1 }
        var moved = true
        var passes = 0
        // Each pass moves rows toward every quota; the bound only guards against a pathological
        // back-and-forth between several scenarios.
        while moved, passes < 64 {
            moved = false
            passes += 1
            for (scenario, share) in shares.enumerated() {
                guard let share else { continue }
                func wanted() -> Int { Int((share * Double(written)).rounded()) }
                while taken[scenario].count > wanted(), let row = taken[scenario].popLast() {
                    rows[row] = nil
                    written += (isMakeable(row) ? 1 : 0) - 1
                    moved = true
                }
                while taken[scenario].count < wanted() {
                    // A row becoming a scenario row no longer counts as an ordinary one.
                    guard let row = grow(scenario, to: taken[scenario].count + 1, canMake: canMake).first else { break }
                    written += 1 - (isMakeable(row) ? 1 : 0)
                    moved = true
                }
            }
        }
        shortfalls = shares.indices.compactMap { scenario in
            guard let share = shares[scenario] else {
                return shortfalls.first { $0.scenario == scenario }
            }
            let wanted = Int((share * Double(written)).rounded())
            return taken[scenario].count < wanted ? (scenario, taken[scenario].count, wanted) : nil
        }
    }

    /// The scenario (by index) row `row` is made for, if any.
    func scenario(ofRow row: Int) -> Int? { rows[row] }

    /// The assigned rows in increasing order, with their scenario: walked alongside rows made in
    /// order, which saves a hash lookup per row.
    var sortedRows: [(row: Int, scenario: Int)] { rows.map { ($0.key, $0.value) }.sorted { $0.row < $1.row } }

    var assignedRows: Int { rows.count }
}
