import CSQLite
import SeedbedEngine
import SeedbedSpec

/// Reads a table back in batches, typed as asked, accepting each storage class where it means
/// the same value (a decimal as REAL, INTEGER or text, a bool as 0/1 or 'true'/'false', …).
/// Database contents may be hostile: a value that does not fit is an error naming the table,
/// the column and the row, never a crash.
struct SQLiteReader {
    let database: SQLiteDatabase
    let table: TableName
    let columns: [LoadColumn]
    let batchSize: Int

    init(database: SQLiteDatabase, table: TableName, columns: [LoadColumn], batchSize: Int) {
        self.database = database
        self.table = table
        self.columns = columns
        self.batchSize = max(1, batchSize)
    }

    func read(_ body: (RowBatch) throws(StoreError) -> Void) throws(StoreError) {
        let names = columns.map { SQLIdentifier.quote($0.name) }
        // The rowid names a row in messages; WITHOUT ROWID tables have none, and their rows are
        // named by position instead.
        var hasRowid = false
        let statement = try prepare(names: names, hasRowid: &hasRowid)
        var readers = columns.map { SQLiteColumnReader(name: $0.name, type: $0.type, capacity: batchSize) }
        let first = hasRowid ? 1 : 0
        var position = 0
        var count = 0
        while try step(statement) {
            position += 1
            for index in readers.indices {
                do {
                    try readers[index].append(from: statement, at: first + index)
                } catch {
                    let row = hasRowid ? "rowid \(statement.int64(at: 0))" : "row \(position)"
                    throw StoreError(
                        .schema, "table '\(table)', column '\(columns[index].name)', \(row): \(error.message)",
                        table: table.description, rowKey: row)
                }
            }
            count += 1
            if count == batchSize {
                try body(RowBatch(table: table.name, columns: readers.indices.map { readers[$0].take() }, count: count))
                count = 0
            }
        }
        if count > 0 {
            try body(RowBatch(table: table.name, columns: readers.indices.map { readers[$0].take() }, count: count))
        }
    }

    private func prepare(names: [String], hasRowid: inout Bool) throws(StoreError) -> SQLiteStatement {
        try checkColumnsExist()
        let list = names.isEmpty ? "NULL" : names.joined(separator: ", ")
        if let statement = try? SQLiteStatement(
            connection: database.connection, sql: "SELECT rowid, \(list) FROM \(table.sql)")
        {
            hasRowid = true
            return statement
        }
        do {
            return try SQLiteStatement(connection: database.connection, sql: "SELECT \(list) FROM \(table.sql)")
        } catch {
            throw StoreError(
                .schema, "cannot read table '\(table)' of \(database.path): \(error.message)", table: table.description)
        }
    }

    /// SQLite reads a double-quoted name that is no column as a string literal (its "DQS"
    /// misfeature), so a missing column would read as its own name on every row: check first.
    private func checkColumnsExist() throws(StoreError) {
        var existing: Set<String> = []
        try database.query("SELECT name FROM pragma_table_xinfo(?)", [table.name]) { row in
            if let name = row.text(at: 0) { existing.insert(name.lowercased()) }
        }
        guard !existing.isEmpty else {
            throw StoreError(.schema, "no table '\(table)' in \(database.path)", table: table.description)
        }
        if let missing = columns.first(where: { !existing.contains($0.name.lowercased()) }) {
            throw StoreError(
                .schema, "table '\(table)' of \(database.path) has no column '\(missing.name)'",
                table: table.description)
        }
    }

    private func step(_ statement: borrowing SQLiteStatement) throws(StoreError) -> Bool {
        do {
            return try statement.step()
        } catch {
            throw StoreError(
                .database, "reading table '\(table)' of \(database.path) failed: \(error.message)",
                table: table.description)
        }
    }
}

/// Why one stored value cannot be read as the asked type.
struct SQLiteValueError: Error {
    var message: String
}

/// One column's values of the batch being read, in the typed array its type uses.
struct SQLiteColumnReader {
    let name: String
    let type: ValueType
    let capacity: Int
    private var builder: ColumnBuilder

    init(name: String, type: ValueType, capacity: Int) {
        self.name = name
        self.type = type
        self.capacity = capacity
        builder = ColumnBuilder(name: name, type: type, capacity: capacity)
    }

    /// The values read so far as a column buffer; the reader starts over empty.
    mutating func take() -> ColumnBuffer { builder.take() }

