import CLibPQ
import SeedbedEngine

/// A PostgreSQL database reached through libpq.
///
/// Loads use `COPY … FROM STDIN` in text format, reads `COPY (SELECT …) TO STDOUT`; the
/// session runs with DateStyle ISO, TimeZone UTC and client_encoding UTF8 so the text forms are
/// exact (docs/stores.md, "PostgreSQL").
public final class PostgresDatabase: Database {
    let connection: PostgresConnection

    public var dialect: Dialect { .postgres }

    /// Connects with a libpq connection string exactly as psql takes it: a `postgres://` or
    /// `postgresql://` URI or `key=value` pairs, completed from the `PG*` variables and `.pgpass`.
    /// - Throws: `.unreachable` with libpq's reason (never the password) when the server cannot
    ///   be reached or refuses the login; `.usage` when the string is malformed.
    public init(connection: String) throws(StoreError) {
        self.connection = try PostgresConnection(connection: connection)
    }

    /// The server process serving this connection (`pg_backend_pid()`).
    package var backendProcessID: Int32 { PQbackendPID(connection.handle) }

    public func execute(_ sql: String) throws(StoreError) {
        try connection.execute(sql)
    }

    public func beginTransaction() throws(StoreError) {
        try connection.execute("BEGIN")
    }

    /// Defers every deferrable constraint to the commit, so rows that reference each other
    /// (cycles, self-references) may arrive in any order.
    public func deferConstraints() throws(StoreError) {
        try connection.execute("SET CONSTRAINTS ALL DEFERRED")
    }

    /// Deferred constraints are checked here: a violation names its table and constraint.
    public func commit() throws(StoreError) {
        try connection.execute("COMMIT")
    }

    public func rollback() {
        guard connection.isAlive else { return }
        connection.endAbandonedCopy()
        _ = try? connection.execute("ROLLBACK")
    }

    public func rowCount(of table: TableName) throws(StoreError) -> Int {
        let result = try connection.query("SELECT count(*) FROM \(table.sql)")
        guard result.rowCount == 1, let text = result.value(row: 0, column: 0), let count = Int(text) else {
            throw StoreError(.database, "counting the rows of \(table) returned no count", table: table.description)
        }
        return count
    }

    public func makeLoader(table: TableName, columns: [LoadColumn]) throws(StoreError) -> any TableLoader {
        try PostgresCopyLoader(connection: connection, table: table, columns: columns)
    }
}
