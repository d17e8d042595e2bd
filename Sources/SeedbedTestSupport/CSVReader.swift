import Foundation

/// Why a CSV text is not strict RFC 4180, and where (1-based line and byte column).
public struct CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int

    public init(_ message: String, line: Int, column: Int) {
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(line):\(column): \(message)" }
}

/// A strict RFC 4180 reader for what Seedbed writes, so tests judge the files themselves.
///
/// - A field is quoted (`"…"`, with `""` for a quote, and any bytes including line breaks
///   inside) or unquoted (no quote, comma or line break in it).
/// - An empty unquoted field is null (`nil`); the empty string is written `""`.
/// - Records end with LF or CRLF; a line break at the very end does not start another record,
///   so an empty line anywhere else is a record holding one null field.
/// - Anything else is an error: a quote inside an unquoted field, text after a closing quote,
///   an unterminated quoted field, a bare CR outside quotes, invalid UTF-8.
public enum CSVReader {
    /// The records of a CSV text, each a list of fields (`nil` for null).
    /// - Throws: `CSVError` at the first place the text breaks the rules above.
    /// - Complexity: O(n) in the length of the text.
    public static func records(in text: String) throws(CSVError) -> [[String?]] {
        try records(in: Array(text.utf8))
    }

    /// The records of CSV bytes (UTF-8), each a list of fields (`nil` for null).
    /// - Throws: `CSVError` at the first place the bytes break the rules above.
    public static func records(in bytes: [UInt8]) throws(CSVError) -> [[String?]] {
        try numberedRecords(in: bytes).map(\.fields)
    }

    /// The records with the line each starts on, for messages about a whole record.
    static func numberedRecords(in bytes: [UInt8]) throws(CSVError) -> [(fields: [String?], line: Int)] {
        var parser = Parser(bytes: bytes)
        return try parser.records()
    }

    private struct Parser {
        let bytes: [UInt8]
        var index = 0
        var line = 1
        var lineStart = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        static let quote = UInt8(ascii: "\"")
        static let comma = UInt8(ascii: ",")
        static let lf = UInt8(ascii: "\n")
        static let cr = UInt8(ascii: "\r")

        func error(_ message: String, at position: Int? = nil) -> CSVError {
            CSVError(message, line: line, column: (position ?? index) - lineStart + 1)
        }

        mutating func records() throws(CSVError) -> [(fields: [String?], line: Int)] {
            var records: [(fields: [String?], line: Int)] = []
            var record: [String?] = []
            var recordLine = line
            while index < bytes.count {
                if record.isEmpty { recordLine = line }
                record.append(try field())
                // After a field: a comma (another field follows), a line break or the end.
                if index == bytes.count {
                    records.append((record, recordLine))
                    break
                }
                switch bytes[index] {
                case Self.comma:
                    index += 1
                    // A comma at the very end leaves one more, empty field.
                    if index == bytes.count {
                        record.append(nil)
                        records.append((record, recordLine))
                    }
                case Self.lf:
                    endLine(after: index)
                    records.append((record, recordLine))
                    record = []
                case Self.cr:
                    guard index + 1 < bytes.count, bytes[index + 1] == Self.lf else {
                        throw error("a carriage return outside quotes must start a CRLF line break")
                    }
                    endLine(after: index + 1)
                    records.append((record, recordLine))
                    record = []
                default:
                    throw error("expected a comma or a line break after the field")
                }
            }
            return records
        }

        mutating func endLine(after position: Int) {
            index = position + 1
            line += 1
            lineStart = index
        }

        /// One field, leaving `index` on the byte after it.
        mutating func field() throws(CSVError) -> String? {
            guard index < bytes.count, bytes[index] == Self.quote else { return try unquoted() }
            let opening = index
            let openingLine = line
            let openingColumn = index - lineStart + 1
            index += 1
            var content: [UInt8] = []
            while true {
                guard index < bytes.count else {
                    throw CSVError(
                        "the quoted field opened here is never closed", line: openingLine, column: openingColumn)
                }
                let byte = bytes[index]
                if byte == Self.quote {
                    if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                        content.append(Self.quote)
                        index += 2
                        continue
                    }
                    index += 1
                    break
                }
                if byte == Self.lf {
                    line += 1
                    lineStart = index + 1
                }
                content.append(byte)
                index += 1
            }
            return try text(content, at: opening)
        }

        mutating func unquoted() throws(CSVError) -> String? {
            let start = index
            while index < bytes.count {
                switch bytes[index] {
                case Self.comma, Self.lf, Self.cr:
                    return start == index ? nil : try text(bytes[start..<index], at: start)
                case Self.quote:
                    throw error("a quote inside an unquoted field; quote the whole field and double the quote")
                default:
                    index += 1
                }
            }
            return start == index ? nil : try text(bytes[start..<index], at: start)
        }

        func text(_ content: some Collection<UInt8>, at position: Int) throws(CSVError) -> String {
            guard let text = String(validating: content, as: UTF8.self) else {
                throw error("the field is not valid UTF-8", at: position)
            }
            return text
        }
    }
}

/// A CSV file with a header row: the column names, then records of exactly as many fields.
public struct CSVTable: Sendable {
    public var header: [String]
    public var rows: [[String?]]

    /// Reads CSV text whose first record names the columns.
    /// - Throws: `CSVError` for text that is not strict RFC 4180, a missing or null header
    ///   name, or a record with more or fewer fields than the header.
    public init(text: String) throws(CSVError) {
        try self.init(records: CSVReader.numberedRecords(in: Array(text.utf8)))
    }

    /// Reads the CSV file at `path`.
    /// - Throws: `CSVError` as `init(text:)`, or for a file that cannot be read (line 0).
    public init(contentsOfFile path: String) throws(CSVError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVError("cannot read \(path)", line: 0, column: 0)
        }
        try self.init(records: CSVReader.numberedRecords(in: [UInt8](data)))
    }

    private init(records: [(fields: [String?], line: Int)]) throws(CSVError) {
        guard let first = records.first else { throw CSVError("no header row", line: 1, column: 1) }
        var header: [String] = []
        for (index, name) in first.fields.enumerated() {
            guard let name, !name.isEmpty else {
                throw CSVError("column \(index + 1) of the header has no name", line: 1, column: 1)
            }
            header.append(name)
        }
        for record in records.dropFirst() where record.fields.count != header.count {
            throw CSVError(
                "the record has \(record.fields.count) fields, but the header names \(header.count)",
                line: record.line, column: 1)
        }
        self.header = header
        rows = records.dropFirst().map(\.fields)
    }
}
