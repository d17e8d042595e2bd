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

extension TestRunWriter {
    /// Adds a parsed test: the rows `add(TestResultRecord(testCase, …))` writes, without making
    /// the record. The test case's strings are read in place and copied once, as bytes into the
    /// catalog's rows: a record would retain each (strings the parsing thread allocated, so each
    /// retain and release is a cache miss) and allocate its attempts, key and links.
    func add(_ testCase: borrowing TestCase, identityHash: UInt64, reportFile: String) throws(CatalogError) {
        let status = testCase.status
        let count = testCase.attempts.count
        let deciding = testCase.decidingAttempt
        let isFailure = status == .failed || status == .error
        let duration = testCase.summedDuration
        let key = TestKey.hash(identityHash: identityHash, occurrence: testCase.occurrence)
        if let deciding {
            let fingerprint = isFailure ? testCase.attempts[deciding].fingerprint?.fine : nil
            let coarse = isFailure ? testCase.attempts[deciding].fingerprint?.coarse : nil
            let plain =
                count == 1
                && TestResultRecord.isPlainAttempt(
                    status: status.rawValue, duration: duration, message: testCase.attempts[deciding].message,
                    failureType: testCase.attempts[deciding].type, fingerprint: fingerprint,
                    coarseFingerprint: coarse, outcome: testCase.attempts[0].outcome.rawValue,
                    origin: testCase.attempts[0].origin.rawValue, attemptDuration: testCase.attempts[0].duration,
                    attemptMessage: testCase.attempts[0].message, attemptFailureType: testCase.attempts[0].type,
                    attemptFingerprint: testCase.attempts[0].fingerprint?.fine,
                    attemptCoarseFingerprint: testCase.attempts[0].fingerprint?.coarse)
            try addTest(
                key: .hash(key), suitePath: testCase.identity.suitePath, classname: testCase.identity.classname,
                name: testCase.identity.name, file: testCase.identity.file, occurrence: testCase.occurrence,
                reportFile: reportFile, reportLine: testCase.reportLine, status: status.rawValue,
                attemptCount: count, duration: duration, message: testCase.attempts[deciding].message,
                failureType: testCase.attempts[deciding].type, fingerprint: fingerprint, coarseFingerprint: coarse,
                plainAttempt: plain,
                normalizedMessage: plain ? testCase.attempts[0].fingerprint?.normalizedMessage : nil,
                frames: plain ? testCase.attempts[0].fingerprint?.frames : nil)
            if plain {
                try addLinks(testCase.traceLinks)
                return
            }
        } else {
            try addTest(
                key: .hash(key), suitePath: testCase.identity.suitePath, classname: testCase.identity.classname,
                name: testCase.identity.name, file: testCase.identity.file, occurrence: testCase.occurrence,
                reportFile: reportFile, reportLine: testCase.reportLine, status: status.rawValue,
                attemptCount: count, duration: duration, message: nil, failureType: nil, fingerprint: nil,
                coarseFingerprint: nil, plainAttempt: false, normalizedMessage: nil, frames: nil)
        }
        for index in 0..<count {
            try addAttempt(
                index, outcome: testCase.attempts[index].outcome.rawValue,
                origin: testCase.attempts[index].origin.rawValue, duration: testCase.attempts[index].duration,
                message: testCase.attempts[index].message, failureType: testCase.attempts[index].type,
                fingerprint: testCase.attempts[index].fingerprint?.fine,
                coarseFingerprint: testCase.attempts[index].fingerprint?.coarse,
                normalizedMessage: testCase.attempts[index].fingerprint?.normalizedMessage,
                frames: testCase.attempts[index].fingerprint?.frames)
        }
        try addLinks(testCase.traceLinks)
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
    var decidingAttempt: Int? {
        switch status {
        case .failed, .error: attempts.lastIndex { $0.outcome == .failed || $0.outcome == .error }
        default: attempts.indices.last
        }
    }

    /// The known durations of the attempts summed in order from 0 (as `reduce(0, +)` over them
    /// would), nil when none is known.
    var summedDuration: Double? {
        var total: Double?
        for index in attempts.indices {
            if let seconds = attempts[index].duration { total = (total ?? 0) + seconds }
        }
        return total
    }
}

extension TestAttemptRecord {
    init(_ attempt: Attempt) {
        self.init(
            outcome: attempt.outcome.rawValue, origin: attempt.origin.rawValue, duration: attempt.duration,
            message: attempt.message, failureType: attempt.type, fingerprint: attempt.fingerprint?.fine,
            coarseFingerprint: attempt.fingerprint?.coarse, normalizedMessage: attempt.fingerprint?.normalizedMessage,
            frames: attempt.fingerprint?.frames ?? [])
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
