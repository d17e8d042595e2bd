import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedStores
import SeedbedTestSupport
import Testing

/// The ingest writes each parsed test straight into the catalog's rows, without the
/// `TestResultRecord` a caller of `TestRunWriter.add` makes: both must store the same rows.
@Suite("Ingesting without records")
struct IngestRowsTests {
    /// Every table a run fills, row by row in a fixed order (the run's ingest time left out).
    static let tables = [
        "SELECT id, name, version, commit_sha, run_at, partial, files_json, negative, number FROM test_run",
        "SELECT * FROM test_group ORDER BY id",
        "SELECT * FROM test_result ORDER BY id",
        "SELECT * FROM test_attempt ORDER BY id",
        "SELECT * FROM test_link ORDER BY seq, kind, value",
    ]

    static func dump(_ path: String) throws -> [[String]] {
        try tables.map { try IngestionTests.rows(path, $0) }
    }

    /// Every dialect's fixture and the lending history's reports (reruns, flaky tests, links of
    /// each kind, properties and markers): the ingest's rows are the rows of the records.
    @Test func theIngestStoresWhatTheRecordsOfItsTestsWould() throws {
        let files =
            Fixtures.dialects.map(Fixtures.path)
            + ["loan-v1.xml", "loan-v2.xml", "loan-v2-rerun.xml"].map(LendingHistory.report)
        let records = try Self.compare(files)
        #expect(records.contains { $0.attempts.count > 1 })
        #expect(records.contains { !$0.links.isEmpty })
    }

