public import SeedbedSpec

/// What became of one CHECK constraint: a spec rule the engine obeys and the scorecard checks,
/// or the reason it could not become one (a warning: the database still enforces the check).
public enum CheckTranslation: Sendable, Equatable {
    /// `rule db:NAME require CONDITION`.
    case rule(RuleDecl)
    case unsupported(reason: String)

    public var rule: RuleDecl? {
        if case .rule(let rule) = self { return rule }
        return nil
    }

    /// The rule as spec text on one line, for messages: `db:loan_amount_check: require loan.amount > 0`.
    ///
    /// It is the text `seedbed fmt` prints for the rule's clauses, after the rule's ID.
    public static func specText(of rule: RuleDecl) -> String {
        var text = rule.id.name + ":"
        if let condition = rule.condition { text += " when " + SpecPrinter.expression(condition) }
        return text + " " + rule.requirement.rawValue + " " + SpecPrinter.expression(rule.body)
    }
}
