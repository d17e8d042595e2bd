import SeedbedCatalog

/// One suite element's tests as the catalog stores them, for the ingest: typed columns and one
/// byte arena holding every text, with no `TestCase`, attempts array or string per test.
///
/// The reading thread fills it as the suite's tests finish (`ReportBuilder` with a row emitter)
/// and hands it over whole when the suite ends; the writing thread binds its values straight
/// from the arena (`write(to:)`) and makes the failures' fingerprints from the bytes. A suite's
/// buffer is a few arrays, allocated and freed in one piece each, wherever that happens.
struct TestRowBuffer: Sendable {
    /// A text's bytes in `arena`, or none (`count` < 0).
    struct Text: Sendable, Equatable {
        var offset: Int
        var count: Int

        static let none = Text(offset: 0, count: -1)
    }

    let suitePath: [String]
    /// The report the suite is in (set by the ingest when it takes the buffer).
    var reportFile = ""
    private(set) var arena: [UInt8] = []

    // Tests, by index in the order their first element was read.
    private(set) var identityHashes: [UInt64] = []
    private(set) var occurrences: [Int] = []
    private(set) var reportLines: [Int] = []
    private(set) var classnames: [Text] = []
    private(set) var names: [Text] = []
    private(set) var files: [Text] = []
    private(set) var markedFlaky: [Bool] = []
    /// Set when the suite ends (`finish`).
    private(set) var statuses: [TestStatus] = []
    /// Each test's attempts are `firstAttempts[test]..<firstAttempts[test] + attemptCounts[test]`
    /// of the attempt columns.
    private(set) var firstAttempts: [Int] = []
    private(set) var attemptCounts: [Int] = []

    // Attempts. A retry moves its test's attempts to the end (the old rows are left unused):
    // retries are rare, and a test's attempts stay one run of indices.
    private(set) var outcomes: [Outcome] = []
    private(set) var origins: [Attempt.Origin] = []
    private(set) var durations: [Double?] = []
    private(set) var messages: [Text] = []
    private(set) var types: [Text] = []
    /// For failed and errored attempts only: the fingerprint's input, made on the writing thread.
    private(set) var stacks: [Text] = []
    private(set) var pendingFingerprints: [Attempt.PendingFingerprint?] = []

    // Links, made when the suite ends, in test order.
    private(set) var linkTests: [Int] = []
    private(set) var linkKinds: [TestLink.Kind] = []
    private(set) var linkValues: [Text] = []

    /// While the suite is open: the properties of the tests that have any, by test index.
    private var properties: [Int: [Property]] = [:]
    /// The last class name stored and where: the tests of a class share its bytes.
    private var lastClassname: (text: String, range: Text)?

    init(suitePath: [String]) {
        self.suitePath = suitePath
    }

    var count: Int { names.count }

    /// Room for `tests` tests with one attempt each.
    mutating func reserve(tests: Int) {
        identityHashes.reserveCapacity(tests)
        occurrences.reserveCapacity(tests)
        reportLines.reserveCapacity(tests)
        classnames.reserveCapacity(tests)
        names.reserveCapacity(tests)
        files.reserveCapacity(tests)
        markedFlaky.reserveCapacity(tests)
        firstAttempts.reserveCapacity(tests)
        attemptCounts.reserveCapacity(tests)
        outcomes.reserveCapacity(tests)
        origins.reserveCapacity(tests)
        durations.reserveCapacity(tests)
        messages.reserveCapacity(tests)
        types.reserveCapacity(tests)
        stacks.reserveCapacity(tests)
        pendingFingerprints.reserveCapacity(tests)
        arena.reserveCapacity(tests * 16)
    }

    // MARK: - Filling

    /// Adds a test read for the first time in the suite, with its first `attemptLimit` attempts.
    mutating func append(
        identityHash: UInt64, classname: String?, name: String, file: String?, reportLine: Int, markedFlaky: Bool,
        attempts: [Attempt], attemptLimit: Int, properties: [Property]
    ) {
        let test = count
        identityHashes.append(identityHash)
        occurrences.append(0)
        reportLines.append(reportLine)
        classnames.append(storeClassname(classname))
        names.append(store(name))
        files.append(store(file))
        self.markedFlaky.append(markedFlaky)
        firstAttempts.append(outcomes.count)
        let kept = min(attempts.count, attemptLimit)
        attemptCounts.append(kept)
        for index in 0..<kept { append(attempts[index]) }
        if !properties.isEmpty { self.properties[test] = properties }
    }

