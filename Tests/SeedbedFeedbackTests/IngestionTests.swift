import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedStores
import Testing

@Suite("Ingesting JUnit runs into the catalog")
struct IngestionTests {
    /// Rows of a query on the catalog file, each row's values joined by `|` (NULL as `-`).
    static func rows(_ path: String, _ sql: String) throws -> [String] {
        let database = try SQLiteDatabase(path: path, create: false)
        return try database.query(sql, parameters: []).map { $0.map { $0 ?? "-" }.joined(separator: "|") }
    }

    @Test func storesTheRunItsTestsAttemptsAndLinks() throws {
        let history = try LendingHistory()
        let result = try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "ci-1", commit: "c1")
            .ingest(
                files: [LendingHistory.report("loan-v1.xml")], into: history.catalog,
                at: Date(timeIntervalSince1970: 1_772_000_000))
        #expect(result.total == RunSummary(files: 1, tests: 6, passed: 3, failed: 1, skipped: 1, flaky: 1))
        #expect(result.stored == 6)
        #expect(result.replaced == nil)
        #expect(
            try Self.rows(history.path, "SELECT id, name, version, commit_sha, run_at, partial FROM test_run") == [
                "ci-1|lending|1.0.0|c1|2026-03-01T09:00:00.000Z|0"
            ])
        #expect(
            try Self.rows(
                history.path,
                "SELECT r.id % 4294967296, classname, name, status, attempt_count, duration_us, message, fingerprint IS NOT NULL FROM test_result r JOIN test_group g ON g.id = r.id - r.id % 4294967296 + r.group_seq ORDER BY r.id"
            ) == [
                "0|LoanTests|approvesAdult [rule:ELIG-001]|passed|1|10000|-|0",
                "1|LoanTests|capsAge [rule:ELIG-002]|passed|1|20000|-|0",
                "2|LoanTests|oldCustomers|passed|1|30000|-|0",
                "3|LoanTests|legacyRounding|failed|1|40000|expected 3 but was 4|1",
                "4|LoanTests|schedules|flaky|2|50000|-|0",
                "5|LoanTests|ignored|skipped|1|-|not today|0",
            ])
        #expect(
            try Self.rows(
                history.path,
                "SELECT seq, attempt, outcome, origin, normalized_message, frames FROM test_attempt ORDER BY seq, attempt"
            ) == [
                "4|0|failed|flakyRun|timed out after <N> ms|Scheduler.await Scheduler.java",
                "4|1|passed|testCase|-|-",
            ])
        // A test run once keeps its attempt in its result row (schema 4), and reads back whole.
        #expect(
            try Self.rows(
                history.path,
                "SELECT id % 4294967296, normalized_message, frames FROM test_result WHERE frames IS NOT NULL")
                == ["3|expected <N> but was <N>|LoanTests.legacyRounding LoanTests.java"])
        let failed = try history.catalog.testResults(ofRun: "ci-1", failuresOnly: true)
        #expect(
            failed.map(\.result.attempts) == [
                [
                    TestAttemptRecord(
                        outcome: "failed", origin: "testCase", duration: 0.04, message: "expected 3 but was 4",
                        failureType: failed.first?.result.failureType, fingerprint: failed.first?.result.fingerprint,
                        coarseFingerprint: failed.first?.result.coarseFingerprint,
                        normalizedMessage: "expected <N> but was <N>",
                        frames: ["LoanTests.legacyRounding LoanTests.java"])
                ]
            ])
        #expect(
            try Self.rows(history.path, "SELECT seq, kind, value FROM test_link ORDER BY seq, kind") == [
                "0|rule|ELIG-001", "1|rule|ELIG-002", "2|scenario|OLD",
            ])
        let keys = try Self.rows(history.path, "SELECT test_key FROM test_result WHERE id % 4294967296 = 1")
        #expect(
            keys == [
                TestKey.of(
                    TestIdentity(
                        suitePath: ["LoanTests"], classname: "LoanTests", name: "capsAge [rule:ELIG-002]", file: nil),
                    occurrence: 0)
            ])
    }

    @Test func aSurefireReportKeepsEveryRerunAsAnAttempt() throws {
        let history = try LendingHistory()
        let result = try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "sure")
            .ingest(files: [Fixtures.path("surefire.xml")], into: history.catalog)
        #expect(result.total == RunSummary(files: 1, tests: 5, passed: 1, failed: 1, errors: 1, skipped: 1, flaky: 1))
        #expect(
            try Self.rows(history.path, "SELECT name, status, attempt_count FROM test_result ORDER BY id") == [
                "approvesAdult|passed|1", "capsLoanToValue|failed|2", "connectsToLedger|error|2",
                "schedulesRepayment|flaky|3", "ignoredForNow|skipped|1",
            ])
        // Tests run once keep their attempt in the result row: rows for the 2 + 2 + 3 reruns only.
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_attempt") == ["7"])
        // The test run has no commit, and the run time is the suite's timestamp (no zone: UTC).
        #expect(
            try Self.rows(history.path, "SELECT commit_sha, run_at FROM test_run") == ["-|2026-11-20T14:03:07.000Z"])
    }

    @Test func aFolderStandsForTheXMLFilesInside() throws {
        let history = try LendingHistory()
        let result = try TestRunIngestion(dataset: try LendingHistory.lending("1.1.0"), runID: "both")
            .ingest(files: [Fixtures.path("history")], into: history.catalog)
        #expect(
            result.files.map { ($0.file as NSString).lastPathComponent } == [
                "loan-v1.xml", "loan-v2-rerun.xml", "loan-v2.xml",
            ])
        #expect(result.stored == 20)
    }

    @Test func aBrokenFileStoresNothing() throws {
        let history = try LendingHistory()
        let ingestion = TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "ci-9")
        #expect {
            try ingestion.ingest(
                files: [LendingHistory.report("loan-v1.xml"), Fixtures.path("truncated.xml")], into: history.catalog)
        } throws: { error in
            let error = try #require(error as? JUnitError)
            return error.code == .truncated && error.file == Fixtures.path("truncated.xml") && error.line == 8
        }
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_run") == ["0"])
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_result") == ["0"])
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_attempt") == ["0"])
    }

    @Test func allowPartialStoresWhatWasReadAndMarksTheRun() throws {
        let history = try LendingHistory()
        let result = try TestRunIngestion(
            dataset: try LendingHistory.lending("1.0.0"), runID: "cut", options: JUnitParseOptions(allowPartial: true)
        ).ingest(files: [LendingHistory.report("loan-v1.xml"), Fixtures.path("truncated.xml")], into: history.catalog)
        #expect(result.total.partial == 1)
        #expect(!result.total.isGreen)
        #expect(result.files[1].partial?.code == .truncated)
        #expect(try Self.rows(history.path, "SELECT partial FROM test_run") == ["1"])
        let files = try #require(try history.catalog.testRun(id: "cut")).files
        #expect(files.map(\.partial) == [nil, result.files[1].partial?.description])
        #expect(files[1].tests == result.files[1].summary.tests)
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_result") == ["\(result.stored)"])
    }

    @Test func theSameRunIDReplacesTheRun() throws {
        let history = try LendingHistory()
        let ingestion = TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "ci-1")
        _ = try ingestion.ingest(files: [LendingHistory.report("loan-v1.xml")], into: history.catalog)
        var again = ingestion
        again.dataset = try LendingHistory.lending("1.1.0")
        let second = try again.ingest(files: [LendingHistory.report("loan-v2.xml")], into: history.catalog)
        #expect(second.replaced?.id == "ci-1")
        #expect(second.replaced?.dataset.description == "lending@1.0.0")
        #expect(try Self.rows(history.path, "SELECT id, version FROM test_run") == ["ci-1|1.1.0"])
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_result") == ["7"])
        // Seven tests run once each: their attempts are in their result rows, none in test_attempt.
        #expect(try Self.rows(history.path, "SELECT count(*) FROM test_attempt") == ["0"])
        #expect(
            try history.catalog.testResults(ofRun: "ci-1").map(\.result.attempts.count) == Array(repeating: 1, count: 7)
        )
    }

    @Test func anUnknownDatasetVersionIsRefused() throws {
        let history = try LendingHistory()
        #expect {
            try TestRunIngestion(dataset: try LendingHistory.lending("9.9.9"), runID: "x")
                .ingest(files: [LendingHistory.report("loan-v1.xml")], into: history.catalog)
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .notFound
                && error.message
                    == "lending@9.9.9 is not in the catalog: the catalog has lending@1.0.0, lending@1.1.0"
        }
    }
}
