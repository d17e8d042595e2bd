import SeedbedStores

/// A run's test rows gathered column by column and written in batches through the store's bulk
/// loader (COPY on PostgreSQL), results first since attempts and links reference them.
final class BatchedTestRows: TestRowSink {
    /// Tests per batch: large enough that a batch costs one COPY, small enough that memory holds
    /// only a few thousand tests whatever the run's size.
    static let batchSize = 2000

    /// The run's first key: `number * 2^32`.
    private let base: Int64
    private let database: any Database
    private var groups = PendingRows(table: "test_group", columns: TestRowColumns.group)
    private var results = PendingRows(table: "test_result", columns: TestRowColumns.result)
    private var attempts = PendingRows(table: "test_attempt", columns: TestRowColumns.attempt)
    private var links = PendingRows(table: "test_link", columns: TestRowColumns.link)
    private var grouping = TestGroups()

    init(base: Int64, database: any Database) {
        self.base = base
        self.database = database
    }

    func addLink(seq: Int64, ordinal: Int64, kind: TestLink.Kind, value: String) throws(StoreError) {
        links.append(0, base + ordinal)
        links.append(1, seq)
        links.append(2, kind.rawValue)
        links.append(3, value)
        links.endRow()
    }

    func addResult(
        seq: Int64, key: TestRowKey, suitePath: [String], sameGroup: Bool, classname: UnsafeBufferPointer<UInt8>?,
        reportFile: String,
        name: UnsafeBufferPointer<UInt8>, file: UnsafeBufferPointer<UInt8>?, occurrence: Int, reportLine: Int,
        status: String, attemptCount: Int, duration: Double?, message: UnsafeBufferPointer<UInt8>?,
        failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?, coarseFingerprint: String?, plainAttempt: Bool,
        normalizedMessage: String?, frames: [String]?
    ) throws(StoreError) {
        // A batch is written once its last test's attempts and links are gathered: at the next test.
        if results.count >= Self.batchSize { try flush() }
        // COPY gathers text columns as strings: the bytes become strings here.
        if !sameGroup, grouping.enter(suitePath: suitePath, classname: classname, reportFile: reportFile) {
            groups.append(0, base + grouping.current)
            groups.append(1, StringListText.encode(suitePath))
            groups.append(2, Self.text(classname))
            groups.append(3, reportFile)
            groups.endRow()
        }
        results.append(0, base + seq)
        results.append(1, key.text)
        results.append(2, grouping.current)
        results.append(3, String(decoding: name, as: UTF8.self))
        results.append(4, Self.text(file))
        results.append(5, Int64(occurrence))
        results.append(6, Int64(reportLine))
        results.append(7, status)
        results.append(8, Int64(attemptCount))
        results.append(9, TestRunWriter.microseconds(duration))
        results.append(10, Self.text(message))
        results.append(11, Self.text(failureType))
        results.append(12, fingerprint)
        results.append(13, coarseFingerprint)
        results.append(14, plainAttempt ? normalizedMessage : nil)
        results.append(15, plainAttempt ? TestRunWriter.framesText(frames) : nil)
        results.endRow()
    }

    func addAttempt(
        seq: Int64, ordinal: Int64, index: Int, outcome: String, origin: String, duration: Double?,
        message: UnsafeBufferPointer<UInt8>?, failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?,
        coarseFingerprint: String?, normalizedMessage: String?, frames: [String]?
    ) throws(StoreError) {
        attempts.append(0, base + ordinal)
        attempts.append(1, seq)
        attempts.append(2, Int64(index))
        attempts.append(3, outcome)
        attempts.append(4, origin)
        attempts.append(5, TestRunWriter.microseconds(duration))
        attempts.append(6, Self.text(message))
        attempts.append(7, Self.text(failureType))
        attempts.append(8, fingerprint)
        attempts.append(9, coarseFingerprint)
        attempts.append(10, normalizedMessage)
        attempts.append(11, TestRunWriter.framesText(frames))
        attempts.endRow()
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    func flush() throws(StoreError) {
        try groups.flush(to: database)
        try results.flush(to: database)
        try attempts.flush(to: database)
        try links.flush(to: database)
    }
}
