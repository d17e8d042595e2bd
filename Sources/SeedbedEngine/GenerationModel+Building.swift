public import SeedbedSpec

/// Why a spec cannot be generated.
public struct GenerationError: Error, Sendable, CustomStringConvertible {
    public var message: String
    /// The options asked for something the spec does not allow (a usage error, not a spec's).
    public var isUsage: Bool
    public var description: String { message }

    public init(_ message: String, isUsage: Bool = false) {
        self.message = message
        self.isUsage = isUsage
    }
}

extension GenerationModel {
    /// Resolves a spec that checked without errors.
    /// - Parameters:
    ///   - seed: overrides the spec's `seed` (default 0 when neither is given).
    ///   - profile: what `from profile` columns (and columns without a generator that the profile
    ///     describes) follow.
    /// - Throws: `GenerationError` when the spec has errors, or a `from profile` column has no
    ///   marginal in the profile.
    public init(checked result: CheckResult, seed: UInt64? = nil, profile: ProfileMarginals? = nil)
        throws(GenerationError)
    {
        guard !result.hasErrors else {
            throw GenerationError("the spec has errors; run 'seedbed check \(result.source.name)'")
        }
        let spec = result.syntax
        dataset = spec.dataset?.name.name ?? "dataset"
        self.seed = seed ?? spec.dataset?.seed.map { UInt64(bitPattern: Int64($0.value)) } ?? 0
        asOf = spec.dataset?.asOf?.value
        let declared = spec.tables
        let order = Self.dependencyOrder(declared)
        let index = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1.name.name, $0) })
        tables = order.map { Self.resolve($0, tables: index, declared: order) }
        if let profile {
            for table in tables.indices { try Self.apply(profile, to: &tables[table], declared: order[table]) }
        }
        for rule in spec.rules {
            let anchor = Self.anchor(of: [rule.condition, rule.body].compactMap { $0 }, in: tables)
            guard let anchor else { continue }
            tables[anchor].rules.append(
                RuleModel(
                    id: rule.id.name, kind: rule.kind, title: rule.title, condition: rule.condition,
                    requirement: rule.requirement, body: rule.body,
                    line: result.source.location(of: rule.headerRange.start).line))
        }
        for scenario in spec.scenarios {
            guard let table = index[scenario.table.name] else { continue }
            tables[table].scenarios.append(
                ScenarioModel(
                    id: scenario.id.name, title: scenario.title, quota: scenario.quota.value,
                    condition: scenario.condition, line: result.source.location(of: scenario.headerRange.start).line))
        }
    }

    /// Tables ordered so every table comes after the tables it references (declaration order otherwise).
    static func dependencyOrder(_ tables: [TableDecl]) -> [TableDecl] {
        var remaining = tables
        var placed = Set<String>()
        var order: [TableDecl] = []
        while !remaining.isEmpty {
            // A table is ready when its non-null references point at placed tables (or itself);
            // when none is ready (a cycle through nullable columns), take the first left.
            let ready =
                remaining.firstIndex { table in
                    table.columns.allSatisfy { column in
                        column.modifiers.allSatisfy { modifier in
                            guard case .references(let parent, _) = modifier.value else { return true }
                            return placed.contains(parent.name) || parent.name == table.name.name
                                || !tables.contains { $0.name.name == parent.name }
                        }
                    }
                } ?? 0
            let table = remaining.remove(at: ready)
            placed.insert(table.name.name)
            order.append(table)
        }
        return order
    }

    private static func resolve(_ table: TableDecl, tables: [String: Int], declared: [TableDecl]) -> TableModel {
        let columns = table.columns.map { column -> ColumnModel in
            var model = ColumnModel(
                name: column.name.name, type: column.type.valueType ?? .text, generator: column.generator?.value,
                nullShare: column.nullShare?.value ?? 0, isKey: column.isKey, isUnique: column.isUnique,
                minimum: nil, maximum: nil, reference: nil)
            for modifier in column.modifiers {
                switch modifier.value {
                case .min(let value): model.minimum = value
                case .max(let value): model.maximum = value
                case .references(let parent, let target):
                    if let parentIndex = tables[parent.name],
                        let targetIndex = declared[parentIndex].columns.firstIndex(where: {
                            $0.name.name == target.name
                        })
                    {
                        model.reference = (parentIndex, targetIndex)
                    }
                default: break
                }
            }
            return model
        }
        var rowCount = TableModel.RowCount.fixed(0)
        switch table.rows?.value {
        case .fixed(let n)?: rowCount = .fixed(n)
        case .perParent(let parent, let distribution)?:
            if let parentIndex = tables[parent.name],
                let via = columns.firstIndex(where: { $0.reference?.table == parentIndex })
            {
                rowCount = .perParent(parent: parentIndex, via: via, fanOut: distribution)
            }
        case nil: break
        }
        let correlations = table.correlations.compactMap { correlation -> (Int, Int, Double)? in
            guard let a = columns.firstIndex(where: { $0.name == correlation.first.name }),
                let b = columns.firstIndex(where: { $0.name == correlation.second.name })
            else { return nil }
            return (a, b, correlation.coefficient.value)
        }
        return TableModel(
            name: table.name.name, rowCount: rowCount, columns: columns, rules: [],
            scenarios: [], correlations: correlations)
    }

    /// Gives `from profile` columns (and columns without a generator, key, reference or `pii` tag)
    /// the profile's marginal, and correlates every pair of them as the profile's dependence says,
    /// unless the spec correlates the pair itself.
    private static func apply(_ profile: ProfileMarginals, to table: inout TableModel, declared: TableDecl)
        throws(GenerationError)
    {
        let marginals = profile.marginals[table.name] ?? [:]
        var profiled = Set<Int>()
        for (index, column) in table.columns.enumerated() {
            let isPII = declared.column(named: column.name)?.modifiers.contains { $0.value == .pii } ?? false
            let follows: Bool
            switch column.generator {
            case .fromProfile?: follows = true
            case nil: follows = !column.isKey && column.reference == nil && !isPII
            default: follows = false
            }
            guard follows else { continue }
            let bins = profile.bins[table.name]?[column.name]
            switch marginals[column.name] {
            case .quantiles(let quantiles)? where column.type.isOrdered:
                table.columns[index].profileQuantiles = quantiles
                if case .cuts? = bins { table.columns[index].profileBins = bins }
            case .categories(let values, let weights)?:
                table.columns[index].generator = .distribution(
                    .oneOf(zip(values, weights).map { Choice(value: $0, weight: .decimal($1)) }))
                if case .categories(let binOfValue, _)? = bins, binOfValue.count == values.count {
                    table.columns[index].profileBins = bins
                }
            default:
                guard column.generator == .fromProfile else { continue }
                throw GenerationError(
                    "\(table.name).\(column.name) is 'from profile', but the profile keeps no values for it (only its shape, as for pii and free text, or no such column); give it a generator"
                )
            }
            profiled.insert(index)
        }
        let declaredPairs = Set(table.correlations.map { [$0.first, $0.second].sorted() })
        for pair in profile.correlations[table.name] ?? [] {
            guard let a = table.column(named: pair.first), let b = table.column(named: pair.second), a != b,
                profiled.contains(a), profiled.contains(b), !declaredPairs.contains([a, b].sorted()),
                pair.rank.isFinite, abs(pair.rank) <= 1
            else { continue }
            table.correlations.append((a, b, pair.rank))
        }
        for joint in profile.joints[table.name] ?? [] {
            guard let a = table.column(named: joint.first), let b = table.column(named: joint.second), a != b,
                profiled.contains(a), profiled.contains(b), let binsA = table.columns[a].profileBins,
                let binsB = table.columns[b].profileBins, joint.counts.count == binsA.count,
                joint.counts.allSatisfy({ $0.count == binsB.count && $0.allSatisfy { $0.isFinite && $0 >= 0 } })
            else { continue }
            table.dependence.append(
                ProfileEdge(
                    first: a, second: b, counts: joint.counts, suppressed: joint.suppressed, cellLimit: joint.cellLimit)
            )
        }
    }

    /// The child-most table an expression names: the one all the others are ancestors of.
    static func anchor(of expressions: [Expr], in tables: [TableModel]) -> Int? {
        let named = Set(expressions.flatMap(\.tableNames))
        let indices = named.compactMap { name in tables.firstIndex { $0.name == name } }
        return indices.first { candidate in
            let reach = ancestors(of: candidate, in: tables)
            return indices.allSatisfy { $0 == candidate || reach.contains($0) }
        }
    }

    /// Every table reachable from `table` through references.
    static func ancestors(of table: Int, in tables: [TableModel]) -> Set<Int> {
        var seen = Set<Int>()
        var stack = [table]
        while let current = stack.popLast() {
            for column in tables[current].columns {
                if let parent = column.reference?.table, parent != table, seen.insert(parent).inserted {
                    stack.append(parent)
                }
            }
        }
        return seen
    }
}

extension Expr {
    /// The tables an expression names explicitly (`TABLE.COLUMN`).
    var tableNames: [String] { columnReferences.compactMap(\.table) }
}
