public import SeedbedSpec

/// Every rule of a spec (with the database's `db:` rules once merged) evaluated on every row
/// read back, by `RuleEvaluator`, which shares nothing with the generator; and every scenario's
/// quota counted.
///
/// Tables arrive batch by batch, parents before children (`tableOrder`). A rule belongs to the
/// child-most table it names and reads its parents' columns through the `references` chain:
/// the parent columns rules need are kept, hashed by the referenced column, as the parent's
/// rows stream past; nothing else is held.
public final class RuleConformance {
    /// How many example keys a rule's violations list.
    public static let exampleCount = 5

    let spec: SpecFile
    let evaluator: RuleEvaluator
    let plan: ConformancePlan
    /// Per table (by anchor) the running counts of its rules and scenarios.
    private var ruleTallies: [String: [RuleTally]] = [:]
    private var scenarioTallies: [String: [ScenarioTally]] = [:]
    private var rowCounts: [String: Int] = [:]
    /// Parent rows kept for descendants' rules.
    private var stores: [String: ParentStore] = [:]

    public init(spec: SpecFile) {
        self.spec = spec
        evaluator = RuleEvaluator(asOf: spec.dataset?.asOf?.value)
        plan = ConformancePlan(spec: spec)
        for rule in spec.rules {
            let anchor = plan.anchor(of: rule)
            ruleTallies[anchor, default: []].append(RuleTally(rule: rule, table: anchor))
        }
        for scenario in spec.scenarios {
            scenarioTallies[scenario.table.name, default: []].append(ScenarioTally(scenario: scenario))
        }
        for (table, columns) in plan.keptColumns {
            stores[table] = ParentStore(columns: columns, indexed: plan.indexedColumns[table, default: []])
        }
    }

    /// The spec's tables, parents before children: the order `add` wants them in.
    public var tableOrder: [String] { plan.order }

    /// Checks one batch of rows of `table`.
    /// - Parameters:
    ///   - columns: the table's columns by name, each holding `count` values; columns a rule
    ///     reads but the batch lacks read as null.
    ///   - keys: each row's name in reports: its key as written, or its row number.
    public func add(table: String, columns: [String: [SQLValue]], keys: [String]) {
        let count = keys.count
        rowCounts[table, default: 0] += count
        let hops = plan.ancestry[table, default: []]
        let needsParents = plan.readsParents.contains(table)
        var rules = ruleTallies[table, default: []]
        var scenarios = scenarioTallies[table, default: []]
        for row in 0..<count {
            var parentRows: [String: Int] = [:]
            if needsParents {
                for hop in hops {
                    let value: SQLValue
                    if hop.child == table {
                        value = columns[hop.column]?[row] ?? .null
                    } else if let childRow = parentRows[hop.child], let store = stores[hop.child] {
                        value = store.value(row: childRow, column: hop.column)
                    } else {
                        continue
                    }
                    guard value != .null, let found = stores[hop.ancestor]?.row(where: hop.parentColumn, is: value)
                    else { continue }
                    parentRows[hop.ancestor] = found
                }
            }
            let lookup: (String?, String) -> SQLValue = { [stores] name, column in
                guard let name, name != table else { return columns[column]?[row] ?? .null }
                guard let parentRow = parentRows[name], let store = stores[name] else { return .null }
                return store.value(row: parentRow, column: column)
            }
            for index in rules.indices {
                rules[index].check(evaluator: evaluator, lookup: lookup, key: keys[row])
            }
            for index in scenarios.indices
            where evaluator.truth(scenarios[index].scenario.condition, lookup: lookup) == .true {
                scenarios[index].satisfying += 1
            }
        }
        ruleTallies[table] = rules
        scenarioTallies[table] = scenarios
        if var store = stores[table] {
            store.append(columns: columns, count: count)
            stores[table] = store
        }
    }

