import Foundation
public import SeedbedEngine
import SeedbedSpec

/// Fills a database with a generated dataset in one transaction: everything lands, or nothing.
public struct Seeder {
    public enum Mode: String, Sendable, CaseIterable {
        /// Empty the spec's tables first (DELETE, so foreign keys from other tables still hold).
        case replace
        /// Keep what is there; the keys must not collide with it.
        case append
        /// Empty the spec's tables with TRUNCATE (PostgreSQL: `RESTART IDENTITY CASCADE`, which
        /// also empties tables that reference them).
        case truncate
    }

    public struct Options: Sendable {
        public var mode = Mode.replace
        /// Write the tagged rows to `_seedbed_lineage` in the same transaction.
        public var lineage = true
        public init() {}
    }

    /// What a seed did.
    public struct Summary: Sendable {
        public var tables: [TableSummary] = []
        public var lineageRows = 0
        public var seconds = 0.0
        public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
    }

    public static let lineageTable = "_seedbed_lineage"

    let database: any Database
    let merge: SchemaMerge
    let generation: Generation
    let options: Options
    /// Asked between batches; `true` stops the load and rolls it back (SIGINT, SIGTERM).
    let isInterrupted: @Sendable () -> Bool

    public init(
        database: any Database, merge: SchemaMerge, generation: Generation, options: Options,
        isInterrupted: @escaping @Sendable () -> Bool = { false }
    ) {
        self.database = database
        self.merge = merge
        self.generation = generation
        self.options = options
        self.isInterrupted = isInterrupted
    }

    /// Loads every table, parents first. On any error the transaction is rolled back and the
    /// error says which table, row key and constraint stopped it.
    /// - Parameter progress: told each table's name and rows loaded so far, about once a batch.
    public func run(progress: ((String, Int) -> Void)? = nil) throws(StoreError) -> Summary {
        let start = Date()
        try database.beginTransaction()
        do throws(StoreError) {
            var summary = Summary()
            try createTables()
            let relaxed = try relaxForwardKeys()
            try database.deferConstraints()
            try emptyTables()
            var lineage: [LineageEntry] = []
            for index in generation.model.tables.indices {
                summary.tables.append(try load(table: index, lineage: &lineage, progress: progress))
            }
            if options.lineage {
                summary.lineageRows = try writeLineage(lineage)
            }
            try restore(relaxed)
            if isInterrupted() { throw Self.interruption }
            try database.commit()
            summary.seconds = Date().timeIntervalSince(start)
            return summary
        } catch {
            database.rollback()
            throw error
        }
    }

    static let interruption = StoreError(
        .database, "interrupted: the load was rolled back and the database is as it was before")

    private func binding(of table: TableModel) -> SchemaMerge.Binding? {
        merge.bindings.first { $0.specTable == table.name }
    }

    // MARK: - Steps

    private func createTables() throws(StoreError) {
        let created = Set(merge.bindings.filter { !$0.exists }.map(\.specTable))
        guard !created.isEmpty else { return }
        let statements = TableCreation(
            model: generation.model, dialect: database.dialect, tables: created,
            names: Dictionary(uniqueKeysWithValues: merge.bindings.map { ($0.specTable, $0.table) }))
        for statement in statements.sql { try database.execute(statement) }
    }

    /// A PostgreSQL foreign key that is not deferrable and points at a table loaded later (a cycle
    /// through a nullable column) would fail at the end of its table's COPY. Inside the load's
    /// transaction it is made deferrable for the load, checked before the commit, and made
    /// NOT DEFERRABLE again, so the schema ends as it began (and a rollback undoes all of it).
    private func relaxForwardKeys() throws(StoreError) -> [(TableName, String)] {
        guard database.dialect == .postgres else { return [] }
        let position = Dictionary(
            generation.model.tables.enumerated().compactMap { index, table in
                binding(of: table).map { ($0.table.name, index) }
            }, uniquingKeysWith: { first, _ in first })
        var relaxed: [(TableName, String)] = []
        for (index, table) in generation.model.tables.enumerated() {
            guard let binding = binding(of: table) else { continue }
            for key in binding.foreignKeys where !key.isDeferrable {
                guard let parent = position[key.referencedTable.name], parent > index else { continue }
                try database.execute(
                    "ALTER TABLE \(binding.table.sql) ALTER CONSTRAINT \(SQLIdentifier.quote(key.name)) DEFERRABLE INITIALLY DEFERRED"
                )
                relaxed.append((binding.table, key.name))
            }
        }
        return relaxed
    }

