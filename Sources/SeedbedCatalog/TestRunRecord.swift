public import Foundation

/// One ingested test run: the JUnit files of one CI run, against one dataset version.
///
/// Its tests are `TestResultRecord`s, stored with it in one transaction; ingesting the same run
/// ID again replaces the whole run.
public struct TestRunRecord: Sendable, Equatable {
    /// The CI run ID given to `ingest --run`, else one made up at ingest time.
    public var id: String
    public var dataset: DatasetReference
    /// The commit of the code under test, when given (`--commit`).
    public var commit: String?
    /// When the tests ran: the earliest timestamp the reports give, else the ingest time.
    public var runAt: Date
    public var ingestedAt: Date
    /// Some file was read only up to a break (`--allow-partial`): the run is never green.
    public var partial: Bool
    /// Each JUnit file, in the order ingested, with its counts.
    public var files: [TestFileRecord]
    /// The tests ran on negative data (`ingest --negative`): their failures count towards the
    /// catch rate only.
    public var negative: Bool

    public init(
        id: String, dataset: DatasetReference, commit: String? = nil, runAt: Date, ingestedAt: Date,
        partial: Bool = false, files: [TestFileRecord] = [], negative: Bool = false
    ) {
        self.id = id
        self.dataset = dataset
        self.commit = commit
        self.runAt = runAt
        self.ingestedAt = ingestedAt
        self.partial = partial
        self.files = files
        self.negative = negative
    }
}

/// A JUnit file of a run and the tests it held, by status.
public struct TestFileRecord: Sendable, Equatable, Codable {
    public var path: String
    public var tests: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var skipped: Int
    public var flaky: Int
    /// Why reading stopped early (`file:line: error: …`), for a file kept with `--allow-partial`.
    public var partial: String?

    public init(
        path: String, tests: Int, passed: Int, failed: Int, errors: Int, skipped: Int, flaky: Int,
        partial: String? = nil
    ) {
        self.path = path
        self.tests = tests
        self.passed = passed
        self.failed = failed
        self.errors = errors
        self.skipped = skipped
        self.flaky = flaky
        self.partial = partial
    }
}

/// What `recordTestRun` did.
public struct TestRunRecording: Sendable, Equatable {
    /// The run that had the same ID and was replaced.
    public var replaced: TestRunRecord?
    /// Tests stored.
    public var results: Int
}
