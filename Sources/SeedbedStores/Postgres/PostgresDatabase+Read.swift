import CLibPQ
public import SeedbedEngine

extension PostgresDatabase {
    /// Streams `COPY (SELECT "a", "b" FROM t) TO STDOUT` into typed batches: one row in memory
    /// at a time besides the batch.
    /// - Throws: a StoreError naming the table, column and row (1-based) of a value that does
    ///   not fit its asked type; what `body` throws, after cancelling the COPY.
    public func read(
        table: TableName, columns: [LoadColumn], batchSize: Int,
        _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError) {
        guard !columns.isEmpty else {
            throw StoreError(.usage, "reading \(table) needs at least one column", table: table.description)
        }
        let list = columns.map { SQLIdentifier.quote($0.name) }.joined(separator: ", ")
        let sql = "COPY (SELECT \(list) FROM \(table.sql)) TO STDOUT"
        guard let raw = PQexec(connection.handle, sql) else {
            throw connection.connectionError(doing: "reading \(table)", table: table.description)
        }
        let started = PostgresResult(raw)
        guard started.status == PGRES_COPY_OUT else {
            var failure = connection.error(from: started, doing: "reading \(table)")
            failure.table = table.description
            throw failure
        }
        var reader = PostgresCopyReader(table: table.name, columns: columns, capacity: max(1, batchSize))
        var row = 0
        do throws(StoreError) {
            while true {
                var buffer: UnsafeMutablePointer<CChar>?
                let length = PQgetCopyData(connection.handle, &buffer, 0)
                guard length >= 0, let buffer else { break }
                defer { PQfreemem(buffer) }
                row += 1
                // Each message is one row ending with its newline.
                let count =
                    Int(length) > 0 && buffer[Int(length) - 1] == CChar(bitPattern: CopyByte.newline)
                    ? Int(length) - 1 : Int(length)
                do throws(PostgresCopyReader.Failure) {
                    // CChar and UInt8 may alias each other.
                    let bytes = UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
                    try reader.append(line: UnsafeBufferPointer(start: bytes, count: count))
                } catch {
                    let column = columns[error.column]
                    throw StoreError(
                        .database,
                        "reading \(table): row \(row), column \(column.name): '\(error.text.prefix(80))' is \(error.reason) (asked as \(column.type))",
                        table: table.description)
                }
                if reader.isFull {
                    try body(reader.batch)
                    reader.reset()
                }
            }
        } catch {
            connection.cancelRunningCommand()
            connection.drainCopyOut()
            throw error
        }
        var failure: StoreError?
        while let raw = PQgetResult(connection.handle) {
            let result = PostgresResult(raw)
            if result.status != PGRES_COMMAND_OK && failure == nil {
                failure = connection.error(from: result, doing: "reading \(table)")
            }
        }
        if let failure { throw failure }
        guard connection.isAlive else {
            throw connection.connectionError(doing: "reading \(table)", table: table.description)
        }
        if reader.batch.count > 0 { try body(reader.batch) }
    }
}
