import Foundation
import SeedbedSpec

/// Streams the records of an RFC 4180 CSV file in fixed-size chunks, so memory stays bounded
/// by the longest record, never the file.
///
/// Accepts quoted fields with doubled quotes, commas and line breaks inside them, LF or CRLF
/// line ends, a UTF-8 byte order mark, and skips blank lines. Rejects, naming `file:line`:
/// a quote inside an unquoted field, text after a closing quote, a quoted field left open at
/// the end of the file, bytes that are not UTF-8 and fields over `maximumFieldBytes`.
struct CSVRecordReader {
    /// Longer fields are refused: a profile has no use for them and they would grow memory.
    static let maximumFieldBytes = 1 << 20
    /// More fields in one record are refused for the same reason.
    static let maximumFields = 10_000

    private let path: String
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var startedFile = false
    /// The 1-based line the next byte is on.
    private var line = 1
    /// The line the last record returned started on.
    private(set) var recordLine = 0

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    init(path: String) throws(ProfileError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProfileError(.unreadable, at: path, "cannot open the file", fix: "check the path and permissions")
        }
        self.path = path
        self.handle = handle
    }

    func close() { try? handle.close() }

    /// The next record's fields, or `nil` at the end of the file.
    mutating func next() throws(ProfileError) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var quoteLine = 0
        recordLine = line
        while true {
            guard let byte = try nextByte() else {
                switch state {
                case .quoted:
                    throw error(
                        "a quoted field opened on line \(quoteLine) is never closed", at: quoteLine,
                        fix: "add the closing quote, and double any quote inside the field (\"\")")
                case .fieldStart where fields.isEmpty:
                    return nil
                default:
                    fields.append(try text(field))
                    return fields
                }
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: "\""):
                    guard state == .fieldStart else {
                        throw error(
                            "a quote inside an unquoted field", at: line,
                            fix: "quote the whole field and double the quote inside: \"say \"\"hi\"\"\"")
                    }
                    state = .quoted
                    quoteLine = line
                case UInt8(ascii: ","):
                    try append(&fields, field)
                    field.removeAll(keepingCapacity: true)
                    state = .fieldStart
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    try endLine(after: byte)
                    if fields.isEmpty && field.isEmpty && state == .fieldStart {
                        recordLine = line  // a blank line: skip it
                        continue
                    }
                    fields.append(try text(field))
                    return fields
                default:
                    try grow(&field, byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") {
                    state = .quoteInQuoted
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    try grow(&field, byte)
                }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    try grow(&field, byte)
                    state = .quoted
                case UInt8(ascii: ","):
                    try append(&fields, field)
                    field.removeAll(keepingCapacity: true)
                    state = .fieldStart
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    try endLine(after: byte)
                    fields.append(try text(field))
                    return fields
                default:
                    throw error(
                        "text after the closing quote of a field", at: line,
                        fix: "quote the whole field and double every quote inside it (\"\")")
                }
            }
        }
    }

    // MARK: - Bytes

    private mutating func nextByte() throws(ProfileError) -> UInt8? {
        if position == chunk.count {
            if atEnd { return nil }
            try refill()
            if position == chunk.count { return nil }
        }
        defer { position += 1 }
        return chunk[position]
    }

    private mutating func peekByte() throws(ProfileError) -> UInt8? {
        if position == chunk.count {
            if atEnd { return nil }
            try refill()
            if position == chunk.count { return nil }
        }
        return chunk[position]
    }

    private mutating func refill() throws(ProfileError) {
        do {
            let data = try handle.read(upToCount: 1 << 16) ?? Data()
            chunk = [UInt8](data)
        } catch {
            throw ProfileError(.unreadable, at: path, "cannot read the file: \(error.localizedDescription)")
        }
        position = 0
        if chunk.isEmpty { atEnd = true }
        if !startedFile {
            startedFile = true
            if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
    }

    /// Consumes the LF of a CRLF pair, so it ends one line, not two.
    private mutating func endLine(after byte: UInt8) throws(ProfileError) {
        if byte == UInt8(ascii: "\r"), try peekByte() == UInt8(ascii: "\n") { position += 1 }
        line += 1
    }

    private func grow(_ field: inout [UInt8], _ byte: UInt8) throws(ProfileError) {
        guard field.count < Self.maximumFieldBytes else {
            throw error(
                "a field longer than \(Self.maximumFieldBytes) bytes", at: recordLine,
                fix: "a profile needs no field this long; check the quoting or drop the column")
        }
        field.append(byte)
    }

    private func append(_ fields: inout [String], _ field: [UInt8]) throws(ProfileError) {
        guard fields.count < Self.maximumFields else {
            throw error("more than \(Self.maximumFields) fields in a record", at: recordLine, fix: nil)
        }
        fields.append(try text(field))
    }

    private func text(_ bytes: [UInt8]) throws(ProfileError) -> String {
        // ASCII is valid UTF-8 as it is: `String(validating:as:)` is generic and looked up its
        // metadata for every field (6% of reading a million-row baseline).
        if bytes.isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw error(
                "bytes that are not UTF-8", at: recordLine,
                fix: "convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8")
        }
        return text
    }

    private func error(_ message: String, at line: Int, fix: String?) -> ProfileError {
        ProfileError(.malformedInput, at: "\(path):\(line)", message, fix: fix)
    }
}
