extension Catalog {
    /// The counts of one dataset version's runs: what the effectiveness table starts from. Runs
    /// on negative data count only in `negativeRuns`.
    public struct TestVersionCounts: Sendable, Equatable {
        public var version: SemanticVersion
        public var runs: Int
        /// Runs ingested with `--negative`.
        public var negativeRuns: Int
        public var partialRuns: Int
        /// Distinct tests (by key) over all runs.
        public var tests: Int
        /// Distinct tests failed or errored in at least one run.
        public var failingTests: Int
        /// Results by status over all runs (a test run three times counts three times).
        public var outcomes: [String: Int]
    }

    /// Per version of `name` that has runs (on negative data or not), in semantic-version order.
    public func testVersionCounts(named name: String) throws(CatalogError) -> [TestVersionCounts] {
        let found = try rows(
            """
            SELECT run.version, count(DISTINCT CASE WHEN run.negative = 0 THEN run.id END),
                count(DISTINCT CASE WHEN run.negative = 0 AND run.partial = 1 THEN run.id END),
                count(DISTINCT CASE WHEN run.negative = 0 THEN res.test_key END),
                count(DISTINCT CASE WHEN run.negative = 0 AND res.status IN ('failed', 'error') THEN res.test_key END),
                sum(CASE WHEN run.negative = 0 AND res.status = 'passed' THEN 1 ELSE 0 END),
                sum(CASE WHEN run.negative = 0 AND res.status = 'failed' THEN 1 ELSE 0 END),
                sum(CASE WHEN run.negative = 0 AND res.status = 'error' THEN 1 ELSE 0 END),
                sum(CASE WHEN run.negative = 0 AND res.status = 'skipped' THEN 1 ELSE 0 END),
                sum(CASE WHEN run.negative = 0 AND res.status = 'flaky' THEN 1 ELSE 0 END),
                count(DISTINCT CASE WHEN run.negative = 1 THEN run.id END)
            FROM test_run run LEFT JOIN test_result res ON \(RunKeys.inRun("res"))
            WHERE run.name = $1 GROUP BY run.version
            """, [name])
        let statuses = ["passed", "failed", "error", "skipped", "flaky"]
        return found.compactMap { row -> TestVersionCounts? in
            guard row.count == 11, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }) else {
                return nil
            }
            func number(_ index: Int) -> Int { row[index].flatMap { Int($0) } ?? 0 }
            var outcomes: [String: Int] = [:]
            for (offset, status) in statuses.enumerated() { outcomes[status] = number(5 + offset) }
            return TestVersionCounts(
                version: version, runs: number(1), negativeRuns: number(10), partialRuns: number(2), tests: number(3),
                failingTests: number(4), outcomes: outcomes)
        }.sorted { $0.version < $1.version }
    }

    /// A failure fingerprint seen on a version, on a commit (nil when the run gave none), by a test.
    public struct FailureSighting: Sendable, Hashable {
        public var version: SemanticVersion
        public var commit: String?
        public var key: String
        public var fingerprint: String
    }

    /// Where each failure fingerprint of `name`'s failed and errored tests was seen (runs on
    /// negative data left out: their failures are expected).
    public func failureSightings(named name: String) throws(CatalogError) -> [FailureSighting] {
        try rows(
            """
            SELECT DISTINCT run.version, run.commit_sha, res.test_key, res.fingerprint
            FROM test_run run JOIN test_result res ON \(RunKeys.inRun("res"))
            WHERE run.name = $1 AND run.negative = 0 AND res.status IN ('failed', 'error')
                AND res.fingerprint IS NOT NULL
            """, [name]
        ).compactMap { row in
            guard row.count == 4, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }),
                let key = row[2], let fingerprint = row[3]
            else { return nil }
            return FailureSighting(version: version, commit: row[1], key: key, fingerprint: fingerprint)
        }
    }

    /// A test seen passing, failing or both, per version and commit: what flakiness and
    /// data-revealed failures are judged from.
    public struct TestSighting: Sendable, Hashable {
        public var version: SemanticVersion
        public var commit: String?
        public var key: String
        /// Passed (or flaky: passed in the end) in some run.
        public var passed: Bool
        /// Failed or errored in some run.
        public var failed: Bool
        /// Flaky within some run (failed, then passed on a retry).
        public var flakyInRun: Bool
    }

    /// Per version, commit and test of `name`: whether it passed, failed, or was flaky in a run.
    /// Tests that only passed and never were flaky are left out (they decide nothing), and so are
    /// runs on negative data.
    public func testSightings(named name: String) throws(CatalogError) -> [TestSighting] {
        try rows(
            """
            SELECT run.version, run.commit_sha, res.test_key,
                max(CASE WHEN res.status IN ('passed', 'flaky') THEN 1 ELSE 0 END),
                max(CASE WHEN res.status IN ('failed', 'error') THEN 1 ELSE 0 END),
                max(CASE WHEN res.status = 'flaky' THEN 1 ELSE 0 END)
            FROM test_run run JOIN test_result res ON \(RunKeys.inRun("res"))
            WHERE run.name = $1 AND run.negative = 0
            GROUP BY run.version, run.commit_sha, res.test_key
            HAVING max(CASE WHEN res.status IN ('failed', 'error', 'flaky') THEN 1 ELSE 0 END) = 1
            """, [name]
        ).compactMap { row in
            guard row.count == 6, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }),
                let key = row[2]
            else { return nil }
            return TestSighting(
                version: version, commit: row[1], key: key, passed: row[3] == "1", failed: row[4] == "1",
                flakyInRun: row[5] == "1")
        }
    }

    /// A rule, scenario or record tests of a version link to, and how those tests ended.
    public struct LinkedTarget: Sendable, Hashable {
        public var version: SemanticVersion
        public var kind: TestLink.Kind
        public var value: String
        /// Distinct tests linked to it.
        public var tests: Int
        /// Distinct linked tests failed or errored in some run.
        public var failingTests: Int
    }

    /// Every link target of `name`'s tests, per version.
    public func linkedTargets(named name: String) throws(CatalogError) -> [LinkedTarget] {
        try rows(
            """
            SELECT run.version, link.kind, link.value, count(DISTINCT res.test_key),
                count(DISTINCT CASE WHEN res.status IN ('failed', 'error') THEN res.test_key END)
            FROM test_run run JOIN test_link link ON \(RunKeys.inRun("link"))
                JOIN test_result res ON res.id = \(RunKeys.base()) + link.seq
            WHERE run.name = $1
            GROUP BY run.version, link.kind, link.value
            """, [name]
        ).compactMap { row in
            guard row.count == 5, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }),
                let kind = row[1].flatMap(TestLink.Kind.init), let value = row[2]
            else { return nil }
            return LinkedTarget(
                version: version, kind: kind, value: value, tests: row[3].flatMap { Int($0) } ?? 0,
                failingTests: row[4].flatMap { Int($0) } ?? 0)
        }
    }
}

