public import SeedbedSpec

/// One line of a gate policy: `gate METRIC OP VALUE`.
public struct Gate: Sendable, Hashable, CustomStringConvertible {
    public var metric: GateMetric
    public var comparison: GateComparison
    public var threshold: Double
    /// The threshold as written (`80%`, `10_000`), for reports.
    public var thresholdText: String
    /// Where the gate is written, for a report to point at.
    public var location: SourceLocation

    public init(
        metric: GateMetric, comparison: GateComparison, threshold: Double, thresholdText: String,
        location: SourceLocation
    ) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
        self.thresholdText = thresholdText
        self.location = location
    }

    /// `fidelity.overall >= 0.80`.
    public var description: String { "\(metric.name) \(comparison.rawValue) \(thresholdText)" }
}

/// A gate checked against a scorecard.
public struct GateResult: Sendable, Hashable, CustomStringConvertible {
    public var gate: Gate
    /// The measured value; `nil` when the metric was not measured, which fails the gate.
    public var value: Double?
    public var passed: Bool
    /// Why a gate failed without a value (`needs --privacy-against with a holdout`).
    public var reason: String?

    /// `fidelity.overall >= 0.80: 0.8312, passed` or `privacy.mia_auc <= 0.6: not measured: …`.
    public var description: String {
        guard let value else {
            return "\(gate): not measured" + (reason.map { ": \($0)" } ?? "")
        }
        return "\(gate): \(Self.format(value)), \(passed ? "passed" : "failed")"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
