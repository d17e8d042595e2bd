import CLibPQ
import Foundation

extension PostgresDatabase {
    /// `Database.query` through `PQexecParams`: the parameters travel apart from the SQL, as
    /// text (the server infers their types from where they are used); every column comes back
    /// in its text form, NULL as nil.
    public func query(_ sql: String, parameters: [String?]) throws(StoreError) -> [[String?]] {
        // strdup'd copies: libpq reads them during the call only.
        let values = parameters.map { $0.flatMap { strdup($0) } }
        defer { values.forEach { free($0) } }
        var pointers: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } }
        let raw = pointers.withUnsafeMutableBufferPointer { buffer in
            PQexecParams(connection.handle, sql, Int32(parameters.count), nil, buffer.baseAddress, nil, nil, 0)
        }
        guard let raw else { throw connection.connectionError(doing: "running a statement") }
        let result = PostgresResult(raw)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return (0..<result.rowCount).map { row in
                (0..<result.columnCount).map { result.value(row: row, column: $0) }
            }
        default:
            throw connection.error(from: result, doing: "running '\(PostgresConnection.abbreviated(sql))'")
        }
    }
}
