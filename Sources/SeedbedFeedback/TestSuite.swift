public import FoundationEssentials

/// The counts a `testsuite` or `testsuites` element declares. Producers get them wrong often
/// (Swift Testing counts issues as failures), so they are kept only to warn.
public struct DeclaredCounts: Hashable, Sendable, Codable {
    public var tests: Int?
    public var failures: Int?
    public var errors: Int?
    public var skipped: Int?

    public init(tests: Int? = nil, failures: Int? = nil, errors: Int? = nil, skipped: Int? = nil) {
        self.tests = tests
        self.failures = failures
        self.errors = errors
        self.skipped = skipped
    }
}

/// One `testsuite` element.
public struct TestSuite: Hashable, Sendable {
    /// Its name after the names of the suites around it.
    public var path: [String]
    public var hostname: String?
    public var timestamp: Date?
    public var file: String?
    public var duration: Double?
    public var properties: [Property]
    public var declared: DeclaredCounts
    /// Where the element starts in the report.
    public var reportLine: Int

    public init(
        path: [String], hostname: String? = nil, timestamp: Date? = nil, file: String? = nil,
        duration: Double? = nil, properties: [Property] = [], declared: DeclaredCounts = DeclaredCounts(),
        reportLine: Int
    ) {
        self.path = path
        self.hostname = hostname
        self.timestamp = timestamp
        self.file = file
        self.duration = duration
        self.properties = properties
        self.declared = declared
        self.reportLine = reportLine
    }
}
