import CLibPQ
import Foundation
import SeedbedEngine

/// One `COPY "schema"."table" ("a", "b") FROM STDIN` in progress.
///
/// Rows are encoded straight from the typed buffers into one reusable buffer and sent in chunks
/// of about a megabyte, so memory stays flat whatever the row count. The server reports a bad row
/// only when the COPY ends (libpq reads nothing back during COPY IN); its `CONTEXT` names the
/// line, which is the row number of this load, and the loader keeps the keys of the last
/// `keyWindow` rows to name that row by its key.
final class PostgresCopyLoader: TableLoader {
    private let connection: PostgresConnection
    private let table: TableName
    private let columns: [LoadColumn]
    private var writer: PostgresCopyWriter
    private var rowsWritten = 0
    private var keys: ContiguousArray<String>
    private var isOpen = true

    static let chunkSize = 1 << 20
    static let keyWindow = 1 << 16

    init(connection: PostgresConnection, table: TableName, columns: [LoadColumn]) throws(StoreError) {
        self.connection = connection
        self.table = table
        self.columns = columns
        writer = PostgresCopyWriter(forms: columns.map(PostgresCopyWriter.form), capacity: Self.chunkSize + 64 * 1024)
        keys = ContiguousArray(repeating: "", count: Self.keyWindow)
        let list = columns.map { SQLIdentifier.quote($0.name) }.joined(separator: ", ")
        let sql = "COPY \(table.sql) (\(list)) FROM STDIN"
        guard let raw = PQexec(connection.handle, sql) else {
            throw connection.connectionError(doing: "starting the load of \(table)", table: table.description)
        }
        let result = PostgresResult(raw)
        guard result.status == PGRES_COPY_IN else {
            throw connection.error(from: result, doing: "starting the load of \(table)")
        }
    }

    func write(_ batch: RowBatch, keys key: (Int) -> String) throws(StoreError) {
        guard isOpen else {
            throw StoreError(.database, "the load of \(table) already ended", table: table.description)
        }
        guard batch.columns.count == columns.count else {
            throw StoreError(
                .database,
                "a batch for \(table) has \(batch.columns.count) columns where the load has \(columns.count)",
                table: table.description)
        }
        for row in 0..<batch.count {
            keys[(rowsWritten + row) % Self.keyWindow] = key(row)
            writer.append(row: row, of: batch)
            if writer.bytes.count >= Self.chunkSize { try send() }
        }
        rowsWritten += batch.count
    }

    func finish() throws(StoreError) -> Int {
        guard isOpen else {
            throw StoreError(.database, "the load of \(table) already ended", table: table.description)
        }
        if !writer.bytes.isEmpty { try send() }
        isOpen = false
        guard PQputCopyEnd(connection.handle, nil) == 1 else {
            throw connection.connectionError(doing: "ending the load of \(table)", table: table.description)
        }
        var loaded = rowsWritten
        var failure: StoreError?
        while let raw = PQgetResult(connection.handle) {
            let result = PostgresResult(raw)
            if result.status == PGRES_COMMAND_OK {
                loaded = result.affectedRows
            } else if failure == nil {
                failure = error(from: result)
            }
        }
        if let failure { throw failure }
        guard connection.isAlive else {
            throw connection.connectionError(doing: "loading \(table)", table: table.description)
        }
        return loaded
    }

    private func send() throws(StoreError) {
        let sent = writer.bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                PQputCopyData(connection.handle, chars.baseAddress, Int32(chars.count))
            }
        }
        writer.removeAll()
        guard sent == 1 else {
            isOpen = false
            // The server may have said why (a terminated backend says so before closing).
            var reason: StoreError?
            while let raw = PQgetResult(connection.handle) {
                let result = PostgresResult(raw)
                if reason == nil, result.status == PGRES_FATAL_ERROR { reason = error(from: result) }
            }
            throw reason ?? connection.connectionError(doing: "loading \(table)", table: table.description)
        }
    }

    /// The server's error with the row it stopped at: `COPY t, line N` is row N of this load.
    private func error(from result: borrowing PostgresResult) -> StoreError {
        var failure = connection.error(from: result, doing: "loading \(table)")
        failure.table = table.description
        if !connection.isAlive {
            failure.message =
                "the connection to PostgreSQL was lost while loading \(table): "
                + (result.errorField(Diagnostic.primary).map(connection.scrub) ?? connection.lastError)
            return failure
        }
        guard let context = result.errorField(Diagnostic.context), let line = Self.line(in: context) else {
            return failure
        }
        var location = "row \(line)"
        if line >= 1, line <= rowsWritten, rowsWritten - line < Self.keyWindow {
            let key = keys[(line - 1) % Self.keyWindow]
            failure.rowKey = key
            location += " (key \(key))"
        }
        if let column = result.errorField(Diagnostic.column) ?? Self.column(in: context) {
            location += ", column \(column)"
        }
        failure.message = failure.message.replacingOccurrences(
            of: "loading \(table) failed:", with: "loading \(table) failed at \(location):")
        return failure
    }

    /// The column of `COPY t, line N, column amount: "x"` (a value the column's type rejects).
    static func column(in context: String) -> String? {
        guard let range = context.range(of: ", column ") else { return nil }
        let rest = context[range.upperBound...]
        return rest.firstIndex(of: ":").map { String(rest[..<$0]) }
    }

    /// N of `COPY t, line N…`.
    static func line(in context: String) -> Int? {
        guard let range = context.range(of: ", line ") else { return nil }
        return Int(context[range.upperBound...].prefix { $0.isNumber })
    }
}
