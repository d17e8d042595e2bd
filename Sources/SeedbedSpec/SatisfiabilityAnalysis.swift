/// Finds rules no row can satisfy, rules that contradict each other, and scenarios that cannot
/// hold alongside the rules, by interval and set reasoning over the columns' declared values.
///
/// It runs on specs that passed the name and type checks, skips whatever it does not
/// understand, and over-approximates throughout, so it reports a contradiction only when it is
/// certain of it: a false error would reject a valid spec. Missing a contradiction is the price.
///
/// ```swift
/// let diagnostics = SatisfiabilityAnalysis.diagnose(parsed.syntax)
/// ```
public struct SatisfiabilityAnalysis {
    /// Finds the contradictions among a spec's column declarations, rules and scenarios.
    ///
    /// - Parameter spec: A spec that passed the name and type checks.
    /// - Returns: Errors for rules and scenarios that no row can satisfy, warnings for rules
    ///   that can never apply; each names every rule involved in a note.
    /// - Complexity: Close to linear in the size of the spec: rules are searched in groups that
    ///   share columns, and each search has a fixed step budget (past it, the analysis assumes
    ///   the rules can hold).
    public static func diagnose(_ spec: SpecFile) -> [Diagnostic] {
        var analysis = SatisfiabilityAnalysis(spec)
        analysis.checkRulesAlone()
        analysis.groupRules()
        analysis.checkRulesTogether()
        analysis.checkScenarios()
        // Last, so that on a pathological spec the budget goes to errors before warnings.
        analysis.checkConditionsTogether()
        return analysis.diagnostics
    }

    /// Refinement steps for a whole spec, and for one search. A step takes about half a
    /// microsecond in a release build; a generated 10,000-line spec with 2,000 rules needs
    /// about 130,000 steps (0.09 s), so the cap only binds on pathological specs.
    static let totalSteps = 1_000_000
    static let stepsPerSearch = 20_000

    let spec: SpecFile
    let universe: ColumnUniverse
    var refiner: Refiner
    var rules: [AnalyzedRule] = []
    var diagnostics: [Diagnostic] = []
    /// Rules that hold alone, in groups that share columns (by position in `rules`, in source order).
    var components: [[Int]] = []
    /// The group of each column that some rule names.
    var componentOfColumn: [Int: Int] = [:]
    var componentOfRule: [Int: Int] = [:]
    private var joints: [JointKey: Joint] = [:]
    private var startBoxes: [String: Box] = [:]

    private struct JointKey: Hashable {
        var component: Int
        var table: String
    }

    /// What searching a group's rules for a table found, with what propagation left when they
    /// can hold.
    private struct Joint {
        var outcome: Refiner.Outcome
        var propagated: Refiner.Propagated?
    }

    init(_ spec: SpecFile) {
        self.spec = spec
        universe = ColumnUniverse(spec)
        refiner = Refiner(declared: universe.domains, steps: Self.totalSteps)
        for declaration in spec.rules {
            if let rule = AnalyzedRule(declaration, universe: universe) { rules.append(rule) }
        }
    }

    // MARK: - Searching

    /// The rows of `table`, joined with their ancestors: a parent behind a nullable reference
    /// may be missing, and then all its columns read as null.
    mutating func start(for table: String?) -> Box {
        guard let table else { return Box() }
        if let cached = startBoxes[table] { return cached }
        let uncertain = universe.ancestors(of: table).uncertain
        var narrowed: [Int: Domain] = [:]
        if !uncertain.isEmpty {
            for (number, column) in universe.columns.enumerated() where uncertain.contains(column.table) {
                narrowed[number] = Domain(universe.domains[number].values, mayBeNull: true)
            }
        }
        startBoxes[table] = Box(narrowed)
        return Box(narrowed)
    }

    mutating func search(_ constraints: [Constraint], in table: String?) -> Refiner.Outcome {
        refiner.search(constraints, from: start(for: table), budget: Self.stepsPerSearch)
    }

    /// The rules in the order their constraints are searched: unconditional ones first, as
    /// they narrow the boxes before the conditional ones branch.
    func searchOrder(_ ruleIndices: [Int]) -> [Int] {
        ruleIndices.filter { rules[$0].condition == nil } + ruleIndices.filter { rules[$0].condition != nil }
    }

    func constraints(of ruleIndices: [Int]) -> [Constraint] {
        searchOrder(ruleIndices).map { rules[$0].constraint }
    }

    /// A set of `candidates` that no row satisfies together with `fixed`; `nil` when the whole
    /// set is satisfiable or the search gave up.
    ///
    /// Deletion makes it minimal: drop rules (in halves, then one by one) and keep them
    /// dropped while the rest is still unsatisfiable. It starts from the rules propagation
    /// blamed when it can. `isMinimal` is false when the budget ran out before every rule was
    /// tried: the set is then still contradictory, but may name bystanders.
    mutating func core(
        of candidates: [Int], fixed: [Constraint], in table: String?
    ) -> (rules: [Int], isMinimal: Bool)? {
        let ordered = searchOrder(candidates)
        let found = refiner.solve(
            fixed + ordered.map { rules[$0].constraint }, from: start(for: table), budget: Self.stepsPerSearch)
        guard found.outcome == .unsatisfiable else { return nil }
        var kept = candidates
        if let culprits = found.culprits {
            let blamed = culprits.filter { $0 >= fixed.count }.map { ordered[$0 - fixed.count] }.sorted()
            if blamed.count < kept.count, isUnsatisfiable(blamed, fixed: fixed, in: table) == true { kept = blamed }
        }
        var isMinimal = true
        var chunk = Swift.max(1, kept.count / 2)
        while true {
            var start = 0
            while start < kept.count {
                var trial = kept
                trial.removeSubrange(start..<Swift.min(start + chunk, kept.count))
                switch isUnsatisfiable(trial, fixed: fixed, in: table) {
                case true?: kept = trial
                case false?: start += chunk
                case nil:
                    isMinimal = false
                    start += chunk
                }
            }
            if chunk == 1 { return (kept, isMinimal) }
            chunk = Swift.max(1, chunk / 2)
        }
    }

