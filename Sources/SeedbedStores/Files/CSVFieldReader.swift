import SeedbedSpec

/// Streams the records of an RFC 4180 CSV file as `seedbed generate` writes it, keeping for
/// each field whether it was quoted (an empty unquoted field is null, `""` the empty string)
/// and where it starts.
struct CSVFieldReader {
    private var bytes: FileBytes
    var path: String { bytes.path }

    init(path: String) throws(StoreError) {
        bytes = try FileBytes(path: path)
    }

    func close() { bytes.close() }

    private enum State {
        case fieldStart, unquoted, quoted, quoteInQuoted
    }

    /// The next record's fields, or `nil` at the end of the file. Blank lines are skipped.
    mutating func next() throws(StoreError) -> [RawField]? {
        var fields: [RawField] = []
        var field: [UInt8] = []
        var state = State.fieldStart
        var start = (line: bytes.line, column: bytes.column)
        func finish() throws(StoreError) {
            let form: RawField.Form =
                switch state {
                case .fieldStart: .null
                case .quoteInQuoted: .quoted
                default: .bare
                }
            fields.append(
                RawField(form: form, text: try text(field, at: start), line: start.line, column: start.column))
            field.removeAll(keepingCapacity: true)
        }
        while true {
            let here = (line: bytes.line, column: bytes.column)
            guard let byte = try bytes.next() else {
                switch state {
                case .quoted:
                    throw FieldError.at(
                        path, start.line, start.column, "a quoted field is never closed",
                        fix: "add the closing quote, and double any quote inside the field (\"\")")
                case .fieldStart where fields.isEmpty:
                    return nil
                default:
                    try finish()
                    return fields
                }
            }
            switch state {
            case .fieldStart, .unquoted:
                switch byte {
                case UInt8(ascii: "\""):
                    guard state == .fieldStart else {
                        throw FieldError.at(
                            path, here.line, here.column, "a quote inside an unquoted field",
                            fix: "quote the whole field and double the quote inside: \"say \"\"hi\"\"\"")
                    }
                    state = .quoted
                case UInt8(ascii: ","):
                    try finish()
                    state = .fieldStart
                    start = (bytes.line, bytes.column)
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if byte == UInt8(ascii: "\r"), try bytes.peek() == UInt8(ascii: "\n") { _ = try bytes.next() }
                    if fields.isEmpty && state == .fieldStart {
                        start = (bytes.line, bytes.column)  // a blank line
                        continue
                    }
                    try finish()
                    return fields
                default:
                    field.append(byte)
                    state = .unquoted
                }
            case .quoted:
                if byte == UInt8(ascii: "\"") { state = .quoteInQuoted } else { field.append(byte) }
            case .quoteInQuoted:
                switch byte {
                case UInt8(ascii: "\""):
                    field.append(byte)
                    state = .quoted
                case UInt8(ascii: ","):
                    try finish()
                    state = .fieldStart
                    start = (bytes.line, bytes.column)
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    if byte == UInt8(ascii: "\r"), try bytes.peek() == UInt8(ascii: "\n") { _ = try bytes.next() }
                    try finish()
                    return fields
                default:
                    throw FieldError.at(
                        path, here.line, here.column, "text after the closing quote of a field",
                        fix: "quote the whole field and double every quote inside it (\"\")")
                }
            }
        }
    }

    private func text(_ field: [UInt8], at start: (line: Int, column: Int)) throws(StoreError) -> String {
        // ASCII is valid UTF-8 as it is: `String(validating:as:)` is generic and looked up its
        // metadata for every field.
        if field.isASCII { return String(decoding: field, as: UTF8.self) }
        guard let text = String(validating: field, as: UTF8.self) else {
            throw FieldError.at(
                path, start.line, start.column, "bytes that are not UTF-8",
                fix: "write the file as UTF-8, e.g. iconv -f latin1 -t utf-8")
        }
        return text
    }

}

/// Errors naming `file:line:column`, what is wrong and the fix.
enum FieldError {
    static func at(_ path: String, _ line: Int, _ column: Int, _ message: String, fix: String) -> StoreError {
        StoreError(.usage, "\(path):\(line):\(column): \(message); \(fix)")
    }
}