extension Catalog {
    /// A test of a version, with whether it failed or errored in some run: what links from a
    /// side-car file are matched against.
    public struct VersionTest: Sendable, Hashable {
        public var version: SemanticVersion
        public var key: String
        public var classname: String?
        public var name: String
        /// Failed or errored in some run of the version.
        public var failed: Bool
    }

    /// Every distinct test of each version of `name`, in runs on negative data or in the others.
    public func versionTests(named name: String, negative: Bool) throws(CatalogError) -> [VersionTest] {
        try rows(
            """
            SELECT run.version, res.test_key, grp.classname, res.name,
                max(CASE WHEN res.status IN ('failed', 'error') THEN 1 ELSE 0 END)
            FROM test_run run JOIN test_result res ON \(RunKeys.inRun("res"))
                JOIN test_group grp ON grp.id = \(RunKeys.base()) + res.group_seq
            WHERE run.name = $1 AND run.negative = $2
            GROUP BY run.version, res.test_key, grp.classname, res.name
            """, [name, negative ? "1" : "0"]
        ).compactMap { row in
            guard row.count == 5, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }),
                let key = row[1], let testName = row[3]
            else { return nil }
            return VersionTest(version: version, key: key, classname: row[2], name: testName, failed: row[4] == "1")
        }
    }

    /// A stored link of a test of a version, with whether the test failed or errored in some run.
    public struct LinkedTest: Sendable, Hashable {
        public var version: SemanticVersion
        public var kind: TestLink.Kind
        public var value: String
        public var key: String
        public var failed: Bool
    }

    /// Every stored link of `name`'s tests, per version and test (a test linked in several runs
    /// once, failed when it failed in any), in runs on negative data or in the others.
    public func linkedTests(named name: String, negative: Bool) throws(CatalogError) -> [LinkedTest] {
        try rows(
            """
            SELECT run.version, link.kind, link.value, res.test_key,
                max(CASE WHEN res.status IN ('failed', 'error') THEN 1 ELSE 0 END)
            FROM test_run run JOIN test_link link ON \(RunKeys.inRun("link"))
                JOIN test_result res ON res.id = \(RunKeys.base()) + link.seq
            WHERE run.name = $1 AND run.negative = $2
            GROUP BY run.version, link.kind, link.value, res.test_key
            """, [name, negative ? "1" : "0"]
        ).compactMap { row in
            guard row.count == 5, let version = row[0].flatMap({ try? SemanticVersion(parsing: $0) }),
                let kind = row[1].flatMap(TestLink.Kind.init), let value = row[2], let key = row[3]
            else { return nil }
            return LinkedTest(version: version, kind: kind, value: value, key: key, failed: row[4] == "1")
        }
    }
}
