// The messages of the satisfiability analysis. Conditions and values are passed in already
// written in the spec language (see SatisfiabilityText).

extension DiagnosticMessage {
    // MARK: - One rule

    /// `require P` where no row can have P.
    static func ruleRequiresImpossible(_ id: String, _ body: String) -> Self {
        Self(
            "rule \(id) can never hold: no row can have \(body)", help: "correct the rule or widen the column's values")
    }
    /// `forbid P` where every row has P.
    static func ruleForbidsCertain(_ id: String, _ body: String) -> Self {
        Self("rule \(id) can never hold: every row has \(body)", help: "correct the rule or widen the column's values")
    }
    /// `when W require P` where every row has W and none can have P.
    static func conditionalRuleRequiresImpossible(_ id: String, condition: String, body: String) -> Self {
        Self(
            "rule \(id) can never hold: every row has \(condition), and no row can have \(body)",
            help: "correct the rule or widen the columns' values")
    }
    /// `when W forbid P` where every row has both W and P.
    static func conditionalRuleForbidsCertain(_ id: String, condition: String, body: String) -> Self {
        Self(
            "rule \(id) can never hold: every row has \(condition) and \(body)",
            help: "correct the rule or widen the columns' values")
    }
    static func ruleNeverApplies(_ id: String, condition: String) -> Self {
        Self(
            "rule \(id) never applies: no row can have \(condition)",
            help: "correct the 'when' condition, or remove the rule")
    }
    static func ruleRulesOutItsCondition(_ id: String, condition: String) -> Self {
        Self(
            "rule \(id) can only hold by never having \(condition)",
            help: "no row with the 'when' condition can satisfy the requirement; correct one of them")
    }

    // MARK: - Several rules

    static func rulesContradict(_ ids: [String]) -> Self {
        Self(
            "rules \(SatisfiabilityText.list(ids)) contradict each other",
            help: "no row can obey all of them; correct or remove one")
    }
    static func rulesRuleOutCondition(_ ids: [String], condition: String) -> Self {
        Self("rules \(SatisfiabilityText.list(ids)) together can only hold by never having \(condition)")
    }
    static func ruleConditionRuledOut(_ id: String, by others: [String], condition: String) -> Self {
        Self(
            "rule \(id) never applies: \(ruleList(others)) \(others.count == 1 ? "rules" : "rule") out \(condition)",
            help: "correct the 'when' condition, or remove the rule")
    }

    // MARK: - Scenarios

    static func scenarioImpossible(_ id: String, table: String, condition: String) -> Self {
        Self(
            "scenario \(id) can never happen: no row of \(table) can have \(condition)",
            help: "correct the 'where' condition or widen the columns' values")
    }
    static func scenarioContradictsRules(_ id: String, _ ids: [String]) -> Self {
        Self(
            "scenario \(id) contradicts \(ruleList(ids))",
            help: "a scenario's rows must obey every rule; correct the 'where' condition or the rules")
    }
    /// The rows outside the quota must not match the condition, but every row does.
    static func scenarioCoversEveryRow(_ id: String, table: String, quota: String, rules ids: [String]) -> Self {
        let rows = ids.isEmpty ? "every row of \(table)" : "every row of \(table) that obeys \(ruleList(ids))"
        return Self(
            "scenario \(id)'s condition holds for \(rows), so the rows outside its quota (\(quota)) cannot avoid it",
            help: "narrow the 'where' condition so that other rows can fail it")
    }

    // MARK: - Notes

    /// `customer.age is always between 0 and 17 (uniform(0, 17))`
    static func columnDomainNote(_ column: String, values: String?, mayBeNull: Bool, declaration: String) -> String {
        let shown = declaration.isEmpty ? "" : " (\(declaration))"
        guard let values else { return "\(column) is never null\(shown)" }
        return "\(column) is always \(values)\(mayBeNull ? ", or null" : "")\(shown)"
    }
    /// `rule ELIG-002 requires loan.ltv <= 0.95 when loan.product = "home"`
    static func ruleNote(_ id: String, forbids: Bool, body: String, condition: String?) -> String {
        "rule \(id) \(forbids ? "forbids" : "requires") \(body)" + (condition.map { " when \($0)" } ?? "")
    }

    private static func ruleList(_ ids: [String]) -> String {
        (ids.count == 1 ? "rule " : "rules ") + SatisfiabilityText.list(ids)
    }
}
