import Foundation

/// Where `seed`, `score` and `verify` connect: a SQLite file or a PostgreSQL server.
public enum Target: Sendable, Equatable {
    /// `sqlite:PATH`, or a path ending in `.db`, `.sqlite` or `.sqlite3`.
    case sqlite(path: String)
    /// A libpq connection string exactly as psql takes it: a `postgres://` or `postgresql://` URI,
    /// or `key=value` pairs; what it leaves out comes from the `PG*` variables and `.pgpass`.
    case postgres(connection: String)

    static let sqliteExtensions = [".db", ".sqlite", ".sqlite3"]

    public init(parsing text: String) throws(StoreError) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("sqlite:") {
            var path = String(trimmed.dropFirst("sqlite:".count))
            // `sqlite:///abs/path` and `sqlite://rel` are common spellings of the same thing.
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else {
                throw StoreError(
                    .usage, "the target 'sqlite:' names no file; write 'sqlite:PATH', e.g. 'sqlite:test.db'")
            }
            self = .sqlite(path: path)
        } else if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(connection: trimmed)
        } else if Self.sqliteExtensions.contains(where: { trimmed.lowercased().hasSuffix($0) }) {
            self = .sqlite(path: trimmed)
        } else if Self.isKeyValueConnection(trimmed) {
            self = .postgres(connection: trimmed)
        } else {
            throw StoreError(
                .usage,
                "cannot tell what database '\(Target.redactingPassword(in: trimmed))' is; write 'sqlite:PATH' (or a path ending in .db, .sqlite or .sqlite3), a 'postgresql://USER@HOST/DB' URI, or libpq 'key=value' pairs such as 'host=localhost dbname=test'"
            )
        }
    }

    /// The target as it may be shown in messages, logs, the catalog and reports: without a password.
    public var redacted: String {
        switch self {
        case .sqlite(let path): "sqlite:\(path)"
        case .postgres(let connection): Target.redactingPassword(in: connection)
        }
    }

    /// `host=h dbname=d`: libpq's key=value form (every word has an `=`).
    static func isKeyValueConnection(_ text: String) -> Bool {
        let words = text.split(whereSeparator: { $0 == " " })
        return !words.isEmpty
            && words.allSatisfy { word in
                guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return false }
                return word[..<equals].allSatisfy { $0.isLetter || $0 == "_" }
            }
    }

    /// Replaces the password of a URI (`user:SECRET@`), and of `password=` pairs and query
    /// parameters, with `***`.
    public static func redactingPassword(in text: String) -> String {
        var result = text
        if let scheme = result.range(of: "://") {
            let rest = result[scheme.upperBound...]
            let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
            if let at = rest[..<authorityEnd].lastIndex(of: "@"),
                let colon = rest[..<at].firstIndex(of: ":")
            {
                result.replaceSubrange(result.index(after: colon)..<at, with: "***")
            }
        }
        return redactingPairs(named: "password", in: result)
    }

    /// `password=secret` (a key=value pair or a URI query parameter) → `password=***`; a quoted
    /// value (`password='a b'`) is replaced whole.
    private static func redactingPairs(named key: String, in text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let found = rest.range(of: "\(key)=", options: .caseInsensitive) {
            let before = rest[..<found.lowerBound].last
            result += rest[..<found.upperBound]
            rest = rest[found.upperBound...]
            guard before == nil || before == " " || before == "?" || before == "&" else { continue }
            var end = rest.startIndex
            if rest.first == "'" {
                end = rest.index(after: end)
                while end < rest.endIndex, rest[end] != "'" {
                    if rest[end] == "\\" { end = rest.index(after: end) }
                    if end < rest.endIndex { end = rest.index(after: end) }
                }
                if end < rest.endIndex { end = rest.index(after: end) }
            } else {
                end = rest.firstIndex(where: { $0 == " " || $0 == "&" }) ?? rest.endIndex
            }
            result += "***"
            rest = rest[end...]
        }
        return result + rest
    }
}
