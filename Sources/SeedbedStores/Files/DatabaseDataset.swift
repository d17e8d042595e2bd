public import SeedbedEngine
import SeedbedSpec

/// A database target read as a dataset: the spec's tables through their bindings (database
/// names and declared types), the lineage from `_seedbed_lineage`.
public final class DatabaseDataset: DatasetSource {
    public let database: any Database
    public let location: String
    private let bindings: [String: SchemaMerge.Binding]

    /// - Parameters:
    ///   - bindings: where each spec table lives (from `SchemaMerge`).
    ///   - location: the target as messages may show it (`Target.redacted`).
    public init(database: any Database, bindings: [SchemaMerge.Binding], location: String) {
        self.database = database
        self.location = location
        self.bindings = Dictionary(bindings.map { ($0.specTable, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func hasTable(_ table: String) throws(StoreError) -> Bool {
        bindings[table]?.exists ?? false
    }

    /// Reads the spec columns `columns` (spec names and types) of the spec table `table`; the
    /// batches name the columns as the spec does.
    public func read(
        table: String, columns: [LoadColumn], batchSize: Int, _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError) {
        guard let binding = bindings[table], binding.exists else {
            throw StoreError(.schema, "table '\(table)' of the spec is not in \(location)", table: table)
        }
        let loadColumns = binding.loadColumns(columns.map { ($0.name, $0.type) })
        try database.read(table: binding.table, columns: loadColumns, batchSize: batchSize) {
            (batch) throws(StoreError) in
            var renamed = batch
            renamed.table = table
            for index in renamed.columns.indices { renamed.columns[index].name = columns[index].name }
            try body(renamed)
        }
    }

    /// The rows `_seedbed_lineage` tags; none when the table is absent (seeded with
    /// `--no-lineage`, or by another tool). Introspection hides Seedbed's own tables, so the
    /// table is read directly and a missing one is told by the schema error.
    public func lineage() throws(StoreError) -> [LineageEntry] {
        var entries: [LineageEntry] = []
        let columns = LineageEntry.columnNames.map { LoadColumn(name: $0, type: .text, declaredType: "TEXT") }
        do {
            try database.read(table: TableName(Seeder.lineageTable), columns: columns, batchSize: 4096) {
                (batch) throws(StoreError) in
                guard case .text(let tables) = batch.columns[0].values, case .text(let keys) = batch.columns[1].values,
                    case .text(let kinds) = batch.columns[2].values, case .text(let ids) = batch.columns[3].values
                else { return }
                for row in 0..<batch.count {
                    guard let kind = LineageEntry.Kind(rawValue: kinds[row]) else {
                        throw StoreError(
                            .usage,
                            "\(Seeder.lineageTable) in \(location) has the kind '\(kinds[row])' (row \(row + 1)); only scenario and negative are written by seedbed seed"
                        )
                    }
                    entries.append(LineageEntry(table: tables[row], key: keys[row], kind: kind, id: ids[row]))
                }
            }
        } catch  where error.kind == .schema {
            return []
        }
        return entries
    }
}