    mutating func append(from statement: borrowing SQLiteStatement, at column: Int) throws(SQLiteValueError) {
        let storage = statement.storageClass(at: column)
        guard storage != SQLITE_NULL else { return builder.appendNull() }
        switch type {
        case .int:
            builder.append(integer: try integer(statement, column, storage))
        case .decimal(let scale):
            builder.append(integer: try decimal(statement, column, storage, scale: scale))
        case .float:
            builder.append(double: try float(statement, column, storage))
        case .text:
            guard storage != SQLITE_BLOB else { throw SQLiteValueError(message: "a blob is not text") }
            guard let text = String(validating: statement.textBytes(at: column), as: UTF8.self) else {
                throw SQLiteValueError(message: "the text is not valid UTF-8")
            }
            builder.append(text: text)
        case .bool:
            builder.append(bool: try bool(statement, column, storage))
        case .date:
            let text = try textual(statement, column, storage, as: "a date ('YYYY-MM-DD')")
            guard let value = SQLiteValueDecoder.date(text) else { throw unreadable(text, as: "a date ('YYYY-MM-DD')") }
            builder.append(days: value)
        case .timestamp:
            let form = "a timestamp ('YYYY-MM-DD HH:MM:SS[.ffffff]')"
            let text = try textual(statement, column, storage, as: form)
            guard let value = SQLiteValueDecoder.timestamp(text) else { throw unreadable(text, as: form) }
            builder.append(integer: value)
        case .uuid:
            if storage == SQLITE_BLOB, let value = SQLiteValueDecoder.uuid(blob: statement.blobBytes(at: column)) {
                builder.append(uuid: value)
            } else {
                let text = try textual(statement, column, storage, as: "a uuid")
                guard let value = SQLiteValueDecoder.uuid(text) else { throw unreadable(text, as: "a uuid") }
                builder.append(uuid: value)
            }
        }
    }

    // MARK: - Per type

    private func integer(_ statement: borrowing SQLiteStatement, _ column: Int, _ storage: Int32)
        throws(SQLiteValueError)
        -> Int64
    {
        switch storage {
        case SQLITE_INTEGER:
            return statement.int64(at: column)
        case SQLITE_FLOAT:
            let value = statement.double(at: column)
            guard value.rounded() == value, let exact = Int64(exactly: value) else {
                throw SQLiteValueError(message: "the real \(value) is not an int")
            }
            return exact
        default:
            let text = try textual(statement, column, storage, as: "an int")
            guard let value = SQLiteValueDecoder.integer(text) else { throw unreadable(text, as: "an int") }
            return value
        }
    }

    private func decimal(
        _ statement: borrowing SQLiteStatement, _ column: Int, _ storage: Int32, scale: Int
    ) throws(SQLiteValueError) -> Int64 {
        let form = "a \(type)"
        switch storage {
        case SQLITE_INTEGER:
            let value = statement.int64(at: column)
            guard scale < Powers.signed.count else {
                throw SQLiteValueError(message: "the scale \(scale) is too large")
            }
            let (scaled, overflow) = value.multipliedReportingOverflow(by: Powers.signed[scale])
            guard !overflow else { throw SQLiteValueError(message: "the integer \(value) is out of range for \(form)") }
            return scaled
        case SQLITE_FLOAT:
            let value = statement.double(at: column)
            guard let fixed = SQLiteValueDecoder.decimal(fromDouble: value, scale: scale) else {
                throw SQLiteValueError(message: "the real \(value) is out of range for \(form)")
            }
            return fixed
        default:
            let text = try textual(statement, column, storage, as: form)
            guard let value = SQLiteValueDecoder.decimal(text, scale: scale) else { throw unreadable(text, as: form) }
            return value
        }
    }

    private func float(_ statement: borrowing SQLiteStatement, _ column: Int, _ storage: Int32) throws(SQLiteValueError)
        -> Double
    {
        switch storage {
        case SQLITE_INTEGER, SQLITE_FLOAT:
            return statement.double(at: column)
        default:
            let text = try textual(statement, column, storage, as: "a float")
            guard let value = SQLiteValueDecoder.float(text) else { throw unreadable(text, as: "a float") }
            return value
        }
    }

    private func bool(_ statement: borrowing SQLiteStatement, _ column: Int, _ storage: Int32) throws(SQLiteValueError)
        -> Bool
    {
        switch storage {
        case SQLITE_INTEGER, SQLITE_FLOAT:
            let value = statement.double(at: column)
            guard value == 0 || value == 1 else {
                throw SQLiteValueError(message: "the number \(value) is not a bool (0 or 1)")
            }
            return value == 1
        default:
            let form = "a bool (0/1, 'true'/'false')"
            let text = try textual(statement, column, storage, as: form)
            guard let value = SQLiteValueDecoder.bool(text) else { throw unreadable(text, as: form) }
            return value
        }
    }

    /// The value's text, for types stored as text; numbers and blobs are refused.
    private func textual(
        _ statement: borrowing SQLiteStatement, _ column: Int, _ storage: Int32, as form: String
    ) throws(SQLiteValueError) -> UnsafeBufferPointer<UInt8> {
        switch storage {
        case SQLITE_TEXT:
            return statement.textBytes(at: column)
        case SQLITE_BLOB:
            throw SQLiteValueError(message: "a blob of \(statement.blobBytes(at: column).count) bytes is not \(form)")
        default:
            let number = String(decoding: statement.textBytes(at: column), as: UTF8.self)
            throw SQLiteValueError(message: "the number \(number) is not \(form)")
        }
    }

    private func unreadable(_ text: UnsafeBufferPointer<UInt8>, as form: String) -> SQLiteValueError {
        var shown = String(decoding: text.prefix(60), as: UTF8.self)
        if text.count > 60 { shown += "…" }
        // Control characters would garble a terminal; show them escaped.
        let escaped = shown.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0)
        }
        .joined()
        return SQLiteValueError(message: "the text '\(escaped)' is not \(form)")
    }
}
