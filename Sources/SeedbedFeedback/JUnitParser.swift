/// Reads JUnit XML reports of every common producer into `TestRun`s, through libxml2's
/// SAX2 push parser with entities, DTDs and the network off (see `XMLStreamReader`).
///
/// ```swift
/// let run = try JUnitParser().parse(file: "build/test-results/TEST-LoanTests.xml")
/// print(run.summary)   // tests, passed, failed, errors, skipped, flaky, partial
/// ```
public struct JUnitParser: Sendable {
    public var options: JUnitParseOptions

    public init(options: JUnitParseOptions = JUnitParseOptions()) {
        self.options = options
    }

    /// Reads a report file.
    /// - Throws: `JUnitError` naming the file and line: refused (a DTD, a limit), not JUnit,
    ///   or broken (truncated, malformed; unless `allowPartial`).
    /// - Complexity: time linear in the file; memory holds the run (see `stream(file:suite:)` for
    ///   runs larger than memory).
    public func parse(file path: String) throws(JUnitError) -> TestRun {
        try collect(XMLInput(path: path, limits: options.limits))
    }

    /// Reads a report held in memory; `name` stands for the file in errors.
    public func parse(bytes: [UInt8], name: String) throws(JUnitError) -> TestRun {
        if bytes.count > options.limits.maxFileBytes {
            throw JUnitError(
                .fileTooLarge, file: name, line: nil,
                message: "larger than the limit of \(options.limits.maxFileBytes) bytes")
        }
        return try collect(XMLInput(bytes: bytes, name: name, limits: options.limits))
    }

    /// Reads a report held in a string.
    public func parse(text: String, name: String) throws(JUnitError) -> TestRun {
        try parse(bytes: Array(text.utf8), name: name)
    }

    /// Reads a report file and hands over each suite with its test cases as soon as its end tag
    /// is read, for storing runs far larger than memory. The returned run has the run's own
    /// facts (name, timestamp, properties, declared counts), the warnings and the partial flag,
    /// but no suites and no test cases: each went to `suite`.
    /// - Parameter suite: called in the order the suites end (inner suites before outer ones).
    /// - Complexity: memory holds the largest suite, the open suites and an 8-byte hash per
    ///   distinct test (for `occurrence`), never the file's text or its earlier suites and tests.
    public func stream(file path: String, suite: (TestSuite, [TestCase]) -> Void) throws(JUnitError) -> TestRun {
        try stream(file: path) { found, cases, _ in suite(found, cases) }
    }

    /// `stream(file:suite:)` with each test case's identity hash (`TestIdentity.hasher`'s
    /// value), which the reader makes anyway: a test key continues from it instead of hashing
    /// the identity again.
    func stream(
        file path: String, suite: (TestSuite, [TestCase], _ identityHashes: [UInt64]) -> Void
    ) throws(JUnitError) -> TestRun {
        try withoutActuallyEscaping(suite) { handler throws(JUnitError) in
            try ReportBuilder.Session.read(
                XMLInput(path: path, limits: options.limits), options: options, keepSuites: false,
                emitter: .testCases(handler))
        }
    }

    /// Reads a report file as `stream` does, handing over each suite's tests as the catalog's
    /// rows (the ingest): no `TestCase` is made.
    func streamRows(file path: String, suite: (consuming TestRowBuffer) -> Void) throws(JUnitError) -> TestRun {
        try withoutActuallyEscaping(suite) { handler throws(JUnitError) in
            try ReportBuilder.Session.read(
                XMLInput(path: path, limits: options.limits), options: options, keepSuites: false,
                emitter: .rows(handler))
        }
    }

    private func collect(_ input: XMLInput) throws(JUnitError) -> TestRun {
        let collected = CollectedCases()
        var run = try ReportBuilder.Session.read(
            input, options: options, keepSuites: true,
            emitter: .testCases { _, cases, _ in collected.cases += cases })
        run.testCases = collected.cases
        return run
    }
}

/// Where `collect` gathers test cases from the builder's callback.
private final class CollectedCases {
    var cases: [TestCase] = []
}
