/// Splits SQL text into tokens, following SQLite's and PostgreSQL's lexical rules closely enough
/// that a quote, comment or bracket never hides or fakes a `CHECK` or a parenthesis.
///
/// It never fails: text that ends inside a string, quoted name or comment ends the token there
/// (marked unterminated), and a byte that starts no token becomes a one-byte symbol. Comments are
/// dropped; token offsets keep what they covered.
struct SQLTokenizer {
    private let bytes: [UInt8]
    private let dialect: Dialect
    private var offset = 0
    private var tokens: [SQLToken] = []

    private init(_ text: String, dialect: Dialect) {
        bytes = Array(text.utf8)
        self.dialect = dialect
    }

    /// The tokens of `text`, comments left out.
    /// - Complexity: O(n) in the length of the text.
    static func tokenize(_ text: String, dialect: Dialect) -> [SQLToken] {
        var tokenizer = SQLTokenizer(text, dialect: dialect)
        tokenizer.run()
        return tokenizer.tokens
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    private func text(_ start: Int, _ end: Int) -> String {
        String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func run() {
        while skipSpaceAndComments(), let byte = peek() {
            let start = offset
            switch byte {
            case UInt8(ascii: "'"):
                lexQuoted(closing: byte, kind: .string, from: start, backslashEscapes: false)
            case UInt8(ascii: "\""), UInt8(ascii: "`"):
                lexQuoted(closing: byte, kind: .quotedIdentifier, from: start, backslashEscapes: false)
            case UInt8(ascii: "[") where dialect == .sqlite:
                lexBracketed(from: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber(from: start)
            case UInt8(ascii: ".") where peek(1).map(Self.isDigit) ?? false:
                lexNumber(from: start)
            case UInt8(ascii: "?"),
                UInt8(ascii: ":") where peek(1) != UInt8(ascii: ":") && dialect == .sqlite,
                UInt8(ascii: "@") where dialect == .sqlite, UInt8(ascii: "$"):
                offset += 1
                while let next = peek(), Self.isWordByte(next) { offset += 1 }
                append(.parameter, text(start, offset), from: start)
            default:
                if (byte == UInt8(ascii: "x") || byte == UInt8(ascii: "X")) && peek(1) == UInt8(ascii: "'") {
                    offset += 1
                    lexQuoted(closing: UInt8(ascii: "'"), kind: .blob, from: start, backslashEscapes: false)
                } else if dialect == .postgres, byte == UInt8(ascii: "E") || byte == UInt8(ascii: "e"),
                    peek(1) == UInt8(ascii: "'")
                {
                    offset += 1
                    lexQuoted(closing: UInt8(ascii: "'"), kind: .string, from: start, backslashEscapes: true)
                } else if Self.isWordByte(byte) {
                    while let next = peek(), Self.isWordByte(next) { offset += 1 }
                    append(.word, text(start, offset), from: start)
                } else {
                    lexSymbol(from: start)
                }
            }
        }
    }

    private mutating func append(_ kind: SQLToken.Kind, _ text: String, from start: Int, terminated: Bool = true) {
        let quote = kind == .quotedIdentifier ? bytes[start] : nil
        tokens.append(
            SQLToken(kind: kind, text: text, start: start, end: offset, isTerminated: terminated, quote: quote))
    }

    // MARK: - Trivia

    /// Skips white space, `-- …` and `/* … */` (nested in PostgreSQL); `false` at the end.
    private mutating func skipSpaceAndComments() -> Bool {
        while let byte = peek() {
            if Self.isSpace(byte) {
                offset += 1
            } else if byte == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let next = peek(), next != UInt8(ascii: "\n") { offset += 1 }
            } else if byte == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                offset += 2
                var depth = 1
                while depth > 0, let next = peek() {
                    if next == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        depth -= 1
                        offset += 2
                    } else if dialect == .postgres, next == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                        depth += 1
                        offset += 2
                    } else {
                        offset += 1
                    }
                }
            } else {
                return true
            }
        }
        return false
    }

    // MARK: - Tokens

    /// A string or quoted name; the closing quote doubled stands for itself.
    private mutating func lexQuoted(
        closing: UInt8, kind: SQLToken.Kind, from start: Int, backslashEscapes: Bool
    ) {
        offset += 1
        var content: [UInt8] = []
        while let byte = peek() {
            offset += 1
            if backslashEscapes, byte == UInt8(ascii: "\\"), let escaped = peek() {
                offset += 1
                switch escaped {
                case UInt8(ascii: "n"): content.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): content.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): content.append(UInt8(ascii: "\r"))
                default: content.append(escaped)
                }
            } else if byte == closing {
                guard peek() == closing else {
                    append(kind, String(decoding: content, as: UTF8.self), from: start)
                    return
                }
                offset += 1
                content.append(byte)
            } else {
                content.append(byte)
            }
        }
        append(kind, String(decoding: content, as: UTF8.self), from: start, terminated: false)
    }

    /// SQLite's `[name]`: no escapes, the first `]` ends it.
    private mutating func lexBracketed(from start: Int) {
        offset += 1
        while let byte = peek(), byte != UInt8(ascii: "]") { offset += 1 }
        let terminated = peek() != nil
        let content = text(start + 1, offset)
        if terminated { offset += 1 }
        append(.quotedIdentifier, content, from: start, terminated: terminated)
    }

    private mutating func lexNumber(from start: Int) {
        if peek() == UInt8(ascii: "0"), let x = peek(1), x == UInt8(ascii: "x") || x == UInt8(ascii: "X") {
            offset += 2
            while let byte = peek(), Self.isHexDigit(byte) { offset += 1 }
        } else {
            while let byte = peek(), Self.isDigit(byte) { offset += 1 }
            if peek() == UInt8(ascii: "."), peek(1) != UInt8(ascii: ".") {
                offset += 1
                while let byte = peek(), Self.isDigit(byte) { offset += 1 }
            }
            if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
                let sign = peek(1).map { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") } ?? false
                if let digit = peek(sign ? 2 : 1), Self.isDigit(digit) {
                    offset += sign ? 2 : 1
                    while let byte = peek(), Self.isDigit(byte) { offset += 1 }
                }
            }
        }
        append(.number, text(start, offset), from: start)
    }

    /// The longest operator that starts here, else the byte alone (for non-ASCII text, the
    /// whole character, so token text is always valid UTF-8).
    private mutating func lexSymbol(from start: Int) {
        for symbol in Self.symbols where matches(symbol) {
            offset += symbol.utf8.count
            append(.symbol, symbol, from: start)
            return
        }
        offset += 1
        while let byte = peek(), byte & 0xC0 == 0x80 { offset += 1 }
        append(.symbol, text(start, offset), from: start)
    }

    private func matches(_ symbol: String) -> Bool {
        var index = offset
        for byte in symbol.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// Longest first, so `<>` wins over `<`.
    private static let symbols = [
        "!~~*", "->>", "!~~", "!~*", "~~*", "::", "||", "==", "!=", "<>", "<=", ">=", "<<", ">>", "->", "~~", "!~",
        "~*",
    ]

    // MARK: - Bytes

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }

    /// Letters, digits, `_`, `$` and every byte of a non-ASCII character, as both dialects read names.
    static func isWordByte(_ byte: UInt8) -> Bool {
        byte >= 0x80 || isDigit(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
    }
}
