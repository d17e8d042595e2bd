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
    /// The constraints that narrow each column, seen from that column.
    let narrowing: [[Narrower]]
    /// The constraints (by index) each text column is tried against.
    let textChecks: [[Int]]
    let valueKeys: [UInt64]
    let nullKeys: [UInt64]
    let copula: GaussianCopula?
    /// The copula dimension of each column, if it is correlated.
    let copulaSlot: [Int?]
    let copulaKey: UInt64
    /// Per column, its draw given its parent in a profile's dependence tree (see
    /// `TableMaker+Dependence`).
    let conditionals: [ConditionalDraw?]
    /// Keyed permutations of the row indices for unique columns.
    var uniqueOrder: [IndexPermutation?] = []
    /// Rows and negative rows together: attempt k of row i takes unique index i + k·stride.
    var uniqueStride: UInt64 = 0
    /// Rows in the whole table (all shards).
    var rowCount = 0

    /// How many answers the memoised narrowers need (see `Narrower.memo`).
    let memoSize: Int
    /// Per column, read in the row loop without copying each column's model.
    let nullShares: [Double]
    let isUnique: [Bool]
    /// Per constraint, whether finished rows are checked against it (see `checkedConstraints`).
    let checked: [Bool]
    /// Per column, where its prepared draws are memoised (see `preparedMemos`).
    let preparedMemos: [PreparedMemo?]
    /// The same, flat, for the row loop: the first slot (−1 without a memo) and the inputs.
    let preparedBases: [Int]
    let preparedInputRanges: [Range<Int>]
    /// Every categorical column's values, one after another, and each column's range in them.
    let choiceValues: [RowValue]
    let choiceRanges: [Range<Int>]
    let preparedInputList: [(column: Int, radix: Int)]
    let preparedSize: Int
    /// Per numeric column, the decimal scale of the grid it is drawn on (0 for whole numbers,
    /// dates and timestamps), nil when drawn as is (floats and integer-valued families).
    let gridScales: [Int?]

    /// Categorical weights raised for values the rules often rule out, so the column's share
    /// over all rows stays close to what the spec asks (see `balance`).
    var balancedWeights: [[Double]?] = []
    /// Per numeric column narrowed by rules, the map from a uniform to the probability the rows
    /// the rules leave alone draw at (see `balanceNumbers`).
    var balancedQuantiles: [EmpiricalQuantiles?] = []
    /// Per numeric column, what `min` and `max` allow: a draw narrowed further is a rule's.
    var baseSets: [IntervalSet?] = []

    /// How often a row had to be made again because a rule or scenario was not met, by ID.
    var retries: [String: Int] = [:]

    static let maximumAttempts = 64

    init(index: Int, model: GenerationModel) throws(GenerationError) {
        self.index = index
        let table = model.tables[index]
        self.model = table
        let compiler = RowExprCompiler(model: model, table: index)
        levels = compiler.levels
        order = DrawPlan(table: table).order
        let samplers = try table.columns.indices.map { column throws(GenerationError) in
            try ColumnSampler.make(column: column, table: table, model: model, compiler: compiler)
        }
        self.samplers = samplers
        var definitions: [Int: RowExpr] = [:]
        for (column, sampler) in samplers.enumerated() {
            if case .derived(let expr, _) = sampler { definitions[column] = expr }
        }
        var constraints: [Constraint] = []
        for rule in table.rules {
            constraints.append(
                Self.constraint(
                    id: rule.id, requirement: rule.requirement, condition: rule.condition, body: rule.body,
                    compiler: compiler, definitions: definitions))
        }
        ruleCount = constraints.count
        for scenario in table.scenarios {
            constraints.append(
                Self.constraint(
                    id: scenario.id, requirement: .require, condition: nil, body: scenario.condition,
                    compiler: compiler,
                    definitions: definitions))
        }
        // Every constraint narrows every sampled column it reads: exactly for the last one drawn,
        // and as a look-ahead for the earlier ones (what reads undrawn columns counts as unknown).
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var narrowing = Array(repeating: [Narrower](), count: table.columns.count)
        var textChecks = Array(repeating: [Int](), count: table.columns.count)
        for (index, constraint) in constraints.enumerated() {
            let read = Set(
                [constraint.inlinedCondition, constraint.inlinedBody].compactMap { $0 }.flatMap(\.ownColumns))
            let sampled = read.filter { column in
                switch samplers[column] {
                case .numeric, .categorical, .fake, .pattern: true
                default: false
                }
            }
            for column in sampled {
                let undrawn = Set(sampled.filter { position[$0, default: 0] > position[column, default: 0] })
                switch samplers[column] {
                case .fake, .pattern:
                    if undrawn.isEmpty { textChecks[column].append(index) }
                    constraints[index].target = column
                default:
                    var choices: [RowValue]?
                    if case .categorical(let values, _) = samplers[column] { choices = values }
                    let compiler = NarrowCompiler(target: column, undrawn: undrawn, choices: choices)
                    narrowing[column].append(
                        Narrower(
                            constraint: index, requirement: constraint.requirement,
                            condition: constraint.inlinedCondition.map(compiler.compile),
                            body: compiler.compile(constraint.inlinedBody)))
                }
            }
        }
        // Memoise the narrowers whose other inputs are all categorical columns of the row.
        var memoSize = 0
        for column in narrowing.indices {
            for slot in narrowing[column].indices {
                let narrower = narrowing[column][slot]
                let constraint = constraints[narrower.constraint]
                let expressions = [constraint.inlinedCondition, constraint.inlinedBody].compactMap { $0 }
                guard !expressions.contains(where: \.readsAncestors) else { continue }
                let inputs = Set(expressions.flatMap(\.ownColumns)).subtracting([column])
                    .filter { position[$0, default: 0] < position[column, default: 0] }.sorted()
                var columns: [(column: Int, radix: Int)] = []
                var size = 4  // the modes
                for input in inputs {
                    guard case .categorical(let values, _) = samplers[input] else {
                        size = 0
                        break
                    }
                    columns.append((input, values.count + 1))
                    size *= values.count + 1
                }
                guard size > 0, size <= 4096 else { continue }
                narrowing[column][slot].memo = (columns, memoSize)
                memoSize += size
            }
        }
        self.constraints = constraints
        self.narrowing = narrowing
        self.textChecks = textChecks
        self.memoSize = memoSize
        balancedWeights = Array(repeating: nil, count: table.columns.count)
        balancedQuantiles = Array(repeating: nil, count: table.columns.count)
        baseSets = samplers.map { sampler in
            if case .numeric(_, let base, _) = sampler { return base }
            return nil
        }
        nullShares = table.columns.map(\.nullShare)
        isUnique = table.columns.map(\.isUnique)
        checked = Self.checkedConstraints(
            constraints, samplers: samplers, order: order, narrowing: narrowing, unique: isUnique)
        (preparedMemos, preparedSize) = Self.preparedMemos(
            samplers: samplers, narrowing: narrowing, unique: isUnique, scenarios: table.scenarios.count)
        preparedBases = preparedMemos.map { $0?.base ?? -1 }
        var inputList: [(column: Int, radix: Int)] = []
        preparedInputRanges = preparedMemos.map { memo in
            let start = inputList.count
            inputList += memo?.inputs ?? []
            return start..<inputList.count
        }
        preparedInputList = inputList
        var choiceValues: [RowValue] = []
        choiceRanges = samplers.map { sampler in
            let start = choiceValues.count
            if case .categorical(let values, _) = sampler { choiceValues += values }
            return start..<choiceValues.count
        }
        self.choiceValues = choiceValues
        gridScales = samplers.map { sampler in
            guard case .numeric(let distribution, _, let output) = sampler, !distribution.isIntegerValued else {
                return nil
            }
            switch output {
            case .float: return nil
            case .decimal(let scale): return scale
            default: return 0
            }
        }

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
        conditionals = Self.conditionals(
            table: table, samplers: samplers, order: order, gridScales: gridScales, correlated: slots.map { $0 != nil })
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

    private static func constraint(
        id: String, requirement: RuleDecl.Requirement, condition: Expr?, body: Expr, compiler: RowExprCompiler,
        definitions: [Int: RowExpr]
    ) -> Constraint {
        let compiledCondition = condition.map(compiler.compile)
        let compiledBody = compiler.compile(body)
        return Constraint(
            id: id, requirement: requirement, condition: compiledCondition, body: compiledBody,
            inlinedCondition: compiledCondition?.inliningDerived(definitions),
            inlinedBody: compiledBody.inliningDerived(definitions), target: nil)
    }

    /// A workspace for making this table's rows; the caller keeps it across rows so memoised
    /// answers and scratch buffers are reused.
    func makeWorkspace(model: GenerationModel) -> RowWorkspace {
        RowWorkspace(
            context: RowContext(levels: levels.levels.map { RowValues(columns: model.tables[$0.table].columns.count) }),
            memo: Array(repeating: nil, count: memoSize),
            choiceIndex: Array(repeating: 0, count: self.model.columns.count),
            uniforms: Array(repeating: 0, count: copula?.dimension ?? 0),
            prepared: Array(repeating: nil, count: preparedSize))
    }

    /// Prepares what depends on the table's final row count.
    func prepare(rowCount: Int, extraRows: Int) throws(GenerationError) {
        self.rowCount = rowCount
        uniqueStride = UInt64(rowCount + extraRows)
        uniqueOrder = try samplers.enumerated().map { column, sampler throws(GenerationError) in
            guard model.columns[column].isUnique else { return nil }
            let capacity = try sampler.checkUniqueCapacity(
                rows: rowCount + extraRows, column: model.columns[column].name, table: model.name)
            // A shuffle of all the construction's values (not only the rows'), so a retried row
            // takes a value no other row takes.
            return capacity.map { IndexPermutation(count: max(1, min($0, 1 << 62)), key: valueKeys[column] ^ 0x5EED) }
        }
    }
}
