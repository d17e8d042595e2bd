/// One lexical token of a spec file.
struct Token: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// A name; `quoted` when written in backquotes, so it is never a keyword.
        case identifier(String, quoted: Bool)
        case number(NumberLiteral)
        case string(String)
        /// Days since 1970-01-01.
        case date(Int)
        /// Microseconds since 1970-01-01T00:00:00Z.
        case timestamp(Int64)
        case punctuation(Punctuation)
        /// A character the language has no use for; the lexer has reported it.
        case invalid
        case endOfFile
    }

    var kind: Kind
    var range: SourceRange
    /// A line break stands between this token and the previous one (used for error recovery only:
    /// the grammar itself ignores line breaks).
    var startsLine: Bool
    /// Nothing stands between this token and the previous one, so `ELIG` `-` `001` glue into an ID.
    var touchesPrevious: Bool

    /// The keyword this token spells, if it is an unquoted identifier.
    var word: String? {
        if case .identifier(let name, quoted: false) = kind { return name }
        return nil
    }

    func isWord(_ keyword: String) -> Bool { word == keyword }

    func isPunctuation(_ punctuation: Punctuation) -> Bool { kind == .punctuation(punctuation) }
}

enum Punctuation: String, Sendable, CaseIterable {
    case leftBrace = "{"
    case rightBrace = "}"
    case leftParen = "("
    case rightParen = ")"
    case comma = ","
    case colon = ":"
    case dot = "."
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case plus = "+"
    case minus = "-"
    case star = "*"
    case slash = "/"
    case percent = "%"
}

/// A `#` comment, kept so `seedbed fmt` can put it back.
struct Comment: Sendable, Equatable {
    /// The text after `#`, without the line break.
    var text: String
    var range: SourceRange
    /// Code stands before it on its line.
    var isTrailing: Bool
}
