import SeedbedTestSupport
import Testing

@testable import SeedbedFeedback

/// The normaliser on bytes gives exactly what the normaliser on arrays of scalars gave (kept
/// below as the oracle, as it was before the byte-level rewrite).
@Suite("Message normaliser on bytes")
struct MessageNormalizerBytesTests {
    /// Pieces that exercise every rule, their edges and the non-ASCII paths.
    static let tokens: [String] = [
        "0", "7", "42", "3.14", "1,234", "1.", ".5", "-12", "+3", "12a", "a12", "_9", "R12", "ELIG-002", "x-1",
        "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b", "3F2B8C1E-9A4D-4E6F-8B2A-1C3D5E7F9A0B",
        "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0", "3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0bc", "0x7ffd5e8c", "0X1F", "0x",
        "0xg", "9fceb02d0ae598e95dc970b74767f19372d61af8", "deadbeef", "12345678", "abcdef12", "@1b6d3586",
        "@c321e", "$ab24b", "$abc1", "@abcd", "2026-11-20", "2026-11-20T14:03:07.120+01:00",
        "2026-11-20t14:03Z", "2026-11-20T14:03:07-0100", "2026-11-20T1", "14:03:07", "4:03:07,512", "14:03",
        "1:2:3", "14:03:07.", "99:99:99.9", "/tmp/a/b.csv", "/a/b", "//", "/a", "~/x", "./y", "../z", "~/",
        "./\u{301}a/b", "C:\\agent\\s", "c:\\", "é:\\x", "_:\\x", "a/b/c.d", "a/b/c", "a@b/c/d.e",
        "http://localhost:8080/api/42", "file:///x/y", "HTTP", "http/1.1", "HTTP:", "status", "Status:",
        "code", "CODE:", "httpé", "http\u{301}", "404", "503", "600", "099", "200", "a", "test2", "utf8",
        "é", "ñ1", "日本", "ｏ", "Ｆ1", "ﬁ", "ς7", "😀", "👩‍💻", "e\u{301}", "\u{301}", "\u{301}1", "\u{600}",
        "\u{600}1", "\u{903}", "\u{200D}", "\u{1F1E9}\u{1F1EA}", "…", "\u{FEFF}", "\u{0}", "\u{7F}",
        "٣", "١٢", "Ⅻ", "²", "x²1",
        " ", "  ", "\t", "\u{A0}", "\u{3000}", "\u{2003}", "\u{1680}", "\u{200B}",
        "\n", "\r\n", "\r", "\u{B}", "\u{C}", "\u{85}", "\u{2028}", "\u{2029}", "\n\n", " \n ",
        "\"", "'", "`", "(", ")", "[", "]", "{", "}", "<", ">", ",", ";", "=", ":", ".", "-", "@", "$", "/",
        "\\", "_", "#", "%", "+", "~", "T", "Z", "x", "X",
    ]

