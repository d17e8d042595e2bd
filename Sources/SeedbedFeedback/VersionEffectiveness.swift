public import SeedbedCatalog

/// How well one dataset version's test runs found defects (see docs/effectiveness.md for each
/// definition).
public struct VersionEffectiveness: Sendable, Equatable {
    public var dataset: DatasetReference
    /// The previous version of the same name with runs: what `revealed` compares with.
    public var previous: DatasetReference?
    /// Runs, not counting those on negative data (`negative`): every figure below but
    /// `negative` is over these.
    public var runs: Int
    /// Runs with a file read only up to a break.
    public var partialRuns: Int
    /// Distinct tests over all runs.
    public var tests: Int
    /// Results by status over all runs.
    public var outcomes: [String: Int]
    /// Distinct tests failed or errored in at least one run.
    public var failingTests: Int
    /// Distinct fine fingerprints of failed and errored tests.
    public var fingerprints: Int
    /// Fingerprints failing on this version and never on `previous`, sorted, leaving out the
    /// failures of tests flaky on this version; nil for the first version with runs (nothing to
    /// compare with).
    public var revealed: [String]?
    /// Of `revealed`, those seen on a commit `previous` also ran on: the code was the same, only
    /// the data changed.
    public var revealedOnSameCommit: [String]?
    /// Distinct tests that passed after a failure within a run, or passed and failed in two runs
    /// on the same commit.
    public var flakyTests: Int
    /// Rules the version's spec declares.
    public var rules: Int
    /// Rules at least one test links to.
    public var rulesLinked: Int
    /// Rules with a linked test that failed or errored.
    public var rulesFailing: Int
    /// Rules no test links to, in spec order.
    public var rulesUntested: [String]
    /// For a version with runs on negative data (`ingest --negative`), its rules caught, missed
    /// and untested there.
    public var negative: NegativeCatch?

    public init(
        dataset: DatasetReference, previous: DatasetReference?, runs: Int, partialRuns: Int, tests: Int,
        outcomes: [String: Int], failingTests: Int, fingerprints: Int, revealed: [String]?,
        revealedOnSameCommit: [String]?, flakyTests: Int, rules: Int, rulesLinked: Int, rulesFailing: Int,
        rulesUntested: [String], negative: NegativeCatch? = nil
    ) {
        self.dataset = dataset
        self.previous = previous
        self.runs = runs
        self.partialRuns = partialRuns
        self.tests = tests
        self.outcomes = outcomes
        self.failingTests = failingTests
        self.fingerprints = fingerprints
        self.revealed = revealed
        self.revealedOnSameCommit = revealedOnSameCommit
        self.flakyTests = flakyTests
        self.rules = rules
        self.rulesLinked = rulesLinked
        self.rulesFailing = rulesFailing
        self.rulesUntested = rulesUntested
        self.negative = negative
    }
}

extension VersionEffectiveness {
    /// The trend of every version of `name` (of every dataset with runs when nil), by name and
    /// then by semantic version. Versions without runs are left out.
    /// - Parameter links: a side-car links file whose `test` lines add rule links.
    /// - Throws: `.notFound` when `name` has no test runs.
    public static func measure(in catalog: Catalog, name: String?, links: LinkMap = LinkMap()) throws(CatalogError)
        -> [VersionEffectiveness]
    {
        let names: [String]
        if let name {
            names = [name]
        } else {
            names = Array(Set(try catalog.testRuns().map(\.dataset.name))).sorted()
        }
        var trend: [VersionEffectiveness] = []
        for name in names {
            trend += try measure(in: catalog, dataset: name, links: links)
        }
        if let name, trend.isEmpty {
            throw CatalogError(
                .notFound, "no test runs of '\(name)' in the catalog (\(catalog.location)); ingest JUnit XML first")
        }
        return trend
    }

