public import FoundationEssentials

/// Everything one JUnit file says: its suites, its tests with their attempts, and what was
/// wrong with it.
public struct TestRun: Hashable, Sendable {
    /// The file name given to the parser.
    public var file: String
    /// `testsuites`'s `name`, or the root suite's.
    public var name: String?
    /// The root's `timestamp`, else the earliest suite timestamp; nil when the report has none
    /// (use the ingest time).
    public var timestamp: Date?
    /// Properties directly under the root (run level).
    public var properties: [Property]
    /// The counts the `testsuites` root declares.
    public var declared: DeclaredCounts
    /// In document order of their start tags.
    public var suites: [TestSuite]
    /// In document order of their suites' end tags.
    public var testCases: [TestCase]
    public var warnings: [JUnitWarning]
    /// Why reading stopped early, when `allowPartial` kept what came before; nil for a whole file.
    public var partial: JUnitError?

    public init(
        file: String, name: String? = nil, timestamp: Date? = nil, properties: [Property] = [],
        declared: DeclaredCounts = DeclaredCounts(), suites: [TestSuite] = [], testCases: [TestCase] = [],
        warnings: [JUnitWarning] = [], partial: JUnitError? = nil
    ) {
        self.file = file
        self.name = name
        self.timestamp = timestamp
        self.properties = properties
        self.declared = declared
        self.suites = suites
        self.testCases = testCases
        self.warnings = warnings
        self.partial = partial
    }

    public var isPartial: Bool { partial != nil }

    /// Tests counted from the test cases, never from the declared counts.
    public var summary: RunSummary {
        var summary = RunSummary(files: 1, partial: isPartial ? 1 : 0)
        for testCase in testCases {
            summary.add(testCase.status)
        }
        return summary
    }
}
