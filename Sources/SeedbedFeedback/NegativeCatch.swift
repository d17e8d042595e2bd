public import SeedbedCatalog

/// The negative-data catch rate of a dataset version made with `generate --negative`: of the
/// rules it made rule-breaking rows for, the share whose linked tests failed on it, as tests
/// written for valid data should when a row breaks their rule (docs/effectiveness.md).
public struct NegativeCatch: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// Some test linked to the rule failed or errored on the version.
        case caught
        /// Tests link to the rule, and all of them passed: the bad rows went unnoticed.
        case missed
        /// No test links to the rule.
        case untested
    }

    /// A rule the version has negative rows for.
    public struct Rule: Sendable, Equatable {
        public var id: String
        /// Rows made to break it, over the version's registrations.
        public var negativeRows: Int
        /// Distinct tests linked to it.
        public var tests: Int
        /// Of those, the ones that failed or errored in some run.
        public var failingTests: Int

        public init(id: String, negativeRows: Int, tests: Int, failingTests: Int) {
            self.id = id
            self.negativeRows = negativeRows
            self.tests = tests
            self.failingTests = failingTests
        }

        public var verdict: Verdict { failingTests > 0 ? .caught : tests > 0 ? .missed : .untested }
    }

    /// In spec order.
    public var rules: [Rule]
    /// Rules of the spec with no negative row (the generator could not break them alone, such as
    /// a `db:` rule): outside the rate.
    public var rulesWithoutNegativeRows: [String]

    public init(rules: [Rule], rulesWithoutNegativeRows: [String]) {
        self.rules = rules
        self.rulesWithoutNegativeRows = rulesWithoutNegativeRows
    }

    public var caught: Int { rules.count(where: { $0.verdict == .caught }) }
    public var missed: Int { rules.count(where: { $0.verdict == .missed }) }
    public var untested: Int { rules.count(where: { $0.verdict == .untested }) }

    /// caught / rules with negative rows; nil when there are none.
    public var rate: Double? { rules.isEmpty ? nil : Double(caught) / Double(rules.count) }
}

extension NegativeCatch {
    /// Whether every run of `version` is a run on negative data: each of its registrations is a
    /// `generate --negative` that made rule-breaking rows. A version also seeded or generated
    /// without `--negative` is not, since its runs cannot be told apart.
    public static func isNegative(_ version: DatasetVersion) -> Bool {
        !version.registrations.isEmpty
            && version.registrations.allSatisfy { registration in
                registration.tables.contains { $0.negativeRows.values.contains { $0 > 0 } }
            }
    }

    /// The catch of a negative version; nil for any other.
    /// - Parameters:
    ///   - ruleTests: per rule ID, the keys of the tests linked to it on the version and of
    ///     those that failed or errored.
    ///   - spec: the version's spec, for the rules' order.
    static func measure(
        _ version: DatasetVersion, spec: SpecIndex, ruleTests: [String: (tests: Set<String>, failing: Set<String>)]
    ) -> NegativeCatch? {
        guard isNegative(version) else { return nil }
        // A folder generated again replaces its rows: the latest registration of each location
        // counts, and shards in separate folders add up.
        var latest: [String: Registration] = [:]
        for registration in version.registrations { latest[registration.location] = registration }
        var rows: [String: Int] = [:]
        for registration in latest.values {
            for table in registration.tables {
                for (rule, count) in table.negativeRows { rows[rule, default: 0] += count }
            }
        }
        let ids = spec.rules.map(\.id)
        let ordered =
            ids.filter { (rows[$0] ?? 0) > 0 } + rows.keys.filter { !ids.contains($0) && rows[$0] ?? 0 > 0 }.sorted()
        return NegativeCatch(
            rules: ordered.map { id in
                let linked = ruleTests[id]
                return Rule(
                    id: id, negativeRows: rows[id] ?? 0, tests: linked?.tests.count ?? 0,
                    failingTests: linked?.failing.count ?? 0)
            },
            rulesWithoutNegativeRows: ids.filter { (rows[$0] ?? 0) == 0 })
    }
}
