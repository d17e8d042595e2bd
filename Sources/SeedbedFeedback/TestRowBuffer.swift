import SeedbedCatalog

/// One suite element's tests as the catalog stores them, for the ingest: an array of test rows
/// and one of attempt rows (plain values), and one byte arena holding every text as an
/// (offset, count) range, with no `TestCase`, attempts array or string per test.
///
/// The reading thread fills it as the suite's tests finish (`ReportBuilder` with the `.rows`
/// emitter: the same state machine, dialects and retries as for test cases) and hands it over
/// whole when the suite ends; the writing thread binds its values straight from the arena
/// (`write(to:)`), and makes the failures' fingerprints and the tests' links from the bytes. A
/// suite's buffer is a few arrays, allocated and freed in one piece each.
///
/// An array of structs rather than an array per column: a test costs two appends instead of
/// sixteen, and the writer reads each test's values from one place.
struct TestRowBuffer: Sendable {
    /// A text's bytes in `arena`, or none (`count` < 0).
    struct Text: Sendable, Equatable {
        var offset: Int
        var count: Int

        static let none = Text(offset: 0, count: -1)
    }

    /// A test's values, by index in the order its first element was read.
    struct Test: Sendable {
        var identityHash: UInt64
        var occurrence = 0
        var reportLine: Int
        var classname: Text
        var name: Text
        var file: Text
        var markedFlaky: Bool
        /// Whether `properties` holds the test's (most tests have none, and are not looked up).
        var hasProperties: Bool
        /// Set when the suite ends (`finish`).
        var status = TestStatus.passed
        /// The test's attempts are `attempts[firstAttempt..<firstAttempt + attemptCount]`.
        var firstAttempt: Int
        var attemptCount: Int
    }

    struct AttemptRow: Sendable {
        var outcome: Outcome
        var origin: Attempt.Origin
        /// For failed and errored attempts only: which message the fingerprint takes (it is
        /// made on the writing thread, from `type`, `message` and `stack`).
        var pendingFingerprint: Attempt.PendingFingerprint?
        var duration: Double?
        var message: Text
        var type: Text
        var stack: Text
    }

    let suitePath: [String]
    /// The report the suite is in (set by the ingest when it takes the buffer).
    var reportFile = ""
    private(set) var arena: [UInt8] = []
    private(set) var tests: [Test] = []
    /// A retry moves its test's attempts to the end (the old rows are left unused): retries are
    /// rare, and a test's attempts stay one run of indices.
    private(set) var attempts: [AttemptRow] = []

    /// The properties of the tests that have any, by test index: the writing thread makes the
    /// links from them and the names.
    private(set) var properties: [Int: [Property]] = [:]
    /// The last class name stored and where: the tests of a class share its bytes. Kept apart
    /// so that they are compared and read in place, without copying the string out.
    private var lastClassname: String?
    private var lastClassnameRange = Text.none

    init(suitePath: [String]) {
        self.suitePath = suitePath
    }

    var count: Int { tests.count }

    /// Room for `tests` tests with one attempt each.
    mutating func reserve(tests count: Int) {
        tests.reserveCapacity(count)
        attempts.reserveCapacity(count)
        arena.reserveCapacity(count * 32)
    }

    // MARK: - Filling

    /// Adds a test read for the first time in the suite, with its first `attemptLimit` of
    /// `attempts`.
    mutating func append(
        identityHash: UInt64, classname: String?, name: String, file: String?, reportLine: Int, markedFlaky: Bool,
        attempts new: borrowing [Attempt], attemptLimit: Int, properties: [Property]
    ) {
        let kept = min(new.count, attemptLimit)
        if !properties.isEmpty { self.properties[tests.count] = properties }
        let classRange = storeClassname(classname)
        tests.append(
            Test(
                identityHash: identityHash, reportLine: reportLine, classname: classRange, name: store(name),
                file: store(file), markedFlaky: markedFlaky, hasProperties: !properties.isEmpty,
                firstAttempt: attempts.count,
                attemptCount: kept))
        for index in 0..<kept { append(new, index) }
    }

