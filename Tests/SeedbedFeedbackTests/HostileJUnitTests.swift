import Foundation
import SeedbedFeedback
import Testing

/// Files no test runner writes: entity bombs, external entities, DTDs, absurd nesting, cut or
/// broken files, oversized values. Each gets its one exact error (or result), never a hang.
@Suite("Hostile JUnit input")
struct HostileJUnitTests {
    static let doctypeMessage =
        "a document type declaration (<!DOCTYPE) is refused: JUnit reports need none, and one can declare "
        + "entities that expand or read files"

    static func parse(_ text: String, options: JUnitParseOptions = JUnitParseOptions()) -> Result<TestRun, JUnitError> {
        Result { () throws(JUnitError) in try JUnitParser(options: options).parse(text: text, name: "t.xml") }
    }

    static func error(_ text: String, options: JUnitParseOptions = JUnitParseOptions()) -> JUnitError? {
        if case .failure(let error) = parse(text, options: options) { return error }
        return nil
    }

    // MARK: - DTDs and entities

    @Test(
        "entity bombs, external entities and internal subsets are refused at their DOCTYPE line",
        arguments: [
            ("billion-laughs.xml", 2), ("billion-laughs-attribute.xml", 3), ("external-entity.xml", 2),
            ("internal-subset.xml", 5),
        ])
    func doctypeRefused(_ name: String, line: Int) {
        let error = Fixtures.error(name)
        #expect(
            error == JUnitError(.doctypeRefused, file: Fixtures.path(name), line: line, message: Self.doctypeMessage))
    }

    @Test("the content of /etc/passwd never reaches an error message")
    func externalEntityLeaksNothing() {
        let error = Fixtures.error("external-entity.xml")
        #expect(error?.description.contains("root:") == false)
    }

    /// UTF-16 does not look like ASCII to the prolog check; the reader's document type node
    /// refuses it. The node has no line of its own: the line is the parser's, just past it.
    @Test("a DOCTYPE in a UTF-16 document is refused by the reader")
    func doctypeInUTF16() throws {
        let text =
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<!DOCTYPE testsuite [<!ELEMENT testsuite ANY>]>\n"
            + "<testsuite name=\"s\"/>"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(
            throws: JUnitError(
                .doctypeRefused, file: "u16.xml", line: 3, message: "a document type declaration (<!DOCTYPE) is refused"
            )
        ) {
            try JUnitParser().parse(bytes: bytes, name: "u16.xml")
        }
    }

    @Test("a DOCTYPE-like text inside a comment is only text")
    func doctypeInComment() throws {
        let run = try Self.parse("<!-- <!DOCTYPE x> --><testsuite name=\"s\"><testcase name=\"a\"/></testsuite>").get()
        #expect(run.summary.tests == 1)
    }

    // MARK: - Depth and sizes

    @Test("100,000 nested elements stop at the depth limit")
    func deepNesting() {
        let text = "<testsuites>" + String(repeating: "<testsuite name=\"d\">", count: 100_000)
        #expect(
            Self.error(text)
                == JUnitError(.tooDeep, file: "t.xml", line: 1, message: "elements nest deeper than the limit of 64"))
    }

    @Test("libxml2's own depth limit holds when ours is set above it")
    func libxml2DepthLimit() {
        let text = String(repeating: "<testsuite>", count: 100_000)
        var options = JUnitParseOptions()
        options.limits.maxDepth = 10_000
        let error = Self.error(text, options: options)
        #expect(error?.code == .malformed)
        #expect(error?.message == "malformed XML: Excessive depth in document: 256 use XML_PARSE_HUGE option")
    }

    @Test("an attribute past the limit is refused")
    func longAttribute() {
        var options = JUnitParseOptions()
        options.limits.maxAttributeBytes = 100
        let text = "<testsuite name=\"s\">\n<testcase name=\"" + String(repeating: "x", count: 101) + "\"/></testsuite>"
        #expect(
            Self.error(text, options: options)
                == JUnitError(
                    .attributeTooLong, file: "t.xml", line: 2,
                    message: "an attribute value is longer than the limit of 100 bytes"))
        options.limits.maxAttributeBytes = 101
        #expect(Self.error(text, options: options) == nil)
    }

    @Test("text past the limit is refused, over several CDATA sections too")
    func longText() {
        var options = JUnitParseOptions()
        options.limits.maxTextBytes = 1000
        let chunk = "<![CDATA[" + String(repeating: "y", count: 400) + "]]>"
        let text =
            "<testsuite name=\"s\"><testcase name=\"a\"><system-out>\(chunk)\(chunk)\(chunk)</system-out></testcase></testsuite>"
        #expect(
            Self.error(text, options: options)
                == JUnitError(
                    .textTooLong, file: "t.xml", line: 1,
                    message: "an element holds more text than the limit of 1000 bytes"))
    }

    @Test("a file over the size limit is refused before parsing")
    func tooLarge() {
        var options = JUnitParseOptions()
        options.limits.maxFileBytes = 1000
        let error = Fixtures.error("surefire.xml", options: options)
        #expect(
            error
                == JUnitError(
                    .fileTooLarge, file: Fixtures.path("surefire.xml"), line: nil,
                    message: "larger than the limit of 1000 bytes"))
    }

    @Test("kept text is cut at the bound with a marker, on a character boundary")
    func storedTextIsCut() throws {
        var options = JUnitParseOptions()
        options.storedTextBytes = 10
        let text =
            "<testsuite name=\"s\"><testcase name=\"a\"><system-out>ééééééééé-tail</system-out></testcase></testsuite>"
        let run = try Self.parse(text, options: options).get()
        #expect(run.testCases[0].attempts[0].systemOut == "ééééé\n… [cut: 23 bytes in all]")
    }

    @Test("attempts past the bound are dropped with a warning")
    func attemptBound() throws {
        var options = JUnitParseOptions()
        options.maxAttemptsPerTest = 3
        let retries = String(repeating: "<testcase name=\"a\"><failure/></testcase>\n", count: 5)
        let run = try Self.parse("<testsuite name=\"s\">\n\(retries)</testsuite>", options: options).get()
        #expect(run.testCases[0].attempts.count == 3)
        #expect(run.warnings.map(\.line) == [5, 6])
        #expect(run.warnings.map(\.code) == [.tooManyAttempts, .tooManyAttempts])
    }

    // MARK: - Broken files

    @Test("a truncated file is an error at its last line naming what was left open")
    func truncated() {
        #expect(
            Fixtures.error("truncated.xml")
                == JUnitError(
                    .truncated, file: Fixtures.path("truncated.xml"), line: 8,
                    message: "the file ends before <testsuite> opened at line 3 is closed "
                        + "(libxml2: Specification mandates value for attribute ti)"))
    }

    @Test(
        "a truncated file of several read chunks is an error at its last line, read from the file and from bytes alike")
    func truncatedLarge() throws {
        // 20,000 lines, 1.2 MB: the lines are counted again from the start after the cut is found.
        var text = "<testsuite name=\"big\">\n"
        for index in 0..<19_998 { text += "<testcase classname=\"c\" name=\"test-\(index)\" time=\"0.001\"/>\n" }
        text += "<testcase name=\"cut"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString).xml").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let expected = "the file ends before <testsuite> opened at line 1 is closed"
        for result in [
            Result { () throws(JUnitError) in try JUnitParser().parse(file: path) },
            Self.parse(text),
        ] {
            guard case .failure(let error) = result else {
                Issue.record("a truncated file was read")
                continue
            }
            #expect(error.code == .truncated)
            #expect(error.line == 20_000)
            #expect(error.message.hasPrefix(expected))
        }
    }

    @Test("with allowPartial, a truncated file gives the finished tests and a partial run")
    func truncatedPartial() throws {
        let run = try Fixtures.parse("truncated.xml", options: JUnitParseOptions(allowPartial: true))
        #expect(run.partial?.code == .truncated)
        #expect(run.testCases.map(\.identity.name) == ["first", "second"])
        #expect(run.summary == RunSummary(files: 1, tests: 2, passed: 1, failed: 1, partial: 1))
        #expect(!run.summary.isGreen)
    }

    @Test("a file cut inside a test case drops that test case")
    func cutInsideTestCase() throws {
        let text = "<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b\">\n<failure message=\"x\">stack"
        let run = try Self.parse(text, options: JUnitParseOptions(allowPartial: true)).get()
        #expect(run.testCases.map(\.identity.name) == ["a"])
        #expect(run.partial?.line == 4)
        #expect(run.partial?.message.hasPrefix("the file ends before <a result element> opened at line 4") == true)
    }

    @Test("mismatched tags are malformed, with libxml2's line and message")
    func mismatchedTags() throws {
        let text = "<testsuite name=\"s\">\n<testcase name=\"a\"/>\n<testcase name=\"b\">\n</testsuite>\n"
        #expect(
            Self.error(text)
                == JUnitError(
                    .malformed, file: "t.xml", line: 3,
                    message: "malformed XML: Opening and ending tag mismatch: testcase line 3 and testsuite"))
    }

    /// libxml2's reader parses ahead in 512-byte chunks and drops the nodes of the chunk where
    /// the error is, so how many tests come back depends on where the chunks fall: bounds, not
    /// an exact count.
    @Test("with allowPartial, a malformed file gives the tests read before the break")
    func malformedPartial() throws {
        let passing = (1...60).map { "<testcase classname=\"c\" name=\"t\($0)\" time=\"0.1\"/>\n" }.joined()
        let text = "<testsuite name=\"s\">\n\(passing)<testcase name=\"b\">\n</testsuite>\n"
        #expect(Self.error(text)?.line == 62)
        let run = try Self.parse(text, options: JUnitParseOptions(allowPartial: true)).get()
        #expect(run.partial?.code == .malformed)
        #expect((1...60).contains(run.summary.tests))
        #expect(run.summary.passed == run.summary.tests)
        #expect(run.summary.partial == 1)
        #expect(run.testCases.map(\.identity.name) == (1...run.summary.tests).map { "t\($0)" })
    }

    @Test("a text file is not XML")
    func notXML() {
        #expect(
            Fixtures.error("not-xml.txt")
                == JUnitError(
                    .notXML, file: Fixtures.path("not-xml.txt"), line: 1,
                    message: "not an XML document (libxml2: Document is empty)"))
        #expect(Fixtures.error("not-xml.txt", options: JUnitParseOptions(allowPartial: true))?.code == .notXML)
    }

    @Test("an empty file, and one with only a BOM", arguments: [[], [0xEF, 0xBB, 0xBF]] as [[UInt8]])
    func empty(_ bytes: [UInt8]) {
        #expect(throws: JUnitError(.empty, file: "e.xml", line: nil, message: "the file is empty")) {
            try JUnitParser().parse(bytes: bytes, name: "e.xml")
        }
    }

    @Test("a native NUnit or xUnit.net file is not JUnit")
    func nativeNUnit() {
        #expect(
            Self.error("<?xml version=\"1.0\"?>\n<test-run id=\"2\" testcasecount=\"3\"/>")
                == JUnitError(
                    .notJUnit, file: "t.xml", line: 2,
                    message: "the root element <test-run> is not a JUnit report (expected <testsuites> or <testsuite>)")
        )
    }

    @Test("a BOM without an XML declaration reads")
    func bomWithoutDeclaration() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("<testsuite name=\"é\"><testcase name=\"a\"/></testsuite>".utf8)
        let run = try JUnitParser().parse(bytes: bytes, name: "bom.xml")
        #expect(run.suites.map(\.path) == [["é"]])
    }

    @Test("a missing file and a directory are unreadable")
    func unreadable() {
        #expect(Fixtures.error("no-such-file.xml")?.code == .unreadable)
        #expect(Fixtures.error("")?.message == "is a directory, not a file")
    }
}
