/// Why a database operation failed, with a message that names the place and the fix.
/// Messages never contain a connection password (see `Target.redacted`).
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// The target is malformed or names something that does not exist (exit 2).
        case usage
        /// The database cannot be reached or opened (exit 3).
        case unreachable
        /// The spec and the database schema disagree (exit 2).
        case schema
        /// A statement, load or read failed inside the database (exit 3); the target is unchanged.
        case database
        /// A row could not be made under the rules (exit 1); the target is unchanged.
        case generation
    }

    public var kind: Kind
    public var message: String
    /// The table, row key and constraint a failed load stopped at, when the database says.
    public var table: String?
    public var rowKey: String?
    public var constraint: String?

    public init(
        _ kind: Kind, _ message: String, table: String? = nil, rowKey: String? = nil, constraint: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.table = table
        self.rowKey = rowKey
        self.constraint = constraint
    }

    public var description: String { message }
}
