extension NameResolver {
    mutating func checkRule(_ rule: RuleDecl) {
        let before = diagnostics.count
        if let condition = rule.condition { requireCondition(condition, scope: .rule) }
        requireCondition(rule.body, scope: .rule)
        guard diagnostics.count == before else { return }

        let references = (rule.condition?.columnReferences ?? []) + rule.body.columnReferences
        let named = references.compactMap(\.table)
        guard let first = named.first else {
            error(.ruleReadsNoColumn, at: rule.body.range)
            return
        }
        // The rule belongs to the child-most table: the one every other named table is a parent of.
        let distinct = Array(Set(named)).sorted()
        let anchor = distinct.first { candidate in
            let reach = ancestors(of: candidate)
            return distinct.allSatisfy { $0 == candidate || reach[$0] != nil }
        }
        guard let anchor else {
            let other = distinct.first { $0 != first } ?? first
            let range = references.first { $0.table == other }?.range ?? rule.body.range
            error(.unrelatedTables(first, other), at: range)
            return
        }
        if let condition = rule.condition { checkReach(condition, from: anchor) }
        checkReach(rule.body, from: anchor)
    }

    mutating func checkScenario(_ scenario: ScenarioDecl) {
        let tableName = scenario.table.name
        guard let table = tables[tableName] else {
            error(
                .unknownTable(tableName), at: scenario.table.range,
                help: Suggestions.help(for: tableName, in: tables.keys))
            return
        }
        switch scenario.quota.value {
        case .share(let share):
            if share.value <= 0 || share.value > 1 {
                error(.shareOutOfRange("a scenario's share"), at: scenario.quota.range)
            } else if case .fixed(let rows)? = table.rows?.value, (share.value * Double(rows)).rounded() == 0 {
                warning(.shareRoundsToZero(rows), at: scenario.quota.range)
            }
        case .count(let count):
            if count <= 0 {
                error(.nonPositiveQuota, at: scenario.quota.range)
            } else if case .fixed(let rows)? = table.rows?.value, count > rows {
                error(.countAboveRows(count, rows: rows), at: scenario.quota.range)
            }
        }
        let before = diagnostics.count
        requireCondition(scenario.condition, scope: .scenario(tableName))
        if diagnostics.count == before { checkReach(scenario.condition, from: tableName) }
    }
}
