import SeedbedStores

/// A run's test rows gathered column by column and written in batches through the store's bulk
/// loader (COPY on PostgreSQL), results first since attempts and links reference them.
final class BatchedTestRows: TestRowSink {
    /// Tests per batch: large enough that a batch costs one COPY, small enough that memory holds
    /// only a few thousand tests whatever the run's size.
    static let batchSize = 2000

    private let runID: String
    private let database: any Database
    private var groups = PendingRows(table: "test_group", columns: TestRowColumns.group)
    private var results = PendingRows(table: "test_result", columns: TestRowColumns.result)
    private var attempts = PendingRows(table: "test_attempt", columns: TestRowColumns.attempt)
    private var links = PendingRows(table: "test_link", columns: TestRowColumns.link)
    private var grouping = TestGroups()

    init(runID: String, database: any Database) {
        self.runID = runID
        self.database = database
    }

    func add(contentsOf results: [TestResultRecord], firstSeq: Int64) throws(StoreError) {
        for index in results.indices { try add(results[index], seq: firstSeq + Int64(index)) }
    }

    private func add(_ result: TestResultRecord, seq: Int64) throws(StoreError) {
        let inResult = result.attemptIsInResult
        if grouping.enter(result) {
            groups.append(0, runID)
            groups.append(1, grouping.current)
            groups.append(2, StringListText.encode(result.suitePath))
            groups.append(3, result.classname)
            groups.append(4, result.reportFile)
            groups.endRow()
        }
        results.append(0, runID)
        results.append(1, seq)
        results.append(2, result.key)
        results.append(3, grouping.current)
        results.append(4, result.name)
        results.append(5, result.file)
        results.append(6, Int64(result.occurrence))
        results.append(7, Int64(result.reportLine))
        results.append(8, result.status)
        results.append(9, Int64(result.attempts.count))
        results.append(10, TestRunWriter.microseconds(result.duration))
        results.append(11, result.message)
        results.append(12, result.failureType)
        results.append(13, result.fingerprint)
        results.append(14, result.coarseFingerprint)
        results.append(15, inResult ? result.attempts[0].normalizedMessage : nil)
        results.append(16, inResult ? TestRunWriter.framesText(result.attempts[0]) : nil)
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
        try groups.flush(to: database)
        try results.flush(to: database)
        try attempts.flush(to: database)
        try links.flush(to: database)
    }
}
