import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedStores
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
        let ingested = try LendingHistory()
        let recorded = try LendingHistory()
        let now = Date(timeIntervalSince1970: 1_772_000_000)
        let ingestion = TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "ci-1", commit: "c1")
        let result = try ingestion.ingest(files: files, into: ingested.catalog, at: now)
        var records: [TestResultRecord] = []
        for file in files {
            for testCase in try JUnitParser().parse(file: file).testCases {
                records.append(TestResultRecord(testCase, reportFile: file))
            }
        }
        #expect(records.count == result.stored)
        #expect(records.contains { $0.attempts.count > 1 })
        #expect(records.contains { !$0.links.isEmpty })
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
    }
}
