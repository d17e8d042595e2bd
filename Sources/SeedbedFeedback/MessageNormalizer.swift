/// Replaces the parts of a failure message that change from run to run with tags, in the manner
/// of ReportPortal's analyzer: `<PATH>` (absolute or relative paths with two or more parts),
/// `<UUID>`, `<TS>` (ISO dates and times, clock times), `<HEX>` (`0x…`, runs of eight or more
/// hex digits that mix letters and digits: hashes, object ids; four or more after `@` or `$`:
/// generated suffixes), `<N>` (numbers).
///
/// Kept: digits inside identifiers (`test2`, `R12`, `ELIG-002`: a rule ID tells failures apart),
/// and three-digit HTTP status codes after `HTTP…`, `status` or `code`. White space collapses
/// to one space; only the first five non-empty lines are read.
enum MessageNormalizer {
    static let lineCount = 5

    static func normalize(_ message: String) -> String {
        let lines = message.split(whereSeparator: \.isNewline).lazy.map { $0.trimmingSpaces() }
        var tokens: [String] = []
        for line in lines.filter({ !$0.isEmpty }).prefix(lineCount) {
            tokens.append(" ")
            var previous: String?
            for token in split(Array(line.unicodeScalars)) {
                let normalized = normalizeToken(token, previous: previous)
                tokens.append(normalized)
                previous = token.isSeparator ? previous : String(String.UnicodeScalarView(token.scalars))
            }
        }
        return tokens.joined().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    // MARK: - Tokens

    private struct Token {
        var scalars: [Unicode.Scalar]
        var isSeparator: Bool
    }

    /// Words (runs of anything but white space, quotes, brackets, `,`, `;`, `=`) and the
    /// separators between them; white space becomes one space.
    private static func split(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var word: [Unicode.Scalar] = []
        for (index, scalar) in scalars.enumerated() {
            // A comma between digits belongs to the word: `14:03:07,512`, `1,234`.
            let inNumber =
                scalar == "," && index > 0 && index + 1 < scalars.count && isDigit(scalars[index - 1])
                && isDigit(scalars[index + 1])
            if isSeparator(scalar) && !inNumber {
                if !word.isEmpty { tokens.append(Token(scalars: word, isSeparator: false)) }
                word = []
                let text: Unicode.Scalar = scalar.properties.isWhitespace ? " " : scalar
                tokens.append(Token(scalars: [text], isSeparator: true))
            } else {
                word.append(scalar)
            }
        }
        if !word.isEmpty { tokens.append(Token(scalars: word, isSeparator: false)) }
        return tokens
    }

    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || "\"'`()[]{}<>,;=".unicodeScalars.contains(scalar)
    }

    private static func normalizeToken(_ token: Token, previous: String?) -> String {
        let scalars = token.scalars
        if token.isSeparator { return String(String.UnicodeScalarView(scalars)) }
        if isPath(scalars) { return "<PATH>" }
        if isHTTPStatus(scalars, previous: previous) { return String(String.UnicodeScalarView(scalars)) }
        return replaceInside(scalars)
    }

    private static func isPath(_ s: [Unicode.Scalar]) -> Bool {
        let text = String(String.UnicodeScalarView(s))
        if text.containsBytes("://") { return false }
        let slashes = s.count(where: { $0 == "/" })
        if s.first == "/" && slashes >= 2 { return true }
        if text.hasPrefix("~/") || text.hasPrefix("./") || text.hasPrefix("../") { return true }
        if s.count >= 3, s[0].properties.isAlphabetic, s[1] == ":", s[2] == "\\" { return true }
        return slashes >= 2 && s.contains(".") && !s.contains(where: { $0 == "@" })
    }

    private static func isHTTPStatus(_ s: [Unicode.Scalar], previous: String?) -> Bool {
        guard let previous, s.count == 3, s.allSatisfy(isDigit), let first = s.first, ("1"..."5").contains(first)
        else { return false }
        var word = previous.lowercased()
        if word.hasSuffix(":") { word.removeLast() }
        return word.hasPrefix("http") || word == "status" || word == "code"
    }

    /// Tags inside one word, scanning left to right.
    private static func replaceInside(_ s: [Unicode.Scalar]) -> String {
        var out = ""
        var index = 0
        while index < s.count {
            if let end = uuidEnd(s, at: index) {
                out += "<UUID>"
                index = end
            } else if let end = timestampEnd(s, at: index) {
                out += "<TS>"
                index = end
            } else if let end = hexEnd(s, at: index) {
                out += "<HEX>"
                index = end
            } else if isDigit(s[index]), !followsIdentifier(s, at: index) {
                var end = index
                while end < s.count, isDigit(s[end]) { end += 1 }
                if end + 1 < s.count, s[end] == ".", isDigit(s[end + 1]) {
                    end += 1
                    while end < s.count, isDigit(s[end]) { end += 1 }
                }
                out += "<N>"
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
                out.unicodeScalars.append(contentsOf: s[index..<end])
                index = end
            }
        }
        return out
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func isHex(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || ("a"..."f").contains(scalar) || ("A"..."F").contains(scalar)
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || isDigit(scalar) || scalar == "_"
    }

    /// A digit right after a letter or `_` belongs to an identifier.
    private static func followsIdentifier(_ s: [Unicode.Scalar], at index: Int) -> Bool {
        index > 0 && (s[index - 1].properties.isAlphabetic || s[index - 1] == "_")
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
