public import SeedbedEngine
public import SeedbedSpec

/// An open connection to a target database. One load runs inside one transaction: on any error
/// the caller rolls back and the target is exactly as it was.
public protocol Database: AnyObject {
    var dialect: Dialect { get }

    /// The tables this connection sees (PostgreSQL: those of the schemas on `search_path`, the
    /// first one winning for a repeated name) with their columns and constraints.
    func introspect() throws(StoreError) -> DatabaseSchema

    /// Runs statements that return no rows (DDL, DELETE, TRUNCATE, SET …).
    func execute(_ sql: String) throws(StoreError)

    func beginTransaction() throws(StoreError)
    /// Makes the open transaction's foreign keys wait for `commit` where the database allows it
    /// (SQLite: all of them; PostgreSQL: the deferrable ones), so self-references and cycles load.
    func deferConstraints() throws(StoreError)
    func commit() throws(StoreError)
    /// Best effort: a connection that is already gone has nothing left to undo.
    func rollback()

    /// Starts a bulk load into `table` of `columns`, in that order, inside the open transaction:
    /// prepared INSERTs (SQLite) or `COPY … FROM STDIN` (PostgreSQL).
    func makeLoader(table: TableName, columns: [LoadColumn]) throws(StoreError) -> any TableLoader

    /// Reads `columns` of every row of `table` back, typed as asked, in batches of at most
    /// `batchSize` rows, without holding the table in memory.
    func read(
        table: TableName, columns: [LoadColumn], batchSize: Int,
        _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError)

    func rowCount(of table: TableName) throws(StoreError) -> Int

    /// Runs one statement with bound parameters and returns its rows, every value as text (nil
    /// for NULL), for small bookkeeping queries such as the catalog's, never for bulk data.
    /// - Parameters:
    ///   - sql: one statement; parameters are written `$1`, `$2`, … (PostgreSQL's spelling, which
    ///     SQLite reads too), each bound as text or NULL, so no value is ever spliced into SQL.
    ///   - parameters: the values of `$1`, `$2`, … in order.
    func query(_ sql: String, parameters: [String?]) throws(StoreError) -> [[String?]]
}

/// A bulk load in progress; batches arrive with their columns in the loader's column order.
public protocol TableLoader: AnyObject {
    /// - Parameter keys: the batch's row keys (or row numbers), to name the row a failure stopped at.
    func write(_ batch: RowBatch, keys: (Int) -> String) throws(StoreError)
    /// Ends the load (for PostgreSQL, the end of the COPY, where the server reports violations).
    /// Returns the rows loaded.
    func finish() throws(StoreError) -> Int
}

/// A column a load writes or a read returns: its name in the database, how the engine types its
/// values, and the type the database declares (which decides the encoding, e.g. SQLite booleans
/// as 0/1 integers).
public struct LoadColumn: Sendable, Equatable {
    public var name: String
    public var type: ValueType
    public var declaredType: String

    public init(name: String, type: ValueType, declaredType: String) {
        self.name = name
        self.type = type
        self.declaredType = declaredType
    }
}