    /// Adds a retry's attempts (at most `attemptLimit` of them), new properties and flaky mark to
    /// the test `test`.
    mutating func merge(
        into test: Int, attempts new: borrowing [Attempt], attemptLimit: Int, properties: [Property],
        markedFlaky: Bool
    ) {
        let kept = min(new.count, attemptLimit)
        if kept > 0 {
            let first = tests[test].firstAttempt
            let count = tests[test].attemptCount
            if first + count != attempts.count {
                // Not the last test's attempts: moved to the end, so they stay one run.
                tests[test].firstAttempt = attempts.count
                for index in first..<(first + count) { attempts.append(attempts[index]) }
            }
            for index in 0..<kept { append(new, index) }
            tests[test].attemptCount += kept
        }
        if !properties.isEmpty {
            let known = self.properties[test] ?? []
            self.properties[test, default: []] += properties.filter { !known.contains($0) }
            tests[test].hasProperties = true
        }
        tests[test].markedFlaky = tests[test].markedFlaky || markedFlaky
    }

    func attemptCount(of test: Int) -> Int { tests[test].attemptCount }

    /// Whether test `test` has these identity parts (its suite path is the buffer's).
    func isSame(_ test: Int, _ classname: String?, _ name: String, _ file: String?) -> Bool {
        holds(tests[test].name, name) && holds(tests[test].classname, classname) && holds(tests[test].file, file)
    }

    /// The first test with these identity parts.
    func firstTest(_ classname: String?, _ name: String, _ file: String?) -> Int? {
        tests.indices.first { isSame($0, classname, name, file) }
    }

    /// Ends the suite: numbers the tests that repeat earlier suite elements' (`SuiteIdentities`),
    /// and settles each test's status.
    mutating func finish(repeats: [(position: Int, earlier: Int)]) {
        for (position, earlier) in repeats { tests[position].occurrence = earlier }
        for test in tests.indices {
            var rule = TestStatusRule()
            let first = tests[test].firstAttempt
            for index in first..<(first + tests[test].attemptCount) { rule.add(attempts[index].outcome) }
            tests[test].status = rule.status(markedFlaky: tests[test].markedFlaky)
        }
        lastClassname = nil
        lastClassnameRange = .none
    }

    /// Appends attempt `index` of `new`, read in place (a copy of an attempt retains each of its
    /// strings).
    private mutating func append(_ new: borrowing [Attempt], _ index: Int) {
        let outcome = new[index].outcome
        let failed = outcome == .failed || outcome == .error
        let pending = failed ? new[index].pendingFingerprint : nil
        attempts.append(
            AttemptRow(
                outcome: outcome, origin: new[index].origin, pendingFingerprint: pending,
                duration: new[index].duration, message: store(new[index].message), type: store(new[index].type),
                stack: pending == nil ? .none : store(new[index].stackTrace)))
    }

    // MARK: - Texts

    private mutating func store(_ text: String?) -> Text {
        guard let text else { return .none }
        let offset = arena.count
        // In place: the reader's strings are native, so contiguous.
        if text.utf8.withContiguousStorageIfAvailable({ arena.append(contentsOf: $0) }) == nil {
            arena.append(contentsOf: text.utf8)
        }
        return Text(offset: offset, count: arena.count - offset)
    }

    /// The reader shares a class name's string between the tests of a class: its bytes are
    /// stored once.
    private mutating func storeClassname(_ classname: String?) -> Text {
        guard let classname else { return .none }
        if lastClassnameRange.count >= 0, classname == lastClassname { return lastClassnameRange }
        lastClassnameRange = store(classname)
        lastClassname = classname
        return lastClassnameRange
    }

    private func holds(_ range: Text, _ text: String?) -> Bool {
        guard let text else { return range.count < 0 }
        guard range.count >= 0 else { return false }
        return text.utf8.elementsEqual(arena[range.offset..<(range.offset + range.count)])
    }

    func string(_ text: Text) -> String? {
        guard text.count >= 0 else { return nil }
        return String(decoding: arena[text.offset..<(text.offset + text.count)], as: UTF8.self)
    }
}
