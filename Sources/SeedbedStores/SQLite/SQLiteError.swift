import CSQLite
import Foundation

/// A failure reported by the sqlite3 library: its extended result code and `sqlite3_errmsg`.
/// The database layer turns it into a `StoreError` that names the table and row.
struct SQLiteError: Error, Sendable, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_CHECK`, `SQLITE_NOTADB`, …).
    var code: Int32
    var message: String

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// The error the connection reports now (after a failed call on it).
    init(connection: OpaquePointer?, code: Int32) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(code: code, message: message ?? String(cString: sqlite3_errstr(code)))
    }

    var description: String { message }

    var isConstraintViolation: Bool { code & 0xFF == SQLITE_CONSTRAINT }

    /// The violated constraint as SQLite names it, for constraint failures: `CHECK positive_amount`
    /// (the constraint's name, or its expression when unnamed), `UNIQUE loan.id`,
    /// `PRIMARY KEY loan.id`, `NOT NULL loan.amount`, `FOREIGN KEY`.
    var constraint: String? {
        guard isConstraintViolation else { return nil }
        // SQLite's messages read "CHECK constraint failed: NAME", "UNIQUE constraint failed: t.c, t.d".
        let detail = message.range(of: "constraint failed: ").map { String(message[$0.upperBound...]) }
        let kind: String =
            switch code {
            case ExtendedCode.check: "CHECK"
            case ExtendedCode.unique: "UNIQUE"
            case ExtendedCode.primaryKey: "PRIMARY KEY"
            case ExtendedCode.notNull: "NOT NULL"
            case ExtendedCode.foreignKey: "FOREIGN KEY"
            default:
                String(message.prefix { $0 != ":" }.replacingOccurrences(of: " constraint failed", with: ""))
            }
        guard let detail, !detail.isEmpty else { return kind }
        return "\(kind) \(detail)"
    }
}

/// Extended result codes: macros (`SQLITE_CONSTRAINT | (3<<8)`) that Swift does not import.
enum ExtendedCode {
    static let check = SQLITE_CONSTRAINT | 1 << 8
    static let foreignKey = SQLITE_CONSTRAINT | 3 << 8
    static let notNull = SQLITE_CONSTRAINT | 5 << 8
    static let primaryKey = SQLITE_CONSTRAINT | 6 << 8
    static let unique = SQLITE_CONSTRAINT | 8 << 8
}
