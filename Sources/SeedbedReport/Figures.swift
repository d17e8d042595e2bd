import Foundation

/// Numbers as the report prints them: fixed decimals without locale, so the same catalog gives
/// the same bytes on every machine.
enum Figures {
    static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return "–" }
        let text = String(format: "%.\(digits)f", value)
        // "-0.0" reads as a sign that is not there.
        return text.hasPrefix("-") && (Double(text) ?? 0) == 0 ? String(text.dropFirst()) : text
    }

    /// A score in [0, 1] to three decimals, or an en dash when not measured.
    static func score(_ value: Double?) -> String {
        value.map { fixed($0, digits: 3) } ?? "–"
    }

    /// A value with at most two decimals and no trailing zeros (`0`, `0.5`, `1`), for axis ticks.
    static func short(_ value: Double) -> String {
        var text = fixed(value, digits: 2)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A share as a percentage for axis ticks (`0%`, `50%`, `100%`).
    static func shortPercent(_ value: Double) -> String { short(value * 100) + "%" }

    /// A share as a percentage with one decimal.
    static func percent(_ value: Double?) -> String {
        value.map { fixed($0 * 100, digits: 1) + "%" } ?? "–"
    }

    static func integer(_ value: Int?) -> String {
        guard let value else { return "–" }
        // Thousands separated by commas, independent of the locale.
        let digits = String(value.magnitude)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(character)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// A gate's value: whole numbers as integers, others to four significant decimals.
    static func gateValue(_ value: Double?) -> String {
        guard let value else { return "not measured" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var text = fixed(value, digits: 4)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A date and time in UTC to the second (`2026-03-01 09:30:00 UTC`).
    static func time(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        return String(format: "%04d", parts.year ?? 1970) + "-\(two(parts.month))-\(two(parts.day)) "
            + "\(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) UTC"
    }

    /// The day of a date in UTC (`2026-03-01`).
    static func day(_ date: Date) -> String {
        String(time(date).prefix(10))
    }
}
