import SeedbedStores

/// A run's test rows inserted into SQLite as the tests arrive, bound straight from the record:
/// no column arrays and no batch of thousands. Result, attempt and link rows go eight to a
/// statement when the connection checks no foreign keys; the run ID is bound once for the whole
/// run, and the statuses, outcomes, origins and link kinds the JUnit reader uses are constant C
/// strings.
final class SQLiteTestRows: TestRowSink {
    private let runID: String
    private let groups: SQLiteRowInserter
    private let results: SQLiteRowInserter
    private let attempts: SQLiteRowInserter
    private let links: SQLiteRowInserter
    private var grouping = TestGroups()

    /// Rows per INSERT when foreign keys are off (`Catalog.recordTestRun`): a statement of 8
    /// rows stores a result row about 40% cheaper than one of a row, more rows gain little.
    static let rowsPerStatement = 8

    /// - Parameter foreignKeysOff: the connection does not check foreign keys, so the rows of
    ///   the tables may reach them in any order (several per statement); else one at a time.
    init(runID: String, database: SQLiteDatabase, foreignKeysOff: Bool) throws(StoreError) {
        self.runID = runID
        let rows = foreignKeysOff ? Self.rowsPerStatement : 1
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
        for inserter in [groups, results, attempts, links] { try inserter.keep(0, runID) }
    }

    func add(contentsOf results: [TestResultRecord], firstSeq: Int64) throws(StoreError) {
        for index in results.indices { try add(results[index], seq: firstSeq + Int64(index)) }
    }

    private func add(_ result: TestResultRecord, seq: Int64) throws(StoreError) {
        let inResult = result.attemptIsInResult
        if grouping.enter(result) {
            let group = grouping.current
            groups.set(1, group)
            groups.set(2, StringListText.encode(result.suitePath))
            groups.set(3, result.classname)
            groups.set(4, result.reportFile)
            try groups.endRow()
        }
        results.set(3, grouping.current)
        results.set(1, seq)
        results.set(2, result.key)
        results.set(4, result.name)
        results.set(5, result.file)
        results.set(6, Int64(result.occurrence))
        results.set(7, Int64(result.reportLine))
        set(results, 8, result.status)
        results.set(9, Int64(result.attempts.count))
        results.set(10, TestRunWriter.microseconds(result.duration))
        results.set(11, result.message)
        results.set(12, result.failureType)
        results.set(13, result.fingerprint)
        results.set(14, result.coarseFingerprint)
        if inResult {
            results.set(15, result.attempts[0].normalizedMessage)
            results.set(16, joining: result.attempts[0].frames, separator: UInt8(ascii: "\n"))
        } else {
            results.set(15, nil as String?)
            results.set(16, nil as String?)
        }
        try results.endRow()
        if !inResult {
            for (index, attempt) in result.attempts.enumerated() {
                attempts.set(1, seq)
                attempts.set(2, Int64(index))
                set(attempts, 3, attempt.outcome)
                set(attempts, 4, attempt.origin)
                attempts.set(5, TestRunWriter.microseconds(attempt.duration))
                attempts.set(6, attempt.message)
                attempts.set(7, attempt.failureType)
                attempts.set(8, attempt.fingerprint)
                attempts.set(9, attempt.coarseFingerprint)
                attempts.set(10, attempt.normalizedMessage)
                attempts.set(11, joining: attempt.frames, separator: UInt8(ascii: "\n"))
                try attempts.endRow()
            }
        }
        for link in Self.distinctLinks(result.links) {
            links.set(1, seq)
            links.set(2, constant: Self.kind(link.kind))
            links.set(3, link.value)
            try links.endRow()
        }
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
