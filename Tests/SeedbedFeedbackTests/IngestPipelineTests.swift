import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedTestSupport
import Testing

/// The ingest parses on its own thread and stores on the caller's: these runs are large enough
/// that many batches cross between the two, so the errors below happen while both are busy.
@Suite("Ingesting on two threads")
struct IngestPipelineTests {
    /// A report of `suites` suites of 100 tests each: per suite, 5 failed, 2 errors, 4 skipped
    /// and 89 passed; every suite's timestamp is `timestamp`.
    static func report(suites: Int, prefix: String, timestamp: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for suite in 0..<suites {
            xml += "<testsuite name=\"\(prefix)\(suite)\" tests=\"100\" timestamp=\"\(timestamp)\">\n"
            for test in 0..<100 {
                let start = "<testcase classname=\"\(prefix)\(suite)\" name=\"test\(test)\" time=\"0.001\""
                if test % 20 == 0 {
                    xml +=
                        "\(start)><failure message=\"expected \(test) but was 0\">at A.b(A.java:\(test))</failure></testcase>\n"
                } else if test % 50 == 13 {
                    xml += "\(start)><error message=\"boom\" type=\"IOException\"/></testcase>\n"
                } else if test % 25 == 7 {
                    xml += "\(start)><skipped/></testcase>\n"
                } else {
                    xml += "\(start)/>\n"
                }
            }
            xml += "</testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    @Test func aLargeRunIsStoredWholeWithItsFilesInOrder() throws {
        let history = try LendingHistory()
        let folder = try TemporaryDirectory()
        let first = try folder.write("a.xml", Self.report(suites: 300, prefix: "A", timestamp: "2026-03-02T10:00:00Z"))
        let second = try folder.write("b.xml", Self.report(suites: 200, prefix: "B", timestamp: "2026-03-01T08:00:00Z"))
        let result = try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "big")
            .ingest(files: [first, second], into: history.catalog, at: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(result.stored == 50_000)
        #expect(result.files.map(\.file) == [first, second])
        #expect(
            result.files.map(\.summary) == [
                RunSummary(files: 1, tests: 30_000, passed: 26_700, failed: 1_500, errors: 600, skipped: 1_200),
                RunSummary(files: 1, tests: 20_000, passed: 17_800, failed: 1_000, errors: 400, skipped: 800),
            ])
        #expect(
            result.total
                == RunSummary(files: 2, tests: 50_000, passed: 44_500, failed: 2_500, errors: 1_000, skipped: 2_000))
        #expect(try IngestionTests.rows(history.path, "SELECT count(*) FROM test_result") == ["50000"])
        #expect(
            try IngestionTests.rows(
                history.path, "SELECT status, count(*) FROM test_result GROUP BY status ORDER BY status")
                == ["error|1000", "failed|2500", "passed|44500", "skipped|2000"])
        // Records arrive in the order they were read: seq follows the files, then the suites.
        #expect(
            try IngestionTests.rows(
                history.path,
                "SELECT r.id % 4294967296, classname, name FROM test_result r JOIN test_group g ON g.id = r.id - r.id % 4294967296 + r.group_seq WHERE r.id % 4294967296 IN (0, 29999, 30000, 49999)"
            )
                == ["0|A0|test0", "29999|A299|test99", "30000|B0|test0", "49999|B199|test99"])
        // The run's time is the earliest report's, from the second file.
        #expect(
            try IngestionTests.rows(history.path, "SELECT run_at, partial FROM test_run")
                == ["2026-03-01T08:00:00.000Z|0"])
    }

    @Test func aBrokenFileAfterManyBatchesStoresNothing() throws {
        let history = try LendingHistory()
        let folder = try TemporaryDirectory()
        let large = try folder.write("a.xml", Self.report(suites: 200, prefix: "A", timestamp: "2026-03-02T10:00:00Z"))
        let broken = Fixtures.path("truncated.xml")
        #expect {
            try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "cut")
                .ingest(files: [large, broken], into: history.catalog)
        } throws: { error in
            let error = try #require(error as? JUnitError)
            return error.code == .truncated && error.file == broken && error.line == 8
        }
        for table in ["test_run", "test_result", "test_attempt", "test_link"] {
            #expect(try IngestionTests.rows(history.path, "SELECT count(*) FROM \(table)") == ["0"])
        }
        // The transaction ended and the producer stopped: the same catalog takes the next ingest.
        let again = try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "cut")
            .ingest(files: [large], into: history.catalog)
        #expect(again.stored == 20_000)
        #expect(try IngestionTests.rows(history.path, "SELECT count(*) FROM test_result") == ["20000"])
    }

    @Test func aCatalogErrorWhileReadingStopsTheReaderAndStoresNothing() throws {
        let history = try LendingHistory()
        let folder = try TemporaryDirectory()
        // Large enough that the reader is still filling the queue when the catalog refuses.
        let files = try (0..<4).map { index in
            try folder.write(
                "r\(index).xml", Self.report(suites: 100, prefix: "R\(index)-", timestamp: "2026-03-02T10:00:00Z"))
        }
        #expect {
            try TestRunIngestion(dataset: try LendingHistory.lending("9.9.9"), runID: "x")
                .ingest(files: files, into: history.catalog)
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .notFound
                && error.message
                    == "lending@9.9.9 is not in the catalog: the catalog has lending@1.0.0, lending@1.1.0"
        }
        #expect(try IngestionTests.rows(history.path, "SELECT count(*) FROM test_run") == ["0"])
        #expect(try IngestionTests.rows(history.path, "SELECT count(*) FROM test_result") == ["0"])
        let stored = try TestRunIngestion(dataset: try LendingHistory.lending("1.0.0"), runID: "x")
            .ingest(files: files, into: history.catalog)
        #expect(stored.stored == 40_000)
    }
}
