import CSQLite

/// A prepared statement, finalized exactly once (when the value goes away).
///
/// Parameter and column indexes are 0-based here; the sqlite3 API's 1-based parameter indexes
/// stay inside this type.
struct SQLiteStatement: ~Copyable {
    private let handle: OpaquePointer
    private let connection: OpaquePointer

    init(connection: OpaquePointer, sql: String) throws(SQLiteError) {
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(connection, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            sqlite3_finalize(handle)
            throw SQLiteError(connection: connection, code: sqlite3_extended_errcode(connection))
        }
        self.handle = handle
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    // MARK: - Binding

    func bind(_ value: Int64, at index: Int) {
        sqlite3_bind_int64(handle, Int32(index + 1), value)
    }

    func bind(_ value: Double, at index: Int) {
        sqlite3_bind_double(handle, Int32(index + 1), value)
    }

    func bindNull(at index: Int) {
        sqlite3_bind_null(handle, Int32(index + 1))
    }

    /// Binds UTF-8 bytes that stay valid and unchanged until the next `clearBindings()` or
    /// re-binding of this parameter (SQLITE_STATIC: SQLite does not copy them).
    func bindText(_ bytes: UnsafePointer<UInt8>, count: Int, at index: Int) {
        bytes.withMemoryRebound(to: CChar.self, capacity: max(count, 1)) { text in
            _ = sqlite3_bind_text64(handle, Int32(index + 1), text, UInt64(count), nil, UInt8(SQLITE_UTF8))
        }
    }

    /// Binds a copy of `text` (SQLITE_TRANSIENT); the empty string stays the empty string.
    func bind(_ text: String, at index: Int) {
        var text = text
        text.withUTF8 { utf8 in
            guard let base = utf8.baseAddress else {
                // A nil pointer would bind NULL; the literal's pointer lives through the call, and
                // SQLITE_TRANSIENT copies it.
                _ = sqlite3_bind_text64(handle, Int32(index + 1), "", 0, csqlite_transient(), UInt8(SQLITE_UTF8))
                return
            }
            base.withMemoryRebound(to: CChar.self, capacity: utf8.count) { chars in
                _ = sqlite3_bind_text64(
                    handle, Int32(index + 1), chars, UInt64(utf8.count), csqlite_transient(), UInt8(SQLITE_UTF8))
            }
        }
    }

    /// How many parameters the statement has (the largest index, for numbered ones).
    var parameterCount: Int { Int(sqlite3_bind_parameter_count(handle)) }

    /// The parameter's name as written (`$1`, `:name`), nil for a bare `?`.
    func parameterName(at index: Int) -> String? {
        sqlite3_bind_parameter_name(handle, Int32(index + 1)).map { String(cString: $0) }
    }

    /// Forgets every bound value, so no parameter keeps pointing at bytes about to be freed.
    func clearBindings() {
        sqlite3_clear_bindings(handle)
    }

    // MARK: - Running

    /// Runs the statement one step.
    /// - Returns: `true` when a row is ready to read, `false` when the statement is done.
    /// - Throws: the failure, with the violated constraint when there is one.
    func step() throws(SQLiteError) -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        if code == SQLITE_DONE { return false }
        throw SQLiteError(connection: connection, code: sqlite3_extended_errcode(connection))
    }

    /// Makes the statement ready to run again; the bindings stay.
    func reset() {
        sqlite3_reset(handle)
    }

    /// Runs a statement that returns no rows to its end.
    func run() throws(SQLiteError) {
        while try step() {}
    }

    // MARK: - Reading the current row

    var columnCount: Int { Int(sqlite3_column_count(handle)) }

    /// `SQLITE_INTEGER`, `SQLITE_FLOAT`, `SQLITE_TEXT`, `SQLITE_BLOB` or `SQLITE_NULL`.
    func storageClass(at column: Int) -> Int32 {
        sqlite3_column_type(handle, Int32(column))
    }

    func int64(at column: Int) -> Int64 {
        sqlite3_column_int64(handle, Int32(column))
    }

    func double(at column: Int) -> Double {
        sqlite3_column_double(handle, Int32(column))
    }

    /// The value as UTF-8 text (numbers are converted by SQLite), valid until the next step.
    func textBytes(at column: Int) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, Int32(column)) else {
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, Int32(column))))
    }

    /// The value's raw bytes (for blobs), valid until the next step.
    func blobBytes(at column: Int) -> UnsafeRawBufferPointer {
        guard let blob = sqlite3_column_blob(handle, Int32(column)) else {
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
        return UnsafeRawBufferPointer(start: blob, count: Int(sqlite3_column_bytes(handle, Int32(column))))
    }

    /// The value as a Swift string, `nil` for NULL (invalid UTF-8 is repaired: for names and
    /// schema text only, never for data).
    func text(at column: Int) -> String? {
        guard storageClass(at: column) != SQLITE_NULL else { return nil }
        return String(decoding: textBytes(at: column), as: UTF8.self)
    }
}
