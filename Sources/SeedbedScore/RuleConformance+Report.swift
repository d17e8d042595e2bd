extension RuleConformance {
    /// What rule conformance found: per rule, per scenario.
    public struct Report: Sendable, Hashable {
        public struct Rule: Sendable, Hashable {
            public var id: String
            /// `eligibility`, `co-occurrence`, `impossible`; `nil` for a rule without a kind (`db:` rules).
            public var kind: String?
            public var title: String?
            /// The table whose rows the rule is checked on.
            public var table: String
            public var hasCondition: Bool
            /// Rows the rule was evaluated on.
            public var checked: Int
            /// Rows where its `when` held (all rows checked for a rule without `when`).
            public var fired: Int
            public var violations: Int
            /// The first few violating rows' keys (or row numbers).
            public var examples: [String]

            /// The rule's condition never held: the data never exercised it, so its holding proves
            /// nothing. Shown as a coverage gap, not as a failure.
            public var isCoverageGap: Bool { fired == 0 }
        }

        public struct Scenario: Sendable, Hashable {
            public var id: String
            public var title: String?
            public var table: String
            /// `round(share × rows read)`, or the count asked.
            public var quota: Int
            /// Rows whose `where` holds.
            public var satisfying: Int
            /// Rows the lineage tags with the scenario; `nil` when the dataset has no lineage.
            public var lineage: Int?

            /// Exactly the quota of rows satisfies it, and the lineage (when present) agrees.
            public var isMet: Bool { satisfying == quota && (lineage == nil || lineage == quota) }
        }

        public var rules: [Rule]
        public var scenarios: [Scenario]

        public init(rules: [Rule], scenarios: [Scenario]) {
            self.rules = rules
            self.scenarios = scenarios
        }

        /// Violations summed over rules (a row breaking two rules counts twice).
        public var violations: Int { rules.reduce(0) { $0 + $1.violations } }

        /// The share of (rule, row) checks that held; `nil` when nothing was checked.
        public var rate: Double? {
            let checked = rules.reduce(0) { $0 + $1.checked }
            return checked == 0 ? nil : Double(checked - violations) / Double(checked)
        }

        public var unmetScenarios: Int { scenarios.count { !$0.isMet } }
        public var coverageGaps: [Rule] { rules.filter(\.isCoverageGap) }
    }
}
