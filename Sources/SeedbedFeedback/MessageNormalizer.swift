/// Replaces the parts of a failure message that change from run to run with tags, in the manner
/// of ReportPortal's analyzer: `<PATH>` (absolute or relative paths with two or more parts),
/// `<UUID>`, `<TS>` (ISO dates and times, clock times), `<HEX>` (`0x…`, runs of eight or more
/// hex digits that mix letters and digits: hashes, object ids; four or more after `@` or `$`:
/// generated suffixes), `<N>` (numbers).
///
/// Kept: digits inside identifiers (`test2`, `R12`, `ELIG-002`: a rule ID tells failures apart),
/// and three-digit HTTP status codes after `HTTP…`, `status` or `code`. White space collapses
/// to one space; only the first five non-empty lines are read.
///
/// It runs for every failed attempt of a run, so it reads the message's UTF-8 in place: words
/// are ranges of those bytes, everything the rules look for is ASCII (so a byte compares as its
/// scalar would: no byte of a multi-byte scalar is below 0x80), and only the classes that
/// differ for other scalars (white space, letters) decode them.
enum MessageNormalizer {
    static let lineCount = 5

    static func normalize(_ message: String) -> String {
        if let normalized = message.utf8.withContiguousStorageIfAvailable(normalize(utf8:)) {
            return normalized
        }
        return Array(message.utf8).withUnsafeBufferPointer(normalize(utf8:))
    }

    /// `text` is valid UTF-8 (a string's).
    ///
    /// White space collapses as characters, not scalars: a space before a combining mark (or
    /// after a prepended one) is part of a character and stays. ASCII text has no such marks, so
    /// it collapses as it is written; when the lines read turn out to hold other scalars, they
    /// are read again keeping every space, and the spaces collapse by characters at the end.
    private static func normalize(utf8 text: UnsafeBufferPointer<UInt8>) -> String {
        // No input byte writes more than three (`1` -> `<N>`, `//` -> `<PATH>`), spaces included:
        // each stands for white space or a line end that wrote nothing else, but the first line's.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 3 * text.count + 8) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            var collapsed = ByteNormalizer(text: text, out: base, capacity: buffer.count, collapsing: true)
            if collapsed.run() { return collapsed.string }
            var spaced = ByteNormalizer(text: text, out: base, capacity: buffer.count, collapsing: false)
            _ = spaced.run()
            return spaced.string.split(separator: " ").joined(separator: " ")
        }
    }
}

/// One normalisation of a message's bytes into a buffer that holds the whole output.
private struct ByteNormalizer {
    let text: UnsafeBufferPointer<UInt8>
    let out: UnsafeMutablePointer<UInt8>
    let capacity: Int
    /// ASCII text: spaces written only between non-space text. Otherwise one space for each
    /// white space scalar and line start, collapsed afterwards.
    let collapsing: Bool
    var count = 0
    var pendingSpace = true

    init(text: UnsafeBufferPointer<UInt8>, out: UnsafeMutablePointer<UInt8>, capacity: Int, collapsing: Bool) {
        self.text = text
        self.out = out
        self.capacity = capacity
        self.collapsing = collapsing
    }

    var string: String { String(decoding: UnsafeBufferPointer(start: out, count: count), as: UTF8.self) }

    /// Normalises the first non-empty lines; false (collapsing only) when they hold a scalar
    /// beyond ASCII.
    mutating func run() -> Bool {
        var position = 0
        var lines = 0
        while lines < MessageNormalizer.lineCount, position < text.count {
            var end = position
            var next = text.count
            while end < text.count {
                // Any scalar beyond ASCII (a line break among them) ends the collapsing pass.
                if collapsing, text[end] >= 0x80 { return false }
                let length = lineBreakLength(text, at: end)
                if length > 0 {
                    next = end + length
                    break
                }
                end += 1
            }
            if collapsing {
                // Leading and trailing white space only mark a pending space, as any other.
                let before = count
                pendingSpace = true
                line(from: position, to: end)
                if count > before { lines += 1 }
            } else if let (first, last) = trimmed(from: position, to: end) {
                lines += 1
                write(0x20)
                pendingSpace = true
                line(from: first, to: last)
            }
            position = next
        }
        return true
    }

    /// The line's bounds without leading and trailing white space; nil for a blank line.
    private func trimmed(from start: Int, to end: Int) -> (Int, Int)? {
        var first: Int?
        var last = start
        var position = start
        while position < end {
            let (scalar, length) = scalar(at: position)
            if !isWhitespace(scalar) {
                if first == nil { first = position }
                last = position + length
            }
            position += length
        }
        return first.map { ($0, last) }
    }

