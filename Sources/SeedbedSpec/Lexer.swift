/// Turns the bytes of a spec file into tokens and comments.
///
/// The lexer never stops at an error: it reports the character and goes on, so one run of
/// `seedbed check` shows every problem in the file.
struct Lexer {
    private let file: SourceFile
    private var bytes: [UInt8] { file.bytes }
    private var offset = 0
    private var sawLineBreak = true
    private var sawSpace = true
    private var lineOfLastInvalidCharacter = 0
    private(set) var tokens: [Token] = []
    private(set) var comments: [Comment] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
        offset = file.textStart
    }

    /// Lexes the whole file.
    static func tokenize(_ file: SourceFile) -> Lexer {
        var lexer = Lexer(file: file)
        lexer.run()
        return lexer
    }

    private mutating func run() {
        while true {
            skipTrivia()
            let start = offset
            guard start < bytes.count else {
                emit(.endOfFile, from: start)
                return
            }
            let kind = lexToken()
            emit(kind, from: start)
        }
    }

    private mutating func emit(_ kind: Token.Kind, from start: Int) {
        tokens.append(
            Token(
                kind: kind, range: SourceRange(start: start, end: offset), startsLine: sawLineBreak,
                touchesPrevious: !sawSpace))
        sawLineBreak = false
        sawSpace = false
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        offset + ahead < bytes.count ? bytes[offset + ahead] : nil
    }

    // MARK: - Trivia

    private mutating func skipTrivia() {
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\n"):
                sawLineBreak = true
                sawSpace = true
                offset += 1
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                sawSpace = true
                offset += 1
            case UInt8(ascii: "#"):
                let start = offset
                while let next = peek(), next != UInt8(ascii: "\n") { offset += 1 }
                var text = file.text(SourceRange(start: start + 1, end: offset))
                if text.hasSuffix("\r") { text.removeLast() }
                comments.append(
                    Comment(text: text, range: SourceRange(start: start, end: offset), isTrailing: !sawLineBreak))
                sawSpace = true
            default:
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func lexToken() -> Token.Kind {
        let byte = bytes[offset]
        if byte.isIdentifierStart { return lexIdentifier() }
        if byte.isDigit { return lexNumberOrDate() }
        switch byte {
        case UInt8(ascii: "\""): return lexString()
        case UInt8(ascii: "`"): return lexQuotedIdentifier()
        default: break
        }
        for punctuation in Lexer.punctuationByLength where matches(punctuation.rawValue) {
            offset += punctuation.rawValue.utf8.count
            return .punctuation(punctuation)
        }
        return lexInvalidCharacter()
    }

    /// Longest spellings first, so `<=` is not read as `<` `=`.
    private static let punctuationByLength = Punctuation.allCases.sorted { $0.rawValue.count > $1.rawValue.count }

    private func matches(_ text: String) -> Bool {
        var index = offset
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    private mutating func lexIdentifier() -> Token.Kind {
        let start = offset
        while let byte = peek(), byte.isIdentifierContinue { offset += 1 }
        guard offset - start <= Lexer.maximumNameLength else { return nameTooLong(from: start, length: offset - start) }
        return .identifier(file.text(SourceRange(start: start, end: offset)), quoted: false)
    }

    /// Names become table and column names in databases (PostgreSQL keeps 63 bytes); a longer
    /// one is a mistake, and would otherwise be repeated whole in every message about it.
    static let maximumNameLength = 128

    private mutating func nameTooLong(from start: Int, length: Int) -> Token.Kind {
        report(.nameTooLong(length: length, limit: Lexer.maximumNameLength), SourceRange(start: start, end: offset))
        return .invalid
    }

    private mutating func lexQuotedIdentifier() -> Token.Kind {
        let start = offset
        offset += 1
        while let byte = peek(), byte != UInt8(ascii: "`"), byte != UInt8(ascii: "\n") { offset += 1 }
        guard peek() == UInt8(ascii: "`") else {
            report(.unterminatedQuotedName, SourceRange(start: start, end: offset))
            return .invalid
        }
        offset += 1
        let name = file.text(SourceRange(start: start + 1, end: offset - 1))
        if name.unicodeScalars.count > Lexer.maximumNameLength {
            return nameTooLong(from: start, length: name.unicodeScalars.count)
        }
        if name.isEmpty {
            report(.emptyQuotedName, SourceRange(start: start, end: offset))
            return .invalid
        }
        return .identifier(name, quoted: true)
    }

    private mutating func lexString() -> Token.Kind {
        let start = offset
        offset += 1
        var value: [UInt8] = []
        while let byte = peek() {
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return .string(String(decoding: value, as: UTF8.self))
            case UInt8(ascii: "\n"):
                report(.unterminatedString, SourceRange(start: start, end: offset))
                return .invalid
            case UInt8(ascii: "\\"):
                let escape = peek(1)
                if escape == UInt8(ascii: "\"") || escape == UInt8(ascii: "\\") {
                    value.append(escape ?? 0)
                } else {
                    let escapeEnd = escape.map { $0 == UInt8(ascii: "\n") ? offset + 1 : offset + 2 } ?? offset + 1
                    let spelled = file.text(SourceRange(start: offset, end: escapeEnd))
                    report(.unknownEscape(spelled), SourceRange(start: offset, end: escapeEnd))
                    if let escape, escape != UInt8(ascii: "\n") { value.append(escape) }
                }
                offset += escape == nil || escape == UInt8(ascii: "\n") ? 1 : 2
            default:
                value.append(byte)
                offset += 1
            }
        }
        report(.unterminatedString, SourceRange(start: start, end: offset))
        return .invalid
    }

    private mutating func lexInvalidCharacter() -> Token.Kind {
        let start = offset
        // Step over a whole UTF-8 sequence so one character gives one diagnostic.
        offset += 1
        while let byte = peek(), byte & 0xC0 == 0x80 { offset += 1 }
        let range = SourceRange(start: start, end: offset)
        let scalar = file.text(range).unicodeScalars.first.map { $0 } ?? "\u{FFFD}"
        // One per line: `[0-9]` or `&&` is one mistake, and the parser drops the construct
        // at the first bad character anyway.
        let line = file.line(of: start)
        if line != lineOfLastInvalidCharacter {
            report(.unexpectedCharacter(scalar), range)
            lineOfLastInvalidCharacter = line
        }
        return .invalid
    }

    // MARK: - Numbers, dates and timestamps

    private mutating func lexNumberOrDate() -> Token.Kind {
        if let dateKind = lexDateOrTimestamp() { return dateKind }
        let start = offset
        var text = ""
        var misplacedUnderscore = false
        var isInteger = true
        func digits(_ lexer: inout Lexer) {
            var previousWasDigit = false
            while let byte = lexer.peek(), byte.isDigit || byte == UInt8(ascii: "_") {
                if byte == UInt8(ascii: "_") {
                    if !previousWasDigit || !(lexer.peek(1)?.isDigit ?? false) { misplacedUnderscore = true }
                    previousWasDigit = false
                } else {
                    text.append(Character(UnicodeScalar(byte)))
                    previousWasDigit = true
                }
                lexer.offset += 1
            }
        }
        digits(&self)
        if peek() == UInt8(ascii: "."), peek(1)?.isDigit == true {
            isInteger = false
            text.append(".")
            offset += 1
            digits(&self)
        }
        var isPercent = false
        // `10%` is a percentage; `10 % 3` and `10%3` are a remainder.
        if peek() == UInt8(ascii: "%"), !(peek(1).map { $0.isIdentifierContinue || $0 == UInt8(ascii: "(") } ?? false) {
            isPercent = true
            offset += 1
        }
        if let byte = peek(), byte.isIdentifierStart {
            // `3abc`: let the parser see the number; the name that follows is reported in context.
            _ = byte
        }
        let range = SourceRange(start: start, end: offset)
        if misplacedUnderscore { report(.misplacedUnderscore, range) }
        guard let value = Double(text), value.isFinite else {
            report(.numberOutOfRange, range)
            return .invalid
        }
        if isPercent { return .number(.percent(value)) }
        if isInteger {
            guard let integer = Int(text) else {
                report(.numberOutOfRange, range)
                return .invalid
            }
            return .number(.integer(integer))
        }
        return .number(.decimal(value))
    }

    /// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.f…]]` and `Z` or `±HH:MM`.
    private mutating func lexDateOrTimestamp() -> Token.Kind? {
        guard let year = fixedDigits(at: offset, count: 4), peek(4) == UInt8(ascii: "-"),
            let month = fixedDigits(at: offset + 5, count: 2), peek(7) == UInt8(ascii: "-"),
            let day = fixedDigits(at: offset + 8, count: 2), !(peek(10)?.isDigit ?? false)
        else { return nil }
        let start = offset
        offset += 10
        guard let days = CivilDate.days(year: year, month: month, day: day) else {
            report(
                .invalidDate(file.text(SourceRange(start: start, end: offset))), SourceRange(start: start, end: offset))
            return .invalid
        }
        guard peek() == UInt8(ascii: "T"), let hour = fixedDigits(at: offset + 1, count: 2),
            peek(3) == UInt8(ascii: ":"), let minute = fixedDigits(at: offset + 4, count: 2)
        else { return .date(days) }
        offset += 6
        var second = 0
        var micros = 0
        if peek() == UInt8(ascii: ":"), let s = fixedDigits(at: offset + 1, count: 2) {
            second = s
            offset += 3
            if peek() == UInt8(ascii: "."), peek(1)?.isDigit == true {
                offset += 1
                var scale = 100_000
                while let byte = peek(), byte.isDigit {
                    micros += Int(byte - UInt8(ascii: "0")) * scale
                    scale /= 10
                    offset += 1
                }
            }
        }
        var offsetMinutes = 0
        if peek() == UInt8(ascii: "Z") {
            offset += 1
        } else if let sign = peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            let zoneHours = fixedDigits(at: offset + 1, count: 2), peek(3) == UInt8(ascii: ":"),
            let zoneMinutes = fixedDigits(at: offset + 4, count: 2)
        {
            offsetMinutes = (zoneHours * 60 + zoneMinutes) * (sign == UInt8(ascii: "+") ? 1 : -1)
            offset += 6
        }
        let range = SourceRange(start: start, end: offset)
        guard hour < 24, minute < 60, second < 60, abs(offsetMinutes) < 24 * 60 else {
            report(.invalidTimestamp(file.text(range)), range)
            return .invalid
        }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetMinutes * 60)
        return .timestamp(seconds * 1_000_000 + Int64(micros))
    }

    private func fixedDigits(at start: Int, count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard byte.isDigit else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private mutating func report(_ message: DiagnosticMessage, _ range: SourceRange) {
        diagnostics.append(.error(message, at: range))
    }
}

extension UInt8 {
    var isDigit: Bool { self >= UInt8(ascii: "0") && self <= UInt8(ascii: "9") }
    var isIdentifierStart: Bool {
        (self >= UInt8(ascii: "a") && self <= UInt8(ascii: "z"))
            || (self >= UInt8(ascii: "A") && self <= UInt8(ascii: "Z"))
            || self == UInt8(ascii: "_")
    }
    var isIdentifierContinue: Bool { isIdentifierStart || isDigit }
}
