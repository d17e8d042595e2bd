/// A metric a gate policy may name (docs/gate-policy.md lists them, with their meaning).
public struct GateMetric: Sendable, Hashable, CustomStringConvertible {
    public enum Direction: Sendable, Hashable {
        case higherIsBetter
        case lowerIsBetter
    }

    /// `GROUP.NAME`, as written in a policy.
    public var name: String
    public var direction: Direction
    /// Counts are summed over a spec's tables; scores take the worst table.
    public var isCount: Bool

    public var description: String { name }

    /// Every metric, in the order of docs/gate-policy.md.
    public static let all: [GateMetric] = [
        GateMetric(name: "conformance.violations", direction: .lowerIsBetter, isCount: true),
        GateMetric(name: "scenarios.unmet", direction: .lowerIsBetter, isCount: true),
        GateMetric(name: "validity.key_uniqueness", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "validity.referential_integrity", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "fidelity.overall", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "fidelity.column_shapes", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "fidelity.column_pair_trends", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "privacy.exact_match_rate", direction: .lowerIsBetter, isCount: false),
        GateMetric(name: "privacy.k_anonymity", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "privacy.l_diversity", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "privacy.dcr_baseline_protection", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "privacy.dcr_overfitting_protection", direction: .higherIsBetter, isCount: false),
        GateMetric(name: "privacy.mia_auc", direction: .lowerIsBetter, isCount: false),
        GateMetric(name: "privacy.disclosure_protection", direction: .higherIsBetter, isCount: false),
    ]

    /// The metric called `name`, if it exists.
    public static func named(_ name: String) -> GateMetric? {
        all.first { $0.name == name }
    }

    /// One value for a spec of several tables: the worst table's for a score, the sum for a
    /// count. `nil` when no table measured it.
    public func combined(_ perTable: [Double]) -> Double? {
        guard !perTable.isEmpty else { return nil }
        if isCount { return perTable.reduce(0, +) }
        return direction == .higherIsBetter ? perTable.min() : perTable.max()
    }
}

/// The comparison of a gate.
public enum GateComparison: String, Sendable, Hashable, CaseIterable {
    case atLeast = ">="
    case atMost = "<="
    case above = ">"
    case below = "<"
    /// Exact: what counts (`= 0`) and perfect scores (`= 1`) need.
    case equal = "="

    public func holds(_ value: Double, _ threshold: Double) -> Bool {
        switch self {
        case .atLeast: value >= threshold
        case .atMost: value <= threshold
        case .above: value > threshold
        case .below: value < threshold
        case .equal: value == threshold
        }
    }
}
