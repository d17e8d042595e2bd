import CSQLite

/// A private in-memory SQLite database for the CHECK tests: SQLite itself says what a CREATE
/// statement's checks are called and what a condition evaluates to.
final class CheckSQLite {
    private var handle: OpaquePointer?

    init() throws {
        guard sqlite3_open(":memory:", &handle) == SQLITE_OK else { throw Failure(message: "cannot open") }
    }

    deinit { sqlite3_close(handle) }

    struct Failure: Error, Equatable { var message: String }

    /// Runs statements; a failure throws SQLite's message.
    func execute(_ sql: String) throws(Failure) {
        var error: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &error) == SQLITE_OK else {
            let message = error.map { String(cString: $0) } ?? "unknown error"
            sqlite3_free(error)
            throw Failure(message: message)
        }
    }

    /// The first column of the first row of a query, as SQLite's truth: `nil` for NULL, else
    /// whether the value is non-zero.
    func truth(_ sql: String) throws -> Bool? {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw Failure(message: String(cString: sqlite3_errmsg(handle)))
        }
        defer { sqlite3_finalize(statement) }
        guard sqlite3_step(statement) == SQLITE_ROW else { throw Failure(message: "no row for \(sql)") }
        if sqlite3_column_type(statement, 0) == SQLITE_NULL { return nil }
        return sqlite3_column_double(statement, 0) != 0
    }
}
