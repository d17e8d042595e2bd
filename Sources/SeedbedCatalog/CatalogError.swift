/// Why a catalog, certificate or key operation failed, with a message that names the place and
/// the fix. Messages never contain a connection password.
public struct CatalogError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable {
        /// Bad input: a malformed NAME@VERSION, version, date, key or certificate file (exit 2).
        case usage
        /// The dataset version, certificate or key does not exist (exit 2).
        case notFound
        /// NAME@VERSION is already registered with different content (exit 2; `--force` replaces it).
        case conflict
        /// The catalog cannot be opened or written, or was made by a newer Seedbed (exit 3).
        case environment
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
