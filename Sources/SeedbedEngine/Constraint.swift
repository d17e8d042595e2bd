import SeedbedSpec

/// A rule or scenario condition as the generator enforces it on one table's rows.
struct Constraint {
    enum Mode: Int {
        /// The rule holds (its `when` is not true, or its requirement is met).
        case holds
        /// The rule is broken: `--negative` rows.
        case broken
        /// The scenario's `where` is true.
        case scenario
        /// The scenario's `where` is not true.
        case notScenario
    }

    /// The rule's ID or the scenario's.
    var id: String
    var requirement: RuleDecl.Requirement
    /// As written, for checking a finished row.
    var condition: RowExpr?
    var body: RowExpr
    /// With the row's derived columns replaced by their definitions, for trying a value
    /// before the derived columns are computed.
    var inlinedCondition: RowExpr?
    var inlinedBody: RowExpr
    /// The column whose value is tried against the inlined form (the last sampled column the
    /// constraint reads), for text columns that cannot be narrowed ahead.
    var target: Int?

    /// Whether a finished row satisfies the constraint in `mode`.
    func isSatisfied(_ mode: Mode, _ context: RowContext) -> Bool {
        Self.satisfies(mode, requirement, condition, body, context)
    }

    /// Whether the row, with `value` in the target column, satisfies the constraint (derived
    /// columns are read through their definitions).
    func admits(_ value: RowValue, _ mode: Mode, _ context: inout RowContext) -> Bool {
        guard let target else { return true }
        let saved = context.levels[0][target]
        context.levels[0][target] = value
        defer { context.levels[0][target] = saved }
        return Self.satisfies(mode, requirement, inlinedCondition, inlinedBody, context)
    }

    private static func satisfies(
        _ mode: Mode, _ requirement: RuleDecl.Requirement, _ condition: RowExpr?, _ body: RowExpr, _ context: RowContext
    ) -> Bool {
        let when = condition.map { TruthSet.of($0.evaluate(context)) } ?? .true
        let then = TruthSet.of(body.evaluate(context))
        switch mode {
        case .holds: return when != .true || then != (requirement == .require ? .false : .true)
        case .broken: return when == .true && then == (requirement == .require ? .false : .true)
        case .scenario: return then == .true
        case .notScenario: return then != .true
        }
    }
}

/// A constraint seen from one column it reads: narrows that column's draw to the values that
/// can still satisfy it, given the columns drawn before.
struct Narrower {
    var constraint: Int
    var requirement: RuleDecl.Requirement
    var condition: NarrowExpr?
    var body: NarrowExpr
    /// When everything else the narrower reads is categorical, its answer depends only on
    /// those columns' value indices (and the mode), so it is computed once per combination:
    /// the columns with their number of values plus one (for null), and where the answers live.
    var memo: (columns: [(column: Int, radix: Int)], base: Int)?

    /// The column's values allowed in `mode`.
    func allowed(_ mode: Constraint.Mode, _ context: RowContext) -> Allowed {
        switch mode {
        case .holds:
            let exempt = condition.map { $0.allowed(.notTrue, context) } ?? .nothing
            return exempt.union(body.allowed(requirement == .require ? .notFalse : .notTrue, context))
        case .broken:
            let applies = condition.map { $0.allowed(.true, context) } ?? .everything
            return applies.intersection(body.allowed(requirement == .require ? .false : .true, context))
        case .scenario:
            return body.allowed(.true, context)
        case .notScenario:
            return body.allowed(.notTrue, context)
        }
    }
}