    /// `nil` when the search gave up.
    private mutating func isUnsatisfiable(_ ruleIndices: [Int], fixed: [Constraint], in table: String?) -> Bool? {
        switch search(fixed + constraints(of: ruleIndices), in: table) {
        case .unsatisfiable: true
        case .satisfiable: false
        case .unknown: nil
        }
    }

    // MARK: - Groups of rules

    /// Groups the rules that hold alone by shared columns: rules in different groups constrain
    /// different columns, so each group can be searched on its own.
    mutating func groupRules() {
        var parent = Array(universe.columns.indices)
        func root(_ column: Int) -> Int {
            var column = column
            while parent[column] != column {
                parent[column] = parent[parent[column]]
                column = parent[column]
            }
            return column
        }
        let grouped = rules.indices.filter {
            rules[$0].holdsAlone && rules[$0].table != nil && !rules[$0].columns.isEmpty
        }
        for index in grouped {
            let columns = rules[index].columns
            for column in columns.dropFirst() { parent[root(column)] = root(columns[0]) }
        }
        var componentOfRoot: [Int: Int] = [:]
        for index in grouped {
            let group = root(rules[index].columns[0])
            if componentOfRoot[group] == nil {
                componentOfRoot[group] = components.count
                components.append([])
            }
            if let component = componentOfRoot[group] {
                components[component].append(index)
                componentOfRule[index] = component
                for column in rules[index].columns { componentOfColumn[column] = component }
            }
        }
    }

    /// The rules of a group that every row of `table` must obey: its own and its certain ancestors'.
    func applicableRules(_ component: Int, to table: String) -> [Int] {
        let ancestors = universe.ancestors(of: table).certain
        return components[component].filter { index in
            rules[index].table.map { $0 == table || ancestors.contains($0) } ?? false
        }
    }

    /// Whether a row of `table` can obey every rule of a group that applies to it (remembered).
    mutating func jointOutcome(_ component: Int, in table: String) -> Refiner.Outcome {
        joint(component, in: table).outcome
    }

    private mutating func joint(_ component: Int, in table: String) -> Joint {
        let key = JointKey(component: component, table: table)
        if let known = joints[key] { return known }
        let constraints = constraints(of: applicableRules(component, to: table))
        let found = refiner.solve(constraints, from: start(for: table), budget: Self.stepsPerSearch)
        let joint = Joint(outcome: found.outcome, propagated: found.propagated)
        joints[key] = joint
        return joint
    }

    /// Whether a row of `table` can satisfy `extra` and obey every rule of the groups that
    /// apply to it; `nil` when a group cannot hold or was not settled.
    ///
    /// It starts from what propagating each group's rules left, so only the rules that still
    /// branch are searched again: far cheaper than searching all the rules once per question.
    mutating func searchWithRules(
        of components: some Sequence<Int>, in table: String, and extra: [Constraint]
    ) -> Refiner.Outcome? {
        let base = start(for: table)
        var box = base
        var constraints: [Constraint] = []
        for component in components {
            guard let propagated = joint(component, in: table).propagated else { return nil }
            box = box.merging(propagated.box, base: base)
            constraints += propagated.remaining
        }
        // The groups' constraints are settled on their boxes; only `extra` starts the worklist.
        return refiner.search(constraints + extra, from: box, settled: constraints.count, budget: Self.stepsPerSearch)
    }
}

// MARK: - Rules

/// A rule lowered for the analysis.
struct AnalyzedRule {
    var declaration: RuleDecl
    /// The table whose rows the rule constrains: the child-most it names; `nil` when it names none.
    var table: String?
    var condition: Formula?
    var body: Formula
    /// Every column the rule names, the condition's first.
    var columns: [Int]
    var conditionColumns: [Int]
    /// The rows the rule lets through.
    var constraint: Constraint
    var holdsAlone = true
    /// Whether the rule's own `when` was found impossible, alone or with the rule itself.
    var conditionRuledOutAlone = false

    /// `nil` when the rule names a column that does not resolve or unrelated tables.
    init?(_ declaration: RuleDecl, universe: ColumnUniverse) {
        let builder = FormulaBuilder(universe: universe, scope: nil)
        guard let bodyColumns = builder.columns(of: declaration.body),
            let conditionColumns = declaration.condition.map(builder.columns(of:)) ?? []
        else { return nil }
        self.declaration = declaration
        self.conditionColumns = conditionColumns
        columns = conditionColumns + bodyColumns.filter { !conditionColumns.contains($0) }
        let tables = Set(columns.map { universe.columns[$0].table })
        table = universe.childMost(of: tables)
        if table == nil, !tables.isEmpty { return nil }
        condition = declaration.condition.map(builder.lower)
        body = builder.lower(declaration.body)
        // Unknown neither satisfies a `when` nor violates a `require` or `forbid`.
        let passing: TruthSet = declaration.requirement == .require ? [.true, .unknown] : [.false, .unknown]
        if let condition {
            constraint = Constraint(alternatives: [
                Alternative([(condition, [.false, .unknown])]), Alternative([(condition, .true), (body, passing)]),
            ])
        } else {
            constraint = Constraint(body, passing)
        }
    }
}
