/// A dataset's scorecard: fidelity to a baseline, structural diagnostics, rule conformance,
/// privacy, and the gates of a policy checked against them. JSON is its stored form (the
/// catalog keeps it); docs/scorecard.md documents every field.
public struct Scorecard: Sendable {
    /// The JSON document's format, bumped when a field changes meaning or is removed.
    public static let format = "seedbed-scorecard/1"

    /// Where the data was read (a folder, or a target without its password).
    public var dataset: String
    /// The spec file, and its `dataset` name and `version` when it declares them.
    public var spec: String
    public var specName: String?
    public var specVersion: String?
    /// The metric definitions followed (`MetricDefinitions.summary`).
    public var definitions = MetricDefinitions.summary
    /// Rows read per table, in reading order.
    public var tables: [(name: String, rows: Int)] = []
    public var fidelity: Fidelity?
    public var diagnostics = Diagnostics()
    public var conformance: RuleConformance.Report
    public var privacy = Privacy()
    public var gates: [GateResult] = []
    /// Things a reader should know: columns left out of a comparison, and why.
    public var notes: [String] = []

    public init(dataset: String, spec: String, conformance: RuleConformance.Report) {
        self.dataset = dataset
        self.spec = spec
        self.conformance = conformance
    }

    /// Every gate passed.
    public var passed: Bool { gates.allSatisfy(\.passed) }
    public var failedGates: [GateResult] { gates.filter { !$0.passed } }

    /// Fidelity to a profile or a real source, per table.
    public struct Fidelity: Sendable {
        /// `profile` (a `seedbed profile` file) or `real` (a real source read row by row).
        public var method: String
        /// The profile file or source compared against.
        public var baseline: String
        public var tables: [Table] = []

        public init(method: String, baseline: String) {
            self.method = method
            self.baseline = baseline
        }

        public struct Table: Sendable {
            public var name: String
            public var columns: [Column] = []
            public var pairs: [Pair] = []

            public init(name: String) { self.name = name }

            /// The mean of the column scores that exist.
            public var columnShapes: Double? { mean(columns.compactMap(\.score)) }
            /// The mean of the scores of the pairs that show a real trend.
            public var columnPairTrends: Double? { mean(pairs.compactMap { $0.counts ? $0.score : nil }) }
            /// The mean of the two that exist.
            public var overall: Double? { mean([columnShapes, columnPairTrends].compactMap(\.self)) }
        }

        public struct Column: Sendable {
            public var column: String
            /// `KSComplement` or `TVComplement`.
            public var metric: String
            public var score: Double?
            /// The baseline's and the generated values' shares over the same bins or categories.
            public var distribution: ColumnDistribution? = nil
        }

        public struct Pair: Sendable {
            public var first: String
            public var second: String
            /// `CorrelationSimilarity` (Pearson against a real source, Spearman against a
            /// profile) or `ContingencySimilarity`.
            public var metric: String
            public var score: Double?
            /// The real (or profile) correlation, and the generated one, when numeric.
            public var real: Double?
            public var synthetic: Double?
            /// Whether the pair shows a real trend above the thresholds, and so counts.
            public var counts: Bool
        }

        /// The worst table's scores (a gate on several tables holds for each).
        public var score: Double? { tables.compactMap(\.overall).min() }
        public var columnShapes: Double? { tables.compactMap(\.columnShapes).min() }
        public var columnPairTrends: Double? { tables.compactMap(\.columnPairTrends).min() }
    }

    /// Structural checks of the data read back (SDMetrics DiagnosticReport).
    public struct Diagnostics: Sendable {
        public struct Value: Sendable {
            public var table: String
            public var column: String
            public var score: Double?
            /// For referential integrity, the parent `TABLE.COLUMN`.
            public var detail: String?
        }

        public var keyUniqueness: [Value] = []
        public var referentialIntegrity: [Value] = []
        /// Against the real source (`--baseline`) only.
        public var boundaryAdherence: [Value] = []
        public var categoryAdherence: [Value] = []

        public init() {}
    }

    /// Privacy of the generated rows, alone (k, l) and against real rows.
    public struct Privacy: Sendable {
        public struct KAnonymityResult: Sendable {
            public var table: String
            public var quasiIdentifiers: [String]
            public var k: Int
            public var classes: Int
        }

        public struct LDiversityResult: Sendable {
            public var table: String
            public var column: String
            public var distinctL: Int
            public var entropyL: Double
        }

        public struct TableValue: Sendable {
            public var table: String
            public var value: Double?
        }

        public struct MembershipResult: Sendable {
            public var table: String
            public var auc: Double
            public var lower: Double
            public var upper: Double
            public var members: Int
            public var nonMembers: Int
        }

        /// SDMetrics DisclosureProtection of one table: the spec's quasi-identifiers known,
        /// its sensitive columns guessed.
        public struct DisclosureResult: Sendable {
            public var table: String
            public var known: [String]
            public var sensitive: [String]
            public var result: DisclosureProtection.Result
        }

        /// The real source compared against; `nil` without `--privacy-against`.
        public var against: String?
        /// The seed of the holdout split and the random baseline.
        public var seed: UInt64 = 0
        public var kAnonymity: [KAnonymityResult] = []
        public var lDiversity: [LDiversityResult] = []
        public var exactMatchRate: [TableValue] = []
        public var dcrBaselineProtection: [TableValue] = []
        public var dcrOverfittingProtection: [TableValue] = []
        public var membershipInference: [MembershipResult] = []
        public var disclosureProtection: [DisclosureResult] = []
        /// The profile's differential-privacy budget, when it was built with one.
        public var epsilon: Double?
        public var epsilonSpent: Double?

        public init() {}
    }
}

func mean(_ values: [Double]) -> Double? {
    values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
}
