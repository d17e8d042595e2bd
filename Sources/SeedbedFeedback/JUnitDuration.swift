/// Reads `time` attributes: decimal seconds, in the forms producers write.
///
/// Commas: with a `.` present, commas are thousands separators (`1,234.5`, Surefire under an
/// English locale; Jenkins strips them too). Without one, a comma is a thousands separator only
/// where the digits group as thousands do (`1,234`, `12,345,678`: a first group of one to three
/// digits not starting with 0, then groups of exactly three); any other single comma is a
/// decimal comma (`0,5`, `12,34`, `0,123`, a German or French locale). So `1,234` reads as
/// 1234 seconds, as Jenkins reads it. Values are clamped to [0, one year], as Jenkins does.
enum JUnitDuration {
    static let maximum = 365.0 * 24 * 3600

    /// Seconds, or nil when the text is not a number.
    static func parse(_ text: String) -> Double? {
        // The common case, plain digits and a point, without building anything.
        if !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }), let value = Double(text) {
            return min(value, maximum)
        }
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { return nil }
        var normalized = trimmed
        if trimmed.utf8.contains(UInt8(ascii: ",")) {
            if trimmed.utf8.contains(UInt8(ascii: ".")) || isThousandsGrouped(trimmed) {
                normalized = trimmed.replacingAll(",", with: "")
            } else if trimmed.count(of: ",") == 1 {
                normalized = trimmed.replacingAll(",", with: ".")
            } else {
                return nil
            }
        }
        guard normalized.utf8.allSatisfy({ isNumberByte($0) }), let value = Double(normalized), value.isFinite else {
            return nil
        }
        return min(max(value, 0), maximum)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
    }

    private static func isThousandsGrouped(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let groups = digits.split(separator: ",", omittingEmptySubsequences: false)
        guard let first = groups.first, (1...3).contains(first.count), first.first != "0",
            first.allSatisfy(\.isASCIIDigit)
        else { return false }
        return groups.dropFirst().allSatisfy { $0.count == 3 && $0.allSatisfy(\.isASCIIDigit) }
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}

extension String {
    func count(of character: Character) -> Int {
        reduce(0) { $0 + ($1 == character ? 1 : 0) }
    }

    func replacingAll(_ target: Character, with replacement: String) -> String {
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
