public import SeedbedSpec

/// A gate policy (`scorecards/*.policy`): the gates a scorecard must pass, in file order.
/// The format is in docs/gate-policy.md.
public struct GatePolicy: Sendable {
    public var gates: [Gate]

    public init(gates: [Gate]) {
        self.gates = gates
    }

    /// Parses a policy, collecting every error rather than stopping at the first, so a typo
    /// never turns into a silently skipped gate.
    /// - Throws: `GatePolicyError` with a diagnostic per malformed line.
    public init(parsing file: SourceFile) throws(GatePolicyError) {
        var parser = GatePolicyParser(file: file)
        parser.parse()
        guard parser.diagnostics.isEmpty else { throw GatePolicyError(file: file, diagnostics: parser.diagnostics) }
        gates = parser.gates
    }

    /// Checks every gate against measured values.
    /// - Parameters:
    ///   - values: metric name → value, for the metrics that were measured.
    ///   - reasons: metric name → why it was not measured, shown with a gate that fails for it.
    /// - Returns: one result per gate, in policy order. A gate whose metric has no value (or a
    ///   NaN) fails: a policy never passes by omission.
    public func evaluate(_ values: [String: Double], reasons: [String: String] = [:]) -> [GateResult] {
        gates.map { gate in
            guard let value = values[gate.metric.name], !value.isNaN else {
                return GateResult(gate: gate, value: nil, passed: false, reason: reasons[gate.metric.name])
            }
            return GateResult(
                gate: gate, value: value, passed: gate.comparison.holds(value, gate.threshold), reason: nil)
        }
    }
}

/// The line-by-line reader behind `GatePolicy(parsing:)`.
private struct GatePolicyParser {
    let file: SourceFile
    var gates: [Gate] = []
    var diagnostics: [Diagnostic] = []

    init(file: SourceFile) {
        self.file = file
    }

    mutating func parse() {
        let bytes = file.bytes
        guard String(validating: bytes, as: UTF8.self) != nil else {
            diagnostics.append(.error(.policyNotUTF8, at: SourceRange(start: 0, end: 0)))
            return
        }
        // A UTF-8 byte order mark is not a word.
        var lineStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        while lineStart <= bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            parseLine(words(lineStart, lineEnd))
            lineStart = lineEnd + 1
        }
    }

    /// The words of a line, up to a `#`, as ranges.
    private func words(_ start: Int, _ end: Int) -> [SourceRange] {
        var result: [SourceRange] = []
        var i = start
        let bytes = file.bytes
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D }
        while i < end {
            if isSpace(bytes[i]) {
                i += 1
                continue
            }
            if bytes[i] == UInt8(ascii: "#") { break }
            let wordStart = i
            while i < end, !isSpace(bytes[i]), bytes[i] != UInt8(ascii: "#") { i += 1 }
            result.append(SourceRange(start: wordStart, end: i))
        }
        return result
    }

    private mutating func parseLine(_ words: [SourceRange]) {
        guard let first = words.first else { return }
        guard file.text(first) == "gate" else {
            diagnostics.append(.error(.policyExpectedGate(file.text(first)), at: first))
            return
        }
        guard words.count >= 2 else {
            diagnostics.append(.error(.policyMissingMetric, at: SourceRange(start: first.end, end: first.end)))
            return
        }
        let metricName = file.text(words[1])
        guard let metric = GateMetric.named(metricName) else {
            let help =
                Suggestions.help(for: metricName, in: GateMetric.all.map(\.name))
                ?? DiagnosticMessage.policyUnknownMetricHelp
            diagnostics.append(.error(.policyUnknownMetric(metricName), at: words[1], help: help))
            return
        }
        guard words.count >= 3 else {
            diagnostics.append(
                .error(.policyMissingComparison(metricName), at: SourceRange(start: words[1].end, end: words[1].end)))
            return
        }
        let comparisonText = file.text(words[2])
        guard let comparison = GateComparison(rawValue: comparisonText) else {
            let help = Self.comparisonHelp[comparisonText].map { "did you mean '\($0)'?" }
            diagnostics.append(.error(.policyUnknownComparison(comparisonText), at: words[2], help: help))
            return
        }
        guard words.count >= 4 else {
            diagnostics.append(
                .error(.policyMissingValue(metricName), at: SourceRange(start: words[2].end, end: words[2].end)))
            return
        }
        let valueText = file.text(words[3])
        guard let threshold = Self.number(valueText) else {
            diagnostics.append(.error(.policyInvalidValue(valueText), at: words[3]))
            return
        }
        if words.count > 4 {
            diagnostics.append(.error(.policyUnexpectedWord(file.text(words[4])), at: words[4]))
            return
        }
        gates.append(
            Gate(
                metric: metric, comparison: comparison, threshold: threshold, thresholdText: valueText,
                location: file.location(of: first.start)))
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