    private static func measure(in catalog: Catalog, dataset name: String, links map: LinkMap) throws(CatalogError)
        -> [VersionEffectiveness]
    {
        let counts = try catalog.testVersionCounts(named: name)
        let sightings = try catalog.failureSightings(named: name)
        let tests = try catalog.testSightings(named: name)
        let ruleTests = try Self.ruleTests(in: catalog, named: name, map: map, negative: false)
        let negativeRuleTests = try Self.ruleTests(in: catalog, named: name, map: map, negative: true)
        var commits: [SemanticVersion: Set<String>] = [:]
        for run in try catalog.testRuns(named: name) where !run.negative {
            if let commit = run.commit { commits[run.dataset.version, default: []].insert(commit) }
        }
        var trend: [VersionEffectiveness] = []
        var previous: SemanticVersion?
        for count in counts {
            let version = count.version
            let reference = DatasetReference(name: name, version: version)
            let stored = try catalog.version(reference)
            let flaky = Set(
                tests.filter {
                    $0.version == version && ($0.flakyInRun || ($0.commit != nil && $0.passed && $0.failed))
                }
                .map(\.key))
            let here = sightings.filter { $0.version == version }
            let fingerprints = Set(here.map(\.fingerprint))
            var revealed: [String]?
            var sameCommit: [String]?
            if let previous {
                let before = Set(sightings.filter { $0.version == previous }.map(\.fingerprint))
                // A failure of a test that is flaky on this version says nothing about the data.
                let steady = here.filter { !flaky.contains($0.key) && !before.contains($0.fingerprint) }
                let previousCommits = commits[previous] ?? []
                revealed = Set(steady.map(\.fingerprint)).sorted()
                sameCommit = Set(steady.filter { $0.commit.map(previousCommits.contains) == true }.map(\.fingerprint))
                    .sorted()
            }
            let spec = SpecIndex(text: stored.source.specText, path: "")
            let ruleIDs = spec.rules.map(\.id)
            let linked = ruleTests[version] ?? [:]
            trend.append(
                VersionEffectiveness(
                    dataset: reference, previous: previous.map { DatasetReference(name: name, version: $0) },
                    runs: count.runs, partialRuns: count.partialRuns, tests: count.tests, outcomes: count.outcomes,
                    failingTests: count.failingTests, fingerprints: fingerprints.count, revealed: revealed,
                    revealedOnSameCommit: sameCommit, flakyTests: flaky.count, rules: ruleIDs.count,
                    rulesLinked: ruleIDs.count(where: { linked[$0] != nil }),
                    rulesFailing: ruleIDs.count(where: { linked[$0]?.failing.isEmpty == false }),
                    rulesUntested: ruleIDs.filter { linked[$0] == nil },
                    negative: count.negativeRuns == 0
                        ? nil
                        : NegativeCatch.measure(
                            stored, runs: count.negativeRuns, spec: spec,
                            ruleTests: negativeRuleTests[version] ?? [:])))
            // A version whose only runs were on negative data has nothing to compare with.
            if count.runs > 0 { previous = version }
        }
        return trend
    }
}

extension VersionEffectiveness {
    typealias LinkedKeys = (tests: Set<String>, failing: Set<String>)

    /// Per version and rule ID: the tests linked to the rule (in the report, or by a `test` line
    /// of the links file) in the runs on negative data or in the others, and those of them that
    /// failed or errored.
    static func ruleTests(in catalog: Catalog, named name: String, map: LinkMap, negative: Bool) throws(CatalogError)
        -> [SemanticVersion: [String: LinkedKeys]]
    {
        var found: [SemanticVersion: [String: LinkedKeys]] = [:]
        func add(_ version: SemanticVersion, _ rule: String, _ key: String, failed: Bool) {
            found[version, default: [:]][rule, default: ([], [])].tests.insert(key)
            if failed { found[version, default: [:]][rule, default: ([], [])].failing.insert(key) }
        }
        for link in try catalog.linkedTests(named: name, negative: negative) where link.kind == .rule {
            add(link.version, link.value, link.key, failed: link.failed)
        }
        if map.tests.contains(where: { $0.links.contains { $0.kind == .rule } }) {
            for test in try catalog.versionTests(named: name, negative: negative) {
                for link in map.links(forTest: test.key, classname: test.classname, name: test.name)
                where link.kind == .rule {
                    add(test.version, link.value, test.key, failed: test.failed)
                }
            }
        }
        return found
    }
}
