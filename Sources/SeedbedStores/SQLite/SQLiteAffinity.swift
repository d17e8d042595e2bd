/// The type affinity SQLite gives a declared column type (https://sqlite.org/datatype3.html §3.1):
/// it decides what SQLite does with a bound value, so the loader picks encodings by it.
enum SQLiteAffinity: Equatable {
    case integer
    case text
    case blob
    case real
    case numeric

    /// The rules of §3.1, in their order.
    init(declared: String) {
        let upper = declared.uppercased()
        if upper.contains("INT") {
            self = .integer
        } else if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") {
            self = .text
        } else if upper.contains("BLOB") || upper.allSatisfy(\.isWhitespace) {
            self = .blob
        } else if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") {
            self = .real
        } else {
            self = .numeric
        }
    }
}
