import SeedbedStores

/// A test's key as given: the text of a record, or the hash the ingest made, written as its 16
/// lowercase hex digits (what `TestKey` makes of it) without a string per test.
public enum TestRowKey: Sendable {
    case text(String)
    case hash(UInt64)

    var text: String {
        switch self {
        case .text(let text): return text
        case .hash(let value): return LowercaseHex.string(value)
        }
    }
}
