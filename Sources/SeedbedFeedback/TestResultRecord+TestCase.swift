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
                fingerprint = attempts[index].fingerprint?.fine
                coarseFingerprint = attempts[index].fingerprint?.coarse
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
        let fingerprint = attempt.fingerprint
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
