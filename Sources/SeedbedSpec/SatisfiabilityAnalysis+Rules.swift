// Rules checked one at a time against their columns' domains, then together in their groups.

extension SatisfiabilityAnalysis {
    // MARK: - One rule

    /// A rule no row can satisfy is an error; a rule whose `when` can never be true (alone, or
    /// because the rule itself rules it out) is a warning: the spec is valid, but not meant so.
    mutating func checkRulesAlone() {
        for index in rules.indices {
            let rule = rules[index]
            let declaration = rule.declaration
            let id = declaration.id.name
            let body = SatisfiabilityText.expression(declaration.body)
            if search([rule.constraint], in: rule.table) == .unsatisfiable {
                rules[index].holdsAlone = false
                let forbids = declaration.requirement == .forbid
                let message: DiagnosticMessage
                if let condition = declaration.condition.map(SatisfiabilityText.expression) {
                    message =
                        forbids
                        ? .conditionalRuleForbidsCertain(id, condition: condition, body: body)
                        : .conditionalRuleRequiresImpossible(id, condition: condition, body: body)
                } else {
                    message = forbids ? .ruleForbidsCertain(id, body) : .ruleRequiresImpossible(id, body)
                }
                diagnostics.append(.error(message, at: declaration.body.range, notes: domainNotes(rule)))
                continue
            }
            guard let condition = rule.condition, let written = declaration.condition else { continue }
            let applies = Constraint(condition, .true)
            let text = SatisfiabilityText.expression(written)
            if search([applies], in: rule.table) == .unsatisfiable {
                rules[index].conditionRuledOutAlone = true
                diagnostics.append(
                    .warning(
                        .ruleNeverApplies(id, condition: text), at: written.range,
                        notes: domainNotes(rule.conditionColumns, nullTested: nullTestedColumns(condition))))
            } else if search([applies, rule.constraint], in: rule.table) == .unsatisfiable {
                rules[index].conditionRuledOutAlone = true
                diagnostics.append(
                    .warning(
                        .ruleRulesOutItsCondition(id, condition: text), at: written.range, notes: domainNotes(rule)))
            }
        }
    }

    // MARK: - Rules together

    /// Rules that hold alone but not together: an error at the last of a minimal contradicting
    /// set, with a note at each rule of the set.
    mutating func checkRulesTogether() {
        for component in components.indices where components[component].count > 1 {
            let tables = Set(components[component].compactMap { rules[$0].table })
            // Parents first: a contradiction among a parent's rules is reported once, for the
            // parent, not again for every child table that inherits it.
            let ordered = tables.sorted { (ancestorCount($0), $0) < (ancestorCount($1), $1) }
            var contradicted: Set<String> = []
            for table in ordered {
                let ancestors = universe.ancestors(of: table).certain
                guard ancestors.isDisjoint(with: contradicted) else {
                    contradicted.insert(table)
                    continue
                }
                let applicable = applicableRules(component, to: table)
                guard applicable.count > 1, jointOutcome(component, in: table) == .unsatisfiable else { continue }
                contradicted.insert(table)
                // A contradiction is reported even if the budget left bystanders in the list.
                guard let core = core(of: applicable, fixed: [], in: table)?.rules, core.count > 1,
                    let last = core.last
                else { continue }
                let ids = core.map { rules[$0].declaration.id.name }
                diagnostics.append(
                    .error(.rulesContradict(ids), at: rules[last].declaration.body.range, notes: core.map(ruleNote)))
            }
        }
    }

    /// A `when` that no row obeying the other rules can have: a warning naming the rules that
    /// rule it out (`when p = "a" require x > 10` and `when p = "a" require x < 5` together
    /// mean no row may have p = "a").
    mutating func checkConditionsTogether() {
        var reported: Set<String> = []
        for index in rules.indices where rules[index].holdsAlone && !rules[index].conditionRuledOutAlone {
            guard let condition = rules[index].condition, let written = rules[index].declaration.condition,
                let table = rules[index].table, let component = componentOfRule[index]
            else { continue }
            let applicable = applicableRules(component, to: table)
            let applies = Constraint(condition, .true)
            guard applicable.count > 1,
                searchWithRules(of: [component], in: table, and: [applies]) == .unsatisfiable,
                let found = core(of: applicable, fixed: [applies], in: table), found.isMinimal, !found.rules.isEmpty
            else { continue }
            let core = found.rules
            // Only if the search for this rule alone gave up; a list of one is no "together".
            if core == [index] { continue }
            let text = SatisfiabilityText.expression(written)
            let ids = core.map { rules[$0].declaration.id.name }
            let message: DiagnosticMessage =
                core.contains(index)
                ? .rulesRuleOutCondition(ids, condition: text)
                : .ruleConditionRuledOut(rules[index].declaration.id.name, by: ids, condition: text)
            guard reported.insert(message.text).inserted else { continue }
            diagnostics.append(.warning(message, at: written.range, notes: core.map(ruleNote)))
        }
    }

    private func ancestorCount(_ table: String) -> Int {
        let ancestors = universe.ancestors(of: table)
        return ancestors.certain.count + ancestors.uncertain.count
    }

    // MARK: - Notes

    /// `rule ELIG-001 requires customer.age >= 18`, at the rule's requirement.
    func ruleNote(_ index: Int) -> Diagnostic.Note {
        let declaration = rules[index].declaration
        let text = DiagnosticMessage.ruleNote(
            declaration.id.name, forbids: declaration.requirement == .forbid,
            body: SatisfiabilityText.expression(declaration.body),
            condition: declaration.condition.map(SatisfiabilityText.expression))
        return Diagnostic.Note(text, at: declaration.body.range)
    }

    private func domainNotes(_ rule: AnalyzedRule) -> [Diagnostic.Note] {
        let tested = nullTestedColumns(rule.body).union(rule.condition.map(nullTestedColumns) ?? [])
        return domainNotes(rule.columns, nullTested: tested)
    }

    /// What each column's declaration allows, at the declaration, for the columns where that
    /// says something: restricted values, or never null where the condition asks about null.
    func domainNotes(_ columns: [Int], nullTested: Set<Int>) -> [Diagnostic.Note] {
        columns.compactMap { number in
            let column = universe.columns[number]
            let domain = universe.domains[number]
            let values = SatisfiabilityText.values(domain.values)
            guard values != nil || (!domain.mayBeNull && nullTested.contains(number)) else { return nil }
            let text = DiagnosticMessage.columnDomainNote(
                column.name, values: values, mayBeNull: domain.mayBeNull,
                declaration: SatisfiabilityText.declaration(column.declaration))
            return Diagnostic.Note(text, at: column.declaration.generator?.range ?? column.declaration.range)
        }
    }

    func nullTestedColumns(_ formula: Formula) -> Set<Int> {
        switch formula {
        case .test(let column, .isNull): [column]
        case .truth, .test, .strict: []
        case .not(let operand): nullTestedColumns(operand)
        case .and(let lhs, let rhs), .or(let lhs, let rhs): nullTestedColumns(lhs).union(nullTestedColumns(rhs))
        }
    }
}
