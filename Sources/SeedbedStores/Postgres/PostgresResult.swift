import CLibPQ

/// A libpq result, cleared exactly once.
struct PostgresResult: ~Copyable {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    var status: ExecStatusType { PQresultStatus(handle) }
    var rowCount: Int { Int(PQntuples(handle)) }
    var columnCount: Int { Int(PQnfields(handle)) }

    /// The text of a field, `nil` for SQL NULL.
    func value(row: Int, column: Int) -> String? {
        guard PQgetisnull(handle, Int32(row), Int32(column)) == 0,
            let text = PQgetvalue(handle, Int32(row), Int32(column))
        else { return nil }
        return String(cString: text)
    }

    /// An error field (`PG_DIAG_*`), when the server sent it.
    func errorField(_ code: Int32) -> String? {
        PQresultErrorField(handle, code).map { String(cString: $0) }
    }

    /// `COPY 42`, `DELETE 3`: the rows the command touched.
    var affectedRows: Int { Int(String(cString: PQcmdTuples(handle))) ?? 0 }
}
