import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// The properties SPEC-LANGUAGE.md promises of a generated dataset, checked on a dataset read
/// back from its files with the spec's own evaluator. Each check records one issue per broken
/// promise, naming the rule, scenario or column and the first few offending keys.
struct Conformance {
    let data: GeneratedDataset
    let evaluator: RuleEvaluator
    /// Rules by the table they belong to (the child-most table they name).
    let rules: [String: [RuleDecl]]
    /// Tables in declaration order, for stable messages.
    let tableNames: [String]

    /// How many offending keys a message lists.
    static let shown = 5

    init(data: GeneratedDataset) {
        self.data = data
        evaluator = RuleEvaluator(asOf: data.spec.dataset?.asOf?.value)
        tableNames = data.spec.tables.map(\.name.name)
        var rules: [String: [RuleDecl]] = [:]
        for rule in data.spec.rules {
            guard let anchor = data.anchor(of: rule) else {
                Issue.record("rule \(rule.id) names no table, or unrelated ones")
                continue
            }
            rules[anchor, default: []].append(rule)
        }
        self.rules = rules
    }

    /// Generates `checked` as CSV into `folder` and reads the files back.
    static func generate(
        _ checked: CheckResult, options: Generation.Options, into folder: borrowing TemporaryDirectory
    ) throws -> (GenerationSummary, GeneratedDataset) {
        let generation = try Generation(model: try GenerationModel(checked: checked), options: options)
        let summary = try generation.write(to: folder.url.path, format: .csv)
        return (summary, try GeneratedDataset(directory: folder.url.path, spec: checked.syntax))
    }

    /// Checks spec text that must check clean.
    static func checked(_ source: String, file: String = "test.seed") throws -> CheckResult {
        let checked = Checker().check(source: source, file: file)
        try #require(!checked.hasErrors, "\(file) does not check clean: \(checked.diagnostics.map(\.message))")
        return checked
    }

    /// Every check below, on a dataset generated with `--negative`.
    func expectConformance(summary: GenerationSummary) {
        expectRulesHold()
        expectScenariosExact()
        expectReferentialIntegrity()
        expectDerivedColumnsMatch()
        expectFanOutFollowsDistributions(summary: summary)
        expectNegativeRowsBreakOneRule(summary: summary)
    }

    /// The lineage's name for a row: its key, or for a table without a key its row number,
    /// counted from 1 in the table's file and continued by the negative rows (`after` rows).
    func keyValue(
        of row: [String: SQLValue], at index: Int, in table: GeneratedDataset.Table, after: Int = 0
    ) -> SQLValue {
        guard let column = table.keyColumn else { return .text(String(after + index + 1)) }
        return row[column] ?? .null
    }

    /// `keyValue` as text, for messages.
    func key(of row: [String: SQLValue], at index: Int, in table: GeneratedDataset.Table, after: Int = 0) -> String {
        Self.text(keyValue(of: row, at: index, in: table, after: after))
    }

    static func text(_ value: SQLValue) -> String {
        switch value {
        case .null: "null"
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        case .text(let s): s
        case .bool(let b): String(b)
        case .date(let d): CivilDate.format(days: d)
        case .timestamp(let t): CivilDate.format(microseconds: t)
        }
    }

    static func sample(_ keys: some Collection<String>) -> String {
        keys.prefix(shown).joined(separator: ", ") + (keys.count > shown ? ", …" : "")
    }

    // MARK: - (a) Rules

    /// No row breaks a rule of its table: `when` true and `require` false, or `forbid` true.
    func expectRulesHold() {
        for name in tableNames {
            guard let table = data.tables[name], let tableRules = rules[name] else { continue }
            var broken: [String: (count: Int, keys: [String])] = [:]
            for (index, row) in table.rows.enumerated() {
                let lookup = data.lookup(for: row, of: name)
                for rule in tableRules where evaluator.isViolated(rule, lookup: lookup) {
                    broken[rule.id.name, default: (0, [])].count += 1
                    if broken[rule.id.name, default: (0, [])].keys.count < Self.shown {
                        broken[rule.id.name, default: (0, [])].keys.append(key(of: row, at: index, in: table))
                    }
                }
            }
            for rule in tableRules {
                guard let (count, keys) = broken[rule.id.name] else { continue }
                Issue.record(
                    "rule \(rule.id) is broken by \(count) of \(table.rows.count) rows of \(name), keys \(Self.sample(keys))"
                )
            }
        }
    }

