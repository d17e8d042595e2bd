import SeedbedEngine
import SeedbedSpec

/// The exact spellings `seedbed generate` writes (see `FieldEncoder`), parsed back.
enum FieldSyntax {
    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// `-?[0-9]+` within Int64.
    static func integer(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        let digits = bytes.first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return Int64(text)
    }

    /// `-?[0-9]+` then, when `scale > 0`, `.` and exactly `scale` digits: the value times 10^scale.
    static func decimal(_ text: String, scale: Int) -> Int64? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == (scale == 0 ? 1 : 2), let whole = integer(String(parts[0])) else { return nil }
        var value = whole
        let negative = parts[0].hasPrefix("-")
        var multiplier: Int64 = 1
        for _ in 0..<scale {
            let (next, overflow) = multiplier.multipliedReportingOverflow(by: 10)
            guard !overflow else { return nil }
            multiplier = next
        }
        let (scaled, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        value = scaled
        guard scale > 0 else { return value }
        let fraction = Array(parts[1].utf8)
        guard fraction.count == scale, fraction.allSatisfy(isDigit), let digits = Int64(String(parts[1])) else {
            return nil
        }
        let (sum, sumOverflow) =
            negative ? value.subtractingReportingOverflow(digits) : value.addingReportingOverflow(digits)
        return sumOverflow ? nil : sum
    }

    /// `-?[0-9]+(.[0-9]+)?([eE][+-]?[0-9]+)?`, finite.
    static func float(_ text: String) -> Double? {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        func digits() -> Int {
            let count = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(count)
            return count
        }
        guard digits() > 0 else { return nil }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard digits() > 0 else { return nil }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard digits() > 0 else { return nil }
        }
        guard bytes.isEmpty, let value = Double(text), value.isFinite else { return nil }
        return value
    }

    private static func number(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.allSatisfy(isDigit) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// `YYYY-MM-DD`, a day that exists; days since 1970-01-01.
    static func date(_ text: String) -> Int? {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return nil }
        return date(bytes[...])
    }

    private static func date(_ bytes: ArraySlice<UInt8>) -> Int? {
        let base = bytes.startIndex
        guard bytes[base + 4] == UInt8(ascii: "-"), bytes[base + 7] == UInt8(ascii: "-"),
            let year = number(bytes[base..<base + 4]), let month = number(bytes[base + 5..<base + 7]),
            let day = number(bytes[base + 8..<base + 10]),
            let days = CivilDate.days(year: year, month: month, day: day), days >= Int(Int32.min),
            days <= Int(Int32.max)
        else { return nil }
        return days
    }

    /// `YYYY-MM-DDTHH:MM:SS[.f{1,6}]Z`; microseconds since 1970-01-01T00:00:00Z.
    static func timestamp(_ text: String) -> Int64? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes.last == UInt8(ascii: "Z"), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), let days = date(bytes[0..<10]),
            let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
            let second = number(bytes[17..<19]), hour < 24, minute < 60, second < 60
        else { return nil }
        var micros = 0
        let rest = bytes[19..<(bytes.count - 1)]
        if !rest.isEmpty {
            let fraction = rest.dropFirst()
            guard rest.first == UInt8(ascii: "."), (1...6).contains(fraction.count), let value = number(fraction)
            else { return nil }
            micros = value * Int(pow10(6 - fraction.count))
        }
        return (Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)) * 1_000_000 + Int64(micros)
    }

    private static func pow10(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { result, _ in result * 10 }
    }

    /// The canonical 8-4-4-4-12 hex form, either case.
    static func uuid(_ text: String) -> UUIDValue? {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return nil }
        for (index, byte) in bytes.enumerated() where (index == 8 || index == 13 || index == 18 || index == 23) {
            guard byte == UInt8(ascii: "-") else { return nil }
        }
        return UUIDValue(text)
    }
}
