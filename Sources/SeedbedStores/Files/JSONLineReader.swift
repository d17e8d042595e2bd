/// Streams a JSON Lines file as `seedbed generate --format jsonl` writes it: one flat object
/// per line whose values are strings, numbers, `true`, `false` or `null`. Blank lines are
/// skipped; anything else (nested values, trailing text, a repeated key) is an error naming
/// `file:line:column`.
struct JSONLineReader {
    private var bytes: FileBytes
    private var lineBytes: [UInt8] = []
    var path: String { bytes.path }

    init(path: String) throws(StoreError) {
        bytes = try FileBytes(path: path)
    }

    func close() { bytes.close() }

    /// The next object's members in the order written, or `nil` at the end of the file.
    mutating func next() throws(StoreError) -> [(name: String, field: RawField)]? {
        while true {
            let line = bytes.line
            lineBytes.removeAll(keepingCapacity: true)
            var sawNewline = false
            while let byte = try bytes.next() {
                if byte == UInt8(ascii: "\n") {
                    sawNewline = true
                    break
                }
                lineBytes.append(byte)
            }
            if lineBytes.last == UInt8(ascii: "\r") { lineBytes.removeLast() }
            if lineBytes.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) {
                if sawNewline { continue }
                return nil
            }
            var parser = JSONObjectParser(bytes: lineBytes, path: path, line: line)
            return try parser.parseObject()
        }
    }
}

/// Parses one line's flat JSON object, tracking the column (in Unicode scalars) as it goes.
struct JSONObjectParser {
    let bytes: [UInt8]
    let path: String
    let line: Int
    private var index = 0
    private var column = 1

    init(bytes: [UInt8], path: String, line: Int) {
        self.bytes = bytes
        self.path = path
        self.line = line
    }

    mutating func parseObject() throws(StoreError) -> [(name: String, field: RawField)] {
        skipSpace()
        try expect(UInt8(ascii: "{"), "a line must be one JSON object, starting with '{'")
        var members: [(name: String, field: RawField)] = []
        var names: Set<String> = []
        skipSpace()
        if peek() == UInt8(ascii: "}") {
            advance()
        } else {
            while true {
                skipSpace()
                let keyColumn = column
                guard peek() == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
                let name = try parseString()
                guard names.insert(name).inserted else {
                    throw FieldError.at(
                        path, line, keyColumn, "the member '\(name)' appears twice", fix: "keep one of them")
                }
                skipSpace()
                try expect(UInt8(ascii: ":"), "expected ':' after the member name")
                skipSpace()
                members.append((name, try parseValue()))
                skipSpace()
                if peek() == UInt8(ascii: ",") {
                    advance()
                    continue
                }
                try expect(UInt8(ascii: "}"), "expected ',' or '}' after a value")
                break
            }
        }
        skipSpace()
        guard index == bytes.count else { throw error("text after the end of the object") }
        return members
    }

    private mutating func parseValue() throws(StoreError) -> RawField {
        let start = column
        guard let byte = peek() else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""):
            return RawField(form: .quoted, text: try parseString(), line: line, column: start)
        case UInt8(ascii: "n"):
            try word("null")
            return RawField(form: .null, text: "", line: line, column: start)
        case UInt8(ascii: "t"):
            try word("true")
            return RawField(form: .bare, text: "true", line: line, column: start)
        case UInt8(ascii: "f"):
            try word("false")
            return RawField(form: .bare, text: "false", line: line, column: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return RawField(form: .bare, text: try parseNumber(), line: line, column: start)
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            throw error("a nested object or array; every value must be a string, number, true, false or null")
        default:
            throw error("expected a value (a string, number, true, false or null)")
        }
    }

    private mutating func parseString() throws(StoreError) -> String {
        let start = column
        advance()  // the opening quote
        var out: [UInt8] = []
        while true {
            guard let byte = peek() else {
                throw FieldError.at(path, line, start, "a string is never closed", fix: "add the closing quote")
            }
            advance()
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: out, as: UTF8.self) else {
                    throw FieldError.at(
                        path, line, start, "bytes that are not UTF-8", fix: "write the file as UTF-8")
                }
                return text
            case UInt8(ascii: "\\"):
                try escape(into: &out)
            case 0..<0x20:
                throw error("a control character inside a string; escape it (\\n, \\t, \\u0001)")
            default:
                out.append(byte)
            }
        }
    }

    private mutating func escape(into out: inout [UInt8]) throws(StoreError) {
        guard let byte = peek() else { throw error("a string ends inside an escape") }
        advance()
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(byte)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard peek() == UInt8(ascii: "\\") else { throw error("a lone UTF-16 surrogate in \\u escape") }
                advance()
                guard peek() == UInt8(ascii: "u") else { throw error("a lone UTF-16 surrogate in \\u escape") }
                advance()
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone UTF-16 surrogate in \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let value = Unicode.Scalar(scalar) else { throw error("a lone UTF-16 surrogate in \\u escape") }
            out.append(contentsOf: String(Character(value)).utf8)
        default:
            throw error("an unknown escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func hex4() throws(StoreError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = peek() else { throw error("a \\u escape needs four hex digits") }
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw error("a \\u escape needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
            advance()
        }
        return value
    }

    /// A JSON number's text as written (so decimals keep every digit).
    private mutating func parseNumber() throws(StoreError) -> String {
        let start = index
        func digits() -> Int {
            var count = 0
            while let byte = peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                advance()
                count += 1
            }
            return count
        }
        if peek() == UInt8(ascii: "-") { advance() }
        let integerStart = index
        guard digits() > 0 else { throw error("a number needs digits") }
        if bytes[integerStart] == UInt8(ascii: "0"), index - integerStart > 1 {
            throw FieldError.at(
                path, line, column - (index - integerStart), "a number with a leading zero",
                fix: "write it without the leading zero")
        }
        if peek() == UInt8(ascii: ".") {
            advance()
            guard digits() > 0 else { throw error("a number needs digits after its point") }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            advance()
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { advance() }
            guard digits() > 0 else { throw error("a number needs digits in its exponent") }
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func word(_ text: String) throws(StoreError) {
        for expected in text.utf8 {
            guard peek() == expected else { throw error("expected '\(text)'") }
            advance()
        }
    }

    private mutating func expect(_ byte: UInt8, _ message: String) throws(StoreError) {
        guard peek() == byte else { throw error(message) }
        advance()
    }

    private mutating func skipSpace() {
        while let byte = peek(), byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { advance() }
    }

    private func peek() -> UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func advance() {
        if bytes[index] & 0xC0 != 0x80 { column += 1 }
        index += 1
    }

    private func error(_ message: String) -> StoreError {
        FieldError.at(path, line, column, message, fix: "write one flat JSON object per line, as seedbed generate does")
    }
}
