import SeedbedCatalog

/// The negative-data catch rate of a dataset version's runs on negative data (`ingest
/// --negative`): of the rules its `generate --negative` rows break, the share whose linked tests
/// failed, as tests written for valid data should when a row breaks their rule
/// (docs/effectiveness.md).
public struct NegativeCatch: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        /// Some test linked to the rule failed or errored on the version.
        case caught
        /// Tests link to the rule, and all of them passed: the bad rows went unnoticed.
        case missed
        /// No test links to the rule.
        case untested
    }

    /// A rule of the rate.
    public struct Rule: Sendable, Equatable {
        public var id: String
        /// Rows made to break it, over the version's registrations (0 when the catalog knows of
        /// no negative rows for the version, and every rule is in the rate).
        public var negativeRows: Int
        /// Distinct tests linked to it in the runs on negative data.
        public var tests: Int
        /// Of those, the ones that failed or errored in some of those runs.
        public var failingTests: Int

        public init(id: String, negativeRows: Int, tests: Int, failingTests: Int) {
            self.id = id
            self.negativeRows = negativeRows
            self.tests = tests
            self.failingTests = failingTests
        }

        public var verdict: Verdict { failingTests > 0 ? .caught : tests > 0 ? .missed : .untested }
    }

    /// Runs on negative data.
    public var runs: Int
    /// The rules of the rate, in spec order.
    public var rules: [Rule]
    /// Rules of the spec with no negative row (the generator could not break them alone, such as
    /// a `db:` rule): outside the rate.
    public var rulesWithoutNegativeRows: [String]

    public init(runs: Int, rules: [Rule], rulesWithoutNegativeRows: [String]) {
        self.runs = runs
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
    /// The catch of a version's runs on negative data.
    /// - Parameters:
    ///   - runs: the version's runs on negative data (at least one).
    ///   - ruleTests: per rule ID, the keys of the tests linked to it in those runs and of those
    ///     that failed or errored.
    ///   - spec: the version's spec, for the rules' order.
    static func measure(
        _ version: DatasetVersion, runs: Int, spec: SpecIndex,
        ruleTests: [String: (tests: Set<String>, failing: Set<String>)]
    ) -> NegativeCatch {
        // A folder generated again replaces its rows: the latest registration of each location
        // counts, and shards in separate folders add up.
        var latest: [String: Registration] = [:]
        for registration in version.registrations { latest[registration.location] = registration }
        var rows: [String: Int] = [:]
        for registration in latest.values {
            for table in registration.tables {
                for (rule, count) in table.negativeRows where count > 0 { rows[rule, default: 0] += count }
            }
        }
        let ids = spec.rules.map(\.id)
        // Negative data the catalog did not see made (another tool's): every rule is in the rate.
        let unknown = rows.keys.filter { !ids.contains($0) }.sorted()
        let inRate = rows.isEmpty ? ids : ids.filter { rows[$0] != nil } + unknown
        return NegativeCatch(
            runs: runs,
            rules: inRate.map { id in
                let linked = ruleTests[id]
                return Rule(
                    id: id, negativeRows: rows[id] ?? 0, tests: linked?.tests.count ?? 0,
                    failingTests: linked?.failing.count ?? 0)
            },
            rulesWithoutNegativeRows: rows.isEmpty ? [] : ids.filter { rows[$0] == nil })
    }
}
