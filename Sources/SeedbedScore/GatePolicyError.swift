public import SeedbedSpec

/// A malformed gate policy: every problem found, each at its `FILE:LINE:COLUMN`.
public struct GatePolicyError: Error, Sendable, CustomStringConvertible {
    public var file: SourceFile
    public var diagnostics: [Diagnostic]

    /// The diagnostics as a user reads them, with the line and a caret.
    public var description: String {
        DiagnosticRenderer(style: .plain).render(diagnostics, in: file)
    }

    /// Each diagnostic's location, for tests and one-line logs.
    public var locations: [SourceLocation] {
        diagnostics.map { file.location(of: $0.range.start) }
    }
}

extension DiagnosticMessage {
    // MARK: - Gate policies

    static let policyNotUTF8 = Self("the policy is not valid UTF-8 text", help: "save the policy as UTF-8 text")
    static func policyExpectedGate(_ word: String) -> Self {
        Self("expected 'gate', found '\(word)'", help: "write each gate as 'gate METRIC OP VALUE'")
    }
    static let policyMissingMetric = Self(
        "a gate needs a metric", help: "write 'gate METRIC OP VALUE', e.g. 'gate fidelity.overall >= 0.80'")
    static func policyUnknownMetric(_ name: String) -> Self {
        Self("unknown metric '\(name)'")
    }
    static let policyUnknownMetricHelp = "docs/gate-policy.md lists the metrics"
    static func policyMissingComparison(_ metric: String) -> Self {
        Self("a gate on '\(metric)' needs a comparison", help: "use one of >=, <=, >, <, =")
    }
    static func policyUnknownComparison(_ text: String) -> Self {
        Self("unknown comparison '\(text)'", help: "use one of >=, <=, >, <, =")
    }
    static func policyMissingValue(_ metric: String) -> Self {
        Self("a gate on '\(metric)' needs a value", help: "write a number such as 0.80, 10_000 or 80%")
    }
    static func policyInvalidValue(_ text: String) -> Self {
        Self("'\(text)' is not a number", help: "write a number such as 0.80, 10_000 or 80%")
    }
    static func policyUnexpectedWord(_ text: String) -> Self {
        Self("unexpected '\(text)' after the gate", help: "a comment starts with '#'")
    }
}