    /// On PostgreSQL the ingest's rows go through COPY's batches (`BatchedTestRows`): the same
    /// results, attempts and links as the ingest into SQLite.
    @Test func theIngestStoresTheSameOnPostgreSQL() throws {
        let files =
            Fixtures.dialects.map(Fixtures.path)
            + ["loan-v1.xml", "loan-v2.xml", "loan-v2-rerun.xml"].map(LendingHistory.report)
        let server = try PostgresTestDatabase()
        let shared = try LendingHistory.registered(server.uri)
        let local = try LendingHistory()
        let now = Date(timeIntervalSince1970: 1_772_000_000)
        let ingestion = TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "ci-1", commit: "c1")
        let onPostgreSQL = try ingestion.ingest(files: files, into: shared, at: now)
        let onSQLite = try ingestion.ingest(files: files, into: local.catalog, at: now)
        #expect(onPostgreSQL.stored == onSQLite.stored)
        let results = try shared.testResults(ofRun: "ci-1").map(\.result)
        #expect(results.count == onSQLite.stored)
        #expect(results.contains { $0.attempts.count > 1 })
        #expect(results.contains { !$0.links.isEmpty })
        #expect(results == (try local.catalog.testResults(ofRun: "ci-1").map(\.result)))
    }

    /// The ingest leaves fingerprints to its writing thread, which must make the ones reading
    /// makes: for a failure without a message attribute, from the first line of its text that
    /// is not a frame, even where the test's message is another line.
    @Test func fingerprintsMadeLaterAreTheFingerprintsOfReading() throws {
        let report = """
            <testsuite name="s">
              <testcase classname="c" name="frame first"><failure type="E">    at f (a.js:1:2)
                at g (b.js:3:4)</failure></testcase>
              <testcase classname="c" name="blank message"><failure message="  " type="E">boom 7
                at f (a.js:1:2)</failure></testcase>
              <testcase classname="c" name="own message"><error message="x was 3">at f (a.js:1:2)</error></testcase>
              <testcase classname="c" name="rerun"><failure message="m 1">t</failure>
                <rerunFailure type="E">    at h (c.js:5:6)</rerunFailure></testcase>
            </testsuite>
            """
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("later.xml").path
        try Data(report.utf8).write(to: URL(fileURLWithPath: file))
        let records = try Self.compare([file])
        let frameFirst = try #require(records.first { $0.name == "frame first" })
        let expected = FailureFingerprint(
            type: "E", message: nil, stackTrace: "    at f (a.js:1:2)\n    at g (b.js:3:4)")
        #expect(frameFirst.fingerprint == expected.fine)
        #expect(frameFirst.message == "at f (a.js:1:2)")
        #expect(expected.normalizedMessage.isEmpty)
        #expect(records.map(\.attempts.count) == [1, 1, 1, 2])
    }

    /// What the ingest's row buffer keeps per suite: a retry after other tests (its attempts
    /// moved to the end of the suite's), properties merged on the retry, a class name naming a
    /// rule shared by the tests of its class, tests without a class name, an identity repeated in
    /// a later suite element, and more attempts than the limit.
    @Test func retriesPropertiesAndClassNamesInTheRowBuffer() throws {
        let report = """
            <testsuites>
              <testsuite name="s">
                <testcase classname="C [ELIG-001]" name="a" time="1"><failure message="m 1" type="E">at f (a.js:1:2)</failure>
                  <properties><property name="rule" value="ELIG-002"/></properties></testcase>
                <testcase classname="C [ELIG-001]" name="b" time="2"/>
                <testcase name="no class" time="0.5"/>
                <testcase classname="C [ELIG-001]" name="a" time="3">
                  <properties><property name="rule" value="ELIG-002"/><property name="scenario" value="OLD"/></properties>
                </testcase>
                <testcase name="no class" time="0.25"><skipped message="later"/></testcase>
                <testcase classname="D" name="many" time="1"><flakyFailure message="x"/><flakyFailure message="y"/>
                  <rerunFailure message="z"/></testcase>
                <testcase classname="D" name="many" time="1"><failure message="w"/></testcase>
              </testsuite>
              <testsuite name="s">
                <testcase classname="C [ELIG-001]" name="b" time="4"/>
              </testsuite>
            </testsuites>
            """
        let folder = try TemporaryDirectory()
        let file = folder.url.appendingPathComponent("retries.xml").path
        try Data(report.utf8).write(to: URL(fileURLWithPath: file))
        let records = try Self.compare([file], maxAttemptsPerTest: 4)
        #expect(records.map(\.name) == ["a", "b", "no class", "many", "b"])
        #expect(records.map(\.attempts.count) == [2, 1, 2, 4, 1])
        #expect(records.map(\.occurrence) == [0, 0, 0, 0, 1])
        #expect(records[0].status == "flaky")
        #expect(records[0].links.map(\.value) == ["ELIG-002", "ELIG-001", "OLD"])
        #expect(records[1].links.map(\.value) == ["ELIG-001"])
        #expect(records[2].links.isEmpty)
    }

    /// Ingests `files` as one run and stores the records of their tests as another, in two
    /// catalogs, and expects the same rows; the records.
    static func compare(_ files: [String], maxAttemptsPerTest: Int? = nil) throws -> [TestResultRecord] {
        let ingested = try LendingHistory()
        let recorded = try LendingHistory()
        let now = Date(timeIntervalSince1970: 1_772_000_000)
        var options = JUnitParseOptions()
        if let maxAttemptsPerTest { options.maxAttemptsPerTest = maxAttemptsPerTest }
        let ingestion = TestRunIngestion(
            dataset: try LendingHistory.lending("1.0.0"), runID: "ci-1", commit: "c1", options: options)
        let result = try ingestion.ingest(files: files, into: ingested.catalog, at: now)
        var records: [TestResultRecord] = []
        for file in files {
            for testCase in try JUnitParser(options: options).parse(file: file).testCases {
                records.append(TestResultRecord(testCase, reportFile: file))
            }
        }
        #expect(records.count == result.stored)
        let run = TestRunRecord(
            id: "ci-1", dataset: try LendingHistory.lending("1.0.0"), commit: "c1", runAt: now, ingestedAt: now)
        let stored = try #require(try ingested.catalog.testRun(id: "ci-1"))
        _ = try recorded.catalog.recordTestRun(run) { writer in
            try writer.add(contentsOf: records)
            var ended = run
            ended.runAt = stored.runAt
            ended.files = stored.files
            ended.partial = false
            return ended
        }
        let rows = try Self.dump(ingested.path)
        #expect(rows.map(\.count) == [1, rows[1].count, records.count, rows[3].count, rows[4].count])
        #expect(rows == (try Self.dump(recorded.path)))
        #expect(
            try ingested.catalog.testResults(ofRun: "ci-1").map(\.result)
                == recorded.catalog.testResults(ofRun: "ci-1").map(\.result))
        return records
    }
}
