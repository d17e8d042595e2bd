import SeedbedSpec

/// What one CSV field looks like, for type inference.
enum FieldKind: Equatable {
    case null
    case boolean(Bool)
    case integer(Int64)
    /// A number with a decimal point and `scale` digits after it.
    case decimal(Double, scale: Int)
    /// A number in exponent notation, or an integer too large for 64 bits.
    case float(Double)
    /// Days since 1970-01-01.
    case date(Int)
    /// Seconds since 1970-01-01T00:00:00Z.
    case timestamp(Double)
    case text
}

/// Classifies CSV fields. The rules are documented in docs/profile.md ("Type inference").
enum FieldClassifier {
    /// Spellings of a missing value besides the empty field: pandas' defaults, minus its rarer
    /// ones (`1.#IND`, `-NaN`), compared exactly, so `none` or `Na` stay values.
    static let nullSpellings: Set<String> = ["NULL", "null", "NA", "N/A", "n/a", "NaN", "nan", "#N/A", "None"]

    static func classify(_ raw: String) -> FieldKind {
        let field = trimmed(raw)
        if field.isEmpty || nullSpellings.contains(field) { return .null }
        let bytes = Array(field.utf8)
        if let number = number(bytes) { return number }
        if let date = date(bytes) { return date }
        switch field.lowercased() {
        case "true": return .boolean(true)
        case "false": return .boolean(false)
        default: return .text
        }
    }

    static func trimmed(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last,
            first == UInt8(ascii: " ") || last == UInt8(ascii: " ") || first == 9 || last == 9
        else { return text }
        return String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    // MARK: - Numbers

    /// `[+-]digits[.digits][e[+-]digits]`, with at least one digit before the exponent.
    private static func number(_ bytes: [UInt8]) -> FieldKind? {
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        var digits = 0
        while index < bytes.count, isDigit(bytes[index]) { index += 1; digits += 1 }
        var scale: Int?
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            var fraction = 0
            while index < bytes.count, isDigit(bytes[index]) { index += 1; fraction += 1 }
            digits += fraction
            scale = fraction
        }
        guard digits > 0 else { return nil }
        var exponent = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                index += 1
            }
            var exponentDigits = 0
            while index < bytes.count, isDigit(bytes[index]) { index += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return nil }
            exponent = true
        }
        guard index == bytes.count else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        if exponent { return .float(value) }
        if let scale { return .decimal(value, scale: scale) }
        if let integer = Int64(text) { return .integer(integer) }
        return .float(value)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    // MARK: - Dates and timestamps

    /// `YYYY-MM-DD`, or a timestamp `YYYY-MM-DD[T ]HH:MM[:SS[.fff…]][Z|±HH:MM]`.
    private static func date(_ bytes: [UInt8]) -> FieldKind? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0, 4), let month = digits(bytes, 5, 2), let day = digits(bytes, 8, 2),
            let days = CivilDate.days(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 10 { return .date(days) }
        guard bytes.count >= 16, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
            bytes[13] == UInt8(ascii: ":"), let hour = digits(bytes, 11, 2), let minute = digits(bytes, 14, 2),
            hour < 24, minute < 60
        else { return nil }
        var seconds = Double(days) * 86_400 + Double(hour * 3600 + minute * 60)
        var index = 16
        if index < bytes.count, bytes[index] == UInt8(ascii: ":") {
            guard let second = digits(bytes, index + 1, 2), second < 60 else { return nil }
            seconds += Double(second)
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var scale = 0.1
                let start = index
                while index < bytes.count, isDigit(bytes[index]) {
                    seconds += Double(bytes[index] - 48) * scale
                    scale /= 10
                    index += 1
                }
                guard index > start else { return nil }
            }
        }
        if index == bytes.count { return .timestamp(seconds) }
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count { return .timestamp(seconds) }
        guard bytes.count == index + 6, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"),
            bytes[index + 3] == UInt8(ascii: ":"), let offsetHours = digits(bytes, index + 1, 2),
            let offsetMinutes = digits(bytes, index + 4, 2), offsetHours < 24, offsetMinutes < 60
        else { return nil }
        let offset = Double(offsetHours * 3600 + offsetMinutes * 60)
        return .timestamp(bytes[index] == UInt8(ascii: "+") ? seconds - offset : seconds + offset)
    }

    private static func digits(_ bytes: [UInt8], _ start: Int, _ count: Int) -> Int? {
        guard start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }
}

/// The type a column's fields agree on, built one field at a time.
struct TypeInference {
    private(set) var integers = 0
    private(set) var decimals = 0
    private(set) var floats = 0
    private(set) var dates = 0
    private(set) var timestamps = 0
    private(set) var booleans = 0
    private(set) var texts = 0
    private(set) var scale = 0

    /// Decimals with more digits after the point are binary floats written out in full
    /// (`0.2210000038146972`), not amounts with a fixed scale.
    static let maximumDecimalScale = 6

    mutating func add(_ kind: FieldKind) {
        switch kind {
        case .null: break
        case .boolean: booleans += 1
        case .integer: integers += 1
        case .decimal(_, let scale):
            decimals += 1
            self.scale = max(self.scale, scale)
        case .float: floats += 1
        case .date: dates += 1
        case .timestamp: timestamps += 1
        case .text: texts += 1
        }
    }

    /// Whether the column can still be something other than text.
    var isText: Bool { texts > 0 || families > 1 }

    private var families: Int {
        (integers + decimals + floats > 0 ? 1 : 0) + (dates + timestamps > 0 ? 1 : 0) + (booleans > 0 ? 1 : 0)
    }

    /// The inferred type: text when the fields mix families (numbers with dates, say) or
    /// when there are no values at all.
    var type: ValueType {
        if isText || families == 0 { return .text }
        if booleans > 0 { return .bool }
        if dates + timestamps > 0 { return timestamps > 0 ? .timestamp : .date }
        if floats > 0 || scale > Self.maximumDecimalScale { return .float }
        if decimals > 0 { return .decimal(scale: scale) }
        return .int
    }
}