    @Test("random messages made of rule pieces normalise as before")
    func randomTokenMessages() {
        var random = SplitMix64(state: 15)
        var mismatches: [String] = []
        for _ in 0..<60000 {
            var message = ""
            for _ in 0..<Int.random(in: 0...24, using: &random) {
                message += Self.tokens[Int.random(in: 0..<Self.tokens.count, using: &random)]
                if Int.random(in: 0..<3, using: &random) == 0 { message += " " }
            }
            if MessageNormalizer.normalize(message) != ScalarMessageNormalizer.normalize(message) {
                mismatches.append(message)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { Array($0.unicodeScalars) })")
    }

    @Test("random messages of single scalars normalise as before")
    func randomScalarMessages() {
        var random = SplitMix64(state: 16)
        let scalars = Array(Self.tokens.joined().unicodeScalars)
        var mismatches: [String] = []
        for length in 0..<60 {
            for _ in 0..<300 {
                var message = ""
                for _ in 0..<length {
                    message.unicodeScalars.append(scalars[Int.random(in: 0..<scalars.count, using: &random)])
                }
                if MessageNormalizer.normalize(message) != ScalarMessageNormalizer.normalize(message) {
                    mismatches.append(message)
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { Array($0.unicodeScalars) })")
    }

    @Test(
        "edge messages normalise as before, to the expected text",
        arguments: [
            ("", ""),
            ("   \n\t\r\n", ""),
            ("1", "<N>"),
            ("a1 1a _1 1_", "a1 <N>a _1 <N>_"),
            ("id 3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b.", "id <UUID>."),
            ("x3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b", "x3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b"),
            ("at 2026-11-20T14:03:07Z and 14:03", "at <TS> and <N>:<N>"),
            ("deadbeef 12345678 abcdef12 0xFF", "deadbeef <N> <HEX> <HEX>"),
            ("a/b/c.d @x/y/z.w ~/x ./é ./\u{301}", "<PATH> @x/y/z.w <PATH> <PATH> ./\u{301}"),
            ("http\u{301} 404 http 404 HTTP/1.1 500 Code: 302", "http\u{301} <N> http 404 HTTP/<N> 500 Code: 302"),
            ("é 1 \u{A0} 2\u{3000}3", "é <N> <N> <N>"),
            ("a \u{301}b  c 1", "a \u{301}b c <N>"),
            ("\u{600} x 1", "\u{600} x <N>"),
            ("日本語 0x1f\u{2028}ﬁle2 ۱۲", "日本語 <HEX> ﬁle2 ۱۲"),
            ("a\nb\nc\nd\ne\nf é", "a b c d e"),
        ] as [(String, String)])
    func edges(_ message: String, expected: String) {
        #expect(ScalarMessageNormalizer.normalize(message) == expected)
        #expect(MessageNormalizer.normalize(message) == expected)
    }

    @Test("a long message, CR LF lines and a string cut from another normalise as before")
    func longAndCut() {
        let long = String(repeating: "value 12 at /tmp/a/b.c é\u{301} 0xff ", count: 2000)
        #expect(MessageNormalizer.normalize(long) == ScalarMessageNormalizer.normalize(long))
        let lines = (0..<9).map { "line \($0) 2026-01-0\($0)" }.joined(separator: "\r\n")
        #expect(MessageNormalizer.normalize(lines) == ScalarMessageNormalizer.normalize(lines))
        let substring = "xx 1 é 2"[...]
        #expect(MessageNormalizer.normalize(String(substring.dropFirst(3))) == "<N> é <N>")
    }
}

// MARK: - The oracle: the normaliser on arrays of scalars, as it was

private enum ScalarMessageNormalizer {
    static let lineCount = 5

    static func normalize(_ message: String) -> String {
        // White space collapses as characters, not scalars: a space before a combining mark
        // (or after a prepended one) is part of a character and stays. ASCII text has no such
        // marks, so it collapses as it is written; other text keeps every space until the end.
        let ascii = message.utf8.allSatisfy { $0 < 0x80 }
        var out = ScalarNormalizedText()
        var lineScalars: [Unicode.Scalar] = []
        var lines = 0
        var scalars = message.unicodeScalars.makeIterator()
        var ended = false
        while !ended, lines < lineCount {
            // Lines end at the scalars `Character.isNewline` is true of (CR LF is two ends and
            // an empty line between, which is skipped like any empty line).
            lineScalars.removeAll(keepingCapacity: true)
            while true {
                guard let scalar = scalars.next() else {
                    ended = true
                    break
                }
                if isNewline(scalar) { break }
                lineScalars.append(scalar)
            }
            guard lineScalars.contains(where: { !isWhitespace($0) }) else { continue }
            lines += 1
            normalizeLine(lineScalars, collapsing: ascii, into: &out)
        }
        return ascii ? out.string : out.string.split(separator: " ").joined(separator: " ")
    }

    /// Appends a line's words and separators; the line break before it and each white space
    /// inside it (leading and trailing white space trimmed) become a space, which `collapsing`
    /// writes as one space between non-space text.
    private static func normalizeLine(
        _ scalars: [Unicode.Scalar], collapsing: Bool, into out: inout ScalarNormalizedText
    ) {
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }),
            let last = scalars.lastIndex(where: { !isWhitespace($0) })
        else { return }
        if !collapsing { out.append(scalar: " ") }
        var pendingSpace = true
        var word: [Unicode.Scalar] = []
        // The previous word of the line, for HTTP status codes. The two buffers swap rather
        // than copy, so a word costs no allocation once they have grown.
        var previous: [Unicode.Scalar] = []
        var hasPrevious = false
        func emitWord() {
            guard !word.isEmpty else { return }
            if collapsing, pendingSpace, !out.isEmpty { out.append(scalar: " ") }
            pendingSpace = false
            normalizeWord(word, previous: hasPrevious ? previous : nil, into: &out)
            swap(&previous, &word)
            hasPrevious = true
            word.removeAll(keepingCapacity: true)
        }
        for index in first...last {
            let scalar = scalars[index]
            // A comma between digits belongs to the word: `14:03:07,512`, `1,234`.
            let inNumber =
                scalar == "," && index > 0 && index + 1 < scalars.count && isDigit(scalars[index - 1])
                && isDigit(scalars[index + 1])
            if isSeparator(scalar) && !inNumber {
                emitWord()
                if isWhitespace(scalar) {
                    pendingSpace = true
                    if !collapsing { out.append(scalar: " ") }
                } else {
                    if collapsing, pendingSpace, !out.isEmpty { out.append(scalar: " ") }
                    pendingSpace = false
                    out.append(scalar: scalar)
                }
            } else {
                word.append(scalar)
            }
        }
        emitWord()
    }

    // MARK: - Scalar classes (ASCII by value)

    private static func isNewline(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
        default: false
        }
    }

    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80: false
        default: scalar.properties.isWhitespace
        }
    }

    private static func isAlphabetic(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0..<0x80: false
        default: scalar.properties.isAlphabetic
        }
    }

    /// White space, quotes, brackets, `,`, `;`, `=`: what ends a word.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\"", "'", "`", "(", ")", "[", "]", "{", "}", "<", ">", ",", ";", "=": true
        default: isWhitespace(scalar)
        }
    }

    // MARK: - Words

    private static func normalizeWord(
        _ scalars: [Unicode.Scalar], previous: [Unicode.Scalar]?, into out: inout ScalarNormalizedText
    ) {
        if isPath(scalars) {
            out.append(tag: "<PATH>")
        } else if isHTTPStatus(scalars, previous: previous) {
            out.append(contentsOf: scalars)
        } else {
            replaceInside(scalars, into: &out)
        }
    }

    /// `String.hasPrefix` for an ASCII prefix: compared by characters, so a prefix whose last
    /// scalar joins the next one into one character (`/` and a combining mark) does not match.
    private static func hasPrefix(_ s: [Unicode.Scalar], _ prefix: String) -> Bool {
        var index = 0
        for scalar in prefix.unicodeScalars {
            guard index < s.count, s[index] == scalar else { return false }
            index += 1
        }
        guard index > 0, index < s.count, !s[index].isASCII else { return true }
        var pair = String()
        pair.unicodeScalars.append(contentsOf: s[(index - 1)...index])
        return pair.count == 2
    }

    private static func isPath(_ s: [Unicode.Scalar]) -> Bool {
        for index in s.indices.dropLast(2) where s[index] == ":" && s[index + 1] == "/" && s[index + 2] == "/" {
            return false
        }
        let slashes = s.count(where: { $0 == "/" })
        if s.first == "/" && slashes >= 2 { return true }
        if hasPrefix(s, "~/") || hasPrefix(s, "./") || hasPrefix(s, "../") { return true }
        if s.count >= 3, isAlphabetic(s[0]), s[1] == ":", s[2] == "\\" { return true }
        return slashes >= 2 && s.contains(".") && !s.contains(where: { $0 == "@" })
    }

    private static func isHTTPStatus(_ s: [Unicode.Scalar], previous: [Unicode.Scalar]?) -> Bool {
        guard var word = previous, s.count == 3, s.allSatisfy(isDigit), let first = s.first, ("1"..."5").contains(first)
        else { return false }
        // Lower-cased as ASCII: no other scalar lower-cases into `http`, `status` or `code`.
        word = word.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 0x20) ?? $0 : $0 }
        if word.last == ":" { word.removeLast() }
        return hasPrefix(word, "http") || word == Array("status".unicodeScalars) || word == Array("code".unicodeScalars)
    }

    /// Tags inside one word, scanning left to right.
    private static func replaceInside(_ s: [Unicode.Scalar], into out: inout ScalarNormalizedText) {
        var index = 0
        while index < s.count {
            if let end = uuidEnd(s, at: index) {
                out.append(tag: "<UUID>")
                index = end
            } else if let end = timestampEnd(s, at: index) {
                out.append(tag: "<TS>")
                index = end
            } else if let end = hexEnd(s, at: index) {
                out.append(tag: "<HEX>")
                index = end
            } else if isDigit(s[index]), !followsIdentifier(s, at: index) {
                var end = index
                while end < s.count, isDigit(s[end]) { end += 1 }
                if end + 1 < s.count, s[end] == ".", isDigit(s[end + 1]) {
                    end += 1
                    while end < s.count, isDigit(s[end]) { end += 1 }
                }
                out.append(tag: "<N>")
                index = end
            } else {
                // An identifier keeps its digits: copy it whole.
                var end = index + 1
                if isWordScalar(s[index]) {
                    while end < s.count,
                        isWordScalar(s[end]) || (s[end] == "-" && end + 1 < s.count && isDigit(s[end + 1]))
                    {
                        end += 1
                    }
                }
                out.append(contentsOf: s[index..<end])
                index = end
            }
        }
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        isAlphabetic(scalar) || isDigit(scalar) || scalar == "_"
    }

    /// A digit right after a letter or `_` belongs to an identifier.
    private static func followsIdentifier(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        index > 0 && (isAlphabetic(s[index - 1]) || s[index - 1] == "_")
    }

    /// The end of a run of hex digits of exactly `count` starting at `index`.
    private static func hexRun(_ s: [Unicode.Scalar], at index: Int, count: Int) -> Int? {
        guard index + count <= s.count, s[index..<index + count].allSatisfy(isHex) else { return nil }
        return index + count
    }

    private static func isBoundary(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        index < 0 || index >= s.count || !isWordScalar(s[index])
    }

    private static func uuidEnd(_ s: [Unicode.Scalar], at index: Int) -> Int? {
        guard isBoundary(s, at: index - 1) else { return nil }
        var position = index
        for (offset, length) in [8, 4, 4, 4, 12].enumerated() {
            if offset > 0 {
                guard position < s.count, s[position] == "-" else { return nil }
                position += 1
            }
            guard let end = hexRun(s, at: position, count: length) else { return nil }
            position = end
        }
        return isBoundary(s, at: position) ? position : nil
    }

    private static func digits(_ s: [Unicode.Scalar], at index: Int, count: Int) -> Int? {
        guard index + count <= s.count, s[index..<index + count].allSatisfy(isDigit) else { return nil }
        return index + count
    }

    /// `YYYY-MM-DD` with an optional `THH:MM[:SS[.f]]` and zone, or a clock `H[H]:MM:SS[.f]`.
    private static func timestampEnd(_ s: [Unicode.Scalar], at index: Int) -> Int? {
        guard index == 0 || !isWordScalar(s[index - 1]) else { return nil }
        if let year = digits(s, at: index, count: 4), year < s.count, s[year] == "-",
            let month = digits(s, at: year + 1, count: 2), month < s.count, s[month] == "-",
            let day = digits(s, at: month + 1, count: 2)
        {
            var end = day
            if end < s.count, s[end] == "T" || s[end] == "t", let clock = clockEnd(s, at: end + 1) {
                end = clock
                if end < s.count, s[end] == "Z" {
                    end += 1
                } else if end < s.count, s[end] == "+" || s[end] == "-", let hours = digits(s, at: end + 1, count: 2) {
                    end = hours
                    if end < s.count, s[end] == ":" { end += 1 }
                    end = digits(s, at: end, count: 2) ?? end
                }
            }
            return end
        }
        return clockEnd(s, at: index).flatMap { end in
            // A clock needs seconds; `12:30` alone is as likely a file:line.
            s[index..<end].count(where: { $0 == ":" }) == 2 ? end : nil
        }
    }

    private static func clockEnd(_ s: [Unicode.Scalar], at index: Int) -> Int? {
        var position = index
        guard let hourEnd = digits(s, at: position, count: 2) ?? digits(s, at: position, count: 1) else { return nil }
        position = hourEnd
        guard position < s.count, s[position] == ":", let minute = digits(s, at: position + 1, count: 2) else {
            return nil
        }
        position = minute
        if position < s.count, s[position] == ":", let second = digits(s, at: position + 1, count: 2) {
            position = second
            if position + 1 < s.count, s[position] == "." || s[position] == ",", isDigit(s[position + 1]) {
                position += 1
                while position < s.count, isDigit(s[position]) { position += 1 }
            }
        }
        return position
    }

    /// `0x…`, or eight or more hex digits mixing letters and digits, between word boundaries.
    private static func hexEnd(_ s: [Unicode.Scalar], at index: Int) -> Int? {
        guard index == 0 || !isWordScalar(s[index - 1]) else { return nil }
        if s[index] == "0", index + 2 < s.count, s[index + 1] == "x" || s[index + 1] == "X", isHex(s[index + 2]) {
            var end = index + 2
            while end < s.count, isHex(s[end]) { end += 1 }
            return end
        }
        var end = index
        while end < s.count, isHex(s[end]) { end += 1 }
        let run = s[index..<end]
        // A generated suffix (`Foo@c321e`, `Lambda$ab24b`) is shorter than a hash.
        let afterMarker = index > 0 && (s[index - 1] == "@" || s[index - 1] == "$")
        guard run.count >= (afterMarker ? 4 : 8), run.contains(where: isDigit), run.contains(where: { !isDigit($0) }),
            end == s.count || !isWordScalar(s[end])
        else { return nil }
        return end
    }
}

/// The normalised text as UTF-8 bytes, made a string once at the end: appending to a `String`
/// scalar by scalar goes through its general append every time, and a message is built from
/// many small pieces.
private struct ScalarNormalizedText {
    private var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func append(scalar: Unicode.Scalar) {
        if scalar.isASCII {
            bytes.append(UInt8(truncatingIfNeeded: scalar.value))
        } else {
            UTF8.encode(scalar) { bytes.append($0) }
        }
    }

    mutating func append(contentsOf scalars: some Sequence<Unicode.Scalar>) {
        for scalar in scalars { append(scalar: scalar) }
    }

    mutating func append(tag: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: tag.utf8Start, count: tag.utf8CodeUnitCount))
    }
}
