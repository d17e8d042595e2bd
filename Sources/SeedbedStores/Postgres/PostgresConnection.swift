import CLibPQ
import Foundation

/// One libpq connection, finished exactly once, with the session Seedbed's encodings rely on.
final class PostgresConnection {
    let handle: OpaquePointer
    /// The connection string as it may be shown: without its password.
    let redactedTarget: String
    /// Every password this connection could have used (from the string, `PGPASSWORD` and
    /// `.pgpass` as libpq resolved them), scrubbed from any message libpq or the server sends.
    private let secrets: [String]

    /// Opens a connection exactly as psql would: `connection` is a URI or key=value string,
    /// and what it leaves out comes from the `PG*` variables and `.pgpass`.
    /// - Throws: `.unreachable` with libpq's reason (without the password) when the server
    ///   cannot be reached or refuses the login; `.usage` for a malformed connection string.
    init(connection: String) throws(StoreError) {
        redactedTarget = Target.redactingPassword(in: connection)
        var secrets = Self.passwords(in: connection)
        if let password = ProcessInfo.processInfo.environment["PGPASSWORD"], !password.isEmpty {
            secrets.append(password)
        }
        if let failure = Self.parseFailure(of: connection) {
            // Not even redacted: where libpq's parse differs from ours a password could show.
            throw StoreError(.usage, "the PostgreSQL connection string is malformed: \(failure)")
        }
        let environment = ProcessInfo.processInfo.environment
        // Later entries override earlier ones, and the expanded `dbname` string overrides what
        // precedes it: the user's own application_name and connect_timeout win, client_encoding never.
        var parameters: [(String, String)] = []
        if environment["PGAPPNAME"] == nil { parameters.append(("application_name", "seedbed")) }
        if environment["PGCONNECT_TIMEOUT"] == nil { parameters.append(("connect_timeout", "10")) }
        parameters.append(("dbname", connection))
        parameters.append(("client_encoding", "UTF8"))
        let handle = Self.connect(parameters)
        guard let handle else {
            throw StoreError(
                .unreachable, "cannot connect to '\(redactedTarget)': libpq could not allocate a connection")
        }
        // What libpq resolved (a .pgpass entry included) is scrubbed too.
        secrets += Self.resolvedPasswords(of: handle)
        self.secrets = secrets.filter { !$0.isEmpty }.sorted { $0.count > $1.count }
        self.handle = handle
        guard PQstatus(handle) == CONNECTION_OK else {
            let reason = lastError
            throw StoreError(.unreachable, "cannot connect to PostgreSQL at '\(redactedTarget)': \(reason)")
        }
        // The server's notices ("relation … already exists, skipping") are not Seedbed's output;
        // libpq's default prints them on stderr. Warnings and errors still arrive as results.
        PQsetNoticeProcessor(handle, { _, _ in }, nil)
        // Fixed session settings make the text forms exact: ISO dates, UTC timestamps, shortest
        // round-trip floats, whatever the server's or the role's defaults.
        try execute("SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET extra_float_digits = 1")
    }

    deinit { PQfinish(handle) }

    private static func connect(_ parameters: [(String, String)]) -> OpaquePointer? {
        let keys = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer { (keys + values).forEach { free($0) } }
        let keyPointers = keys.map { UnsafePointer($0) } + [nil]
        let valuePointers = values.map { UnsafePointer($0) } + [nil]
        return keyPointers.withUnsafeBufferPointer { keyBuffer in
            valuePointers.withUnsafeBufferPointer { valueBuffer in
                PQconnectdbParams(keyBuffer.baseAddress, valueBuffer.baseAddress, 1)
            }
        }
    }

    // MARK: - Statements

    /// Runs SQL that returns no rows (or rows nobody reads): one or more statements.
    func execute(_ sql: String) throws(StoreError) {
        _ = try query(sql)
    }

    /// Runs SQL and returns its last result.
    func query(_ sql: String) throws(StoreError) -> PostgresResult {
        guard let raw = PQexec(handle, sql) else { throw connectionError(doing: "running a statement") }
        let result = PostgresResult(raw)
        switch result.status {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
            return result
        default:
            throw error(from: result, doing: "running '\(Self.abbreviated(sql))'")
        }
    }

    /// Abandons a COPY still in progress, if any, so the connection accepts statements again.
    func endAbandonedCopy() {
        while let raw = PQgetResult(handle) {
            let result = PostgresResult(raw)
            switch result.status {
            case PGRES_COPY_IN:
                PQputCopyEnd(handle, "abandoned by seedbed")
            case PGRES_COPY_OUT:
                cancelRunningCommand()
                drainCopyOut()
            default:
                break
            }
            if PQstatus(handle) != CONNECTION_OK { return }
        }
    }

