import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

extension Conformance {
    // MARK: - (d) Negative rows

    /// Every row of `negative/TABLE.csv` is labelled in the lineage with one rule of its table
    /// and breaks that rule and no other; every lineage label points at such a row; every rule
    /// the summary does not call unbreakable has a negative row.
    func expectNegativeRowsBreakOneRule(summary: GenerationSummary) {
        var labels: [String: [SQLValue: [String]]] = [:]
        for entry in data.lineage where entry.kind == "negative" {
            let key = data.keyValue(entry.key, in: entry.table) ?? .text(entry.key)
            labels[entry.table, default: [:]][key, default: []].append(entry.id)
        }
        var made: [String: Int] = [:]
        for name in tableNames {
            guard let table = data.negative[name] else { continue }
            let tableRules = rules[name] ?? []
            var problems: [String] = []
            var keys = Set<SQLValue>()
            let mainRows = data.tables[name]?.rows.count ?? 0
            for (index, row) in table.rows.enumerated() {
                let key = keyValue(of: row, at: index, in: table, after: mainRows)
                keys.insert(key)
                let ids = labels[name]?[key] ?? []
                guard ids.count == 1, let id = ids.first else {
                    problems.append("\(Self.text(key)) is labelled \(ids)")
                    continue
                }
                guard tableRules.contains(where: { $0.id.name == id }) else {
                    problems.append("\(Self.text(key)) is labelled \(id), not a rule of \(name)")
                    continue
                }
                made[id, default: 0] += 1
                let lookup = data.lookup(for: row, of: name)
                let broken = tableRules.filter { evaluator.isViolated($0, lookup: lookup) }.map(\.id.name)
                if broken != [id] { problems.append("\(Self.text(key)) is labelled \(id) but breaks \(broken)") }
            }
            #expect(
                problems.count == 0,
                "\(problems.count) of \(table.rows.count) negative rows of \(name) do not break exactly their rule: \(Self.sample(problems))"
            )
            let dangling = (labels[name] ?? [:]).keys.filter { !keys.contains($0) }.map(Self.text).sorted()
            #expect(
                dangling.count == 0,
                "lineage labels \(dangling.count) negative rows of \(name) that negative/\(name).csv lacks: \(Self.sample(dangling))"
            )
        }
        let strays = Set(labels.keys).subtracting(data.negative.keys)
        #expect(strays.count == 0, "lineage labels negative rows of tables with no negative file: \(strays.sorted())")

        let unbreakable = Set(summary.negative.flatMap(\.unbreakable.keys))
        for rule in data.spec.rules where !unbreakable.contains(rule.id.name) {
            #expect(
                made[rule.id.name, default: 0] > 0,
                "rule \(rule.id) has no negative row, yet the summary does not call it unbreakable")
        }
        var claimed: [String: Int] = [:]
        for table in summary.negative { claimed.merge(table.negativeRows, uniquingKeysWith: +) }
        #expect(claimed == made, "the summary's negative rows per rule (left) differ from the files (right)")
    }

    // MARK: - Derived columns

    /// Every `= EXPR` column holds its expression evaluated on the written row (and its parents),
    /// in the main and the negative rows: rules read derived columns, so a stale one would make
    /// the rule checks above vacuous.
    func expectDerivedColumnsMatch() {
        for declaration in data.spec.tables {
            let name = declaration.name.name
            for column in declaration.columns {
                guard case .derived(let expr)? = column.generator?.value, let type = column.type.valueType else {
                    continue
                }
                let mainRows = data.tables[name]?.rows.count ?? 0
                for (table, after) in [(data.tables[name], 0), (data.negative[name], mainRows)] {
                    guard let table else { continue }
                    var wrong: [String] = []
                    for (index, row) in table.rows.enumerated() {
                        let expected = evaluator.evaluate(expr, lookup: data.lookup(for: row, of: name))
                        let written = row[column.name.name] ?? .null
                        if !Self.stores(expected, as: written, type: type) {
                            wrong.append(
                                "\(key(of: row, at: index, in: table, after: after)): \(Self.text(written)), not \(Self.text(expected))"
                            )
                        }
                    }
                    #expect(
                        wrong.count == 0,
                        "\(name).\(column.name) differs from its expression in \(wrong.count) rows: \(Self.sample(wrong))"
                    )
                }
            }
        }
    }

    /// Whether `written` is `expected` stored in a column of `type` (a decimal to its scale).
    static func stores(_ expected: SQLValue, as written: SQLValue, type: ValueType) -> Bool {
        guard case .number(let x) = expected, case .number(let y) = written else { return expected == written }
        switch type {
        case .int: return x == x.rounded(.down) ? x == y : abs(x - y) < 1
        case .decimal(let scale):
            var step = 1.0
            for _ in 0..<scale { step /= 10 }
            return abs(x - y) <= step / 2 * (1 + 1e-9)
        default: return x == y || abs(x - y) <= 1e-12 * max(abs(x), abs(y))
        }
    }

    // MARK: - Fan-out

    /// For each `rows per PARENT DIST` table: every row names a parent row, and the children per
    /// parent average the distribution's mean within 5%.
    func expectFanOutFollowsDistributions(summary: GenerationSummary) {
        for declaration in data.spec.tables {
            guard case .perParent(let parent, let distribution)? = declaration.rows?.value else { continue }
            let name = declaration.name.name
            guard let table = data.tables[name], let parents = data.tables[parent.name]?.rows.count, parents > 0,
                let link = declaration.columns.first(where: { column in
                    column.modifiers.contains { modifier in
                        if case .references(let table, _) = modifier.value { table.name == parent.name } else { false }
                    }
                })
            else {
                Issue.record("\(name): no parent rows or no column referencing \(parent)")
                continue
            }
            let orphans = table.values(of: link.name.name).count { $0 == .null }
            #expect(orphans == 0, "\(orphans) rows of \(name) have no \(link.name), yet each is a child of \(parent)")
            guard let mean = Self.mean(of: distribution) else { continue }
            let observed = Double(table.rows.count) / Double(parents)
            let skipped = summary.tables.first { $0.table == name }?.skipped ?? [:]
            #expect(
                abs(observed - mean) <= 0.05 * mean,
                "\(name): \(table.rows.count) rows for \(parents) \(parent) rows is \(observed) per parent, not \(mean) ± 5% (children left out: \(skipped))"
            )
        }
    }

    /// The mean of a `rows per` distribution: `poisson(λ)`, integer `uniform(a, b)`, or `one of`.
    static func mean(of distribution: Distribution) -> Double? {
        func number(_ literal: Literal) -> Double? {
            if case .number(let n) = literal { n.value } else { nil }
        }
        switch distribution {
        case .call(let name, let arguments):
            let values = arguments.compactMap { number($0.value) }
            switch (name.name, values.count) {
            case ("poisson", 1): return values[0]
            case ("uniform", 2): return (values[0] + values[1]) / 2
            default: return nil
            }
        case .oneOf(let choices):
            let weights = choices.map { $0.weight?.value ?? 1 }
            let values = choices.compactMap { number($0.value) }
            guard values.count == weights.count else { return nil }
            return zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 } / weights.reduce(0, +)
        }
    }
}
