public import FoundationEssentials
public import SeedbedCatalog
import SeedbedStores

/// Reads JUnit files and stores them in the catalog as one test run of a dataset version.
///
/// Files are streamed suite by suite into batches of the catalog's bulk writer, inside one
/// transaction: a broken file (without `allowPartial`) or a catalog failure stores nothing.
/// Parsing runs on its own thread (`IngestPipeline`) while the caller's thread makes each test's
/// record and writes it.
///
/// ```swift
/// let ingestion = TestRunIngestion(dataset: try DatasetReference(parsing: "lending@1.4.0"), runID: "ci-812")
/// let result = try ingestion.ingest(files: ["build/test-results"], into: catalog)
/// print(result.total)   // tests, passed, failed, errors, skipped, flaky, partial
/// ```
public struct TestRunIngestion: Sendable {
    public var dataset: DatasetReference
    /// The CI run's ID; ingesting the same ID again replaces the run.
    public var runID: String
    public var commit: String?
    public var options: JUnitParseOptions
    /// The tests ran on `generate --negative` rows: the run is stored marked so, in the same
    /// transaction, and counts towards the catch rate only.
    public var negative = false

    public init(
        dataset: DatasetReference, runID: String, commit: String? = nil,
        options: JUnitParseOptions = JUnitParseOptions()
    ) {
        self.dataset = dataset
        self.runID = runID
        self.commit = commit
        self.options = options
    }

    /// Stores `files` (a folder stands for every `*.xml` under it) as the run.
    /// - Parameter now: the ingest time, also the run's time when no report has a timestamp.
    /// - Throws: `JUnitError` for a missing, refused or broken file (naming file:line), and
    ///   `CatalogError` when the dataset version is not in the catalog or the catalog fails;
    ///   either way nothing is stored.
    public func ingest(files paths: [String], into catalog: Catalog, at now: Date = Date()) throws -> IngestResult {
        let files = try ReportFiles.expand(paths)
        // Reading starts at once, so it overlaps the catalog's lookups as well as its writes.
        let pipeline = IngestPipeline.start(files: files, parser: JUnitParser(options: options))
        var ingested: [IngestedFile] = []
        let start = TestRunRecord(
            id: runID, dataset: dataset, commit: commit, runAt: now, ingestedAt: now, negative: negative)
        let recording: TestRunRecording
        do {
            recording = try catalog.recordTestRun(start) { writer in
                var read: IngestPipeline.Read?
                while read == nil {
                    switch pipeline.next() {
                    case .item(let batch):
                        try batch.write(to: writer)
                        pipeline.stored(consume batch)
                    case .finished(let result):
                        // A broken file throws here, once every earlier batch is written, and the
                        // transaction rolls back.
                        read = try result.get()
                    }
                }
                ingested = read?.files ?? []
                var ended = start
                ended.runAt = read?.earliest ?? now
                ended.partial = ingested.contains { $0.partial != nil }
                ended.files = ingested.map(\.record)
                return ended
            }
        } catch {
            // The catalog failed (or the producer did, and has stopped): stop reading and wait for
            // the thread, so none outlives the call.
            pipeline.cancel()
            throw error
        }
        pipeline.cancel()
        return IngestResult(
            runID: runID, dataset: dataset, commit: commit, files: ingested, replaced: recording.replaced,
            stored: recording.results)
    }

    /// Reads `files` as `ingest` does (parse, fingerprints, the catalog's record of each test)
    /// and stores nothing: the catalog is not opened (`ingest --dry-run`, to check a report in
    /// CI). The result's `stored` is 0.
    /// - Throws: `JUnitError` for a missing, refused or broken file.
    public func check(files paths: [String], at now: Date = Date()) throws -> IngestResult {
        let files = try ReportFiles.expand(paths)
        let parser = JUnitParser(options: options)
        var checked: [IngestedFile] = []
        for file in files {
            // The record is made and dropped, so a dry run costs what an ingest costs but the
            // catalog's work.
            checked.append(try Self.read(file, with: parser) { _ throws(CatalogError) in }.file)
        }
        return IngestResult(
            runID: runID, dataset: dataset, commit: commit, files: checked, replaced: nil, stored: 0)
    }

