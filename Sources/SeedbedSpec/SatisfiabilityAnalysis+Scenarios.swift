// Scenarios: their rows must exist and obey every rule, and the rows outside the quota must be
// able to fail the `where`.

extension SatisfiabilityAnalysis {
    mutating func checkScenarios() {
        for scenario in spec.scenarios { check(scenario) }
    }

    private mutating func check(_ scenario: ScenarioDecl) {
        let table = scenario.table.name
        let builder = FormulaBuilder(universe: universe, scope: table)
        guard let columns = builder.columns(of: scenario.condition) else { return }
        // A row of the table sees its own columns and its ancestors'; anything else is an error
        // reported by the name resolver.
        let ancestors = universe.ancestors(of: table)
        let visible = columns.allSatisfy {
            let owner = universe.columns[$0].table
            return owner == table || ancestors.certain.contains(owner) || ancestors.uncertain.contains(owner)
        }
        guard visible else { return }
        let condition = builder.lower(scenario.condition)
        let text = SatisfiabilityText.expression(scenario.condition)
        let id = scenario.id.name
        let quota = Self.quota(scenario.quota.value, rows: universe.rows(of: table))
        let selected = Constraint(condition, .true)

        if quota.wantsRows, search([selected], in: table) == .unsatisfiable {
            diagnostics.append(
                .error(
                    .scenarioImpossible(id, table: table, condition: text), at: scenario.condition.range,
                    notes: domainNotes(columns, nullTested: nullTestedColumns(condition))))
            return
        }

        // The rules that can matter: those sharing columns with the condition (transitively)
        // that apply to the table's rows. A group that contradicts itself was reported already.
        let components = Set(columns.compactMap { componentOfColumn[$0] }).sorted()
        for component in components where jointOutcome(component, in: table) != .satisfiable { return }
        let applicable = components.flatMap { applicableRules($0, to: table) }.sorted()

        if quota.wantsRows, searchWithRules(of: components, in: table, and: [selected]) == .unsatisfiable,
            let core = core(of: applicable, fixed: [selected], in: table)?.rules, !core.isEmpty
        {
            diagnostics.append(
                .error(
                    .scenarioContradictsRules(id, core.map { rules[$0].declaration.id.name }),
                    at: scenario.condition.range, notes: core.map(ruleNote)))
            return
        }

        let others = Constraint(condition, [.false, .unknown])
        if quota.belowAllRows, searchWithRules(of: components, in: table, and: [others]) == .unsatisfiable,
            let core = core(of: applicable, fixed: [others], in: table)?.rules
        {
            // Without rules to blame, the columns' declarations are the reason.
            let notes =
                core.isEmpty ? domainNotes(columns, nullTested: nullTestedColumns(condition)) : core.map(ruleNote)
            diagnostics.append(
                .error(
                    .scenarioCoversEveryRow(
                        id, table: table, quota: Self.describe(scenario.quota.value),
                        rules: core.map { rules[$0].declaration.id.name }),
                    at: scenario.condition.range, notes: notes))
        }
    }

    /// Whether a quota asks for any row at all, and whether it leaves some rows out.
    ///
    /// `round(share × rows)` is known only for a fixed row count; a table filled per parent
    /// row is assumed to have more rows than any share below 1 or any count selects.
    static func quota(_ quota: ScenarioDecl.Quota, rows: RowCount?) -> (wantsRows: Bool, belowAllRows: Bool) {
        switch (quota, rows) {
        case (.share(let share), .fixed(let total)?):
            let selected = (share.value * Double(total)).rounded()
            return (selected > 0, selected < Double(total))
        case (.share(let share), _):
            return (share.value > 0, share.value < 1)
        case (.count(let count), .fixed(let total)?):
            return (count > 0, count < total)
        case (.count(let count), _):
            return (count > 0, true)
        }
    }

    static func describe(_ quota: ScenarioDecl.Quota) -> String {
        switch quota {
        case .share(let share): "share \(SatisfiabilityText.number(share))"
        case .count(let count): "count \(count)"
        }
    }
}