    /// Reads and drops what remains of a COPY TO (after a cancel, only up to the server's error).
    func drainCopyOut() {
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if let buffer { PQfreemem(buffer) }
            if length < 0 { break }
        }
        while let raw = PQgetResult(handle) { _ = PostgresResult(raw) }
    }

    /// Asks the server to cancel what runs now (a COPY TO that we stop reading).
    func cancelRunningCommand() {
        guard let cancel = PQgetCancel(handle) else { return }
        defer { PQfreeCancel(cancel) }
        var buffer = [CChar](repeating: 0, count: 256)
        _ = PQcancel(cancel, &buffer, Int32(buffer.count))
    }

    var isAlive: Bool { PQstatus(handle) == CONNECTION_OK }

    // MARK: - Errors

    /// libpq's current message, scrubbed of passwords and trimmed.
    var lastError: String {
        scrub(String(cString: PQerrorMessage(handle)))
    }

    /// A lost connection or a libpq failure without a result.
    func connectionError(doing action: String, table: String? = nil) -> StoreError {
        let reason = lastError
        let lost = PQstatus(handle) != CONNECTION_OK
        let what = lost ? "the connection to PostgreSQL was lost while \(action)" : "\(action) failed"
        return StoreError(.database, "\(what): \(reason.isEmpty ? "no reason given" : reason)", table: table)
    }

    /// A server error with its table and constraint fields.
    func error(from result: borrowing PostgresResult, doing action: String) -> StoreError {
        let message = result.errorField(Diagnostic.primary).map(scrub) ?? lastError
        let detail = result.errorField(Diagnostic.detail).map(scrub)
        let constraint = result.errorField(Diagnostic.constraint)
        let table = result.errorField(Diagnostic.table)
        var text = "\(action) failed: \(message)"
        if let constraint, !message.contains(constraint) { text += " (constraint \(constraint))" }
        if let detail { text += ". \(detail)" }
        return StoreError(.database, text, table: table, constraint: constraint)
    }

    /// Replaces every password this connection knows of, then any the text spells as
    /// `password=` or in a URI, with `***`.
    func scrub(_ text: String) -> String {
        var scrubbed = text
        for secret in secrets { scrubbed = scrubbed.replacingOccurrences(of: secret, with: "***") }
        return Target.redactingPassword(in: scrubbed).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func abbreviated(_ sql: String) -> String {
        let line = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
        return line.count > 120 ? String(line.prefix(117)) + "..." : line
    }

    // MARK: - Passwords

    /// The password values libpq reads from a connection string (none when it does not parse).
    private static func passwords(in connection: String) -> [String] {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connection, &error) else {
            PQfreemem(error)
            return []
        }
        defer { PQconninfoFree(options) }
        return Self.passwords(in: options)
    }

    private static func resolvedPasswords(of handle: OpaquePointer) -> [String] {
        guard let options = PQconninfo(handle) else { return [] }
        defer { PQconninfoFree(options) }
        return passwords(in: options)
    }

    private static func passwords(in options: UnsafeMutablePointer<PQconninfoOption>) -> [String] {
        var found: [String] = []
        var option = options
        while let keyword = option.pointee.keyword {
            if String(cString: keyword) == "password", let value = option.pointee.val {
                found.append(String(cString: value))
            }
            option += 1
        }
        return found
    }

    /// libpq's complaint about a malformed string, with every quoted fragment that is not an
    /// option name hidden: such a fragment may be a piece of a password.
    private static func parseFailure(of connection: String) -> String? {
        var error: UnsafeMutablePointer<CChar>?
        if let options = PQconninfoParse(connection, &error) {
            PQconninfoFree(options)
            return nil
        }
        defer { PQfreemem(error) }
        let message = error.map { String(cString: $0) } ?? "unknown error"
        let known = Set(knownKeywords)
        var parts = message.split(separator: "\"", omittingEmptySubsequences: false).map(String.init)
        for index in parts.indices
        where index % 2 == 1 && !known.contains(parts[index]) && !["=", "]"].contains(parts[index]) {
            parts[index] = "***"
        }
        return Target.redactingPassword(in: parts.joined(separator: "\""))
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private static var knownKeywords: [String] {
        guard let defaults = PQconndefaults() else { return [] }
        defer { PQconninfoFree(defaults) }
        var names: [String] = []
        var option = defaults
        while let keyword = option.pointee.keyword {
            names.append(String(cString: keyword))
            option += 1
        }
        return names
    }
}

/// `PG_DIAG_*` field codes (C character macros Swift does not import as such).
enum Diagnostic {
    static let sqlState = Int32(UInt8(ascii: "C"))
    static let primary = Int32(UInt8(ascii: "M"))
    static let detail = Int32(UInt8(ascii: "D"))
    static let context = Int32(UInt8(ascii: "W"))
    static let table = Int32(UInt8(ascii: "t"))
    static let column = Int32(UInt8(ascii: "c"))
    static let constraint = Int32(UInt8(ascii: "n"))
}
