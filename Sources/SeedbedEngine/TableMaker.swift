import SeedbedSpec

/// Makes the rows of one table: its columns' samplers, its rules and scenarios compiled
/// against the row and its ancestors, and the plan saying which rule narrows which column.
final class TableMaker {
    let index: Int
    let model: TableModel
    let levels: RowLevels
    let samplers: [ColumnSampler]
    let order: [Int]
    /// Rules first, then scenarios' `where` conditions.
    let constraints: [Constraint]
    let ruleCount: Int
    /// Constraints (by index) that narrow each column.
    let narrowing: [[Int]]
    let valueKeys: [UInt64]
    let nullKeys: [UInt64]
    let copula: GaussianCopula?
    /// The copula dimension of each column, if it is correlated.
    let copulaSlot: [Int?]
    let copulaKey: UInt64
    /// Keyed permutations of the row indices for unique columns.
    var uniqueOrder: [IndexPermutation?] = []
    /// Rows in the whole table (all shards).
    var rowCount = 0

    /// How often a row had to be made again because a rule or scenario was not met, by ID.
    var retries: [String: Int] = [:]

    static let maximumAttempts = 64

    init(index: Int, model: GenerationModel) throws(GenerationError) {
        self.index = index
        let table = model.tables[index]
        self.model = table
        let compiler = RowExprCompiler(model: model, table: index)
        levels = compiler.levels
        let plan = DrawPlan(table: table)
        order = plan.order
        samplers = try table.columns.enumerated().map { column, _ throws(GenerationError) in
            try ColumnSampler.make(column: column, table: table, model: model, compiler: compiler)
        }
        var definitions: [Int: RowExpr] = [:]
        for (column, sampler) in samplers.enumerated() {
            if case .derived(let expr, _) = sampler { definitions[column] = expr }
        }
        var constraints: [Constraint] = []
        var narrowing = Array(repeating: [Int](), count: table.columns.count)
        for (ruleIndex, rule) in table.rules.enumerated() {
            let target = plan.narrowing.firstIndex { $0.contains(ruleIndex) }
            constraints.append(
                Self.constraint(
                    id: rule.id, requirement: rule.requirement, condition: rule.condition, body: rule.body,
                    target: target, compiler: compiler, definitions: definitions))
            if let target { narrowing[target].append(constraints.count - 1) }
        }
        ruleCount = constraints.count
        for scenario in table.scenarios {
            let read = Set(scenario.condition.ownColumns(in: table)).filter { table.columns[$0].reference == nil }
            let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
            var sources = read
            for column in read where definitions[column] != nil {
                sources.remove(column)
                sources.formUnion(Self.sampledSources(of: column, table: table, definitions: definitions))
            }
            let target = sources.max { position[$0, default: 0] < position[$1, default: 0] }
            constraints.append(
                Self.constraint(
                    id: scenario.id, requirement: .require, condition: nil, body: scenario.condition, target: target,
                    compiler: compiler, definitions: definitions))
            if let target { narrowing[target].append(constraints.count - 1) }
        }
        self.constraints = constraints
        self.narrowing = narrowing
        valueKeys = table.columns.map { StreamKey.column(seed: model.seed, table: table.name, column: $0.name) }
        nullKeys = table.columns.map {
            StreamKey.column(seed: model.seed, table: table.name, column: $0.name, purpose: "null")
        }
        copulaKey = StreamKey.column(seed: model.seed, table: table.name, column: "", purpose: "copula")
        var slots = [Int?](repeating: nil, count: table.columns.count)
        var dimension = 0
        for correlation in table.correlations {
            for column in [correlation.first, correlation.second] where slots[column] == nil {
                slots[column] = dimension
                dimension += 1
            }
        }
        copulaSlot = slots
        if dimension > 0 {
            do {
                copula = try GaussianCopula(
                    dimension: dimension,
                    correlations: table.correlations.compactMap { correlation in
                        guard let a = slots[correlation.first], let b = slots[correlation.second] else { return nil }
                        return GaussianCopula.Correlation(a, b, rank: correlation.coefficient)
                    })
            } catch {
                throw GenerationError("table '\(table.name)': \(error)")
            }
        } else {
            copula = nil
        }
    }

    private static func sampledSources(of column: Int, table: TableModel, definitions: [Int: RowExpr]) -> Set<Int> {
        guard case .derived(let expr)? = table.columns[column].generator else { return [column] }
        var result = Set<Int>()
        for source in expr.ownColumns(in: table) where source != column {
            result.formUnion(definitions[source] != nil ? sampledSources(of: source, table: table, definitions: definitions) : [source])
        }
        return result
    }

    private static func constraint(
        id: String, requirement: RuleDecl.Requirement, condition: Expr?, body: Expr, target: Int?,
        compiler: RowExprCompiler, definitions: [Int: RowExpr]
    ) -> Constraint {
        let compiledCondition = condition.map(compiler.compile)
        let compiledBody = compiler.compile(body)
        let inlinedCondition = compiledCondition?.inliningDerived(definitions)
        let inlinedBody = compiledBody.inliningDerived(definitions)
        let narrow = NarrowCompiler(target: target ?? -1)
        return Constraint(
            id: id, requirement: requirement, condition: compiledCondition, body: compiledBody,
            inlinedCondition: inlinedCondition, inlinedBody: inlinedBody,
            narrowCondition: inlinedCondition.map(narrow.compile), narrowBody: narrow.compile(inlinedBody),
            target: target)
    }

    /// Prepares what depends on the table's final row count.
    func prepare(rowCount: Int, extraRows: Int) throws(GenerationError) {
        self.rowCount = rowCount
        uniqueOrder = try samplers.enumerated().map { column, sampler throws(GenerationError) in
            guard model.columns[column].isUnique else { return nil }
            try sampler.checkUniqueCapacity(rows: rowCount + extraRows, column: model.columns[column].name, table: model.name)
            return rowCount > 0 ? IndexPermutation(count: UInt64(rowCount), key: valueKeys[column] ^ 0x5EED) : nil
        }
    }
}
