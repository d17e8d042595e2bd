import SeedbedStores

/// Where a `TestRunWriter` puts the rows of one run's tests: straight into SQLite, or in batches
/// through the store's bulk loader (COPY on PostgreSQL).
protocol TestRowSink: AnyObject {
    /// Writes (or gathers) the rows of each test of `results`, numbered from `firstSeq`: its
    /// result, the attempts the result's row does not hold (`TestResultRecord.attemptIsInResult`),
    /// and its links without repeats.
    func add(contentsOf results: [TestResultRecord], firstSeq: Int64) throws(StoreError)
    /// Writes whatever is gathered.
    func flush() throws(StoreError)
}

/// The columns each sink writes, in the order its values are set: whether each is an integer
/// (BIGINT) or text.
enum TestRowColumns {
    static let group: [(name: String, integer: Bool)] = [
        ("run_id", false), ("group_seq", true), ("suite_path", false), ("classname", false), ("report_file", false),
    ]
    static let result: [(name: String, integer: Bool)] = [
        ("run_id", false), ("seq", true), ("test_key", false), ("group_seq", true), ("name", false), ("file", false),
        ("occurrence", true), ("report_line", true), ("status", false), ("attempt_count", true),
        ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
        ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
    ]
    static let attempt: [(name: String, integer: Bool)] = [
        ("run_id", false), ("seq", true), ("attempt", true), ("outcome", false), ("origin", false),
        ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
        ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
    ]
    static let link: [(name: String, integer: Bool)] = [
        ("run_id", false), ("seq", true), ("kind", false), ("value", false),
    ]
}

extension TestRowSink {
    /// The links to store: each once, in the order the test named them. Links are few (most
    /// tests have none): a repeat is found by a scan, not a set.
    static func distinctLinks(_ links: [TestLink]) -> some Sequence<TestLink> {
        links.enumerated().lazy.filter { !links[..<$0.offset].contains($0.element) }.map(\.element)
    }
}

/// The groups of a run's tests as they are written (schema 5): consecutive tests with the same
/// suite path, class name and report file share one `test_group` row.
struct TestGroups {
    /// The current group's `group_seq`; -1 before the first test.
    private(set) var current: Int64 = -1
    private var suitePath: [String] = []
    private var classname: String?
    private var reportFile = ""

    /// Moves to `result`'s group: true when that is a new one, whose row is to be written.
    mutating func enter(_ result: TestResultRecord) -> Bool {
        // The same strings, test after test: equal storage compares at once.
        guard
            current < 0 || result.reportFile != reportFile || result.classname != classname
                || result.suitePath != suitePath
        else { return false }
        current += 1
        suitePath = result.suitePath
        classname = result.classname
        reportFile = result.reportFile
        return true
    }
}
