import SeedbedEngine
import SeedbedSpec

/// One column's values of the batch being read from a file, typed strictly as
/// `seedbed generate` writes them: a field in any other spelling is an error, never a guess.
struct FileColumnReader {
    let name: String
    let type: ValueType
    let format: TextFormat
    let capacity: Int
    private var builder: ColumnBuilder

    init(name: String, type: ValueType, format: TextFormat, capacity: Int) {
        self.name = name
        self.type = type
        self.format = format
        self.capacity = capacity
        builder = ColumnBuilder(name: name, type: type, capacity: capacity)
    }

    /// The values read so far as a column buffer; the reader starts over empty.
    mutating func take() -> ColumnBuffer { builder.take() }

    /// Appends one field's value.
    /// - Throws: a `.usage` error naming `path:line:column`, the column, the field and the fix.
    mutating func append(_ field: RawField, path: String) throws(StoreError) {
        if field.form == .null { return builder.appendNull() }
        try checkForm(field, path: path)
        let text = field.text
        switch type {
        case .text:
            builder.append(text: text)
        case .int:
            guard let value = FieldSyntax.integer(text) else {
                throw fail(field, path, "is not an int", fix: "write a whole number such as 42")
            }
            builder.append(integer: value)
        case .decimal(let scale):
            guard let value = FieldSyntax.decimal(text, scale: scale) else {
                let example = scale == 0 ? "12" : "12." + String(repeating: "5", count: scale)
                throw fail(
                    field, path, "is not a decimal(\(scale))",
                    fix:
                        "write it with exactly \(scale) digit\(scale == 1 ? "" : "s") after the point, as in \(example)"
                )
            }
            builder.append(integer: value)
        case .float:
            guard let value = FieldSyntax.float(text) else {
                throw fail(field, path, "is not a float", fix: "write a finite number such as 0.25")
            }
            builder.append(double: value)
        case .bool:
            guard text == "true" || text == "false" else {
                throw fail(field, path, "is not a bool", fix: "write true or false")
            }
            builder.append(bool: text == "true")
        case .date:
            guard let value = FieldSyntax.date(text) else {
                throw fail(field, path, "is not a date", fix: "write an existing day as YYYY-MM-DD, e.g. 2026-03-31")
            }
            builder.append(days: Int32(value))
        case .timestamp:
            guard let value = FieldSyntax.timestamp(text) else {
                throw fail(
                    field, path, "is not a timestamp",
                    fix: "write YYYY-MM-DDTHH:MM:SS[.ffffff]Z in UTC, e.g. 2026-03-31T09:30:00Z")
            }
            builder.append(integer: value)
        case .uuid:
            guard let value = FieldSyntax.uuid(text) else {
                throw fail(
                    field, path, "is not a uuid",
                    fix: "write 8-4-4-4-12 hex digits, e.g. 123e4567-e89b-42d3-a456-426614174000"
                )
            }
            builder.append(uuid: value)
        }
    }

    /// Quoting carries meaning: in CSV `""` is the empty string (never a number or a date),
    /// in JSON numbers and booleans are bare while text, dates, timestamps and UUIDs are strings.
    private func checkForm(_ field: RawField, path: String) throws(StoreError) {
        switch format {
        case .csv:
            guard field.form == .quoted, field.text.isEmpty, type != .text else { return }
            throw fail(
                field, path, "is the empty string, not \(article)",
                fix: "leave the field empty, without quotes, for null")
        case .jsonl:
            let wantsString = !(type.isNumeric || type == .bool)
            if wantsString && field.form == .bare {
                throw fail(field, path, "is not a JSON string", fix: "write \(article) as a string in quotes")
            }
            if !wantsString && field.form == .quoted {
                throw fail(field, path, "is a JSON string", fix: "write \(article) without quotes")
            }
        }
    }

    private var article: String {
        switch type {
        case .int: "an int"
        case .uuid: "a uuid"
        default: "a \(type)"
        }
    }

    private func fail(_ field: RawField, _ path: String, _ problem: String, fix: String) -> StoreError {
        var shown = String(field.text.prefix(60))
        if field.text.count > 60 { shown += "…" }
        // Control characters would garble a terminal; show them escaped.
        shown = shown.unicodeScalars.map {
            $0.value < 0x20 || $0.value == 0x7F ? $0.escaped(asASCII: true) : String($0)
        }
        .joined()
        let spelled = field.form == .quoted ? "\"\(shown)\"" : "'\(shown)'"
        return FieldError.at(path, field.line, field.column, "column '\(name)': \(spelled) \(problem)", fix: fix)
    }
}
