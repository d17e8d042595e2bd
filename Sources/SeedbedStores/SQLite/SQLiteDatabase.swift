import CSQLite
import Foundation
public import SeedbedEngine

/// A SQLite database file, opened through the sqlite3 C library with foreign keys enforced.
public final class SQLiteDatabase: Database {
    /// The file, as given (for messages).
    public let path: String
    let connection: OpaquePointer

    public var dialect: Dialect { .sqlite }

    /// How long a statement waits for another connection's lock before failing with "database is
    /// locked".
    static let busyTimeoutMilliseconds: Int32 = 5000

    /// Process-wide settings, made before the library's first use: no memory statistics, whose
    /// global mutex SQLite takes on every allocation (several per inserted row in a build without
    /// lookaside memory, as Debian's is). Too late once SQLite is in use: then it stays as it is.
    private static let configured: Void = { _ = csqlite_disable_memory_statistics() }()

    /// Opens the database file at `path`.
    /// - Parameters:
    ///   - path: a file path (never interpreted as a `file:` URI).
    ///   - create: create an empty database when the file does not exist.
    /// - Throws: `.unreachable` when the file is missing (and `create` is false), cannot be
    ///   opened, or is not a SQLite database.
    public init(path: String, create: Bool) throws(StoreError) {
        if !create && !FileManager.default.fileExists(atPath: path) {
            throw StoreError(
                .unreachable,
                "no SQLite database at '\(path)': the file does not exist (seed with --create to make one)")
        }
        Self.configured
        var handle: OpaquePointer?
        // NOMUTEX: a connection is used by one thread at a time (the class is not Sendable), so
        // SQLite's per-call locking is pure cost in the load loop.
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0)
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let error = SQLiteError(connection: handle, code: code)
            sqlite3_close_v2(handle)
            throw StoreError(.unreachable, "cannot open the SQLite database '\(path)': \(error.message)")
        }
        self.path = path
        connection = handle
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, Self.busyTimeoutMilliseconds)
        do {
            // SQLite reads the file lazily: the first query says whether it is a database at all.
            // (`sqlite_master` is `sqlite_schema`'s name before 3.33.)
            try SQLiteStatement(connection: connection, sql: "SELECT count(*) FROM sqlite_master").run()
            try SQLiteStatement(connection: connection, sql: "PRAGMA foreign_keys = ON").run()
        } catch {
            let reason = error.code == SQLITE_NOTADB ? "the file is not a SQLite database" : error.message
            throw StoreError(.unreachable, "cannot open the SQLite database '\(path)': \(reason)")
        }
    }

    deinit {
        // close_v2 waits for statements still alive (a loader the caller kept) before closing.
        sqlite3_close_v2(connection)
    }

    // MARK: - Statements and transactions

    public func execute(_ sql: String) throws(StoreError) {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(connection, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        guard code == SQLITE_OK else {
            let error = SQLiteError(
                code: sqlite3_extended_errcode(connection),
                message: message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code)))
            throw StoreError(
                .database, "SQLite (\(path)): \(error.message), in: \(Self.excerpt(sql))", constraint: error.constraint)
        }
    }

    /// `BEGIN IMMEDIATE`: takes the write lock now, so a concurrent writer makes the load wait (up
    /// to the busy timeout) at its start rather than fail halfway.
    public func beginTransaction() throws(StoreError) {
        try execute("BEGIN IMMEDIATE")
    }

    /// Makes every foreign key of the open transaction checked at `commit` instead of at each row,
    /// so tables in a cycle may load in any order (`PRAGMA defer_foreign_keys`: it lasts until the
    /// transaction ends, so call it after `beginTransaction`).
    public func deferConstraints() throws(StoreError) {
        try execute("PRAGMA defer_foreign_keys = ON")
    }

    /// Commits; when a deferred foreign key fails, the error names the first row that violates
    /// one (`PRAGMA foreign_key_check`) and the transaction stays open for the caller to roll back.
    public func commit() throws(StoreError) {
        let code = sqlite3_exec(connection, "COMMIT", nil, nil, nil)
        guard code != SQLITE_OK else { return }
        let error = SQLiteError(connection: connection, code: sqlite3_extended_errcode(connection))
        if error.code == ExtendedCode.foreignKey, let violation = firstForeignKeyViolation() {
            throw violation
        }
        throw StoreError(.database, "cannot commit to \(path): \(error.message)", constraint: error.constraint)
    }

    public func rollback() {
        // After some errors (disk full, I/O) SQLite has already rolled back on its own.
        guard sqlite3_get_autocommit(connection) == 0 else { return }
        sqlite3_exec(connection, "ROLLBACK", nil, nil, nil)
    }

    // MARK: - Loading and reading

    public func makeLoader(table: TableName, columns: [LoadColumn]) throws(StoreError) -> any TableLoader {
        try SQLiteLoader(database: self, table: table, columns: columns)
    }

    public func read(
        table: TableName, columns: [LoadColumn], batchSize: Int, _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError) {
        try SQLiteReader(database: self, table: table, columns: columns, batchSize: batchSize).read(body)
    }

    public func rowCount(of table: TableName) throws(StoreError) -> Int {
        var count = 0
        try query("SELECT count(*) FROM \(table.sql)") { row in count = Int(row.int64(at: 0)) }
        return count
    }

    // MARK: - Helpers

    /// Runs a query, calling `row` for each result row; `parameters` bind to its `?`s as text.
    func query(
        _ sql: String, _ parameters: [String] = [], row: (borrowing SQLiteStatement) throws(StoreError) -> Void
    ) throws(StoreError) {
        do {
            let statement = try SQLiteStatement(connection: connection, sql: sql)
            for (index, parameter) in parameters.enumerated() { statement.bind(parameter, at: index) }
            while try statement.step() { try row(statement) }
        } catch let error as SQLiteError {
            throw StoreError(.database, "SQLite (\(path)): \(error.message), in: \(Self.excerpt(sql))")
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "SQLite (\(path)): \(error)")
        }
    }

    /// The first row `PRAGMA foreign_key_check` reports, as an error naming its table, key and
    /// foreign key (named as introspection names it).
    private func firstForeignKeyViolation() -> StoreError? {
        var found: (table: String, rowid: Int64?, parent: String, id: Int)?
        try? query("PRAGMA foreign_key_check") { row in
            guard found == nil, let table = row.text(at: 0), let parent = row.text(at: 2) else { return }
            let rowid = row.storageClass(at: 1) == SQLITE_NULL ? nil : row.int64(at: 1)
            found = (table, rowid, parent, Int(row.int64(at: 3)))
        }
        guard let found else { return nil }
        var keyCount = 0
        try? query("SELECT count(DISTINCT id) FROM pragma_foreign_key_list(?)", [found.table]) { row in
            keyCount = Int(row.int64(at: 0))
        }
        let name = SQLiteDatabase.foreignKeyName(table: found.table, pragmaID: found.id, count: keyCount)
        let key = found.rowid.map { rowKey(table: found.table, rowid: $0) }
        return StoreError(
            .database,
            "loading table '\(found.table)' failed at row key \(key ?? "?"): FOREIGN KEY constraint failed: \(name) (no row of '\(found.parent)' has the key it references)",
            table: found.table, rowKey: key, constraint: "FOREIGN KEY \(name)")
    }

    /// The row's primary key values (`7`, `3, 12`), or `rowid N` for a table without one.
    private func rowKey(table: String, rowid: Int64) -> String {
        var primaryKey: [(position: Int64, name: String)] = []
        try? query("SELECT pk, name FROM pragma_table_info(?) WHERE pk > 0", [table]) { row in
            primaryKey.append((row.int64(at: 0), row.text(at: 1) ?? ""))
        }
        guard !primaryKey.isEmpty else { return "rowid \(rowid)" }
        let names = primaryKey.sorted { $0.position < $1.position }.map { SQLIdentifier.quote($0.name) }
        var values: [String] = []
        try? query("SELECT \(names.joined(separator: ", ")) FROM \(SQLIdentifier.quote(table)) WHERE rowid = \(rowid)")
        {
            row in
            values = (0..<names.count).map { row.text(at: $0) ?? "NULL" }
        }
        return values.isEmpty ? "rowid \(rowid)" : values.joined(separator: ", ")
    }

    /// The start of a statement, for messages.
    static func excerpt(_ sql: String) -> String {
        let flat = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 200 ? flat : String(flat.prefix(200)) + "…"
    }
}