    private func restore(_ relaxed: [(TableName, String)]) throws(StoreError) {
        guard !relaxed.isEmpty else { return }
        // Checked now, while the load can still say which constraint failed; then as before.
        try database.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for (table, name) in relaxed {
            try database.execute(
                "ALTER TABLE \(table.sql) ALTER CONSTRAINT \(SQLIdentifier.quote(name)) NOT DEFERRABLE")
        }
    }

    private func emptyTables() throws(StoreError) {
        let tables = generation.model.tables.compactMap(binding(of:)).map(\.table)
        if options.lineage { try prepareLineageTable(for: tables) }
        switch (options.mode, database.dialect) {
        case (.append, _):
            return
        case (.truncate, .postgres):
            guard !tables.isEmpty else { return }
            try database.execute("TRUNCATE \(tables.map(\.sql).joined(separator: ", ")) RESTART IDENTITY CASCADE")
        case (.replace, _), (.truncate, .sqlite):
            // Children before parents, so no foreign key points at a deleted row.
            for table in tables.reversed() { try database.execute("DELETE FROM \(table.sql)") }
        }
    }

    private func prepareLineageTable(for tables: [TableName]) throws(StoreError) {
        let lineage = TableName(Self.lineageTable).sql
        try database.execute(
            "CREATE TABLE IF NOT EXISTS \(lineage) (\"table\" TEXT NOT NULL, \"key\" TEXT NOT NULL, \"kind\" TEXT NOT NULL, \"id\" TEXT NOT NULL)"
        )
        guard options.mode != .append, !tables.isEmpty else { return }
        let names = generation.model.tables.map { "'\($0.name.replacingOccurrences(of: "'", with: "''"))'" }
        try database.execute("DELETE FROM \(lineage) WHERE \"table\" IN (\(names.joined(separator: ", ")))")
    }

    private func load(
        table index: Int, lineage: inout [LineageEntry], progress: ((String, Int) -> Void)?
    ) throws(StoreError) -> TableSummary {
        let table = generation.model.tables[index]
        guard let binding = binding(of: table) else {
            throw StoreError(.schema, "table '\(table.name)' has no database table bound to it")
        }
        let columns = binding.loadColumns(table.columns.map { ($0.name, $0.type) })
        let loader = try database.makeLoader(table: binding.table, columns: columns)
        let keyColumn = table.columns.firstIndex { $0.isKey }
        var loaded = 0
        var entries: [LineageEntry] = []
        let pipeline = BatchPipeline.start(generation: generation, table: index)
        while true {
            switch pipeline.next() {
            case .item((let batch, let tagged)):
                do throws(StoreError) {
                    if isInterrupted() { throw Self.interruption }
                    let first = loaded
                    try loader.write(batch) { row in
                        keyColumn.map { batch.columns[$0].text(at: row) } ?? String(first + row + 1)
                    }
                } catch {
                    pipeline.cancel()
                    throw error
                }
                loaded += batch.count
                entries += tagged
                progress?(table.name, loaded)
            case .finished(.success(let summary)):
                _ = try loader.finish()
                lineage += entries
                return summary
            case .finished(.failure(let error)):
                throw StoreError(.generation, error.message, table: table.name)
            }
        }
    }

    private func writeLineage(_ entries: [LineageEntry]) throws(StoreError) -> Int {
        guard !entries.isEmpty else { return 0 }
        let loader = try database.makeLoader(
            table: TableName(Self.lineageTable),
            columns: ["table", "key", "kind", "id"].map { LoadColumn(name: $0, type: .text, declaredType: "TEXT") })
        var start = 0
        let batchSize = 4096
        while start < entries.count {
            let slice = entries[start..<min(start + batchSize, entries.count)]
            try loader.write(LineageEntry.batch(slice)) { row in String(start + row + 1) }
            start += slice.count
        }
        return try loader.finish()
    }
}
