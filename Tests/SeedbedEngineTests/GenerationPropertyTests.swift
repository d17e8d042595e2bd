import Foundation
import PropertyBased
import SeedbedEngine
import SeedbedSpec
import Testing

/// Principle 1, as a property: whatever rules a spec states, the rows the generator makes obey
/// every one of them, judged by `RuleEvaluator`, which shares nothing with the generator.
@Suite("Generated rows obey every rule")
struct GenerationPropertyTests {
    enum Outcome {
        /// The spec checked clean and its rows were made and judged.
        case generated(rows: Int, skippedChildren: Int)
        /// `seedbed check` found the rules unsatisfiable or contradictory.
        case unsatisfiable
        /// The generator gave up, naming rules of the spec (allowed, but rare).
        case generatorGaveUp(String)
    }

    /// What the checker says when it proves rules unsatisfiable (DiagnosticMessages+Satisfiability).
    static let satisfiabilityPhrases = [
        "can never hold", "contradict each other", "can only hold by never having", "never applies",
    ]

    /// Builds the spec of `seed`, generates it and records an issue for every rule broken.
    static func run(seed: UInt64) throws -> Outcome {
        let (text, ruleIDs) = RandomRuleSpec.make(seed: seed)
        let checked = Checker().check(source: text, file: "random.seed")
        let errors = checked.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            // Only a proof of unsatisfiability is an acceptable reason; anything else is a bug
            // in the spec builder above.
            let unexpected = errors.filter { error in
                !satisfiabilityPhrases.contains { error.message.contains($0) }
            }
            #expect(unexpected.isEmpty, "seed \(seed): \(unexpected.map(\.message))\n\(text)")
            return .unsatisfiable
        }
        let data: GeneratedData
        do {
            var options = Generation.Options()
            options.seed = seed
            data = try GeneratedData(try Generation(model: try GenerationModel(checked: checked), options: options))
        } catch let error as GenerationError {
            let named = ruleIDs.contains { error.message.contains("rule \($0) (") }
            #expect(named, "seed \(seed): the error names no rule: \(error.message)\n\(text)")
            return .generatorGaveUp(error.message)
        }
        let parent = try data.table("p")
        let child = data.tables.first { $0.name == "c" }
        try expectNoViolations(checked.syntax, parent: parent, child: child, seed: seed, text: text)
        try expectNullsOnlyWhereDeclared(checked.syntax, data, seed: seed, text: text)
        let rows = data.tables.reduce(0) { $0 + $1.rowCount }
        let skipped = child.map { $0.summary.skipped.values.reduce(0, +) } ?? 0
        return .generated(rows: rows, skippedChildren: skipped)
    }

    /// Every rule judged on every row of the table it belongs to (the child-most it names),
    /// reading the parent row through `pid`.
    static func expectNoViolations(
        _ spec: SpecFile, parent: GeneratedData.Table, child: GeneratedData.Table?, seed: UInt64, text: String
    ) throws {
        let evaluator = RuleEvaluator(asOf: nil)
        let ids = try parent.column("id")
        var parentRow: [SQLValue: Int] = [:]
        for (row, id) in ids.enumerated() { parentRow[id] = row }
        for rule in spec.rules {
            let tables = Set(
                ([rule.condition, rule.body].compactMap { $0 }).flatMap(\.columnReferences).compactMap(\.table))
            let anchor = try tables.contains("c") ? #require(child) : parent
            var violations: [Int] = []
            for row in 0..<anchor.rowCount {
                let parentIndex: Int? =
                    anchor.name == "c" ? (anchor.value("pid", row: row)).flatMap { parentRow[$0] } : row
                let violated = evaluator.isViolated(rule) { table, column in
                    if table == "p" {
                        return parentIndex.flatMap { parent.value(column, row: $0) } ?? .null
                    }
                    return anchor.value(column, row: row) ?? .null
                }
                if violated { violations.append(row) }
            }
            #expect(
                violations.isEmpty,
                "seed \(seed): \(rule.id.name) broken in \(violations.count) of \(anchor.rowCount) rows of \(anchor.name), first row \(violations.first ?? -1): \(describe(row: violations.first, of: anchor, parent: parent))\n\(text)"
            )
        }
        if let child {
            // Every child points at an existing parent row.
            let pids = try child.column("pid")
            #expect(pids.allSatisfy { parentRow[$0] != nil }, "seed \(seed): a child without its parent")
        }
    }

    /// A column without `nullable` is never null; a nullable column no rule reads has its share of nulls.
    static func expectNullsOnlyWhereDeclared(_ spec: SpecFile, _ data: GeneratedData, seed: UInt64, text: String) throws
    {
        let mentioned = Set(
            spec.rules.flatMap { rule in
                [rule.condition, rule.body].compactMap { $0 }.flatMap(\.columnReferences).map(\.column)
            })
        for declaration in spec.tables {
            let table = try data.table(declaration.name.name)
            for column in declaration.columns {
                let nulls = try table.column(column.name.name).count { $0 == .null }
                if column.nullShare == nil {
                    #expect(nulls == 0, "seed \(seed): \(table.name).\(column.name.name) has \(nulls) nulls\n\(text)")
                } else if let share = column.nullShare?.value, !mentioned.contains(column.name.name),
                    table.rowCount >= 400
                {
                    // No rule reads it, so its nulls are as declared: within 4.5 standard errors.
                    let n = Double(table.rowCount)
                    let tolerance = 4.5 * (share * (1 - share) / n).squareRoot()
                    #expect(
                        abs(Double(nulls) / n - share) < tolerance,
                        "seed \(seed): \(table.name).\(column.name.name) has \(nulls) nulls in \(table.rowCount) rows\n\(text)"
                    )
                }
            }
        }
    }

    /// A row's values, and its parent's for a child row, for a failure message.
    static func describe(row: Int?, of table: GeneratedData.Table, parent: GeneratedData.Table) -> String {
        guard let row else { return "" }
        func values(_ table: GeneratedData.Table, _ row: Int) -> String {
            table.columnNames.map { "\(table.name).\($0)=\(table.value($0, row: row).map { "\($0)" } ?? "?")" }
                .joined(separator: " ")
        }
        guard table.name == "c", case .number(let id)? = table.value("pid", row: row) else { return values(table, row) }
        return values(table, row) + " | " + values(parent, Int(id) - 1)
    }

    /// How the cases of a run ended.
    struct Tally: CustomStringConvertible {
        var generated = 0
        var rows = 0
        var skippedChildren = 0
        var unsatisfiable = 0
        var gaveUp: [String] = []

        /// Cases that reached the generator.
        var attempted: Int { generated + gaveUp.count }

        mutating func add(_ outcome: Outcome) {
            switch outcome {
            case .generated(let made, let left):
                generated += 1
                rows += made
                skippedChildren += left
            case .unsatisfiable: unsatisfiable += 1
            case .generatorGaveUp(let message): gaveUp.append(message)
            }
        }

        var description: String {
            "\(generated) generated (\(rows) rows, \(skippedChildren) children left out), \(unsatisfiable) rejected by check, generator gave up on \(gaveUp.count) of \(attempted)"
        }
    }

    @Test("random specs, new each run: zero rule violations, and every failure names a rule")
    func randomSpecsObeyTheirRules() async throws {
        var tally = Tally()
        await propertyCheck(count: 30, input: Gen.uint64()) { seed in
            tally.add(try Self.run(seed: seed))
        }
        print("generation property (random seeds): \(tally)")
        #expect(tally.attempted >= 15, "too few random specs reached the generator: \(tally)")
    }

    /// The generator may give up on rule sets that are satisfiable but that its narrowing cannot
    /// see through (a `when` over a column drawn later, a rare parent value a child's rule needs),
    /// or that contradict each other where the checker cannot look (two columns compared). That
    /// happens for about 4–5% of these specs; a fresh random sample of this size would cross 10% by
    /// chance in about one run in fifty, so the rate is measured on a fixed panel of seeds.
    @Test("a fixed panel of random specs: zero rule violations, generator failures under 10%")
    func generatorFailuresAreRare() throws {
        var tally = Tally()
        for seed in UInt64(1)...80 {
            tally.add(try Self.run(seed: seed))
        }
        print("generation property (seeds 1…80): \(tally)")
        #expect(tally.attempted >= 60, "too few specs reached the generator: \(tally)")
        #expect(tally.gaveUp.count * 10 < tally.attempted, "generator failures: \(tally.gaveUp)")
    }
}
