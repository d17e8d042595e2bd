/// How one execution of a test ended.
public enum Outcome: String, Hashable, Sendable, Codable, CaseIterable {
    case passed
    case failed
    case error
    case skipped
}

/// How a test ended over all its attempts in one run.
///
/// A test is `flaky` when its last attempt that ran passed after an earlier one failed or
/// errored (retries stop at the first pass), or when the producer marked it so (Flank's
/// `flaky="true"`). Otherwise the worst attempt decides: error, then failed; a test with a
/// passing attempt is passed; one whose every attempt was skipped is skipped.
public enum TestStatus: String, Hashable, Sendable, Codable, CaseIterable {
    case passed
    case failed
    case error
    case skipped
    case flaky
}
