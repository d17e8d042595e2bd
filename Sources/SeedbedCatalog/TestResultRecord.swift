/// One test of an ingested run, as the catalog keeps it: who it is, how it ended, every
/// attempt, the failure fingerprint and the rules, scenarios and records it names.
///
/// Statuses and outcomes are the JUnit reader's words (`passed`, `failed`, `error`, `skipped`,
/// and for a test `flaky`); the catalog keeps them as text so it needs no JUnit model.
public struct TestResultRecord: Sendable, Equatable {
    /// What names the test across runs and dataset versions (a hash of its identity).
    public var key: String
    /// The enclosing suites' names, outermost first.
    public var suitePath: [String]
    public var classname: String?
    public var name: String
    /// The test's `file` attribute.
    public var file: String?
    /// 0, or 1, 2… for the same identity in later suites of one file (Playwright projects).
    public var occurrence: Int
    /// The JUnit file and line of the `testcase` element.
    public var reportFile: String
    public var reportLine: Int
    public var status: String
    /// Seconds over all attempts; nil when the report gives none.
    public var duration: Double?
    /// The deciding attempt's message: the last failure or error of a failed test, the skip
    /// reason of a skipped one.
    public var message: String?
    public var failureType: String?
    /// The fine fingerprint of the last failed or errored attempt of a failed or errored test
    /// (a flaky test passed in the end: its failures stay on its attempts).
    public var fingerprint: String?
    public var coarseFingerprint: String?
    public var attempts: [TestAttemptRecord]
    public var links: [TestLink]

    public init(
        key: String, suitePath: [String], classname: String?, name: String, file: String?, occurrence: Int,
        reportFile: String, reportLine: Int, status: String, duration: Double?, message: String?,
        failureType: String?, fingerprint: String?, coarseFingerprint: String?, attempts: [TestAttemptRecord],
        links: [TestLink]
    ) {
        self.key = key
        self.suitePath = suitePath
        self.classname = classname
        self.name = name
        self.file = file
        self.occurrence = occurrence
        self.reportFile = reportFile
        self.reportLine = reportLine
        self.status = status
        self.duration = duration
        self.message = message
        self.failureType = failureType
        self.fingerprint = fingerprint
        self.coarseFingerprint = coarseFingerprint
        self.attempts = attempts
        self.links = links
    }

    /// `classname.name`, or the suite path and name when there is no class name.
    public var displayName: String {
        let owner = classname ?? suitePath.joined(separator: " / ")
        return owner.isEmpty ? name : "\(owner).\(name)"
    }

    /// The values of the links of one kind, in order.
    public func links(_ kind: TestLink.Kind) -> [String] {
        links.filter { $0.kind == kind }.map(\.value)
    }

    /// Failed or errored: what counts as a failure of the data or the code.
    public var isFailure: Bool { status == "failed" || status == "error" }

    /// The attempt the catalog makes from the result's own columns when a test has one attempt
    /// and no `test_attempt` row (schema 4): the test case element, ending as the test did (a
    /// test the producer marked flaky passed), with the result's duration, message, type and
    /// fingerprints, and the normalised message and frames kept beside them.
    func plainAttempt(normalizedMessage: String?, frames: [String]) -> TestAttemptRecord {
        TestAttemptRecord(
            outcome: status == "flaky" ? "passed" : status, origin: "testCase", duration: duration, message: message,
            failureType: failureType, fingerprint: fingerprint, coarseFingerprint: coarseFingerprint,
            normalizedMessage: normalizedMessage, frames: frames)
    }

    /// Whether the test's only attempt is `plainAttempt` (so it needs no row of its own),
    /// compared field by field in place: making the plain attempt to compare with would copy a
    /// dozen strings per test.
    var attemptIsInResult: Bool {
        guard attempts.count == 1 else { return false }
        return attempts.withUnsafeBufferPointer { only in
            Self.isPlainAttempt(
                status: status, duration: duration, message: message, failureType: failureType,
                fingerprint: fingerprint, coarseFingerprint: coarseFingerprint, outcome: only[0].outcome,
                origin: only[0].origin, attemptDuration: only[0].duration, attemptMessage: only[0].message,
                attemptFailureType: only[0].failureType, attemptFingerprint: only[0].fingerprint,
                attemptCoarseFingerprint: only[0].coarseFingerprint)
        }
    }

    /// Whether a test's only attempt, with these values, is the `plainAttempt` of a test with
    /// those (`TestRunWriter.addTest`'s `plainAttempt`): the test case element, ending as the
    /// test did, with the test's duration, message, type and fingerprints.
    public static func isPlainAttempt(
        status: String, duration: Double?, message: String?, failureType: String?, fingerprint: String?,
        coarseFingerprint: String?, outcome: String, origin: String, attemptDuration: Double?, attemptMessage: String?,
        attemptFailureType: String?, attemptFingerprint: String?, attemptCoarseFingerprint: String?
    ) -> Bool {
        let outcomeMatches = status == "flaky" ? outcome == "passed" : outcome == status
        return outcomeMatches && origin == "testCase" && attemptDuration == duration && attemptMessage == message
            && attemptFailureType == failureType && attemptFingerprint == fingerprint
            && attemptCoarseFingerprint == coarseFingerprint
    }
}

/// One execution of a test.
public struct TestAttemptRecord: Sendable, Equatable {
    public var outcome: String
    /// `testCase`, `flakyRun` or `rerun`.
    public var origin: String
    public var duration: Double?
    public var message: String?
    public var failureType: String?
    public var fingerprint: String?
    public var coarseFingerprint: String?
    /// The message as fingerprinted (numbers, paths, … replaced by tags).
    public var normalizedMessage: String?
    /// The stack frames the fine fingerprint took.
    public var frames: [String]

    public init(
        outcome: String, origin: String, duration: Double?, message: String?, failureType: String?,
        fingerprint: String?, coarseFingerprint: String?, normalizedMessage: String?, frames: [String]
    ) {
        self.outcome = outcome
        self.origin = origin
        self.duration = duration
        self.message = message
        self.failureType = failureType
        self.fingerprint = fingerprint
        self.coarseFingerprint = coarseFingerprint
        self.normalizedMessage = normalizedMessage
        self.frames = frames
    }
}

/// A rule, scenario, record or dataset a test names.
public struct TestLink: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case rule
        case scenario
        case record
        case dataset
    }

    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }
}

/// A stored test with the run it belongs to, as queries return it.
public struct StoredTestResult: Sendable, Equatable {
    public var run: TestRunRecord
    /// Its position in the run (0-based, in the order ingested).
    public var sequence: Int
    public var result: TestResultRecord
}