    /// A line's words and separators. Each white space becomes a space, which `collapsing`
    /// writes as one space between non-space text.
    private mutating func line(from start: Int, to end: Int) {
        var wordStart = start
        // The previous word of the line, for HTTP status codes.
        var previous: Range<Int>?
        var position = start
        while position < end {
            let byte = text[position]
            if byte < 0x80 {
                guard isSeparator(byte) else {
                    position += 1
                    continue
                }
                // A comma between digits belongs to the word: `14:03:07,512`, `1,234`.
                if byte == UInt8(ascii: ","), position > 0, position + 1 < text.count, isDigit(text[position - 1]),
                    isDigit(text[position + 1])
                {
                    position += 1
                    continue
                }
                word(wordStart..<position, previous: &previous)
                if byte == 0x20 || byte == 0x09 || (byte >= 0x0A && byte <= 0x0D) {
                    spaceFound()
                } else {
                    spaceBeforeText()
                    write(byte)
                }
                position += 1
                wordStart = position
            } else {
                let (scalar, length) = scalar(at: position)
                if scalar.properties.isWhitespace {
                    word(wordStart..<position, previous: &previous)
                    spaceFound()
                    wordStart = position + length
                }
                position += length
            }
        }
        word(wordStart..<end, previous: &previous)
    }

    private mutating func spaceFound() {
        pendingSpace = true
        if !collapsing { write(0x20) }
    }

    private mutating func spaceBeforeText() {
        if collapsing, pendingSpace, count > 0 { write(0x20) }
        pendingSpace = false
    }

    private mutating func word(_ word: Range<Int>, previous: inout Range<Int>?) {
        guard !word.isEmpty else { return }
        spaceBeforeText()
        if isPath(word) {
            write("<PATH>")
        } else if isHTTPStatus(word, previous: previous) {
            copy(word.lowerBound, word.upperBound)
        } else {
            replaceInside(word.lowerBound, word.upperBound)
        }
        previous = word
    }

    // MARK: - Output

    private mutating func write(_ byte: UInt8) {
        precondition(count < capacity)
        out[count] = byte
        count += 1
    }

    private mutating func write(_ tag: StaticString) {
        let length = tag.utf8CodeUnitCount
        precondition(count + length <= capacity)
        (out + count).initialize(from: tag.utf8Start, count: length)
        count += length
    }

    private mutating func copy(_ start: Int, _ end: Int) {
        guard start < end, let source = text.baseAddress else { return }
        precondition(count + end - start <= capacity)
        (out + count).initialize(from: source + start, count: end - start)
        count += end - start
    }

    // MARK: - Scalars

    /// The scalar starting at `position` and its length in bytes.
    private func scalar(at position: Int) -> (Unicode.Scalar, Int) {
        let lead = UInt32(text[position])
        if lead < 0x80 { return (Unicode.Scalar(UInt8(lead)), 1) }
        func trail(_ offset: Int) -> UInt32 { UInt32(text[position + offset] & 0x3F) }
        let value: UInt32
        let length: Int
        if lead < 0xE0 {
            value = (lead & 0x1F) << 6 | trail(1)
            length = 2
        } else if lead < 0xF0 {
            value = (lead & 0x0F) << 12 | trail(1) << 6 | trail(2)
            length = 3
        } else {
            value = (lead & 0x07) << 18 | trail(1) << 12 | trail(2) << 6 | trail(3)
            length = 4
        }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }

    /// The scalar ending right before `position`.
    private func scalar(before position: Int) -> Unicode.Scalar {
        var start = position - 1
        while text[start] & 0xC0 == 0x80 { start -= 1 }
        return scalar(at: start).0
    }

