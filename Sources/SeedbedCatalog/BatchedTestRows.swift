import SeedbedStores

/// A run's test rows gathered column by column and written in batches through the store's bulk
/// loader (COPY on PostgreSQL), results first since attempts and links reference them.
final class BatchedTestRows: TestRowSink {
    /// Tests per batch: large enough that a batch costs one COPY, small enough that memory holds
    /// only a few thousand tests whatever the run's size.
    static let batchSize = 2000

    private let runID: String
    private let database: any Database
    private var results = PendingRows(
        table: "test_result",
        columns: [
            ("run_id", false), ("seq", true), ("test_key", false), ("suite_path", false), ("classname", false),
            ("name", false), ("file", false), ("occurrence", true), ("report_file", false), ("report_line", true),
            ("status", false), ("attempt_count", true), ("duration_us", true), ("message", false),
            ("failure_type", false), ("fingerprint", false), ("coarse_fingerprint", false),
            ("normalized_message", false), ("frames", false),
        ])
    private var attempts = PendingRows(
        table: "test_attempt",
        columns: [
            ("run_id", false), ("seq", true), ("attempt", true), ("outcome", false), ("origin", false),
            ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
            ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
        ])
    private var links = PendingRows(
        table: "test_link", columns: [("run_id", false), ("seq", true), ("kind", false), ("value", false)])
    /// The last suite path and its JSON text: the tests of a suite come one after another, so
    /// the path is encoded once per suite rather than once per test.
    private var lastSuitePath: [String] = []
    private var lastSuitePathText = "[]"

    init(runID: String, database: any Database) {
        self.runID = runID
        self.database = database
    }

    func add(_ result: TestResultRecord, seq: Int64, attemptInResult inResult: Bool)
        throws(StoreError)
    {
        results.append(0, runID)
        results.append(1, seq)
        results.append(2, result.key)
        if result.suitePath != lastSuitePath {
            lastSuitePath = result.suitePath
            lastSuitePathText = StringListText.encode(result.suitePath)
        }
        results.append(3, lastSuitePathText)
        results.append(4, result.classname)
        results.append(5, result.name)
        results.append(6, result.file)
        results.append(7, Int64(result.occurrence))
        results.append(8, result.reportFile)
        results.append(9, Int64(result.reportLine))
        results.append(10, result.status)
        results.append(11, Int64(result.attempts.count))
        results.append(12, TestRunWriter.microseconds(result.duration))
        results.append(13, result.message)
        results.append(14, result.failureType)
        results.append(15, result.fingerprint)
        results.append(16, result.coarseFingerprint)
        results.append(17, inResult ? result.attempts[0].normalizedMessage : nil)
        results.append(18, inResult ? TestRunWriter.framesText(result.attempts[0]) : nil)
        results.endRow()
        if !inResult {
            for (index, attempt) in result.attempts.enumerated() {
                attempts.append(0, runID)
                attempts.append(1, seq)
                attempts.append(2, Int64(index))
                attempts.append(3, attempt.outcome)
                attempts.append(4, attempt.origin)
                attempts.append(5, TestRunWriter.microseconds(attempt.duration))
                attempts.append(6, attempt.message)
                attempts.append(7, attempt.failureType)
                attempts.append(8, attempt.fingerprint)
                attempts.append(9, attempt.coarseFingerprint)
                attempts.append(10, attempt.normalizedMessage)
                attempts.append(11, TestRunWriter.framesText(attempt))
                attempts.endRow()
            }
        }
        for link in Self.distinctLinks(result.links) {
            links.append(0, runID)
            links.append(1, seq)
            links.append(2, link.kind.rawValue)
            links.append(3, link.value)
            links.endRow()
        }
        if results.count >= Self.batchSize { try flush() }
    }

    func flush() throws(StoreError) {
        try results.flush(to: database)
        try attempts.flush(to: database)
        try links.flush(to: database)
    }
}
