import SeedbedStores

/// A run's test rows inserted into SQLite as the tests arrive, bound straight from the test's
/// values: no column arrays and no batch of thousands. Result, attempt and link rows go eight to
/// a statement (no foreign key ties them to each other, schema 6, so they may reach their tables
/// in any order); each row's key is the run's base plus its ordinal, and the statuses, outcomes,
/// origins and link kinds the JUnit reader uses are constant C strings.
final class SQLiteTestRows: TestRowSink {
    /// The run's first key: `number * 2^32`.
    private let base: Int64
    private let groups: SQLiteRowInserter
    private let results: SQLiteRowInserter
    private let attempts: SQLiteRowInserter
    private let links: SQLiteRowInserter
    /// Not checked for exclusivity at run time, as `TestRunWriter`'s counts.
    @exclusivity(unchecked) private var grouping = TestGroups()

    /// Rows per INSERT: a statement of 8 rows stores a result row about 40% cheaper than one of
    /// a row; more rows gain little (32 and 128 measured the same).
    static let rowsPerStatement = 8

    init(base: Int64, database: SQLiteDatabase) throws(StoreError) {
        self.base = base
        let rows = Self.rowsPerStatement
        groups = try SQLiteRowInserter(
            database: database, table: "test_group", columns: TestRowColumns.group.map(\.name))
        results = try SQLiteRowInserter(
            database: database, table: "test_result", columns: TestRowColumns.result.map(\.name),
            rowsPerStatement: rows)
        attempts = try SQLiteRowInserter(
            database: database, table: "test_attempt", columns: TestRowColumns.attempt.map(\.name),
            rowsPerStatement: rows)
        links = try SQLiteRowInserter(
            database: database, table: "test_link", columns: TestRowColumns.link.map(\.name),
            rowsPerStatement: rows)
    }

    func addLink(seq: Int64, ordinal: Int64, kind: TestLink.Kind, value: String) throws(StoreError) {
        links.set(0, base + ordinal)
        links.set(1, seq)
        links.set(2, constant: Self.kind(kind))
        links.set(3, value)
        try links.endRow()
    }

    func addResult(
        seq: Int64, key: TestRowKey, suitePath: [String], sameGroup: Bool, classname: UnsafeBufferPointer<UInt8>?,
        reportFile: String, name: UnsafeBufferPointer<UInt8>, file: UnsafeBufferPointer<UInt8>?, occurrence: Int,
        reportLine: Int, status: String, attemptCount: Int, duration: Double?, message: UnsafeBufferPointer<UInt8>?,
        failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?, coarseFingerprint: String?, plainAttempt: Bool,
        normalizedMessage: String?, frames: [String]?
    ) throws(StoreError) {
        if !sameGroup, grouping.enter(suitePath: suitePath, classname: classname, reportFile: reportFile) {
            groups.set(0, base + grouping.current)
            groups.set(1, StringListText.encode(suitePath))
            groups.set(2, bytes: classname)
            groups.set(3, reportFile)
            try groups.endRow()
        }
        results.set(2, grouping.current)
        results.set(0, base + seq)
        switch key {
        case .text(let text): results.set(1, text)
        case .hash(let value): results.set(1, hex: value)
        }
        results.set(3, bytes: name)
        results.set(4, bytes: file)
        results.set(5, Int64(occurrence))
        results.set(6, Int64(reportLine))
        set(results, 7, status)
        results.set(8, Int64(attemptCount))
        results.set(9, TestRunWriter.microseconds(duration))
        results.set(10, bytes: message)
        results.set(11, bytes: failureType)
        results.set(12, fingerprint)
        results.set(13, coarseFingerprint)
        if plainAttempt {
            results.set(14, normalizedMessage)
            results.set(15, joining: frames ?? [], separator: UInt8(ascii: "\n"))
        } else {
            results.set(14, nil as String?)
            results.set(15, nil as String?)
        }
        try results.endRow()
    }

    func addAttempt(
        seq: Int64, ordinal: Int64, index: Int, outcome: String, origin: String, duration: Double?,
        message: UnsafeBufferPointer<UInt8>?, failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?,
        coarseFingerprint: String?, normalizedMessage: String?, frames: [String]?
    ) throws(StoreError) {
        attempts.set(0, base + ordinal)
        attempts.set(1, seq)
        attempts.set(2, Int64(index))
        set(attempts, 3, outcome)
        set(attempts, 4, origin)
        attempts.set(5, TestRunWriter.microseconds(duration))
        attempts.set(6, bytes: message)
        attempts.set(7, bytes: failureType)
        attempts.set(8, fingerprint)
        attempts.set(9, coarseFingerprint)
        attempts.set(10, normalizedMessage)
        attempts.set(11, joining: frames ?? [], separator: UInt8(ascii: "\n"))
        try attempts.endRow()
    }

    /// Inserts the rows still gathered, results before the attempts and links that name them.
    func flush() throws(StoreError) {
        try results.flush()
        try attempts.flush()
        try links.flush()
    }

    /// A status, outcome or origin: the reader's usual words as constants, anything else copied.
    private func set(_ inserter: SQLiteRowInserter, _ column: Int, _ word: String) {
        switch word {
        case "passed": inserter.set(column, constant: "passed")
        case "failed": inserter.set(column, constant: "failed")
        case "error": inserter.set(column, constant: "error")
        case "skipped": inserter.set(column, constant: "skipped")
        case "flaky": inserter.set(column, constant: "flaky")
        case "testCase": inserter.set(column, constant: "testCase")
        case "flakyRun": inserter.set(column, constant: "flakyRun")
        case "rerun": inserter.set(column, constant: "rerun")
        default: inserter.set(column, word)
        }
    }

    private static func kind(_ kind: TestLink.Kind) -> StaticString {
        switch kind {
        case .rule: "rule"
        case .scenario: "scenario"
        case .record: "record"
        case .dataset: "dataset"
        }
    }
}