    // MARK: - (b) Scenarios

    /// Exactly round(share × rows) (or `count`) rows satisfy each scenario's `where`, evaluated on
    /// the rows, and the lineage lists exactly those rows.
    func expectScenariosExact() {
        let known = Set(data.spec.scenarios.map(\.id.name))
        let strays = data.lineage.filter { $0.kind == "scenario" && !known.contains($0.id) }
        #expect(strays.count == 0, "lineage names scenarios the spec does not declare: \(strays.prefix(Self.shown))")
        for scenario in data.spec.scenarios {
            let name = scenario.table.name
            guard let table = data.tables[name] else {
                Issue.record("scenario \(scenario.id): no table \(name) was written")
                continue
            }
            let wanted: Int =
                switch scenario.quota.value {
                case .share(let share): Int((share.value * Double(table.rows.count)).rounded())
                case .count(let count): count
                }
            var satisfying: [SQLValue] = []
            for (index, row) in table.rows.enumerated()
            where evaluator.truth(scenario.condition, lookup: data.lookup(for: row, of: name)) == .true {
                satisfying.append(keyValue(of: row, at: index, in: table))
            }
            #expect(
                satisfying.count == wanted,
                "scenario \(scenario.id): \(satisfying.count) of \(table.rows.count) rows of \(name) satisfy its where, not \(wanted)"
            )
            let listed = data.lineage.filter { $0.kind == "scenario" && $0.id == scenario.id.name }
            let elsewhere = listed.filter { $0.table != name }
            #expect(
                elsewhere.count == 0, "scenario \(scenario.id): lineage rows of other tables: \(elsewhere.prefix(3))")
            let listedKeys = listed.filter { $0.table == name }.map { data.keyValue($0.key, in: name) ?? .text($0.key) }
            #expect(
                Set(listedKeys).count == listedKeys.count, "scenario \(scenario.id): the lineage lists a row twice")
            let unlisted = Set(satisfying).subtracting(listedKeys).map(Self.text).sorted()
            let wrong = Set(listedKeys).subtracting(satisfying).map(Self.text).sorted()
            #expect(
                unlisted.count == 0,
                "scenario \(scenario.id): \(unlisted.count) rows satisfy it but are not in the lineage: \(Self.sample(unlisted))"
            )
            #expect(
                wrong.count == 0,
                "scenario \(scenario.id): \(wrong.count) lineage rows do not satisfy it: \(Self.sample(wrong))")
        }
    }

    // MARK: - (c) Keys and references

    /// Keys are never null and unique (across the dataset and its negative rows, so the lineage
    /// names one row); unique columns are unique; every non-null reference, also of a negative
    /// row, finds its parent row in the main dataset.
    func expectReferentialIntegrity() {
        for declaration in data.spec.tables {
            let name = declaration.name.name
            guard let table = data.tables[name] else {
                Issue.record("no file was written for table \(name)")
                continue
            }
            let negative = data.negative[name]?.rows ?? []
            for column in declaration.columns where column.isUnique {
                let values = table.values(of: column.name.name) + negative.map { $0[column.name.name] ?? .null }
                var seen = Set<SQLValue>()
                var duplicates: [String] = []
                for value in values where value != .null && !seen.insert(value).inserted {
                    duplicates.append(Self.text(value))
                }
                let nulls = values.count { $0 == .null }
                #expect(
                    duplicates.count == 0,
                    "\(name).\(column.name) holds \(duplicates.count) repeated values (main and negative rows): \(Self.sample(duplicates))"
                )
                if column.isKey {
                    #expect(nulls == 0, "key \(name).\(column.name) is null in \(nulls) rows")
                }
            }
            for column in declaration.columns {
                for case .references(let parent, let target) in column.modifiers.map(\.value) {
                    for (label, rows) in [("", table.rows), ("negative ", negative)] {
                        var dangling: [String] = []
                        for row in rows {
                            let value = row[column.name.name] ?? .null
                            if value != .null, data.row(of: parent.name, where: target.name, is: value) == nil {
                                dangling.append(Self.text(value))
                            }
                        }
                        #expect(
                            dangling.count == 0,
                            "\(dangling.count) \(label)rows of \(name) reference a missing \(parent).\(target) through \(column.name): \(Self.sample(dangling))"
                        )
                    }
                }
            }
        }
    }
}
