import Foundation
import SeedbedCatalog
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("Test runs in the catalog")
struct TestRunStoreTests {
    struct Broken: Error {}

    static func result(_ index: Int, status: String = "passed") -> TestResultRecord {
        let failed = status == "failed"
        return TestResultRecord(
            key: "key-\(index)", suitePath: ["Suite \"A\"", "B"], classname: "C", name: "test\(index)", file: nil,
            occurrence: 0, reportFile: "r.xml", reportLine: index + 3, status: status, duration: 0.001_5,
            message: failed ? "boom \(index)" : nil, failureType: failed ? "E" : nil,
            fingerprint: failed ? "v1:f" : nil, coarseFingerprint: failed ? "v1:c" : nil,
            attempts: [
                TestAttemptRecord(
                    outcome: status, origin: "testCase", duration: 0.001_5, message: nil, failureType: nil,
                    fingerprint: failed ? "v1:f" : nil, coarseFingerprint: nil, normalizedMessage: nil,
                    frames: failed ? ["f a.swift", "g b.swift"] : [])
            ],
            links: index % 100 == 0 ? [TestLink(.rule, "R-1"), TestLink(.rule, "R-1"), TestLink(.scenario, "S")] : [])
    }

    static func run(_ id: String = "ci-1") throws -> TestRunRecord {
        TestRunRecord(
            id: id, dataset: try DatasetReference(parsing: "shop@1.0.0"), commit: "abc",
            runAt: Date(timeIntervalSince1970: 1_767_225_600), ingestedAt: Date(timeIntervalSince1970: 1_767_225_700))
    }

    /// Writes `count` tests (every tenth failed) and returns the run as ended.
    static func record(_ count: Int, into catalog: Catalog, id: String = "ci-1") throws -> TestRunRecording {
        try catalog.recordTestRun(try run(id)) { writer in
            for index in 0..<count { try writer.add(result(index, status: index % 10 == 9 ? "failed" : "passed")) }
            var ended = try run(id)
            ended.files = [
                TestFileRecord(
                    path: "r.xml", tests: count, passed: count - count / 10, failed: count / 10, errors: 0, skipped: 0,
                    flaky: 0)
            ]
            return ended
        }
    }

