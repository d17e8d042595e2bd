/// One token of SQL text, with where it was written (byte offsets into the UTF-8 text), so the
/// text of a CHECK's condition can be cut out exactly as SQLite stored it.
struct SQLToken: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        /// A bare word: a keyword or an unquoted name, as written.
        case word
        /// `"name"`, `` `name` `` or (SQLite) `[name]`, with the quotes removed and doubled quotes undone.
        case quotedIdentifier
        /// `'text'` (or PostgreSQL's `E'text'`), with the quotes removed and escapes undone.
        case string
        /// `42`, `0.5`, `1e3`, `.5`, `0x1F`, as written.
        case number
        /// `X'00FF'`: a blob literal.
        case blob
        /// `?`, `?1`, `:name`, `@name`, `$name`: a bound parameter, which a CHECK cannot hold.
        case parameter
        /// An operator or punctuation: `(`, `::`, `<>`, `||`, …
        case symbol
    }

    var kind: Kind
    /// What the token means: the name, the string's contents, the operator.
    var text: String
    /// Byte offsets of the token in the text it was read from.
    var start: Int
    var end: Int
    /// `false` for a string, quoted name or comment the text ended inside of.
    var isTerminated = true
    /// The opening quote of a quoted name: `"`, `` ` `` or `[`.
    var quote: UInt8?

    /// Whether the token is the bare word `keyword`, in any case.
    func isWord(_ keyword: String) -> Bool {
        kind == .word && text.count == keyword.count && text.uppercased() == keyword
    }

    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }
}
