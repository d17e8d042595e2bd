import SeedbedStores

/// Where a `TestRunWriter` puts the rows of one run's tests: straight into SQLite, or in batches
/// through the store's bulk loader (COPY on PostgreSQL).
protocol TestRowSink: AnyObject {
    /// Writes (or gathers) a link row of the test `seq`, the run's link row `ordinal` (each link
    /// once: the writer drops repeats).
    func addLink(seq: Int64, ordinal: Int64, kind: TestLink.Kind, value: String) throws(StoreError)
    /// Writes (or gathers) a test's group when it starts a new one, and its result row, with the
    /// texts as UTF-8 bytes (copied into the rows; the ingest's row buffers hold them so). A
    /// plain attempt (`TestResultRecord.attemptIsInResult`) is kept in the result's row: its
    /// normalised message and frames; otherwise those are NULL and the attempts follow.
    /// `sameGroup` when the test is in the group of the one before it (its group is not looked
    /// for).
    func addResult(
        seq: Int64, key: TestRowKey, suitePath: [String], sameGroup: Bool, classname: UnsafeBufferPointer<UInt8>?,
        reportFile: String,
        name: UnsafeBufferPointer<UInt8>, file: UnsafeBufferPointer<UInt8>?, occurrence: Int, reportLine: Int,
        status: String, attemptCount: Int, duration: Double?, message: UnsafeBufferPointer<UInt8>?,
        failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?, coarseFingerprint: String?, plainAttempt: Bool,
        normalizedMessage: String?, frames: [String]?
    ) throws(StoreError)
    /// Writes (or gathers) an attempt row of the test `seq`, the run's attempt row `ordinal`, with
    /// its texts as UTF-8 bytes.
    func addAttempt(
        seq: Int64, ordinal: Int64, index: Int, outcome: String, origin: String, duration: Double?,
        message: UnsafeBufferPointer<UInt8>?, failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?,
        coarseFingerprint: String?, normalizedMessage: String?, frames: [String]?
    ) throws(StoreError)
    /// Writes whatever is gathered.
    func flush() throws(StoreError)
}

/// The columns each sink writes, in the order its values are set: whether each is an integer
/// (BIGINT) or text. `id` is the row's key (schema 6): the run's base plus the group's
/// `group_seq`, the result's `seq`, or the attempt's or link's ordinal in the run.
enum TestRowColumns {
    static let group: [(name: String, integer: Bool)] = [
        ("id", true), ("suite_path", false), ("classname", false), ("report_file", false),
    ]
    static let result: [(name: String, integer: Bool)] = [
        ("id", true), ("test_key", false), ("group_seq", true), ("name", false), ("file", false),
        ("occurrence", true), ("report_line", true), ("status", false), ("attempt_count", true),
        ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
        ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
    ]
    static let attempt: [(name: String, integer: Bool)] = [
        ("id", true), ("seq", true), ("attempt", true), ("outcome", false), ("origin", false),
        ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
        ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
    ]
    static let link: [(name: String, integer: Bool)] = [
        ("id", true), ("seq", true), ("kind", false), ("value", false),
    ]
}

/// The groups of a run's tests as they are written (schema 5): consecutive tests with the same
/// suite path, class name and report file share one `test_group` row.
struct TestGroups {
    /// The current group's `group_seq`; -1 before the first test.
    private(set) var current: Int64 = -1
    private var suitePath: [String] = []
    private var classname: String?
    private var reportFile = ""

    /// Moves to the group of a test with these: true when that is a new one, whose row is to be
    /// written. The class name is kept as a string once per group.
    mutating func enter(suitePath: [String], classname: UnsafeBufferPointer<UInt8>?, reportFile: String) -> Bool {
        guard
            current < 0 || reportFile != self.reportFile || !Self.same(self.classname, classname)
                || suitePath != self.suitePath
        else { return false }
        current += 1
        self.suitePath = suitePath
        self.classname = classname.map { String(decoding: $0, as: UTF8.self) }
        self.reportFile = reportFile
        return true
    }

    private static func same(_ text: String?, _ bytes: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let text, let bytes else { return text == nil && bytes == nil }
        return text.utf8.withContiguousStorageIfAvailable { $0.elementsEqual(bytes) }
            ?? text.utf8.elementsEqual(bytes)
    }
}
