import SeedbedSpec

/// One condition of a policy, `OP VALUE` (`">= 0.80"`, `"= 0"`, `"<= 10%"`), read from the text
/// of a YAML scalar.
struct GateCondition {
    var comparison: GateComparison
    var threshold: Double
    /// The number as written (`80%`, `10_000`), for reports.
    var thresholdText: String

    /// What is wrong with a condition, and which bytes of its text to underline.
    struct Problem: Error {
        var message: DiagnosticMessage
        var span: Range<Int>
        var help: String?
    }

    /// Parses `OP VALUE`, spaces allowed around and between.
    static func parse(_ text: [UInt8], metric: GateMetric) -> Result<GateCondition, Problem> {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }
        var i = 0
        while i < text.count, isSpace(text[i]) { i += 1 }
        let comparisonStart = i
        while i < text.count, !isSpace(text[i]), isComparisonByte(text[i]) { i += 1 }
        let comparisonText = String(decoding: text[comparisonStart..<i], as: UTF8.self)
        let comparisonSpan = comparisonStart..<i
        while i < text.count, isSpace(text[i]) { i += 1 }
        let valueStart = i
        while i < text.count, !isSpace(text[i]) { i += 1 }
        let valueText = String(decoding: text[valueStart..<i], as: UTF8.self)
        let valueSpan = valueStart..<i
        while i < text.count, isSpace(text[i]) { i += 1 }
        let rest = i

        guard !comparisonText.isEmpty else {
            // `fidelity.overall: 0.80`: say which comparison the metric's direction suggests.
            let number = valueText.isEmpty ? "0.80" : valueText
            let suggestion =
                metric.isCount ? "= \(number)" : metric.direction == .higherIsBetter ? ">= \(number)" : "<= \(number)"
            return .failure(
                Problem(
                    message: .policyMissingComparison(metric.name, suggestion: "\"\(suggestion)\""),
                    span: comparisonStart..<Swift.max(comparisonStart + 1, valueSpan.upperBound)))
        }
        guard let comparison = GateComparison(rawValue: comparisonText) else {
            let help = comparisonHelp[comparisonText].map { "did you mean '\($0)'?" }
            return .failure(
                Problem(message: .policyUnknownComparison(comparisonText), span: comparisonSpan, help: help))
        }
        guard !valueText.isEmpty else {
            return .failure(
                Problem(message: .policyMissingValue(metric.name), span: comparisonSpan.upperBound..<text.count))
        }
        guard let threshold = number(valueText) else {
            return .failure(Problem(message: .policyInvalidValue(valueText), span: valueSpan))
        }
        guard rest == text.count else {
            let extra = String(decoding: text[rest...], as: UTF8.self)
            return .failure(Problem(message: .policyUnexpectedText(extra), span: rest..<text.count))
        }
        return .success(GateCondition(comparison: comparison, threshold: threshold, thresholdText: valueText))
    }

    /// Characters of a comparison, including the ones of other languages' spellings.
    private static func isComparisonByte(_ byte: UInt8) -> Bool {
        [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "!")].contains(byte) || byte >= 0x80
    }

    /// Comparisons from other languages, and their spelling here.
    private static let comparisonHelp = ["==": "=", "=>": ">=", "=<": "<=", "≥": ">=", "≤": "<="]

    /// A number as the spec language writes it: `5`, `0.80`, `10_000`, `-1`, or `80%` (0.80).
    /// An underscore must sit between two digits.
    static func number(_ text: String) -> Double? {
        var scalars = Substring(text)
        let negative = scalars.hasPrefix("-")
        if negative { scalars = scalars.dropFirst() }
        let percent = scalars.hasSuffix("%")
        if percent { scalars = scalars.dropLast() }
        let parts = scalars.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        var digits = ""
        for (index, part) in parts.enumerated() {
            guard let plain = Self.digits(part) else { return nil }
            digits += (index == 0 ? "" : ".") + plain
        }
        guard let magnitude = Double(digits), magnitude.isFinite else { return nil }
        let value = negative ? -magnitude : magnitude
        return percent ? value / 100 : value
    }

    /// The digits of a run like `10_000`, or `nil` if it is empty, holds anything else, or
    /// places an underscore anywhere but between two digits.
    private static func digits(_ run: Substring) -> String? {
        let bytes = Array(run.utf8)
        guard !bytes.isEmpty else { return nil }
        var result = ""
        for (i, byte) in bytes.enumerated() {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                result.append(Character(UnicodeScalar(byte)))
            } else if byte == UInt8(ascii: "_"), i > 0, i < bytes.count - 1, bytes[i - 1] != UInt8(ascii: "_"),
                bytes[i + 1] != UInt8(ascii: "_")
            {
                continue
            } else {
                return nil
            }
        }
        return result
    }
}
