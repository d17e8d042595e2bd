extension Target {
    /// Connects to the target.
    /// - Parameter create: a SQLite file that does not exist is created (`--create`).
    public func open(create: Bool = false) throws(StoreError) -> any Database {
        switch self {
        case .sqlite(let path):
            return try SQLiteDatabase(path: path, create: create)
        case .postgres(let connection):
            return try PostgresDatabase(connection: connection)
        }
    }
}
