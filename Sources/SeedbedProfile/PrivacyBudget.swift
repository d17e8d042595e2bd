/// Splits `--epsilon` across the profile's statistics and records what each spent.
///
/// Every statistic is released under sequential composition (a person's rows may touch every
/// table), so the parts add up to the total. Each statistic gets a share in proportion to a
/// weight that reflects how much it matters to generation: a column's marginal more than its
/// null count, the copula in proportion to its columns.
struct PrivacyBudget {
    private(set) var planned: [(statistic: String, weight: Double, mechanism: String)] = []
    private var shares: [String: Double] = [:]
    private(set) var ledger: [BudgetEntry] = []

    mutating func plan(_ statistic: String, weight: Double, mechanism: String) {
        planned.append((statistic, weight, mechanism))
    }

    /// Gives each planned statistic its share of `epsilon`.
    mutating func allocate(_ epsilon: Double) {
        let total = planned.reduce(0) { $0 + $1.weight }
        guard total > 0 else { return }
        for entry in planned {
            let share = epsilon * entry.weight / total
            shares[entry.statistic] = share
            ledger.append(BudgetEntry(statistic: entry.statistic, epsilon: share, mechanism: entry.mechanism))
        }
    }

    /// The share of a planned statistic.
    func epsilon(for statistic: String) -> Double {
        shares[statistic] ?? 0
    }

    var spent: Double { ledger.reduce(0) { $0 + $1.epsilon } }
}
