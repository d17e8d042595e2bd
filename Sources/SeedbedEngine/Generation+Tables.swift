import SeedbedSpec

/// A row tagged in the dataset's lineage: made for a scenario, or to break a rule.
public struct LineageEntry: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case scenario
        case negative
    }

    public var table: String
    /// The row's key value, or its row number when the table has no key.
    public var key: String
    public var kind: Kind
    /// The scenario or rule ID.
    public var id: String

    public init(table: String, key: String, kind: Kind, id: String) {
        self.table = table
        self.key = key
        self.kind = kind
        self.id = id
    }
}

/// What one table's generation did.
public struct TableSummary: Sendable {
    public var table: String
    public var rows = 0
    /// Rows made for each scenario.
    public var scenarioRows: [String: Int] = [:]
    /// Rows made to break each rule (`--negative`).
    public var negativeRows: [String: Int] = [:]
    /// Rows that had to be made again because a rule or scenario was missed, by ID (the
    /// bounded rejection the narrowing could not avoid).
    public var retries: [String: Int] = [:]
    /// Child rows left out because no row could satisfy the rules with their parent.
    public var skipped: [String: Int] = [:]
    /// `--negative` rows not made because breaking the rule alone was impossible (breaking it
    /// broke another rule too), by rule.
    public var unbreakable: [String: Int] = [:]
}

extension Generation {
    /// Makes this shard's rows of one table, in batches of typed columns.
    /// - Parameters:
    ///   - negative: make the `--negative` rows (each breaks one rule) instead of the dataset's.
    ///   - firstRowNumber: the lineage's number for this call's first row when the table has no key
    ///     (negative rows continue after the dataset's rows).
    ///   - body: receives each batch and the lineage of its tagged rows.
    public func generate(
        table index: Int, negative: Bool = false, firstRowNumber: Int = 1,
        _ body: (RowBatch, [LineageEntry]) throws(GenerationError) -> Void
    ) throws(GenerationError) -> TableSummary {
        let maker = makers[index]
        let table = model.tables[index]
        var summary = TableSummary(table: table.name)
        var batch = BatchBuilder(table: table, capacity: options.batchSize)
        var lineage: [LineageEntry] = []
        let keyColumn = table.columns.firstIndex { $0.isKey }
        var workspace = maker.makeWorkspace(model: model)
        var made = MadeRow(columns: table.columns.count)

        let rows: Range<Int>
        if negative {
            let count = table.rules.count * options.negativeRowsPerRule
            let slice = options.shard.range(of: count)
            rows = (maker.rowCount + slice.lowerBound)..<(maker.rowCount + slice.upperBound)
        } else {
            rows = options.shard.range(of: maker.rowCount)
        }
        let assignment = negative ? .empty : scenarioAssignment(of: index)
        for (scenario, made, wanted) in assignment.shortfalls {
            throw GenerationError(
                "scenario \(table.scenarios[scenario].id) (line \(table.scenarios[scenario].line)) asks for \(wanted) rows of '\(table.name)', but only \(made) can satisfy it together with the rules and their parent rows; lower its quota or widen the parents' columns"
            )
        }
        let scenarioRows = assignment.sortedRows
        var nextScenario = scenarioRows.firstIndex { $0.row >= rows.lowerBound } ?? scenarioRows.count
        let hasParent = if case .perParent = table.rowCount { true } else { false }
        for row in rows {
            var purpose = RowPurpose()
            if negative {
                purpose.brokenRule = (row - maker.rowCount) % max(1, table.rules.count)
            } else {
                if hasParent { purpose.parent = parentSlot(of: index, row: row) }
                if nextScenario < scenarioRows.count, scenarioRows[nextScenario].row == row {
                    purpose.scenario = scenarioRows[nextScenario].scenario
                    nextScenario += 1
                }
            }
            do {
                try maker.make(row: row, purpose: purpose, generation: self, workspace: &workspace, into: &made)
            } catch {
                if negative, let rule = purpose.brokenRule {
                    // Breaking this rule breaks another too: no row can break it alone here.
                    summary.unbreakable[table.rules[rule].id, default: 0] += 1
                    continue
                }
                // A child whose parent leaves no way to satisfy the rules is left out: that parent
                // gets no such child. A table with a fixed count must have every row.
                if case .perParent = table.rowCount {
                    for id in error.ids.prefix(1) { summary.skipped[id, default: 0] += 1 }
                    continue
                }
                throw GenerationError(
                    "row \(row) of '\(table.name)' cannot be made: \(Self.describe(error.ids, of: table)) could not be met after \(TableMaker.maximumAttempts) attempts; run 'seedbed check' and look at these rules together"
                )
            }
            let tag: (LineageEntry.Kind, String)? =
                if negative, let rule = purpose.brokenRule {
                    (.negative, table.rules[rule].id)
                } else if let scenario = purpose.scenario {
                    (.scenario, table.scenarios[scenario].id)
                } else {
                    nil
                }
            if let (kind, id) = tag {
                // Without a key, a row is named by its line in the file written (rows left out do not count).
                let key = keyColumn.map { BatchBuilder.text(made.values[$0]) } ?? String(firstRowNumber + summary.rows)
                lineage.append(LineageEntry(table: table.name, key: key, kind: kind, id: id))
                if kind == .scenario {
                    summary.scenarioRows[id, default: 0] += 1
                } else {
                    summary.negativeRows[id, default: 0] += 1
                }
            }
            batch.append(made)
            summary.rows += 1
            if batch.isFull {
                try body(batch.finish(), lineage)
                lineage.removeAll(keepingCapacity: true)
            }
        }
        if batch.count > 0 || summary.rows == 0 { try body(batch.finish(), lineage) }
        for (id, count) in maker.retries { summary.retries[id, default: 0] += count }
        maker.retries.removeAll()
        let skipped = summary.skipped.values.reduce(0, +)
        if skipped > 0, skipped * 2 > summary.rows + skipped {
            throw GenerationError(
                "most rows of '\(table.name)' (\(skipped) of \(summary.rows + skipped)) cannot satisfy \(Self.describe(Array(summary.skipped.keys), of: table)) with their parent rows; run 'seedbed check' and look at these rules"
            )
        }
        return summary
    }

    private static func describe(_ ids: [String], of table: TableModel) -> String {
        let named = ids.map { id in
            if let rule = table.rules.first(where: { $0.id == id }) { return "rule \(id) (line \(rule.line))" }
            if let scenario = table.scenarios.first(where: { $0.id == id }) {
                return "scenario \(id) (line \(scenario.line))"
            }
            return "column \(id)"
        }
        return named.isEmpty ? "its columns" : named.joined(separator: ", ")
    }
}
