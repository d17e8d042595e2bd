import CSQLite

/// Rows inserted into one SQLite table one at a time, straight from the caller's values: a
/// prepared `INSERT` whose parameters are set column by column and stepped at once, inside the
/// transaction the caller opened.
///
/// For callers whose rows come one by one (the catalog's test results): no column arrays, no
/// batch, no second copy. A row's texts are gathered into one byte buffer and bound from it
/// without copying (SQLITE_STATIC); a value that stays the same over many rows is set once with
/// `keep` (SQLite copies it, and bindings outlive each row's reset) and costs nothing after.
public final class SQLiteRowInserter {
    private let statement: SQLiteStatement
    private let table: String
    private let path: String
    /// The current row's texts, one after another.
    private var bytes: ContiguousArray<UInt8> = []
    /// Where each of the current row's texts is in `bytes`: (column, offset, count).
    private var texts: [(column: Int32, offset: Int, count: Int)] = []
    /// Rows inserted.
    public private(set) var count = 0

    /// Prepares `INSERT INTO table (columns…) VALUES (?…)`.
    public init(database: SQLiteDatabase, table: String, columns: [String]) throws(StoreError) {
        let names = columns.map(SQLIdentifier.quote).joined(separator: ", ")
        let parameters = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        do {
            statement = try SQLiteStatement(
                connection: database.connection,
                sql: "INSERT INTO \(SQLIdentifier.quote(table)) (\(names)) VALUES (\(parameters))")
        } catch {
            throw StoreError(
                .schema, "cannot load table '\(table)' of \(database.path): \(error.message)", table: table)
        }
        self.table = table
        path = database.path
        bytes.reserveCapacity(4096)
        texts.reserveCapacity(columns.count)
    }

    deinit {
        // No binding may outlive the buffers it points into.
        statement.clearBindings()
    }

    /// Sets a column of the current row.
    public func set(_ column: Int, _ value: Int64?) {
        if let value { statement.bind(value, at: column) } else { statement.bindNull(at: column) }
    }

    /// Sets a text column of the current row (copied once into the row's buffer).
    public func set(_ column: Int, _ value: String?) {
        guard var value else {
            statement.bindNull(at: column)
            return
        }
        let offset = bytes.count
        value.withUTF8 { bytes.append(contentsOf: $0) }
        texts.append((Int32(column), offset, bytes.count - offset))
    }

    /// Sets a text column of the current row to `parts` joined by `separator`, without making
    /// the joined string; nil when `parts` is empty.
    public func set(_ column: Int, joining parts: [String], separator: UInt8) {
        guard !parts.isEmpty else {
            statement.bindNull(at: column)
            return
        }
        let offset = bytes.count
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(separator) }
            var part = part
            part.withUTF8 { bytes.append(contentsOf: $0) }
        }
        texts.append((Int32(column), offset, bytes.count - offset))
    }

    /// Sets a text column to a constant (SQLite reads it in place: it lives as long as the program).
    public func set(_ column: Int, constant: StaticString) {
        statement.bindText(constant.utf8Start, count: constant.utf8CodeUnitCount, at: column)
    }

    /// Sets a column for this row and every later one until it is set again.
    public func keep(_ column: Int, _ value: Int64) {
        statement.bind(value, at: column)
    }

    /// Sets a column for this row and every later one until it is set again (SQLite keeps a copy).
    public func keep(_ column: Int, _ value: String?) {
        if let value { statement.bind(value, at: column) } else { statement.bindNull(at: column) }
    }

    /// Inserts the row the sets since the last insert made (with the kept values).
    /// - Parameter key: names the row in the error, made only on failure.
    public func insert(key: () -> String) throws(StoreError) {
        let failure = bytes.withUnsafeBufferPointer { bytes -> SQLiteError? in
            if let base = bytes.baseAddress {
                for text in texts { statement.bindText(base + text.offset, count: text.count, at: Int(text.column)) }
            } else {
                // Only empty texts (an empty buffer has no address): bind the empty string.
                for text in texts { statement.bind("", at: Int(text.column)) }
            }
            defer { statement.reset() }
            do throws(SQLiteError) {
                _ = try statement.step()
                return nil
            } catch {
                return error
            }
        }
        bytes.removeAll(keepingCapacity: true)
        texts.removeAll(keepingCapacity: true)
        if let failure {
            let key = key()
            throw StoreError(
                .database, "SQLite (\(path)): loading table '\(table)' failed at row key \(key): \(failure.message)",
                table: table, rowKey: key, constraint: failure.constraint)
        }
        count += 1
    }
}
