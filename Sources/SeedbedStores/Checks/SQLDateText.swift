import SeedbedSpec

/// Dates and timestamps as SQL text writes them: `2020-01-01`, `2020-01-01 09:30:00.5+02`,
/// `2020-01-01T09:30:00Z`.
enum SQLDateText {
    /// Days since 1970-01-01 of an existing `YYYY-MM-DD` date.
    static func days(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return date(bytes[...])
    }

    struct Timestamp {
        var microseconds: Int64
        /// Only `YYYY-MM-DD`: midnight.
        var isDateOnly: Bool
        /// `YYYY-MM-DD HH:MM:SS[.f…]` without a zone: how the SQLite store writes timestamps.
        var isStoredForm: Bool
    }

    /// A timestamp: `YYYY-MM-DD`, then optionally `T` or a space, `HH:MM[:SS[.f{1,6}]]`, and a zone
    /// `Z`, `±HH`, `±HH:MM` or `±HHMM`. Without a zone it is UTC.
    static func timestamp(_ text: String) -> Timestamp? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 10, let days = date(bytes[0..<10]) else { return nil }
        var micros = Int64(days) * 86_400_000_000
        if bytes.count == 10 { return Timestamp(microseconds: micros, isDateOnly: true, isStoredForm: false) }
        guard bytes[10] == UInt8(ascii: " ") || bytes[10] == UInt8(ascii: "T"), bytes.count >= 16,
            let hour = digits(bytes[11..<13]), bytes[13] == UInt8(ascii: ":"), let minute = digits(bytes[14..<16]),
            hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        var hasSeconds = false
        if index + 3 <= bytes.count, bytes[index] == UInt8(ascii: ":"), let s = digits(bytes[index + 1..<index + 3]),
            s < 60
        {
            second = s
            hasSeconds = true
            index += 3
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                var fraction = 0
                var count = 0
                while index < bytes.count, SQLTokenizer.isDigit(bytes[index]) {
                    guard count < 6 else { return nil }
                    fraction = fraction * 10 + Int(bytes[index] - UInt8(ascii: "0"))
                    count += 1
                    index += 1
                }
                guard count > 0 else { return nil }
                for _ in count..<6 { fraction *= 10 }
                micros += Int64(fraction)
            }
        }
        micros += Int64((hour * 60 + minute) * 60 + second) * 1_000_000
        let hasZone = index < bytes.count
        if hasZone {
            guard let offset = zoneOffset(bytes[index...]) else { return nil }
            micros -= Int64(offset) * 1_000_000
        }
        return Timestamp(
            microseconds: micros, isDateOnly: false,
            isStoredForm: bytes[10] == UInt8(ascii: " ") && hasSeconds && !hasZone)
    }

    /// Seconds east of UTC.
    private static func zoneOffset(_ bytes: ArraySlice<UInt8>) -> Int? {
        if bytes.elementsEqual([UInt8(ascii: "Z")]) { return 0 }
        guard let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") else { return nil }
        let rest = Array(bytes.dropFirst()).filter { $0 != UInt8(ascii: ":") }
        guard rest.count == 2 || rest.count == 4 || rest.count == 6, let hours = digits(rest[0..<2]), hours <= 15
        else { return nil }
        let minutes = rest.count >= 4 ? digits(rest[2..<4]) : 0
        let seconds = rest.count == 6 ? digits(rest[4..<6]) : 0
        guard let minutes, let seconds, minutes < 60, seconds < 60 else { return nil }
        let offset = (hours * 60 + minutes) * 60 + seconds
        return sign == UInt8(ascii: "-") ? -offset : offset
    }

    private static func date(_ bytes: ArraySlice<UInt8>) -> Int? {
        let b = Array(bytes)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"), let year = digits(b[0..<4]),
            let month = digits(b[5..<7]), let day = digits(b[8..<10])
        else { return nil }
        return CivilDate.days(year: year, month: month, day: day)
    }

    private static func digits(_ bytes: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in bytes {
            guard SQLTokenizer.isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return bytes.isEmpty ? nil : value
    }
}
