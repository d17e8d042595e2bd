public import SeedbedSpec

/// Reads one CSV field back as the value rules see, in exactly the form Seedbed writes each
/// type (README's CSV conventions): anything else is rejected, so a formatting slip in the
/// writer fails a test instead of being read generously.
public enum SQLValueParser {
    /// The value of a field (`nil` field: null), or `nil` when the text is not the type's form.
    ///
    /// - `int`: `-?[0-9]+`; `decimal(s)`: `-?[0-9]+` then `.` and exactly `s` digits (none for
    ///   scale 0); `float`: a finite decimal number without an exponent.
    /// - `bool`: `true` or `false`; `date`: an existing `YYYY-MM-DD`; `timestamp`:
    ///   `YYYY-MM-DDTHH:MM:SS[.f…]Z` with 1 to 6 fraction digits.
    /// - `uuid`: lowercase 8-4-4-4-12 hex, read as text; `text`: as is (`""` is the empty string).
    public static func value(_ field: String?, as type: ValueType) -> SQLValue? {
        guard let field else { return .null }
        let bytes = Array(field.utf8)
        switch type {
        case .text:
            return .text(field)
        case .int:
            return decimal(bytes, scale: 0).map(SQLValue.number)
        case .decimal(let scale):
            return decimal(bytes, scale: scale).map(SQLValue.number)
        case .float:
            guard !bytes.isEmpty, bytes.allSatisfy({ isDigit($0) || $0 == dot || $0 == minus }),
                let number = Double(field), number.isFinite
            else { return nil }
            return .number(number)
        case .bool:
            return field == "true" ? .bool(true) : (field == "false" ? .bool(false) : nil)
        case .date:
            return date(bytes[...]).map(SQLValue.date)
        case .timestamp:
            return timestamp(bytes).map(SQLValue.timestamp)
        case .uuid:
            let groups = field.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
            let hex = bytes.allSatisfy {
                isDigit($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) || $0 == minus
            }
            return groups == [8, 4, 4, 4, 12] && hex ? .text(field) : nil
        }
    }

    private static let dot = UInt8(ascii: ".")
    private static let minus = UInt8(ascii: "-")

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    /// `-?[0-9]+(\.[0-9]{scale})?` with the fraction present exactly when `scale > 0`.
    private static func decimal(_ bytes: [UInt8], scale: Int) -> Double? {
        var digits = bytes[...]
        let negative = digits.first == minus
        if negative { digits = digits.dropFirst() }
        let whole = digits.prefix { isDigit($0) }
        guard !whole.isEmpty else { return nil }
        let rest = digits.dropFirst(whole.count)
        var fraction: ArraySlice<UInt8> = []
        if scale > 0 {
            guard rest.first == dot, rest.count == scale + 1 else { return nil }
            fraction = rest.dropFirst()
            guard fraction.allSatisfy(isDigit) else { return nil }
        } else if !rest.isEmpty {
            return nil
        }
        // Integers and scaled integers up to 2^53 are exact as doubles; the text goes through
        // `Double(String)` once, correctly rounded, like any other reader would.
        var text = String(decoding: whole, as: UTF8.self)
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        guard let value = Double(text) else { return nil }
        return negative ? -value : value
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// Days since 1970-01-01 of an existing `YYYY-MM-DD`.
    private static func date(_ bytes: ArraySlice<UInt8>) -> Int? {
        let start = bytes.startIndex
        guard bytes.count == 10, bytes[start + 4] == minus, bytes[start + 7] == minus,
            let year = number(bytes[start..<start + 4]), let month = number(bytes[start + 5..<start + 7]),
            let day = number(bytes[start + 8..<start + 10])
        else { return nil }
        return CivilDate.days(year: year, month: month, day: day)
    }

    /// Microseconds since 1970-01-01T00:00:00Z of `YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z`.
    private static func timestamp(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 20, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":"), bytes.last == UInt8(ascii: "Z"),
            let days = date(bytes[0..<10]), let hours = number(bytes[11..<13]), hours < 24,
            let minutes = number(bytes[14..<16]), minutes < 60, let seconds = number(bytes[17..<19]), seconds < 60
        else { return nil }
        var micros = 0
        let tail = bytes[19..<(bytes.count - 1)]
        if !tail.isEmpty {
            let fraction = tail.dropFirst()
            guard tail.first == dot, (1...6).contains(fraction.count), let value = number(fraction) else { return nil }
            micros = value
            for _ in fraction.count..<6 { micros *= 10 }
        }
        let secondsOfDay = Int64(hours * 3600 + minutes * 60 + seconds)
        return (Int64(days) * 86_400 + secondsOfDay) * 1_000_000 + Int64(micros)
    }
}