    /// Adds a retry's attempts (at most `attemptLimit` of them), new properties and flaky mark to
    /// the test `test`.
    mutating func merge(
        into test: Int, attempts: [Attempt], attemptLimit: Int, properties: [Property], markedFlaky: Bool
    ) {
        let kept = min(attempts.count, attemptLimit)
        if kept > 0 {
            let first = firstAttempts[test]
            let count = attemptCounts[test]
            if first + count != outcomes.count {
                // Not the last test's attempts: moved to the end, so they stay one run.
                firstAttempts[test] = outcomes.count
                for index in first..<(first + count) { copyAttempt(index) }
            }
            for index in 0..<kept { append(attempts[index]) }
            attemptCounts[test] += kept
        }
        if !properties.isEmpty {
            let known = self.properties[test] ?? []
            self.properties[test, default: []] += properties.filter { !known.contains($0) }
        }
        self.markedFlaky[test] = self.markedFlaky[test] || markedFlaky
    }

    func attemptCount(of test: Int) -> Int { attemptCounts[test] }

    /// Whether test `test` has these identity parts (its suite path is the buffer's).
    func isSame(_ test: Int, _ classname: String?, _ name: String, _ file: String?) -> Bool {
        holds(names[test], name) && holds(classnames[test], classname) && holds(files[test], file)
    }

    /// The first test with these identity parts.
    func firstTest(_ classname: String?, _ name: String, _ file: String?) -> Int? {
        (0..<count).first { isSame($0, classname, name, file) }
    }

    /// Ends the suite: numbers the tests that repeat earlier suite elements' (`SuiteIdentities`),
    /// settles each test's status, and makes the links from the properties and names.
    mutating func finish(repeats: [(position: Int, earlier: Int)]) {
        for (position, earlier) in repeats { occurrences[position] = earlier }
        statuses.reserveCapacity(count)
        for test in 0..<count {
            var rule = TestStatusRule()
            let first = firstAttempts[test]
            for index in first..<(first + attemptCounts[test]) { rule.add(outcomes[index]) }
            statuses.append(rule.status(markedFlaky: markedFlaky[test]))
            addLinks(of: test)
        }
        properties = [:]
        lastClassname = nil
    }

    private mutating func addLinks(of test: Int) {
        let properties = self.properties[test] ?? []
        let name = names[test]
        let classname = classnames[test]
        // Most tests have no links: no properties, and neither name has a `[` or `@`.
        guard !properties.isEmpty || mayNameRules(name) || mayNameRules(classname) else { return }
        let links = TraceLinks(
            properties: properties, name: string(name) ?? "", classname: string(classname))
        for value in links.rules { addLink(test, .rule, value) }
        for value in links.scenarios { addLink(test, .scenario, value) }
        for value in links.records { addLink(test, .record, value) }
        for value in links.datasets { addLink(test, .dataset, value) }
    }

    private mutating func addLink(_ test: Int, _ kind: TestLink.Kind, _ value: String) {
        linkTests.append(test)
        linkKinds.append(kind)
        linkValues.append(store(value))
    }

    private func mayNameRules(_ text: Text) -> Bool {
        guard text.count > 0 else { return false }
        return arena[text.offset..<(text.offset + text.count)].contains {
            $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "@")
        }
    }

    private mutating func append(_ attempt: Attempt) {
        outcomes.append(attempt.outcome)
        origins.append(attempt.origin)
        durations.append(attempt.duration)
        messages.append(store(attempt.message))
        types.append(store(attempt.type))
        let failed = attempt.outcome == .failed || attempt.outcome == .error
        if failed, let pending = attempt.pendingFingerprint {
            stacks.append(store(attempt.stackTrace))
            pendingFingerprints.append(pending)
        } else {
            stacks.append(.none)
            pendingFingerprints.append(nil)
        }
    }

    private mutating func copyAttempt(_ index: Int) {
        outcomes.append(outcomes[index])
        origins.append(origins[index])
        durations.append(durations[index])
        messages.append(messages[index])
        types.append(types[index])
        stacks.append(stacks[index])
        pendingFingerprints.append(pendingFingerprints[index])
    }

    // MARK: - Texts

    private mutating func store(_ text: String?) -> Text {
        guard var text else { return .none }
        let offset = arena.count
        text.withUTF8 { arena.append(contentsOf: $0) }
        return Text(offset: offset, count: arena.count - offset)
    }

    /// The reader shares a class name's string between the tests of a class: its bytes are
    /// stored once.
    private mutating func storeClassname(_ classname: String?) -> Text {
        guard let classname else { return .none }
        if let last = lastClassname, last.text == classname { return last.range }
        let range = store(classname)
        lastClassname = (classname, range)
        return range
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

/// A test's status from its attempts' outcomes in order (see `TestStatus`): the one rule for a
/// `TestCase` and a row buffer's test.
struct TestStatusRule {
    private var errored = false
    private var failed = false
    private var lastRun: Outcome?

    mutating func add(_ outcome: Outcome) {
        switch outcome {
        case .error: errored = true
        case .failed: failed = true
        case .passed, .skipped: break
        }
        if outcome != .skipped { lastRun = outcome }
    }

    func status(markedFlaky: Bool) -> TestStatus {
        if lastRun == .passed { return errored || failed || markedFlaky ? .flaky : .passed }
        if errored { return .error }
        if failed { return .failed }
        return .skipped
    }
}
