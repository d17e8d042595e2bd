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
    // MARK: - Gate policies: the file

    static let policyNotUTF8 = Self("the policy is not valid UTF-8 text", help: "save the policy as UTF-8 text")
    static func policyTooLarge(_ bytes: Int, limit: Int) -> Self {
        Self(
            "the policy is \(bytes) bytes, more than the \(limit) a policy may have",
            help: "a policy is a few kilobytes of gates; check that --policy names the policy file")
    }
    static let policyAnchorOrAlias = Self(
        "anchors and aliases ('&name', '*name') are not allowed in a policy",
        help: "write each gate out in full (a '&' or '*' in a comment at the end of a line counts too: "
            + "move the comment to its own line)")
    static func policyTooDeep(limit: Int) -> Self {
        Self(
            "the policy nests deeper than a policy can (more than \(limit) levels)",
            help: "a policy is one mapping, 'gates', of 'METRIC: \"OP VALUE\"' lines; see docs/gate-policy.md")
    }
    static func policyYAML(_ problem: String) -> Self {
        Self("the policy is not valid YAML: \(problem)")
    }
    static let policyYAMLHelp = "a policy is 'gates:' followed by 'METRIC: \"OP VALUE\"' lines; see docs/gate-policy.md"
    static let policyUnquotedGreater =
        "a condition starting with '>' must be quoted, since YAML reads a bare '>' as folded text: "
        + "write \">= 0.80\""
    static func policyDuplicateKey(_ key: String) -> Self {
        Self(
            "'\(key)' is written twice in one mapping",
            help: "list each metric once under gates; for a band give a list of conditions: [\">= 0.4\", \"<= 0.6\"]")
    }

    // MARK: - Gate policies: the shape

    static let policyEmpty = Self(
        "the policy has no gates",
        help:
            "write 'gates:' and under it one 'METRIC: \"OP VALUE\"' line per gate, e.g. '  fidelity.overall: \">= 0.80\"'"
    )
    static let policyNotMapping = Self(
        "a policy is a mapping with the key 'gates'",
        help: "write 'gates:' and under it one 'METRIC: \"OP VALUE\"' line per gate")
    static func policyUnknownKey(_ key: String) -> Self {
        Self("unknown key '\(key)' in the policy")
    }
    static let policyUnknownKeyHelp = "a policy has one key, 'gates'"
    static let policyNoGates = Self(
        "the policy has no 'gates'", help: "write 'gates:' and under it one 'METRIC: \"OP VALUE\"' line per gate")
    static let policyGatesNotMapping = Self(
        "'gates' must map each metric to its condition",
        help: "write one 'METRIC: \"OP VALUE\"' line per gate under 'gates:', e.g. '  fidelity.overall: \">= 0.80\"'"
    )
    static let policyGatesNull = Self(
        "'gates' is empty", help: "write the gates under it, or 'gates: {}' for a policy that checks nothing")
    static let policyMetricNotText = Self(
        "a metric must be a name such as 'fidelity.overall'", help: "docs/gate-policy.md lists the metrics")
    static func policyUnknownMetric(_ name: String) -> Self {
        Self("unknown metric '\(name)'")
    }
    static let policyUnknownMetricHelp = "docs/gate-policy.md lists the metrics"
    static func policyConditionNotText(_ metric: String) -> Self {
        Self(
            "the condition of '\(metric)' must be a text such as \">= 0.80\", or a list of them",
            help: "write '\(metric): \">= 0.80\"', or '\(metric): [\">= 0.4\", \"<= 0.6\"]' for a band")
    }
    static func policyNoConditions(_ metric: String) -> Self {
        Self(
            "'\(metric)' has no condition",
            help: "write a comparison and a number in quotes, e.g. '\(metric): \">= 0.80\"'")
    }

    // MARK: - Gate policies: a condition

    static func policyMissingComparison(_ metric: String, suggestion: String) -> Self {
        Self("the condition of '\(metric)' needs a comparison", help: "write \(suggestion)")
    }
    static func policyUnknownComparison(_ text: String) -> Self {
        Self("unknown comparison '\(text)'", help: "use one of >=, <=, >, <, =")
    }
    static func policyMissingValue(_ metric: String) -> Self {
        Self("the condition of '\(metric)' needs a number", help: "write a number such as 0.80, 10_000 or 80%")
    }
    static func policyInvalidValue(_ text: String) -> Self {
        Self("'\(text)' is not a number", help: "write a number such as 0.80, 10_000 or 80%")
    }
    static func policyUnexpectedText(_ text: String) -> Self {
        Self(
            "unexpected '\(text)' after the condition",
            help: "a condition is a comparison and a number; a comment starts with '#' after the closing quote")
    }
}
