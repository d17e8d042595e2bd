import SeedbedSpec

/// One generation run: every table's rows, made on demand from their row indices.
public final class Generation {
    public struct Options: Sendable {
        /// Overrides the spec's `seed`.
        public var seed: UInt64?
        /// `--rows TABLE=N`: row counts of tables with a fixed count (children follow their parents).
        public var rows: [String: Int] = [:]
        public var shard: Shard = .whole
        /// `--negative`: also make rows that each break exactly one rule.
        public var negative = false
        /// How many negative rows each rule gets.
        public var negativeRowsPerRule = 10
        public var batchSize = 4096

        public init() {}
    }

    public let model: GenerationModel
    public let options: Options
    let makers: [TableMaker]
    /// Recently made rows of each table; `nil` remembers a row that cannot be made (a child
    /// left out), so its children do not try again.
    private var caches: [[Int: MadeRow?]]
    private var fanOutIndexes: [Int: FanOutIndex] = [:]

    /// Resolves the plan and every table's row count.
    /// - Throws: `GenerationError` for a row count on a child table, a unique column without
    ///   room for its rows, or a sampler that cannot be built.
    public init(model: GenerationModel, options: Options = Options()) throws(GenerationError) {
        var model = model
        if let seed = options.seed { model.seed = seed }
        self.model = model
        self.options = options
        for name in options.rows.keys {
            guard let table = model.table(named: name) else {
                throw GenerationError("--rows names '\(name)', which the spec does not declare", isUsage: true)
            }
            if case .perParent(let parent, _, _) = table.rowCount {
                throw GenerationError(
                    "'\(name)' has rows per '\(model.tables[parent].name)'; set --rows \(model.tables[parent].name)=N and its children follow",
                    isUsage: true)
            }
        }
        makers = try model.tables.indices.map { index throws(GenerationError) in
            try TableMaker(index: index, model: model)
        }
        caches = Array(repeating: [:], count: model.tables.count)
        for (tableIndex, table) in model.tables.enumerated() {
            let rows: Int
            switch table.rowCount {
            case .fixed(let declared): rows = options.rows[table.name] ?? declared
            case .perParent(let parent, _, let fanOut):
                let counter = FanOut(
                    fanOut, key: StreamKey.column(seed: model.seed, table: table.name, column: "", purpose: "fan-out"))
                let index = FanOutIndex(counter: counter, parents: makers[parent].rowCount)
                fanOutIndexes[tableIndex] = index
                rows = index.children
            }
            let extra = options.negative ? table.rules.count * options.negativeRowsPerRule : 0
            try makers[tableIndex].prepare(rowCount: rows, extraRows: extra)
            // Parents first: a child's pilot reads parent rows, which must already be final.
            makers[tableIndex].balance(using: self)
            caches[tableIndex].removeAll()
        }
    }

    func rowCount(of table: Int) -> Int { makers[table].rowCount }

    /// The value of a key column of a row, computed from the row's index alone (a `sequence`
    /// or a `uuid`), for references back along a cycle of tables.
    func keyValue(of table: Int, column: Int, row: Int) -> RowValue {
        let maker = makers[table]
        switch maker.samplers[column] {
        case .sequence(let start, let step, _):
            return .number(start + step * Double(row))
        case .uuid:
            var random = RowRandom(key: maker.valueKeys[column], row: UInt64(row))
            return .text(UUIDValue(random: &random).description)
        default:
            return self.row(of: table, at: row)?.values[column] ?? .null
        }
    }

    func columnCount(of table: Int) -> Int { model.tables[table].columns.count }

    /// Row `index` of a table, made again from its index (kept in a small cache, since
    /// children of one parent come together).
    func row(of table: Int, at index: Int) -> MadeRow? {
        if let cached = caches[table][index] { return cached }
        guard index >= 0, index < makers[table].rowCount else { return nil }
        let maker = makers[table]
        var purpose = RowPurpose()
        if let parent = parentSlot(of: table, row: index) { purpose.parent = parent }
        purpose.scenario = scenarioAssignment(of: table).scenario(ofRow: index)
        var made = MadeRow(columns: maker.model.columns.count)
        var workspace = maker.makeWorkspace(model: model)
        if caches[table].count > 4096 { caches[table].removeAll(keepingCapacity: true) }
        do {
            try maker.make(row: index, purpose: purpose, generation: self, workspace: &workspace, into: &made)
        } catch {
            caches[table][index] = .some(nil)
            return nil
        }
        caches[table][index] = made
        return made
    }

    // MARK: - Structure

    private var assignments: [Int: ScenarioAssignment] = [:]

