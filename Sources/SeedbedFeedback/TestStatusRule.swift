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
