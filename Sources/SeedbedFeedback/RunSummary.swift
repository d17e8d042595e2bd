/// Counts of tests by status, for one file or many.
///
/// `tests == passed + failed + errors + skipped + flaky`; `partial` counts the files that were
/// read only up to a break. A total with `partial > 0` must never be reported green.
public struct RunSummary: Hashable, Sendable, Codable {
    public var files: Int
    public var tests: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var skipped: Int
    public var flaky: Int
    public var partial: Int

    public init(
        files: Int = 0, tests: Int = 0, passed: Int = 0, failed: Int = 0, errors: Int = 0, skipped: Int = 0,
        flaky: Int = 0, partial: Int = 0
    ) {
        self.files = files
        self.tests = tests
        self.passed = passed
        self.failed = failed
        self.errors = errors
        self.skipped = skipped
        self.flaky = flaky
        self.partial = partial
    }

    mutating func add(_ status: TestStatus) {
        tests += 1
        switch status {
        case .passed: passed += 1
        case .failed: failed += 1
        case .error: errors += 1
        case .skipped: skipped += 1
        case .flaky: flaky += 1
        }
    }

    /// True when nothing failed or errored and every file was read whole. Flaky tests passed in
    /// the end, so they do not make a run red.
    public var isGreen: Bool { failed == 0 && errors == 0 && partial == 0 }

    public static func + (lhs: RunSummary, rhs: RunSummary) -> RunSummary {
        RunSummary(
            files: lhs.files + rhs.files, tests: lhs.tests + rhs.tests, passed: lhs.passed + rhs.passed,
            failed: lhs.failed + rhs.failed, errors: lhs.errors + rhs.errors, skipped: lhs.skipped + rhs.skipped,
            flaky: lhs.flaky + rhs.flaky, partial: lhs.partial + rhs.partial)
    }

    /// The sum over several files.
    public static func total(_ summaries: some Sequence<RunSummary>) -> RunSummary {
        summaries.reduce(RunSummary(), +)
    }
}
