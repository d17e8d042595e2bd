import CSQLite

extension SQLiteDatabase {
    /// `Database.query`: `$N` parameters are bound by name, so a statement may use one twice or
    /// in any order; every column comes back as SQLite's text for it (NULL as nil).
    public func query(_ sql: String, parameters: [String?]) throws(StoreError) -> [[String?]] {
        do {
            let statement = try SQLiteStatement(connection: connection, sql: sql)
            let count = statement.parameterCount
            for index in 0..<count {
                let name = statement.parameterName(at: index) ?? "?"
                guard name.hasPrefix("$"), let number = Int(name.dropFirst()), number >= 1, number <= parameters.count
                else {
                    throw StoreError(
                        .usage,
                        "SQLite (\(path)): parameter '\(name)' has no value (\(parameters.count) given), in: \(Self.excerpt(sql))"
                    )
                }
                if let value = parameters[number - 1] {
                    statement.bind(value, at: index)
                } else {
                    statement.bindNull(at: index)
                }
            }
            var rows: [[String?]] = []
            while try statement.step() {
                rows.append((0..<statement.columnCount).map { statement.text(at: $0) })
            }
            return rows
        } catch let error as SQLiteError {
            throw StoreError(
                .database, "SQLite (\(path)): \(error.message), in: \(Self.excerpt(sql))", constraint: error.constraint)
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError(.database, "SQLite (\(path)): \(error)")
        }
    }
}