    /// Streams one file, handing each test's record to `store`; the file's summary and its
    /// earliest timestamp. After `store` throws, the rest of the file is counted, not stored,
    /// and the error is thrown at its end.
    static func read(
        _ file: String, with parser: JUnitParser, store: (TestResultRecord) throws(CatalogError) -> Void
    ) throws -> (file: IngestedFile, timestamp: Date?) {
        try scan(file, with: parser) { cases, hashes throws(CatalogError) in
            for index in cases.indices {
                try store(TestResultRecord(cases[index], identityHash: hashes[index], reportFile: file))
            }
        }
    }

    /// Streams one file, counting its tests and handing each suite's test cases to `suite`, with
    /// their identity hashes alongside (by index); the file's summary and its earliest
    /// timestamp. After `suite` throws, the rest of the file is counted, not handed over, and
    /// the error is thrown at its end.
    static func scan(
        _ file: String, with parser: JUnitParser,
        suite: (_ cases: [TestCase], _ identityHashes: [UInt64]) throws(CatalogError) -> Void
    ) throws -> (file: IngestedFile, timestamp: Date?) {
        var scan = FileScan()
        let run = try parser.stream(file: file) { _, cases, hashes in
            for index in cases.indices { scan.summary.add(cases[index].status) }
            scan.hand { () throws(CatalogError) in try suite(cases, hashes) }
        }
        return try scan.result(file, run)
    }

    /// `scan` for the ingest: each suite's tests as the catalog's rows, no `TestCase` made.
    static func scanRows(
        _ file: String, with parser: JUnitParser, suite: (consuming TestRowBuffer) throws(CatalogError) -> Void
    ) throws -> (file: IngestedFile, timestamp: Date?) {
        var scan = FileScan()
        let run = try parser.streamRows(file: file) { rows in
            for index in rows.tests.indices { scan.summary.add(rows.tests[index].status) }
            var rows = rows
            rows.reportFile = file
            scan.hand { () throws(CatalogError) in try suite(rows) }
        }
        return try scan.result(file, run)
    }
}

/// What scanning one file gathers: its counts, and the first error of whoever takes its suites
/// (the rest of the file is still counted).
private struct FileScan {
    var summary = RunSummary(files: 1)
    private var failure: CatalogError?

    /// Runs `body` (which hands a suite over) unless an earlier one failed.
    mutating func hand(_ body: () throws(CatalogError) -> Void) {
        guard failure == nil else { return }
        do {
            try body()
        } catch {
            failure = error
        }
    }

    /// The file's summary and earliest timestamp, or the error a hand-over met.
    func result(_ file: String, _ run: TestRun) throws(CatalogError) -> (file: IngestedFile, timestamp: Date?) {
        if let failure { throw failure }
        var summary = summary
        if run.isPartial { summary.partial = 1 }
        return (IngestedFile(file: file, summary: summary, partial: run.partial, warnings: run.warnings), run.timestamp)
    }
}

/// What `ingest` stored.
public struct IngestResult: Sendable {
    public var runID: String
    public var dataset: DatasetReference
    public var commit: String?
    public var files: [IngestedFile]
    /// The earlier run with the same ID, now replaced.
    public var replaced: TestRunRecord?
    /// Tests stored.
    public var stored: Int

    public var total: RunSummary { RunSummary.total(files.map(\.summary)) }
}

/// One JUnit file of an ingested run.
public struct IngestedFile: Sendable {
    public var file: String
    public var summary: RunSummary
    /// Why reading stopped early, for a file kept with `allowPartial`.
    public var partial: JUnitError?
    public var warnings: [JUnitWarning]

    var record: TestFileRecord {
        TestFileRecord(
            path: file, tests: summary.tests, passed: summary.passed, failed: summary.failed, errors: summary.errors,
            skipped: summary.skipped, flaky: summary.flaky, partial: partial?.description)
    }
}
