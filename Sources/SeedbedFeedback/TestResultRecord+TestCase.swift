public import SeedbedCatalog

extension TestResultRecord {
    /// A test as the catalog stores it: its identity and key, every attempt with its
    /// fingerprint, and its trace links.
    /// - Parameter reportFile: the JUnit file it was read from.
    public init(_ testCase: TestCase, reportFile: String) {
        self.init(testCase, identityHash: testCase.identity.hasher.value, reportFile: reportFile)
    }

    /// The same, with the identity's hash already made (`TestIdentity.hasher`'s value).
    /// Borrowed: a caller holding the test case lends it rather than copies it.
    init(_ testCase: borrowing TestCase, identityHash: UInt64, reportFile: String) {
        let status = testCase.status
        // Attempts read in place by index: a copy of an attempt retains each of its strings.
        let attempts = testCase.attempts
        let decidingIndex = testCase.decidingAttempt
        let isFailure = status == .failed || status == .error
        var message: String?
        var failureType: String?
        var fingerprint: String?
        var coarseFingerprint: String?
        if let index = decidingIndex {
            message = attempts[index].message
            failureType = attempts[index].type
            if isFailure {
                let settled = attempts[index].settledFingerprint
                fingerprint = settled?.fine
                coarseFingerprint = settled?.coarse
            }
        }
        self.init(
            key: TestKey.of(identityHash: identityHash, occurrence: testCase.occurrence),
            suitePath: testCase.identity.suitePath, classname: testCase.identity.classname,
            name: testCase.identity.name, file: testCase.identity.file, occurrence: testCase.occurrence,
            reportFile: reportFile, reportLine: testCase.reportLine, status: status.rawValue,
            duration: testCase.summedDuration, message: message, failureType: failureType, fingerprint: fingerprint,
            coarseFingerprint: coarseFingerprint, attempts: attempts.map(TestAttemptRecord.init),
            links: Self.links(testCase.traceLinks))
    }

    /// The trace links in the stored order: rules, scenarios, records, datasets. Most tests
    /// have none, and get the empty array without building four.
    private static func links(_ links: TraceLinks) -> [TestLink] {
        let count = links.rules.count + links.scenarios.count + links.records.count + links.datasets.count
        guard count > 0 else { return [] }
        var all: [TestLink] = []
        all.reserveCapacity(count)
        all += links.rules.map { TestLink(.rule, $0) }
        all += links.scenarios.map { TestLink(.scenario, $0) }
        all += links.records.map { TestLink(.record, $0) }
        all += links.datasets.map { TestLink(.dataset, $0) }
        return all
    }
}

extension TestRunWriter {
    /// Adds a parsed test: the rows `add(TestResultRecord(testCase, …))` writes, without making
    /// the record. The test case's strings are read in place and copied once, as bytes into the
    /// catalog's rows: a record would retain each (strings the parsing thread allocated, so each
    /// retain and release is a cache miss) and allocate its attempts, key and links.
    ///
    /// The test is read in place in `cases`, field by field: a test case lent as a parameter is
    /// copied out of the array first, retaining each of its strings and arrays.
    func add(
        _ cases: ArraySlice<TestCase>, at index: Int, identityHash: UInt64, reportFile: String
    ) throws(CatalogError) {
        let status = cases[index].status
        let count = cases[index].attempts.count
        let deciding = TestCase.decidingAttempt(in: cases[index].attempts, status: status)
        let isFailure = status == .failed || status == .error
        let duration = TestCase.summedDuration(of: cases[index].attempts)
        let key = TestKey.hash(identityHash: identityHash, occurrence: cases[index].occurrence)
        // Made here when reading left it for later (on the writing thread).
        let decidingFingerprint = deciding.flatMap { cases[index].attempts[$0].settledFingerprint }
        let message = deciding.flatMap { cases[index].attempts[$0].message }
        let failureType = deciding.flatMap { cases[index].attempts[$0].type }
        let fingerprint = isFailure ? decidingFingerprint?.fine : nil
        let coarse = isFailure ? decidingFingerprint?.coarse : nil
        // A plain attempt is the only one, so the deciding one.
        let plain =
            count == 1
            && TestResultRecord.isPlainAttempt(
                status: status.rawValue, duration: duration, message: message, failureType: failureType,
                fingerprint: fingerprint, coarseFingerprint: coarse, outcome: cases[index].attempts[0].outcome.rawValue,
                origin: cases[index].attempts[0].origin.rawValue, attemptDuration: cases[index].attempts[0].duration,
                attemptMessage: cases[index].attempts[0].message, attemptFailureType: cases[index].attempts[0].type,
                attemptFingerprint: decidingFingerprint?.fine, attemptCoarseFingerprint: decidingFingerprint?.coarse)
        try addTest(
            key: .hash(key), suitePath: cases[index].identity.suitePath, classname: cases[index].identity.classname,
            name: cases[index].identity.name, file: cases[index].identity.file, occurrence: cases[index].occurrence,
            reportFile: reportFile, reportLine: cases[index].reportLine, status: status.rawValue, attemptCount: count,
            duration: duration, message: message, failureType: failureType, fingerprint: fingerprint,
            coarseFingerprint: coarse, plainAttempt: plain,
            normalizedMessage: plain ? decidingFingerprint?.normalizedMessage : nil,
            frames: plain ? decidingFingerprint?.frames : nil)
        if !plain {
            for attempt in 0..<count {
                let fingerprint = cases[index].attempts[attempt].settledFingerprint
                try addAttempt(
                    attempt, outcome: cases[index].attempts[attempt].outcome.rawValue,
                    origin: cases[index].attempts[attempt].origin.rawValue,
                    duration: cases[index].attempts[attempt].duration,
                    message: cases[index].attempts[attempt].message, failureType: cases[index].attempts[attempt].type,
                    fingerprint: fingerprint?.fine, coarseFingerprint: fingerprint?.coarse,
                    normalizedMessage: fingerprint?.normalizedMessage, frames: fingerprint?.frames)
            }
        }
        // Read in place; a test without properties and without `[` or `@` in its names costs
        // two scans of their bytes (`TraceLinks.ruleTokens`) and no allocation.
        try addLinks(
            TraceLinks(
                properties: cases[index].properties, name: cases[index].identity.name,
                classname: cases[index].identity.classname))
    }