    private func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09...0x0D, 0x20: true
        case 0..<0x80: false
        default: scalar.properties.isWhitespace
        }
    }

    /// White space, quotes, brackets, `,`, `;`, `=`: what ends a word (ASCII).
    private func isSeparator(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x09...0x0D, 0x20, 0x22, 0x27, 0x28, 0x29, 0x2C, 0x3B, 0x3C, 0x3D, 0x3E, 0x5B, 0x5D, 0x60, 0x7B, 0x7D:
            true
        default: false
        }
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

    private func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20) &- 0x61 < 6 }

    private func isLetter(_ byte: UInt8) -> Bool { (byte | 0x20) &- 0x61 < 26 }

    private func isWordByte(_ byte: UInt8) -> Bool { isLetter(byte) || isDigit(byte) || byte == UInt8(ascii: "_") }

    private func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? isWordByte(UInt8(truncatingIfNeeded: scalar.value)) : scalar.properties.isAlphabetic
    }

    /// Whether the scalar at `position` (none at `end`) is a letter, digit or `_`.
    private func isWordScalar(at position: Int, end: Int) -> Bool {
        guard position < end else { return false }
        let byte = text[position]
        return byte < 0x80 ? isWordByte(byte) : isWordScalar(scalar(at: position).0)
    }

    /// Whether the scalar before `position` (none at `start`) is a letter, digit or `_`.
    private func isWordScalar(before position: Int, start: Int) -> Bool {
        guard position > start else { return false }
        let byte = text[position - 1]
        return byte < 0x80 ? isWordByte(byte) : isWordScalar(scalar(before: position))
    }

    // MARK: - Words

    /// `String.hasPrefix` for an ASCII prefix, `lowercased` as ASCII when asked: compared by
    /// characters, so a prefix whose last scalar joins the next one into one character (`/` and
    /// a combining mark) does not match.
    private func hasPrefix(_ start: Int, _ end: Int, _ prefix: StaticString, lowercased: Bool = false) -> Bool {
        let length = prefix.utf8CodeUnitCount
        guard end - start >= length else { return false }
        for offset in 0..<length {
            var byte = text[start + offset]
            if lowercased, byte >= 0x41, byte <= 0x5A { byte |= 0x20 }
            guard byte == prefix.utf8Start[offset] else { return false }
        }
        let next = start + length
        guard next < end, text[next] >= 0x80 else { return true }
        var pair = String()
        pair.unicodeScalars.append(Unicode.Scalar(prefix.utf8Start[length - 1]))
        pair.unicodeScalars.append(scalar(at: next).0)
        return pair.count == 2
    }

    private func isPath(_ word: Range<Int>) -> Bool {
        let start = word.lowerBound
        let end = word.upperBound
        var slashes = 0
        var dot = false
        var at = false
        for position in word {
            switch text[position] {
            case UInt8(ascii: "/"): slashes += 1
            case UInt8(ascii: "."): dot = true
            case UInt8(ascii: "@"): at = true
            case UInt8(ascii: ":"):
                if position + 2 < end, text[position + 1] == UInt8(ascii: "/"), text[position + 2] == UInt8(ascii: "/")
                {
                    return false
                }
            default: break
            }
        }
        if text[start] == UInt8(ascii: "/") && slashes >= 2 { return true }
        if slashes > 0, hasPrefix(start, end, "~/") || hasPrefix(start, end, "./") || hasPrefix(start, end, "../") {
            return true
        }
        let (first, length) = scalar(at: start)
        if start + length + 1 < end, text[start + length] == UInt8(ascii: ":"),
            text[start + length + 1] == UInt8(ascii: "\\"),
            first.isASCII ? isLetter(text[start]) : first.properties.isAlphabetic
        {
            return true
        }
        return slashes >= 2 && dot && !at
    }

    private func isHTTPStatus(_ word: Range<Int>, previous: Range<Int>?) -> Bool {
        let start = word.lowerBound
        guard let previous, word.count == 3, isDigit(text[start + 1]), isDigit(text[start + 2]),
            text[start] &- 0x31 < 5
        else { return false }
        // Lower-cased as ASCII: no other scalar lower-cases into `http`, `status` or `code`.
        var end = previous.upperBound
        if text[end - 1] == UInt8(ascii: ":") { end -= 1 }
        let length = end - previous.lowerBound
        return hasPrefix(previous.lowerBound, end, "http", lowercased: true)
            || (length == 6 && hasPrefix(previous.lowerBound, end, "status", lowercased: true))
            || (length == 4 && hasPrefix(previous.lowerBound, end, "code", lowercased: true))
    }

    /// Tags inside one word, scanning left to right; what is not tagged is copied as it is.
    private mutating func replaceInside(_ start: Int, _ end: Int) {
        var copied = start
        var position = start
        while position < end {
            let byte = text[position]
            if isHex(byte) {
                // All the tags but numbers start at a word boundary; a digit right after a
                // letter or `_` belongs to an identifier.
                let afterWord = isWordScalar(before: position, start: start)
                var tagEnd: Int?
                var tag: StaticString = "<N>"
                if !afterWord {
                    if let uuid = uuidEnd(position, end) {
                        tagEnd = uuid
                        tag = "<UUID>"
                    } else if isDigit(byte), let timestamp = timestampEnd(position, end) {
                        tagEnd = timestamp
                        tag = "<TS>"
                    } else if let hex = hexEnd(position, start, end) {
                        tagEnd = hex
                        tag = "<HEX>"
                    }
                }
                if tagEnd == nil, isDigit(byte), !afterWord || isDigit(text[position - 1]) {
                    var number = position
                    while number < end, isDigit(text[number]) { number += 1 }
                    if number + 1 < end, text[number] == UInt8(ascii: "."), isDigit(text[number + 1]) {
                        number += 1
                        while number < end, isDigit(text[number]) { number += 1 }
                    }
                    tagEnd = number
                }
                if let tagEnd {
                    copy(copied, position)
                    write(tag)
                    position = tagEnd
                    copied = tagEnd
                    continue
                }
            }
            // An identifier keeps its digits: copy it whole.
            let (scalar, length) = byte < 0x80 ? (Unicode.Scalar(byte), 1) : self.scalar(at: position)
            position += length
            guard isWordScalar(scalar) else { continue }
            while position < end {
                let next = text[position]
                if next < 0x80 {
                    guard
                        isWordByte(next)
                            || (next == UInt8(ascii: "-") && position + 1 < end && isDigit(text[position + 1]))
                    else { break }
                    position += 1
                } else {
                    let (scalar, length) = self.scalar(at: position)
                    guard scalar.properties.isAlphabetic else { break }
                    position += length
                }
            }
        }
        copy(copied, end)
    }

    /// The end of a run of `count` bytes of a class starting at `position`.
    private func span(_ position: Int, _ end: Int, count: Int, of isMember: (UInt8) -> Bool) -> Int? {
        guard position + count <= end else { return nil }
        for offset in 0..<count where !isMember(text[position + offset]) { return nil }
        return position + count
    }

    private func digits(_ position: Int, _ end: Int, count: Int) -> Int? {
        span(position, end, count: count, of: isDigit)
    }

    private func uuidEnd(_ start: Int, _ end: Int) -> Int? {
        guard start + 36 <= end else { return nil }
        var position = start
        for (offset, length) in [8, 4, 4, 4, 12].enumerated() {
            if offset > 0 {
                guard text[position] == UInt8(ascii: "-") else { return nil }
                position += 1
            }
            guard let spanEnd = span(position, end, count: length, of: isHex) else { return nil }
            position = spanEnd
        }
        return isWordScalar(at: position, end: end) ? nil : position
    }

    /// `YYYY-MM-DD` with an optional `THH:MM[:SS[.f]]` and zone, or a clock `H[H]:MM:SS[.f]`.
    private func timestampEnd(_ start: Int, _ end: Int) -> Int? {
        if let year = digits(start, end, count: 4), year < end, text[year] == UInt8(ascii: "-"),
            let month = digits(year + 1, end, count: 2), month < end, text[month] == UInt8(ascii: "-"),
            let day = digits(month + 1, end, count: 2)
        {
            var position = day
            if position < end, text[position] | 0x20 == UInt8(ascii: "t"), let clock = clockEnd(position + 1, end) {
                position = clock
                if position < end, text[position] == UInt8(ascii: "Z") {
                    position += 1
                } else if position < end, text[position] == UInt8(ascii: "+") || text[position] == UInt8(ascii: "-"),
                    let hours = digits(position + 1, end, count: 2)
                {
                    position = hours
                    if position < end, text[position] == UInt8(ascii: ":") { position += 1 }
                    position = digits(position, end, count: 2) ?? position
                }
            }
            return position
        }
        // A clock needs seconds; `12:30` alone is as likely a file:line.
        guard let clock = clockEnd(start, end) else { return nil }
        var colons = 0
        for position in start..<clock where text[position] == UInt8(ascii: ":") { colons += 1 }
        return colons == 2 ? clock : nil
    }

    private func clockEnd(_ start: Int, _ end: Int) -> Int? {
        guard var position = digits(start, end, count: 2) ?? digits(start, end, count: 1),
            position < end, text[position] == UInt8(ascii: ":"), let minute = digits(position + 1, end, count: 2)
        else { return nil }
        position = minute
        if position < end, text[position] == UInt8(ascii: ":"), let second = digits(position + 1, end, count: 2) {
            position = second
            if position + 1 < end, text[position] == UInt8(ascii: ".") || text[position] == UInt8(ascii: ","),
                isDigit(text[position + 1])
            {
                position += 1
                while position < end, isDigit(text[position]) { position += 1 }
            }
        }
        return position
    }

    /// `0x…`, or eight or more hex digits mixing letters and digits, before a word boundary.
    private func hexEnd(_ position: Int, _ start: Int, _ end: Int) -> Int? {
        if text[position] == UInt8(ascii: "0"), position + 2 < end, text[position + 1] | 0x20 == UInt8(ascii: "x"),
            isHex(text[position + 2])
        {
            var hexEnd = position + 2
            while hexEnd < end, isHex(text[hexEnd]) { hexEnd += 1 }
            return hexEnd
        }
        var hexEnd = position
        var digitCount = 0
        while hexEnd < end, isHex(text[hexEnd]) {
            if isDigit(text[hexEnd]) { digitCount += 1 }
            hexEnd += 1
        }
        let length = hexEnd - position
        // A generated suffix (`Foo@c321e`, `Lambda$ab24b`) is shorter than a hash.
        let afterMarker =
            position > start && (text[position - 1] == UInt8(ascii: "@") || text[position - 1] == UInt8(ascii: "$"))
        guard length >= (afterMarker ? 4 : 8), digitCount > 0, digitCount < length, !isWordScalar(at: hexEnd, end: end)
        else {
            return nil
        }
        return hexEnd
    }
}
