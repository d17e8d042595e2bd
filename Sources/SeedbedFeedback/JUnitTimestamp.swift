public import FoundationEssentials

/// Reads `timestamp` attributes in every form producers write.
///
/// Tried in order: ISO 8601 (`2024-03-01T10:11:12`, with `.fff`, `Z`, `±HH:MM`, `±HHMM` or
/// `±HH`, a space for the `T`, a date alone), then with a trailing ` UTC` or ` GMT` (TestNG),
/// RFC 1123 (`Sat, 03 Dec 2022 23:10:07 GMT`, Mocha), then digits alone as epoch milliseconds
/// (13 digits or more, old Playwright) or seconds. A time without a zone is taken as UTC, as
/// Jenkins does. Dates before 1970-01-02 (gotestsum's `0001-01-01T00:00:00Z`) are placeholders
/// and read as absent.
public enum JUnitTimestamp {
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        let seconds = epochDigits(trimmed) ?? iso8601(trimmed) ?? suffixedUTC(trimmed) ?? rfc1123(trimmed)
        guard let seconds, seconds >= 86_400 else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    // MARK: - Forms

    private static func epochDigits(_ text: String) -> Double? {
        guard text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let value = Double(text) else { return nil }
        return text.utf8.count >= 13 ? value / 1000 : value
    }

    private static func suffixedUTC(_ text: String) -> Double? {
        for suffix in [" UTC", " GMT"] where text.hasSuffix(suffix) {
            return iso8601(String(text.dropLast(suffix.count)) + "Z")
        }
        return nil
    }

    private static func iso8601(_ text: String) -> Double? {
        var scanner = DigitScanner(text)
        guard let year = scanner.number(digits: 4), scanner.skip("-"), let month = scanner.number(digits: 2),
            scanner.skip("-"), let day = scanner.number(digits: 2)
        else { return nil }
        var seconds = 0.0
        if scanner.atEnd {
            return civilSeconds(year: year, month: month, day: day, seconds: 0)
        }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" "), let hour = scanner.number(digits: 2),
            scanner.skip(":"), let minute = scanner.number(digits: 2)
        else { return nil }
        seconds = Double(hour * 3600 + minute * 60)
        if scanner.skip(":") {
            guard let second = scanner.number(digits: 2) else { return nil }
            seconds += Double(second)
            if scanner.skip(".") || scanner.skip(",") {
                guard let fraction = scanner.fraction() else { return nil }
                seconds += fraction
            }
        }
        guard let offset = scanner.zoneOffset(), scanner.atEnd,
            let base = civilSeconds(year: year, month: month, day: day, seconds: seconds)
        else { return nil }
        guard hour < 24, minute < 60 else { return nil }
        return base - offset
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func rfc1123(_ text: String) -> Double? {
        var words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if let first = words.first, first.first?.isLetter == true { words.removeFirst() }
        guard words.count >= 4, let day = Int(words[0]),
            let month = months.firstIndex(of: words[1].lowercased().prefix(3).description), let year = Int(words[2])
        else { return nil }
        let clock = words[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 || clock.count == 2, clock.allSatisfy({ $0 >= 0 }), clock[0] < 24, clock[1] < 60 else {
            return nil
        }
        var offset = 0.0
        if words.count >= 5 {
            var zone = DigitScanner(words[4])
            if ["GMT", "UTC", "UT", "Z"].contains(words[4]) {
                offset = 0
            } else if let parsed = zone.zoneOffset(), zone.atEnd {
                offset = parsed
            } else {
                return nil
            }
        }
        let seconds = Double(clock[0] * 3600 + clock[1] * 60 + (clock.count == 3 ? clock[2] : 0))
        return civilSeconds(year: year, month: month + 1, day: day, seconds: seconds).map { $0 - offset }
    }

    /// Seconds since 1970 of a proleptic Gregorian date at UTC (Howard Hinnant's days_from_civil).
    private static func civilSeconds(year: Int, month: Int, day: Int, seconds: Double) -> Double? {
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return Double(days) * 86_400 + seconds
    }
}

/// A cursor over ASCII digits and punctuation.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func number(digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard byte >= 0x30 && byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        index += digits
        return value
    }

    mutating func fraction() -> Double? {
        var value = 0.0
        var scale = 0.1
        let start = index
        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 {
            value += Double(bytes[index] - 0x30) * scale
            scale /= 10
            index += 1
        }
        return index > start ? value : nil
    }

    /// Seconds east of UTC: 0 for none or `Z`.
    mutating func zoneOffset() -> Double? {
        if atEnd { return 0 }
        if skip("Z") || skip("z") { return 0 }
        let sign: Double
        if skip("+") {
            sign = 1
        } else if skip("-") {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(digits: 2) else { return nil }
        var minutes = 0
        if skip(":") {
            guard let parsed = number(digits: 2) else { return nil }
            minutes = parsed
        } else if let parsed = number(digits: 2) {
            minutes = parsed
        }
        return sign * Double(hours * 3600 + minutes * 60)
    }
}