    /// The links in the record's order: rules, scenarios, records, datasets.
    private func addLinks(_ links: TraceLinks) throws(CatalogError) {
        for value in links.rules { try addLink(.rule, value) }
        for value in links.scenarios { try addLink(.scenario, value) }
        for value in links.records { try addLink(.record, value) }
        for value in links.datasets { try addLink(.dataset, value) }
    }
}

extension TestCase {
    /// The attempt whose message and type the stored result shows: the last failure or error of
    /// a failed test, else the last attempt.
    var decidingAttempt: Int? { Self.decidingAttempt(in: attempts, status: status) }

    static func decidingAttempt(in attempts: [Attempt], status: TestStatus) -> Int? {
        switch status {
        case .failed, .error: attempts.lastIndex { $0.outcome == .failed || $0.outcome == .error }
        default: attempts.indices.last
        }
    }

    /// The known durations of the attempts summed in order from 0 (as `reduce(0, +)` over them
    /// would), nil when none is known.
    var summedDuration: Double? { Self.summedDuration(of: attempts) }

    static func summedDuration(of attempts: [Attempt]) -> Double? {
        var total: Double?
        for index in attempts.indices {
            if let seconds = attempts[index].duration { total = (total ?? 0) + seconds }
        }
        return total
    }
}

extension TestAttemptRecord {
    init(_ attempt: Attempt) {
        let fingerprint = attempt.settledFingerprint
        self.init(
            outcome: attempt.outcome.rawValue, origin: attempt.origin.rawValue, duration: attempt.duration,
            message: attempt.message, failureType: attempt.type, fingerprint: fingerprint?.fine,
            coarseFingerprint: fingerprint?.coarse, normalizedMessage: fingerprint?.normalizedMessage,
            frames: fingerprint?.frames ?? [])
    }
}

/// What names a test across runs and dataset versions: FNV-1a 64 over its suite path, class
/// name, name, file and occurrence (the same hash as fingerprints, so it is stable everywhere).
public enum TestKey {
    public static func of(_ testCase: TestCase) -> String {
        of(testCase.identity, occurrence: testCase.occurrence)
    }

    public static func of(_ identity: TestIdentity, occurrence: Int) -> String {
        of(identityHash: identity.hasher.value, occurrence: occurrence)
    }

    /// The key from the identity's hash (`TestIdentity.hasher`'s value), continued with the
    /// occurrence's decimal digits.
    static func of(identityHash: UInt64, occurrence: Int) -> String {
        var hash = FNV1a64(continuing: identityHash)
        hash.separate()
        hash.combine(decimal: occurrence)
        return hash.hex
    }

    /// The key's hash, whose 16 lowercase hex digits are the key (`of`).
    static func hash(identityHash: UInt64, occurrence: Int) -> UInt64 {
        var hash = FNV1a64(continuing: identityHash)
        hash.separate()
        hash.combine(decimal: occurrence)
        return hash.value
    }
}
