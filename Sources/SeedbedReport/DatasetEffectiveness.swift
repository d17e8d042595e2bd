public import SeedbedCatalog
public import SeedbedFeedback

/// What the effectiveness page of one dataset shows, read through SeedbedFeedback's and the
/// catalog's test-run queries (`VersionEffectiveness`, `OutcomeComparison`, the stored results):
/// the report adds no query of its own, only groups what they return.
public struct DatasetEffectiveness: Sendable {
    /// A test found flaky on a version (docs/feedback.md: passed after a failure within a run, or
    /// passed in one run and failed in another on the same commit).
    public struct FlakyTest: Sendable, Equatable {
        public var version: SemanticVersion
        public var name: String
        /// It failed and then passed on a retry within one run.
        public var withinRun: Bool
        /// It passed in one run and failed in another on the same commit.
        public var acrossRuns: Bool
    }

    /// The failed and errored tests of one version (every run), with their links.
    public struct VersionFailures: Sendable {
        public var version: SemanticVersion
        public var failures: [StoredTestResult]
    }

    public var name: String
    /// Per version with runs, oldest first.
    public var trend: [VersionEffectiveness]
    public var flaky: [FlakyTest]
    /// Per version with runs, newest first.
    public var failures: [VersionFailures]
    /// The latest version with runs, and each of its tests as its latest run left it.
    public var traced: (version: SemanticVersion, tests: [TestResultRecord])?
    /// The latest version with runs against the one before it.
    public var comparison: OutcomeComparison?

    public init(
        name: String, trend: [VersionEffectiveness], flaky: [FlakyTest], failures: [VersionFailures],
        traced: (version: SemanticVersion, tests: [TestResultRecord])?, comparison: OutcomeComparison?
    ) {
        self.name = name
        self.trend = trend
        self.flaky = flaky
        self.failures = failures
        self.traced = traced
        self.comparison = comparison
    }

    /// Every dataset with test runs in `catalog`, by name.
    /// - Throws: `CatalogError` when the catalog cannot be read.
    /// - Complexity: the traceability matrix reads every test of the latest version's runs with
    ///   its links (two queries per test, as `testResults(ofRun:)` does); the other parts read
    ///   failures and aggregates only.
    public static func load(from catalog: Catalog) throws(CatalogError) -> [DatasetEffectiveness] {
        let trend = try VersionEffectiveness.measure(in: catalog, name: nil)
        var names: [String] = []
        for entry in trend where !names.contains(entry.dataset.name) { names.append(entry.dataset.name) }
        var datasets: [DatasetEffectiveness] = []
        for name in names.sorted() {
            datasets.append(
                try load(name: name, trend: trend.filter { $0.dataset.name == name }, from: catalog))
        }
        return datasets
    }

    private static func load(name: String, trend: [VersionEffectiveness], from catalog: Catalog) throws(CatalogError)
        -> DatasetEffectiveness
    {
        var flaky: [FlakyTest] = []
        let sightings = try catalog.testSightings(named: name)
        var names: [String: String] = [:]
        for version in trend.map(\.dataset.version) {
            var byKey: [String: FlakyTest] = [:]
            for sighting in sightings where sighting.version == version {
                let acrossRuns = sighting.commit != nil && sighting.passed && sighting.failed
                guard sighting.flakyInRun || acrossRuns else { continue }
                if names[sighting.key] == nil {
                    names[sighting.key] =
                        try catalog.testResults(named: sighting.key).last?.result.displayName ?? sighting.key
                }
                var test =
                    byKey[sighting.key]
                    ?? FlakyTest(
                        version: version, name: names[sighting.key] ?? sighting.key, withinRun: false,
                        acrossRuns: false)
                test.withinRun = test.withinRun || sighting.flakyInRun
                test.acrossRuns = test.acrossRuns || acrossRuns
                byKey[sighting.key] = test
            }
            flaky += byKey.values.sorted { $0.name < $1.name }
        }
        flaky.sort { ($1.version, $0.name) < ($0.version, $1.name) }

        // Runs on negative data fail by design: they show in the catch rate, not here.
        var failures: [VersionFailures] = []
        for entry in trend.reversed() {
            var found: [StoredTestResult] = []
            for run in try catalog.testRuns(of: entry.dataset) where !run.negative {
                found += try catalog.testResults(ofRun: run.id, failuresOnly: true)
            }
            failures.append(VersionFailures(version: entry.dataset.version, failures: found))
        }

        var traced: (version: SemanticVersion, tests: [TestResultRecord])?
        if let latest = trend.last?.dataset {
            // Each test as the latest run that has it left it: runs are oldest first.
            var byKey: [String: TestResultRecord] = [:]
            for run in try catalog.testRuns(of: latest) where !run.negative {
                for stored in try catalog.testResults(ofRun: run.id) { byKey[stored.result.key] = stored.result }
            }
            traced = (latest.version, byKey.values.sorted { ($0.displayName, $0.key) < ($1.displayName, $1.key) })
        }
        var comparison: OutcomeComparison?
        if trend.count >= 2 {
            comparison = try OutcomeComparison(
                a: trend[trend.count - 2].dataset, b: trend[trend.count - 1].dataset, in: catalog)
        }
        return DatasetEffectiveness(
            name: name, trend: trend, flaky: flaky, failures: failures, traced: traced, comparison: comparison)
    }
}