    /// The table's scenario rows, worked out on first use (see `ScenarioAssignment`).
    func scenarioAssignment(of table: Int) -> ScenarioAssignment {
        if let known = assignments[table] { return known }
        let maker = makers[table]
        // While the assignment is being made, rows are tried against it as it grows.
        assignments[table] = .empty
        var workspace = maker.makeWorkspace(model: model)
        var made = MadeRow(columns: maker.model.columns.count)
        func canMake(_ row: Int, as scenario: Int?) -> Bool {
            var purpose = RowPurpose()
            purpose.parent = parentSlot(of: table, row: row)
            purpose.scenario = scenario
            do {
                // Where the parent rows allow the scenario, narrowing finds a row at once; a few
                // attempts tell a row that cannot be one from an unlucky draw. An ordinary row is
                // tried exactly as generation will try it.
                try maker.make(
                    row: row, purpose: purpose, generation: self, workspace: &workspace, into: &made,
                    attempts: scenario == nil ? TableMaker.maximumAttempts : 8)
                return true
            } catch {
                return false
            }
        }
        let scenarios = maker.model.scenarios
        var assignment = ScenarioAssignment(
            rows: maker.rowCount, quotas: scenarios.map { $0.rowCount(of: maker.rowCount) },
            key: StreamKey.column(seed: model.seed, table: maker.model.name, column: "", purpose: "scenarios")
        ) { canMake($0, as: $1) }
        // Children of a parent that allows none are left out, so a share of a `rows per` table
        // is settled against the rows written: one more pass over the table, only here.
        if case .perParent = maker.model.rowCount {
            assignment.settleShares(
                scenarios.map { if case .share(let share) = $0.quota { share.value } else { nil } },
                canMake: { canMake($0, as: $1) }, isMakeable: { canMake($0, as: nil) })
        }
        maker.retries.removeAll()
        assignments[table] = assignment
        return assignment
    }

    /// For a `rows per` table, the parent row of a row.
    func parentSlot(of table: Int, row: Int) -> (column: Int, row: Int)? {
        guard case .perParent(_, let via, _) = model.tables[table].rowCount, let index = fanOutIndexes[table],
            let parent = index.parent(of: row)
        else { return nil }
        return (via, parent)
    }
}

/// How many children each parent row gets: a pure function of the parent's index.
struct FanOut {
    enum Kind {
        case numeric(NumericDistribution)
        case choices([Int], weights: [Double])
    }

    let kind: Kind
    let key: UInt64

    init(_ distribution: Distribution, key: UInt64) {
        self.key = key
        switch distribution {
        case .oneOf(let choices):
            kind = .choices(choices.map { Int(Self.number($0.value)) }, weights: choices.map { $0.weight?.value ?? 1 })
        case .call(let name, let arguments):
            let numbers = arguments.map { Self.number($0.value) }
            let family: NumericDistribution.Family =
                name.name == "uniform" && numbers.count == 2
                ? .uniformInteger(lower: Int(numbers[0]), upper: Int(numbers[1]))
                : .poisson(mean: numbers.first ?? 1)
            kind = (try? NumericDistribution(family)).map(Kind.numeric) ?? .choices([0], weights: [1])
        }
    }

    private static func number(_ literal: Literal) -> Double {
        if case .number(let n) = literal { return n.value }
        return 0
    }

    func children(of parent: Int) -> Int {
        var random = RowRandom(key: key, row: UInt64(parent))
        switch kind {
        case .numeric(let distribution):
            return max(0, Int(distribution.quantile(random.nextOpenUnit(), within: .all, decimalScale: 0) ?? 0))
        case .choices(let counts, let weights):
            var target = random.nextUnit() * weights.reduce(0, +)
            for (count, weight) in zip(counts, weights) {
                target -= weight
                if target < 0 { return max(0, count) }
            }
            return max(0, counts.last ?? 0)
        }
    }
}

/// Finds the parent of a child row: the first child row of every 64th parent is kept, and
/// counts are walked from the nearest one, so memory stays at 1/64 of the parents.
final class FanOutIndex {
    let counter: FanOut
    let parents: Int
    /// `checkpoints[k]` is the first child row of parent `64·k`.
    private var checkpoints: [Int] = []
    /// Rows in the child table.
    private(set) var children = 0
    static let stride = 64

    init(counter: FanOut, parents: Int) {
        self.counter = counter
        self.parents = parents
        checkpoints.reserveCapacity(parents / Self.stride + 1)
        for parent in 0..<parents {
            if parent % Self.stride == 0 { checkpoints.append(children) }
            children += counter.children(of: parent)
        }
    }

    /// The parent found last and its first child row: children are mostly asked for in order.
    private var last = (parent: 0, start: 0)

    func parent(of row: Int) -> Int? {
        guard row >= 0, row < children else { return nil }
        if row >= last.start, row - last.start < Self.stride * 4 {
            return walk(to: row, from: last)
        }
        // The last checkpoint at or before the row.
        var low = 0
        var high = checkpoints.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if checkpoints[middle] <= row { low = middle } else { high = middle - 1 }
        }
        return walk(to: row, from: (low * Self.stride, checkpoints[low]))
    }

    /// Counts children parent by parent from `start` until the one holding `row`.
    private func walk(to row: Int, from start: (parent: Int, start: Int)) -> Int? {
        var (parent, first) = start
        while parent < parents {
            let count = counter.children(of: parent)
            if row < first + count {
                last = (parent, first)
                return parent
            }
            first += count
            parent += 1
        }
        return nil
    }
}
