/// The JSON a certificate is made of: objects, arrays, strings, integers and null (no floats and
/// no booleans, so every value has exactly one canonical spelling).
///
/// Certificates are parsed by this small reader rather than Foundation's so that what is signed
/// is exactly what is read on every platform, and a hostile file cannot nest without bound.
public indirect enum JSONValue: Sendable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case null

    // MARK: - Writing

    /// The canonical form: keys sorted by their UTF-8 bytes, no white space, strings escaped
    /// minimally (`"`, `\`, and control characters as `\u00XX`). This is what is signed.
    public var canonical: String {
        var out = ""
        write(to: &out, indent: nil, depth: 0)
        return out
    }

    /// The same with two-space indentation, for files people read.
    public var pretty: String {
        var out = ""
        write(to: &out, indent: "  ", depth: 0)
        return out + "\n"
    }

    private func write(to out: inout String, indent: String?, depth: Int) {
        func newline(_ level: Int) {
            guard let indent else { return }
            out += "\n" + String(repeating: indent, count: level)
        }
        switch self {
        case .null: out += "null"
        case .integer(let value): out += "\(value)"
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(depth + 1)
                item.write(to: &out, indent: indent, depth: depth + 1)
            }
            newline(depth)
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{"
            for (index, key) in members.keys.sorted(by: { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) })
                .enumerated()
            {
                if index > 0 { out += "," }
                newline(depth + 1)
                Self.writeString(key, to: &out)
                out += indent == nil ? ":" : ": "
                members[key, default: .null].write(to: &out, indent: indent, depth: depth + 1)
            }
            newline(depth)
            out += "}"
        }
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }

    // MARK: - Reading

    /// Parses a JSON document of the kinds above.
    /// - Throws: `.usage` with the byte offset of the first problem.
    public init(parsing text: String) throws(CatalogError) {
        var reader = JSONReader(bytes: Array(text.utf8))
        self = try reader.document()
    }

    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }
}

private struct JSONReader {
    let bytes: [UInt8]
    var position = 0
    static let maximumDepth = 32

    init(bytes: [UInt8]) { self.bytes = bytes }

    func fail(_ reason: String) -> CatalogError {
        CatalogError(.usage, "not a valid certificate: \(reason) at byte \(position + 1)")
    }

    mutating func document() throws(CatalogError) -> JSONValue {
        let value = try self.value(depth: 0)
        skipSpace()
        guard position == bytes.count else { throw fail("unexpected text after the document") }
        return value
    }

    mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    mutating func value(depth: Int) throws(CatalogError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw fail("nested too deeply") }
        skipSpace()
        guard position < bytes.count else { throw fail("the document ends early") }
        switch bytes[position] {
        case UInt8(ascii: "{"):
            position += 1
            var members: [String: JSONValue] = [:]
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
                position += 1
                return .object(members)
            }
            while true {
                skipSpace()
                let key = try string()
                guard members[key] == nil else { throw fail("the key '\(key)' appears twice") }
                skipSpace()
                try expect(UInt8(ascii: ":"))
                members[key] = try value(depth: depth + 1)
                skipSpace()
                if try separatorOrEnd(UInt8(ascii: "}")) { return .object(members) }
            }
        case UInt8(ascii: "["):
            position += 1
            var items: [JSONValue] = []
            skipSpace()
            if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
                position += 1
                return .array(items)
            }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                if try separatorOrEnd(UInt8(ascii: "]")) { return .array(items) }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "n"):
            guard bytes[position...].starts(with: Array("null".utf8)) else { throw fail("unexpected text") }
            position += 4
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let start = position
            if bytes[position] == UInt8(ascii: "-") { position += 1 }
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            guard let number = Int64(String(decoding: bytes[start..<position], as: UTF8.self)) else {
                throw fail("a number that is not a 64-bit integer")
            }
            return .integer(number)
        default:
            throw fail("unexpected text (certificates hold objects, arrays, strings, integers and null)")
        }
    }

    mutating func expect(_ byte: UInt8) throws(CatalogError) {
        guard position < bytes.count, bytes[position] == byte else {
            throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
        }
        position += 1
    }

    /// After a member or item: `,` (more follow) or the closing bracket (true).
    mutating func separatorOrEnd(_ close: UInt8) throws(CatalogError) -> Bool {
        guard position < bytes.count else { throw fail("the document ends early") }
        if bytes[position] == close {
            position += 1
            return true
        }
        try expect(UInt8(ascii: ","))
        return false
    }

    mutating func string() throws(CatalogError) -> String {
        try expect(UInt8(ascii: "\""))
        var scalars = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            scalars.append(contentsOf: String(decoding: run, as: UTF8.self).unicodeScalars)
            run.removeAll(keepingCapacity: true)
        }
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                return String(scalars)
            case UInt8(ascii: "\\"):
                flush()
                guard position < bytes.count else { break }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code) {
                        try expect(UInt8(ascii: "\\"))
                        try expect(UInt8(ascii: "u"))
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw fail("a lone surrogate") }
                    scalars.append(scalar)
                default: throw fail("an unknown escape")
                }
            case 0..<0x20:
                throw fail("a control character inside a string")
            default:
                run.append(byte)
            }
        }
        throw fail("a string that never ends")
    }

    mutating func hex4() throws(CatalogError) -> UInt32 {
        guard position + 4 <= bytes.count,
            let code = UInt32(String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
        else { throw fail("a \\u escape needs four hex digits") }
        position += 4
        return code
    }
}
