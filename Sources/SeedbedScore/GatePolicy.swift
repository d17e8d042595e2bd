public import SeedbedSpec

/// A gate policy (`scorecards/*.yml`): the gates a scorecard must pass, in file order.
/// The format is in docs/gate-policy.md:
///
/// ```yaml
/// gates:
///   conformance.violations: "= 0"
///   fidelity.overall: ">= 0.80"
///   privacy.mia_auc: [">= 0.4", "<= 0.6"]   # a band: both must hold
/// ```
public struct GatePolicy: Sendable {
    public var gates: [Gate]

    public init(gates: [Gate]) {
        self.gates = gates
    }

    /// Parses a policy, collecting every error in its gates rather than stopping at the first,
    /// so a typo never turns into a silently skipped gate. Text that is not YAML, or is hostile
    /// (anchors and aliases, nesting deeper than a policy needs, more than a megabyte), is one
    /// error, found before libyaml reads it.
    /// - Throws: `GatePolicyError` with a diagnostic per problem, each at its line and column.
    public init(parsing file: SourceFile) throws(GatePolicyError) {
        var reader = GatePolicyReader(file: file)
        reader.read()
        guard reader.diagnostics.isEmpty else { throw GatePolicyError(file: file, diagnostics: reader.diagnostics) }
        gates = reader.gates
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