    /// The results, rules and scenarios in spec order.
    /// - Parameter lineage: the dataset's scenario lineage (`table`, `id`) entries; `nil` when the
    ///   dataset has none to compare (a hand-made dataset, `--no-lineage`).
    public func report(lineage: [(table: String, id: String)]?) -> Report {
        var byRule: [String: RuleTally] = [:]
        for tallies in ruleTallies.values { for tally in tallies { byRule[tally.rule.id.name] = tally } }
        let rules = spec.rules.compactMap { byRule[$0.id.name] }.map { tally in
            Report.Rule(
                id: tally.rule.id.name, kind: tally.rule.kind?.rawValue, title: tally.rule.title, table: tally.table,
                hasCondition: tally.rule.condition != nil, checked: tally.checked, fired: tally.fired,
                violations: tally.violations, examples: tally.examples)
        }
        var lineageCounts: [String: Int] = [:]
        for entry in lineage ?? [] { lineageCounts["\(entry.table)\u{0}\(entry.id)", default: 0] += 1 }
        var scenarios: [Report.Scenario] = []
        for scenario in spec.scenarios {
            let table = scenario.table.name
            guard let tally = scenarioTallies[table]?.first(where: { $0.scenario.id == scenario.id }) else { continue }
            let rows = rowCounts[table, default: 0]
            let quota: Int =
                switch scenario.quota.value {
                case .share(let share): Int((share.value * Double(rows)).rounded())
                case .count(let count): count
                }
            scenarios.append(
                Report.Scenario(
                    id: scenario.id.name, title: scenario.title, table: table, quota: quota,
                    satisfying: tally.satisfying,
                    lineage: lineage.map { _ in lineageCounts["\(table)\u{0}\(scenario.id.name)", default: 0] }))
        }
        return Report(rules: rules, scenarios: scenarios)
    }
}

/// One rule's running counts.
struct RuleTally {
    let rule: RuleDecl
    let table: String
    var checked = 0
    var fired = 0
    var violations = 0
    var examples: [String] = []

    init(rule: RuleDecl, table: String) {
        self.rule = rule
        self.table = table
    }

    /// `when` true and `require` false, or `when` true and `forbid` true, is a violation; an
    /// unknown (null) body is neither, as in SQL.
    mutating func check(evaluator: RuleEvaluator, lookup: (String?, String) -> SQLValue, key: @autoclosure () -> String)
    {
        checked += 1
        if let condition = rule.condition, evaluator.truth(condition, lookup: lookup) != .true { return }
        fired += 1
        let body = evaluator.truth(rule.body, lookup: lookup)
        guard rule.requirement == .require ? body == .false : body == .true else { return }
        violations += 1
        if examples.count < RuleConformance.exampleCount { examples.append(key()) }
    }
}

struct ScenarioTally {
    let scenario: ScenarioDecl
    var satisfying = 0
}

/// A parent table's columns that descendants' rules read, row by row, with a hash index on
/// each column a reference points at (the first row holding a value wins, as for a key).
struct ParentStore {
    let columns: [String]
    private let positions: [String: Int]
    private var values: [[SQLValue]] = []
    private var indexes: [String: [SQLValue: Int]]

    init(columns: [String], indexed: [String]) {
        self.columns = columns
        positions = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        indexes = Dictionary(indexed.map { ($0, [:]) }, uniquingKeysWith: { first, _ in first })
    }

    mutating func append(columns batch: [String: [SQLValue]], count: Int) {
        let start = values.count
        for row in 0..<count {
            values.append(columns.map { batch[$0]?[row] ?? .null })
        }
        for column in Array(indexes.keys) {
            guard let source = batch[column] else { continue }
            var index = indexes[column, default: [:]]
            for row in 0..<count where source[row] != .null && index[source[row]] == nil {
                index[source[row]] = start + row
            }
            indexes[column] = index
        }
    }

    func row(where column: String, is value: SQLValue) -> Int? { indexes[column]?[value] }

    func value(row: Int, column: String) -> SQLValue {
        guard let position = positions[column] else { return .null }
        return values[row][position]
    }
}
