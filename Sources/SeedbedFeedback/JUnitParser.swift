/// Reads JUnit XML reports of every common producer into `TestRun`s, through libxml2's
/// streaming reader with entities, DTDs and the network off (see `XMLStreamReader`).
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
    /// is read, for storing runs far larger than memory. The returned run has the suites and
    /// warnings but no test cases.
    /// - Parameter suite: called in the order the suites end (inner suites before outer ones).
    /// - Complexity: memory holds the largest suite, the suite list and an 8-byte hash per
    ///   distinct test (for `occurrence`), never the file's text or its earlier test cases.
    public func stream(file path: String, suite: (TestSuite, [TestCase]) -> Void) throws(JUnitError) -> TestRun {
        try withoutActuallyEscaping(suite) { handler throws(JUnitError) in
            let input = try XMLInput(path: path, limits: options.limits)
            var builder = try ReportBuilder(input: input, options: options, emit: handler)
            try builder.build()
            return builder.run
        }
    }

    private func collect(_ input: XMLInput) throws(JUnitError) -> TestRun {
        let collected = CollectedCases()
        var builder = try ReportBuilder(input: input, options: options) { _, cases in
            collected.cases += cases
        }
        try builder.build()
        var run = builder.run
        run.testCases = collected.cases
        return run
    }
}

/// Where `collect` gathers test cases from the builder's callback.
private final class CollectedCases {
    var cases: [TestCase] = []
}
