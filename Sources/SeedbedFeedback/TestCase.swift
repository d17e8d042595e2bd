public import FoundationEssentials

/// A test in one run, with every attempt the report holds for it.
public struct TestCase: Hashable, Sendable {
    public var identity: TestIdentity
    /// 0 for the first test with this identity in the file; 1, 2… for the same identity in
    /// later suite elements (Playwright writes one suite per project with the same names).
    /// Repeats inside one suite element are retries and become attempts instead.
    public var occurrence: Int
    /// The `line` attribute: where the test is in its source file.
    public var sourceLine: Int?
    /// Where the (first) `testcase` element is in the report.
    public var reportLine: Int
    /// A per-test `timestamp` (nextest).
    public var timestamp: Date?
    /// Test case properties, output markers and link attributes, in order.
    public var properties: [Property]
    /// In the order they ran: flaky runs, the test case's own result, then reruns, then the
    /// same for each repeated element.
    public var attempts: [Attempt] {
        didSet { status = Self.status(of: attempts, markedFlaky: markedFlaky) }
    }
    /// The producer said so (Flank's `flaky="true"`).
    public var markedFlaky: Bool {
        didSet { status = Self.status(of: attempts, markedFlaky: markedFlaky) }
    }
    /// See `TestStatus` for the rule.
    ///
    /// Stored, kept right whenever `attempts` or `markedFlaky` change: the summary and the
    /// catalog's record both read it for every test, and a walk over the attempts each time
    /// costs more than the one here (it follows the array, whose counts the writing thread
    /// touches at the same time). It follows from the attempts and the mark, so it adds nothing
    /// to equality.
    public private(set) var status: TestStatus

    public init(
        identity: TestIdentity, occurrence: Int = 0, sourceLine: Int? = nil, reportLine: Int,
        timestamp: Date? = nil, properties: [Property] = [], attempts: [Attempt], markedFlaky: Bool = false
    ) {
        self.identity = identity
        self.occurrence = occurrence
        self.sourceLine = sourceLine
        self.reportLine = reportLine
        self.timestamp = timestamp
        self.properties = properties
        self.attempts = attempts
        self.markedFlaky = markedFlaky
        self.status = Self.status(of: attempts, markedFlaky: markedFlaky)
    }

    private static func status(of attempts: [Attempt], markedFlaky: Bool) -> TestStatus {
        // One pass over the outcomes only (no attempt is copied).
        var rule = TestStatusRule()
        for index in attempts.indices { rule.add(attempts[index].outcome) }
        return rule.status(markedFlaky: markedFlaky)
    }

    /// The values of the properties named `name`, in order.
    public func properties(named name: String) -> [String] {
        properties.filter { $0.name == name }.map(\.value)
    }
}
