import Foundation

/// Times in the catalog and certificates: ISO 8601 in UTC to the second (`2026-01-02T03:04:05Z`),
/// which sorts as text; days as `YYYY-MM-DD`.
enum CatalogTime {
    static func text(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        let year = parts.year ?? 1970
        let yearText = year < 1000 ? String(repeating: "0", count: 4 - "\(year)".count) + "\(year)" : "\(year)"
        return
            "\(yearText)-\(two(parts.month))-\(two(parts.day))T\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second))Z"
    }

    /// `text` with milliseconds (`2026-01-02T03:04:05.678Z`), for catalog rows, so runs within
    /// one second keep their order.
    static func preciseText(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let milliseconds = min(999, Int(((date.timeIntervalSince1970 - seconds) * 1000).rounded(.down)))
        let digits = String(milliseconds)
        return String(text(Date(timeIntervalSince1970: seconds)).dropLast()) + "."
            + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }

    /// Reads `text`'s and `preciseText`'s output back (and a bare `YYYY-MM-DD` as midnight UTC).
    static func date(_ text: String) -> Date? {
        var fraction = 0.0
        var text = text
        if text.count == 24, let dot = text.firstIndex(of: "."),
            let milliseconds = Int(text[text.index(after: dot)...].dropLast())
        {
            fraction = Double(milliseconds) / 1000
            text = String(text[..<dot]) + "Z"
        }
        guard let whole = wholeSeconds(text) else { return nil }
        return whole.addingTimeInterval(fraction)
    }

    private static func wholeSeconds(_ text: String) -> Date? {
        let pattern = text.count == 10 ? text + "T00:00:00Z" : text
        let bytes = Array(pattern.utf8)
        guard bytes.count == 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            bytes[19] == UInt8(ascii: "Z")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            guard range.allSatisfy({ bytes[$0] >= UInt8(ascii: "0") && bytes[$0] <= UInt8(ascii: "9") }) else {
                return nil
            }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 60
        else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.day], from: date).day == day
        else { return nil }
        return date
    }
}
