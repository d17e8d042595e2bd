/// One execution of a test: the test case element itself, or one of Surefire's rerun and flaky
/// elements, or a repeated test case element (a retry).
public struct Attempt: Hashable, Sendable {
    /// Where in the report the attempt came from.
    public enum Origin: String, Hashable, Sendable, Codable {
        /// The `testcase` element and its `failure`, `error` or `skipped` children.
        case testCase
        /// A `flakyFailure` or `flakyError`: a failed run before the final pass.
        case flakyRun
        /// A `rerunFailure` or `rerunError`: a rerun that failed again.
        case rerun
    }

    public var outcome: Outcome
    public var origin: Origin
    /// Seconds; nil when the report gives none (Swift Testing omits it for skipped tests).
    public var duration: Double?
    /// The `message` attribute of the deciding result element (error over failure over
    /// skipped), or for a failure without one (jest, Mocha) the first line of its text.
    public var message: String?
    /// The `type` attribute of the deciding result element.
    public var type: String?
    /// The element's text, or its `stackTrace` child (Surefire reruns); cut to the stored bound.
    public var stackTrace: String?
    public var systemOut: String?
    public var systemErr: String?
    /// How many `failure` and `error` elements the attempt held (Swift Testing writes one per
    /// issue; pytest may add a teardown error).
    public var issueCount: Int
    /// Set on failed and errored attempts.
    public var fingerprint: FailureFingerprint?
    /// For a failed or errored attempt read for the ingest's rows (`TestRowBuffer`): the
    /// fingerprint is not made yet, and this says which message it takes.
    var pendingFingerprint: PendingFingerprint?

    /// What a fingerprint made later reads as the failure's message.
    enum PendingFingerprint: Hashable, Sendable {
        /// The attempt's `message`: the result element's `message` attribute.
        case message
        /// None: the element had no message, so the first line of the stack text that is not a
        /// frame stands for it (`message` may hold another first line).
        case stack
    }

    public init(
        outcome: Outcome, origin: Origin = .testCase, duration: Double? = nil, message: String? = nil,
        type: String? = nil, stackTrace: String? = nil, systemOut: String? = nil, systemErr: String? = nil,
        issueCount: Int = 0, fingerprint: FailureFingerprint? = nil
    ) {
        self.outcome = outcome
        self.origin = origin
        self.duration = duration
        self.message = message
        self.type = type
        self.stackTrace = stackTrace
        self.systemOut = systemOut
        self.systemErr = systemErr
        self.issueCount = issueCount
        self.fingerprint = fingerprint
    }
}