    @Test func storesARunLargerThanOneBatchAndReadsItBack() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        let recording = try Self.record(4_500, into: catalog)
        #expect(recording.results == 4_500)
        #expect(recording.replaced == nil)
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.query("SELECT count(*) FROM test_result", parameters: []) == [["4500"]])
        // Schema 4: a passed test's only attempt is its result row; the failed ones' attempts
        // say something the result does not (no message), so they keep their rows.
        #expect(try database.query("SELECT count(*) FROM test_attempt", parameters: []) == [["450"]])
        // Repeated links are stored once.
        #expect(try database.query("SELECT count(*) FROM test_link", parameters: []) == [["90"]])
        let run = try #require(try catalog.testRun(id: "ci-1"))
        #expect(run.commit == "abc")
        #expect(run.files.map(\.failed) == [450])
        let failing = try catalog.failingResults(of: try DatasetReference(parsing: "shop@1.0.0"))
        #expect(failing.count == 450)
        let stored = try catalog.testResults(ofRun: "ci-1", failuresOnly: true)
        #expect(stored.first?.result == Self.result(9, status: "failed"))
        #expect(try catalog.testResults(named: "test8").first?.result == Self.result(8))
        let linked = try catalog.testResults(named: "test100")
        #expect(linked.first?.result.links == [TestLink(.rule, "R-1"), TestLink(.scenario, "S")])
        #expect(linked.first?.result.suitePath == ["Suite \"A\"", "B"])
        #expect(try catalog.testResults(named: "C.test100").count == 1)
    }

    @Test func theSameIDReplacesAndAFailingBodyStoresNothing() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        _ = try Self.record(30, into: catalog)
        let again = try Self.record(20, into: catalog)
        #expect(again.replaced?.files.map(\.tests) == [30])
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.query("SELECT count(*) FROM test_result", parameters: []) == [["20"]])
        #expect {
            try catalog.recordTestRun(try Self.run("ci-2")) { writer in
                for index in 0..<2_500 { try writer.add(Self.result(index)) }
                throw Broken()
            }
        } throws: { $0 is Broken }
        #expect(try database.query("SELECT count(*) FROM test_run", parameters: []) == [["1"]])
        #expect(try database.query("SELECT count(*) FROM test_result", parameters: []) == [["20"]])
        // The replaced run left nothing behind (its rows have no foreign key to cascade from:
        // the writer deletes its key range).
        func counts() throws -> [String] {
            try ["test_group", "test_result", "test_attempt", "test_link"].map { table in
                try database.query("SELECT count(*) FROM \(table)", parameters: [])[0][0] ?? ""
            }
        }
        #expect(try counts() == ["1", "20", "2", "2"])
        // Replacing the version takes its runs and every row of their key ranges.
        #expect(try catalog.register(try CatalogStoreTests.registration(spec: "spec v2"), force: true) == .replaced)
        #expect(try database.query("SELECT count(*) FROM test_run", parameters: []) == [["0"]])
        #expect(try counts() == ["0", "0", "0", "0"])
    }

    /// The journal mode the catalog's connection is in while the run's tests are written.
    static func journalWhileRecording(_ catalog: Catalog) throws -> [[String?]] {
        var during: [[String?]] = []
        _ = try catalog.recordTestRun(try run()) { writer in
            for index in 0..<1_500 { try writer.add(result(index)) }
            during = try catalog.database.query("PRAGMA journal_mode", parameters: [])
            return try run()
        }
        return during
    }

    @Test func aRunIsStoredUnderARollbackJournalAndTheCatalogStaysInWALMode() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        #expect(try Self.journalWhileRecording(catalog) == [["delete"]])
        #expect(try catalog.database.query("PRAGMA journal_mode", parameters: []) == [["wal"]])
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        #expect(try catalog.testResults(ofRun: "ci-1").count == 1_500)
        // Readers that open the catalog meanwhile wait for the run (see `prepareForRun`).
        #expect(
            try catalog.database.query("PRAGMA busy_timeout", parameters: [])
                == [["\(Catalog.busyTimeoutMilliseconds)"]])
    }

    @Test func aRunGoesThroughTheWALWhileAnotherConnectionHasTheCatalogOpen() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        let reader = try SQLiteDatabase(path: path, create: false)
        #expect(try Self.journalWhileRecording(catalog) == [["wal"]])
        #expect(try reader.query("SELECT count(*) FROM test_result", parameters: []) == [["1500"]])
        #expect(try reader.query("PRAGMA journal_mode", parameters: []) == [["wal"]])
    }

    /// Schema 6: per table and run number, the rows' count and first and last ordinal.
    static let rangesQuery =
        ["test_result", "test_attempt", "test_link", "test_group"].map { table in
            "SELECT '\(table) ' || (id / 4294967296) || ': ' || count(*) || ' rows, ' || min(id % 4294967296) || '-' || max(id % 4294967296) FROM \(table) GROUP BY id / 4294967296"
        }.joined(separator: " UNION ALL ") + " UNION ALL SELECT 'run ' || id || ' ' || number FROM test_run ORDER BY 1"

    static let expectedRanges = [
        "run ci-1 3", "run ci-2 2", "test_attempt 2: 20 rows, 0-19", "test_attempt 3: 10 rows, 0-9",
        "test_group 2: 1 rows, 0-0", "test_group 3: 1 rows, 0-0", "test_link 2: 4 rows, 0-3",
        "test_link 3: 2 rows, 0-1", "test_result 2: 200 rows, 0-199", "test_result 3: 100 rows, 0-99",
    ]

    /// Two runs, the first replaced: each run's rows are the key range of its number (results by
    /// `seq`, attempts and links by their own order in the run); the replacement takes the next
    /// number and deletes the old range only; replacing the version deletes every range.
    static func keyRanges(_ catalog: Catalog, _ rows: (String) throws -> [String]) throws {
        try catalog.register(try CatalogStoreTests.registration())
        _ = try record(200, into: catalog, id: "ci-1")
        _ = try record(200, into: catalog, id: "ci-2")
        #expect(try record(100, into: catalog, id: "ci-1").replaced?.id == "ci-1")
        #expect(try rows(rangesQuery) == expectedRanges)
        #expect(
            try catalog.testResults(ofRun: "ci-2", failuresOnly: true).map(\.result.attempts.count)
                == Array(repeating: 1, count: 20))
        #expect(try catalog.testResults(ofRun: "ci-1").map(\.result.links.count).reduce(0, +) == 2)
        #expect(try catalog.register(try CatalogStoreTests.registration(spec: "spec v2"), force: true) == .replaced)
        #expect(try rows(rangesQuery) == [])
    }

    @Test func aRunsRowsAreTheKeyRangeOfItsNumber() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        let database = try SQLiteDatabase(path: path, create: false)
        try Self.keyRanges(catalog) { sql in try database.query(sql, parameters: []).map { $0[0] ?? "" } }
    }

    @Test func aRunsRowsAreTheKeyRangeOfItsNumberOnPostgreSQL() throws {
        let server = try PostgresTestDatabase()
        let catalog = try Catalog.open(server.uri, create: true)
        try Self.keyRanges(catalog) { sql in try server.rows(sql) }
    }

    @Test func aCatalogOutOfRunNumbersSaysSoAndStoresNothing() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        _ = try Self.record(1, into: catalog, id: "last")
        let database = try SQLiteDatabase(path: path, create: false)
        // The highest number a key of 64 signed bits leaves room for (2^31 - 1).
        try database.execute("UPDATE test_run SET number = 2147483647")
        #expect {
            try Self.record(1, into: catalog, id: "one-more")
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .environment
                && error.message.hasSuffix(
                    "has used its 2147483647 run numbers; start a new catalog (--catalog) for more runs")
        }
        #expect(try database.query("SELECT id FROM test_run", parameters: []) == [["last"]])
    }

    @Test func aRunOfAnUnknownVersionIsRefused() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("catalog.sqlite").path, create: true)
        #expect {
            try Self.record(1, into: catalog)
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .notFound
                && error.message.hasPrefix("shop@1.0.0 is not in the catalog: the catalog (sqlite:")
        }
    }

    @Test func aVersion1CatalogIsMigratedKeepingItsRecords() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        try Catalog.open(path, create: true).register(try CatalogStoreTests.registration())
        // Back to what a Seedbed with one migration left.
        let database = try SQLiteDatabase(path: path, create: false)
        for table in ["test_link", "test_attempt", "test_result", "test_group", "test_run"] {
            try database.execute("DROP TABLE \(table)")
        }
        try database.execute("DELETE FROM schema_version WHERE version >= 2")
        let catalog = try Catalog.open(path, create: false)
        #expect(
            try database.query("SELECT version FROM schema_version ORDER BY version", parameters: [])
                == [["1"], ["2"], ["3"], ["4"], ["5"], ["6"]])
        #expect(try catalog.versions().map(\.reference.description) == ["shop@1.0.0"])
        #expect(try Self.record(3, into: catalog).results == 3)
    }

    /// A failed test run once whose attempt is what its result says: no attempt row, and the
    /// attempt (normalised message, frames) reads back whole.
    static func plainFailure(_ index: Int) -> TestResultRecord {
        var result = result(index, status: "failed")
        result.attempts[0].message = result.message
        result.attempts[0].failureType = result.failureType
        result.attempts[0].coarseFingerprint = result.coarseFingerprint
        result.attempts[0].normalizedMessage = "boom <N>"
        return result
    }

    @Test func aTestsOnlyAttemptLivesInItsResultRow() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        var flaky = Self.result(3)
        flaky.status = "flaky"  // marked flaky by its producer, passed once
        var twice = Self.result(4)
        twice.attempts.append(twice.attempts[0])
        let written = [Self.plainFailure(1), Self.result(2), flaky, twice]
        _ = try catalog.recordTestRun(try Self.run()) { writer in
            for result in written { try writer.add(result) }
            return try Self.run()
        }
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(
            try database.query("SELECT seq, attempt FROM test_attempt ORDER BY seq, attempt", parameters: [])
                == [["3", "0"], ["3", "1"]])
        #expect(
            try database.query(
                "SELECT normalized_message, frames FROM test_result WHERE id % 4294967296 = 0", parameters: [])
                == [["boom <N>", "f a.swift\ng b.swift"]])
        #expect(try catalog.testResults(ofRun: "ci-1").map(\.result) == written)
    }

    /// SQLite's writer binds the run ID once, the suite path and report file only when they
    /// change, and the reader's usual words as constants: values that change back and forth,
    /// words it does not know, empty texts (not NULL) and texts beyond ASCII read back as given.
    @Test func valuesThatRepeatOrChangeReadBackAsGiven() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        var written = (0..<6).map { Self.result($0, status: $0 % 2 == 0 ? "failed" : "passed") }
        written[1].suitePath = ["Ünïcode", ""]
        written[1].reportFile = "other.xml"
        written[2].suitePath = []
        written[3].suitePath = ["Ünïcode", ""]
        written[3].classname = ""
        written[3].file = ""
        written[3].status = "timedOut"
        written[3].attempts[0].outcome = "timedOut"
        written[3].attempts[0].origin = "retry"
        written[4].status = "error"
        written[4].attempts.append(
            TestAttemptRecord(
                outcome: "passed", origin: "rerun", duration: nil, message: "", failureType: nil, fingerprint: nil,
                coarseFingerprint: nil, normalizedMessage: "", frames: ["only"]))
        // Read back in a fixed order of kinds, each link once.
        written[0].links = [TestLink(.rule, "R-1"), TestLink(.scenario, "S")]
        written[5].links = [TestLink(.scenario, "S"), TestLink(.record, "loan#7"), TestLink(.dataset, "shop")]
        _ = try catalog.recordTestRun(try Self.run()) { writer in
            for result in written { try writer.add(result) }
            return try Self.run()
        }
        #expect(try catalog.testResults(ofRun: "ci-1").map(\.result) == written)
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(
            try database.query(
                "SELECT r.id % 4294967296, group_seq, suite_path, report_file FROM test_result r JOIN test_group g ON g.id = r.id - r.id % 4294967296 + r.group_seq ORDER BY r.id",
                parameters: [])
                == [
                    ["0", "0", #"["Suite \"A\"","B"]"#, "r.xml"], ["1", "1", #"["Ünïcode",""]"#, "other.xml"],
                    ["2", "2", "[]", "r.xml"], ["3", "3", #"["Ünïcode",""]"#, "r.xml"],
                    ["4", "4", #"["Suite \"A\"","B"]"#, "r.xml"], ["5", "4", #"["Suite \"A\"","B"]"#, "r.xml"],
                ])
        #expect(
            try database.query(
                "SELECT seq, attempt, outcome, origin FROM test_attempt ORDER BY seq, attempt", parameters: [])
                == [
                    ["0", "0", "failed", "testCase"], ["2", "0", "failed", "testCase"],
                    ["3", "0", "timedOut", "retry"],
                    ["4", "0", "failed", "testCase"], ["4", "1", "passed", "rerun"],
                ])
    }

    /// The test tables as schema 4 left them (`version4Tables` with the run's groups still in
    /// each result's row); `frames: false` leaves out the columns schema 4 added, as schema 3 had.
    /// Schema 6's run numbers go too (and on PostgreSQL their sequence).
    static func version4Tables(frames: Bool = true, postgres: Bool = false) -> [String] {
        ["DROP INDEX test_run_by_number", "ALTER TABLE test_run DROP COLUMN number"]
            + (postgres ? ["DROP SEQUENCE test_run_number"] : []) + [
                "DROP TABLE test_link", "DROP TABLE test_attempt", "DROP TABLE test_result", "DROP TABLE test_group",
                """
                CREATE TABLE test_result (
                    run_id TEXT NOT NULL, seq BIGINT NOT NULL, test_key TEXT NOT NULL, suite_path TEXT NOT NULL,
                    classname TEXT, name TEXT NOT NULL, file TEXT, occurrence BIGINT NOT NULL, report_file TEXT NOT NULL,
                    report_line BIGINT NOT NULL, status TEXT NOT NULL, attempt_count BIGINT NOT NULL, duration_us BIGINT,
                    message TEXT, failure_type TEXT, fingerprint TEXT, coarse_fingerprint TEXT,
                    \(frames ? "normalized_message TEXT, frames TEXT," : "")
                    PRIMARY KEY (run_id, seq),
                    FOREIGN KEY (run_id) REFERENCES test_run (id) ON DELETE CASCADE)
                """,
                """
                CREATE TABLE test_attempt (
                    run_id TEXT NOT NULL, seq BIGINT NOT NULL, attempt BIGINT NOT NULL, outcome TEXT NOT NULL,
                    origin TEXT NOT NULL, duration_us BIGINT, message TEXT, failure_type TEXT, fingerprint TEXT,
                    coarse_fingerprint TEXT, normalized_message TEXT, frames TEXT,
                    PRIMARY KEY (run_id, seq, attempt),
                    FOREIGN KEY (run_id, seq) REFERENCES test_result (run_id, seq) ON DELETE CASCADE)
                """,
                """
                CREATE TABLE test_link (
                    run_id TEXT NOT NULL, seq BIGINT NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL,
                    PRIMARY KEY (run_id, seq, kind, value),
                    FOREIGN KEY (run_id, seq) REFERENCES test_result (run_id, seq) ON DELETE CASCADE)
                """,
                "DELETE FROM schema_version WHERE version >= \(frames ? 5 : 4)",
            ]
    }

    @Test func aVersion3CatalogKeepsItsAttemptRowsAfterMigrating() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        try Catalog.open(path, create: true).register(try CatalogStoreTests.registration())
        // A run as Seedbed with schema 3 stored it: an attempt row for every test.
        let database = try SQLiteDatabase(path: path, create: false)
        for statement in Self.version4Tables(frames: false) + [
            "CREATE INDEX test_result_by_key ON test_result (test_key)",
            "CREATE INDEX test_result_by_name ON test_result (name)",
            "CREATE INDEX test_link_by_value ON test_link (kind, value)",
        ] {
            try database.execute(statement)
        }
        try database.execute(
            "INSERT INTO test_run (id, name, version, run_at, ingested_at, partial, files_json) VALUES ('old', 'shop', '1.0.0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, '[]')"
        )
        try database.execute(
            "INSERT INTO test_result VALUES ('old', 0, 'k', '[]', 'C', 't', NULL, 0, 'r.xml', 3, 'failed', 1, 1500, 'boom', 'E', 'v1:f', 'v1:c')"
        )
        try database.execute(
            "INSERT INTO test_attempt VALUES ('old', 0, 0, 'failed', 'testCase', 1500, 'boom', 'E', 'v1:f', 'v1:c', 'boom', 'f a.swift')"
        )
        let catalog = try Catalog.open(path, create: false)
        #expect(
            try database.query("SELECT version FROM schema_version ORDER BY version", parameters: [])
                == [["1"], ["2"], ["3"], ["4"], ["5"], ["6"]])
        let attempts = try catalog.testResults(ofRun: "old").map(\.result.attempts)
        #expect(
            attempts == [
                [
                    TestAttemptRecord(
                        outcome: "failed", origin: "testCase", duration: 0.001_5, message: "boom", failureType: "E",
                        fingerprint: "v1:f", coarseFingerprint: "v1:c", normalizedMessage: "boom", frames: ["f a.swift"]
                    )
                ]
            ])
        #expect(try Self.record(3, into: catalog).results == 3)
    }

    /// Two runs as schema 4 stored them, their groups in every result's row: a group the run
    /// comes back to (seq 4), a NULL class name, another report file; then what schema 5 must
    /// make of them.
    static let version4Rows = [
        """
        INSERT INTO test_run (id, name, version, run_at, ingested_at, partial, files_json, negative)
        VALUES ('old', 'shop', '1.0.0', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 0, '[]', 0),
            ('older', 'shop', '1.0.0', '2025-12-01T00:00:00Z', '2025-12-01T00:00:00Z', 0, '[]', 0)
        """,
        """
        INSERT INTO test_result VALUES
            ('old', 0, 'k0', '["S"]', 'C', 't0', NULL, 0, 'a.xml', 3, 'passed', 1, 1500, NULL, NULL, NULL, NULL, NULL, NULL),
            ('old', 1, 'k1', '["S"]', 'C', 't1', NULL, 0, 'a.xml', 4, 'passed', 1, 1500, NULL, NULL, NULL, NULL, NULL, NULL),
            ('old', 2, 'k2', '["S"]', NULL, 't2', NULL, 0, 'a.xml', 5, 'failed', 1, 1500, 'boom', 'E', 'v1:f', 'v1:c', 'boom', 'f a.swift'),
            ('old', 3, 'k3', '["S"]', 'C', 't3', NULL, 0, 'b.xml', 3, 'passed', 1, 1500, NULL, NULL, NULL, NULL, NULL, NULL),
            ('old', 4, 'k4', '["S"]', 'C', 't4', NULL, 0, 'a.xml', 9, 'passed', 1, 1500, NULL, NULL, NULL, NULL, NULL, NULL),
            ('older', 0, 'k0', '["T","U"]', 'D', 't0', 'd.swift', 0, 'a.xml', 3, 'passed', 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL)
        """,
        "INSERT INTO test_link VALUES ('old', 2, 'rule', 'R-1')",
    ]

    /// Each test of both runs as suite path / class name / report file / name, read back.
    static func migratedIdentities(_ catalog: Catalog) throws -> [String] {
        try ["old", "older"].flatMap { run in
            try catalog.testResults(ofRun: run).map {
                "\($0.result.suitePath.joined(separator: ">"))/\($0.result.classname ?? "-")/\($0.result.reportFile)/\($0.result.name)"
            }
        }
    }

    static let expectedIdentities = [
        "S/C/a.xml/t0", "S/C/a.xml/t1", "S/-/a.xml/t2", "S/C/b.xml/t3", "S/C/a.xml/t4", "T>U/D/a.xml/t0",
    ]

    /// Groups numbered per run in the order of their first test; results name theirs.
    static let expectedGroups = [
        "old|0|[\"S\"]|C|a.xml", "old|1|[\"S\"]|-|a.xml", "old|2|[\"S\"]|C|b.xml", "older|0|[\"T\",\"U\"]|D|a.xml",
    ]
    static let groupsQuery =
        "SELECT run.id || '|' || (g.id - run.number * 4294967296) || '|' || suite_path || '|' || coalesce(classname, '-') || '|' || report_file FROM test_run run JOIN test_group g ON g.id >= run.number * 4294967296 AND g.id < (run.number + 1) * 4294967296 ORDER BY run.id, g.id"
    static let expectedResultGroups = ["old|0|0", "old|1|0", "old|2|1", "old|3|2", "old|4|0", "older|0|0"]
    static let resultGroupsQuery =
        "SELECT run.id || '|' || (r.id - run.number * 4294967296) || '|' || group_seq FROM test_run run JOIN test_result r ON r.id >= run.number * 4294967296 AND r.id < (run.number + 1) * 4294967296 ORDER BY run.id, r.id"
    /// Schema 6: runs numbered in ID order, each row keyed `number * 2^32 + ordinal`.
    static let keysQuery =
        "SELECT 'result ' || id FROM test_result UNION ALL SELECT 'group ' || id FROM test_group UNION ALL SELECT 'link ' || id || ' ' || seq FROM test_link UNION ALL SELECT 'run ' || id || ' ' || number FROM test_run ORDER BY 1"
    static let expectedKeys = [
        "group 4294967296", "group 4294967297", "group 4294967298", "group 8589934592", "link 4294967296 2",
        "result 4294967296", "result 4294967297", "result 4294967298", "result 4294967299", "result 4294967300",
        "result 8589934592", "run old 1", "run older 2",
    ]
    static let countOldGroups =
        "SELECT count(*) FROM test_run run JOIN test_group g ON g.id >= run.number * 4294967296 AND g.id < (run.number + 1) * 4294967296 WHERE run.id = 'old'"

    @Test func aVersion4CatalogMovesItsSuitesToGroups() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        try Catalog.open(path, create: true).register(try CatalogStoreTests.registration())
        let database = try SQLiteDatabase(path: path, create: false)
        for statement in Self.version4Tables() + Self.version4Rows { try database.execute(statement) }
        let catalog = try Catalog.open(path, create: false)
        func rows(_ sql: String) throws -> [String] { try database.query(sql, parameters: []).map { $0[0] ?? "" } }
        #expect(try rows("SELECT version FROM schema_version ORDER BY version") == ["1", "2", "3", "4", "5", "6"])
        #expect(try rows(Self.groupsQuery) == Self.expectedGroups)
        #expect(try rows(Self.resultGroupsQuery) == Self.expectedResultGroups)
        #expect(try rows(Self.keysQuery) == Self.expectedKeys)
        #expect(
            try rows(
                "SELECT name FROM pragma_table_info('test_result') WHERE name IN ('suite_path', 'classname', 'report_file')"
            ) == [])
        #expect(try Self.migratedIdentities(catalog) == Self.expectedIdentities)
        #expect(
            try catalog.testResults(ofRun: "old", failuresOnly: true).map(\.result.links) == [[TestLink(.rule, "R-1")]])
        // Replacing a migrated run takes its groups too.
        #expect(try Self.record(3, into: catalog, id: "old").replaced?.id == "old")
        #expect(try rows(Self.countOldGroups) == ["1"])
    }

    @Test func aVersion4CatalogOnPostgreSQLMovesItsSuitesToGroups() throws {
        let server = try PostgresTestDatabase()
        try Catalog.open(server.uri, create: true).register(try CatalogStoreTests.registration())
        for statement in Self.version4Tables(postgres: true) + Self.version4Rows { _ = try server.psql(statement) }
        let catalog = try Catalog.open(server.uri, create: false)
        #expect(
            try server.rows("SELECT version FROM schema_version ORDER BY version") == ["1", "2", "3", "4", "5", "6"])
        #expect(try server.rows(Self.groupsQuery) == Self.expectedGroups)
        #expect(try server.rows(Self.resultGroupsQuery) == Self.expectedResultGroups)
        #expect(try server.rows(Self.keysQuery) == Self.expectedKeys)
        #expect(
            try server.rows("SELECT indexname FROM pg_indexes WHERE tablename LIKE 'test_%' ORDER BY 1") == [
                "test_attempt_pkey", "test_group_pkey", "test_link_pkey", "test_result_pkey", "test_run_by_number",
                "test_run_by_version", "test_run_pkey",
            ])
        #expect(try Self.migratedIdentities(catalog) == Self.expectedIdentities)
        #expect(try Self.record(3, into: catalog, id: "old").replaced?.id == "old")
        #expect(try server.rows(Self.countOldGroups) == ["1"])
    }

    @Test func storesARunInPostgreSQLThroughCopy() throws {
        let server = try PostgresTestDatabase()
        let catalog = try Catalog.open(server.uri, create: true)
        try catalog.register(try CatalogStoreTests.registration())
        #expect(try Self.record(2_100, into: catalog).results == 2_100)
        #expect(try server.rows("SELECT count(*) FROM test_result") == ["2100"])
        #expect(try server.rows("SELECT count(*) FROM test_link") == ["42"])
        let stored = try catalog.testResults(ofRun: "ci-1", failuresOnly: true)
        #expect(stored.count == 210)
        #expect(stored.first?.result == Self.result(9, status: "failed"))
        #expect(try Self.record(5, into: catalog).replaced?.files.map(\.tests) == [2_100])
        #expect(try server.rows("SELECT count(*) FROM test_attempt") == ["0"])
        // A link named twice is stored once (the table's key).
        let written = (0..<5).map { index in
            var result = Self.result(index)
            result.links = result.links.reduce(into: []) { kept, link in if !kept.contains(link) { kept.append(link) } }
            return result
        }
        #expect(try catalog.testResults(ofRun: "ci-1").map(\.result) == written)
    }
}
