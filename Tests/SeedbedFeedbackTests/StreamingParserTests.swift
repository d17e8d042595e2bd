import Foundation
import Testing

@testable import SeedbedFeedback

/// What the SAX parser does that the tree-building reader did not, or did differently: values
/// read from libxml2's buffer, exact lines, every test before a break, suites handed over.
@Suite("Streaming parser")
struct StreamingParserTests {
    static func parse(_ text: String, options: JUnitParseOptions = JUnitParseOptions()) throws -> TestRun {
        try JUnitParser(options: options).parse(text: text, name: "t.xml")
    }

    @Test("references in attribute values are decoded, an ampersand too")
    func attributeReferences() throws {
        let run = try Self.parse(
            """
            <testsuite name="a &amp; b"><testcase classname="C&#38;D" name="x &lt;1&gt; &quot;q&quot; &#233;&#x4E2D;">
            <failure message="tab&#9;and&#10;newline, &amp;amp;">trace &amp; more</failure></testcase></testsuite>
            """)
        let test = try #require(run.testCases.first)
        #expect(run.suites.map(\.path) == [["a & b"]])
        #expect(test.identity.classname == "C&D")
        #expect(test.identity.name == "x <1> \"q\" é中")
        #expect(test.attempts.map(\.message) == ["tab\tand\nnewline, &amp;"])
        #expect(test.attempts.map(\.stackTrace) == ["trace & more"])
    }

    @Test("literal white space in attribute values is normalised to spaces, as XML requires")
    func attributeWhiteSpace() throws {
        let run = try Self.parse("<testsuite name=\"s\"><testcase name=\"a\n\tb\"/></testsuite>")
        #expect(run.testCases.map(\.identity.name) == ["a  b"])
    }

    @Test("report lines past 65,535 are exact")
    func bigLines() throws {
        let padding = String(repeating: "\n", count: 70_000)
        let run = try Self.parse("<testsuite name=\"s\">\(padding)<testcase name=\"far\"/>\n</testsuite>")
        #expect(run.testCases.map(\.reportLine) == [70_001])
        #expect(run.suites.map(\.reportLine) == [1])
    }

    @Test("a malformed file keeps every test case finished before the break")
    func partialKeepsEverything() throws {
        let passing = (1...600).map { "<testcase classname=\"c\" name=\"t\($0)\" time=\"0.1\"/>\n" }.joined()
        let text = "<testsuite name=\"s\">\n\(passing)<testcase name=\"b\">\n</testsuite>\n"
        let run = try Self.parse(text, options: JUnitParseOptions(allowPartial: true))
        #expect(run.summary.tests == 600)
        #expect(run.partial?.line == 602)
        #expect(
            run.partial?.message == "malformed XML: Opening and ending tag mismatch: testcase line 602 and testsuite")
    }

    @Test("text in an element the report ignores still counts against the limit")
    func ignoredTextIsLimited() {
        var options = JUnitParseOptions()
        options.limits.maxTextBytes = 100
        let text = "<testsuite name=\"s\">\n<custom>\(String(repeating: "z", count: 101))</custom></testsuite>"
        #expect(
            throws: JUnitError(
                .textTooLong, file: "t.xml", line: 2, message: "an element holds more text than the limit of 100 bytes")
        ) {
            try JUnitParser(options: options).parse(text: text, name: "t.xml")
        }
    }

    @Test("streaming hands each suite over with its properties and keeps no suite in the run")
    func streamKeepsNoSuites() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = """
            <testsuites timestamp="2026-01-02T10:00:00Z">
            <testsuite name="a" timestamp="2026-01-01T09:00:00Z"><properties><property name="os" value="linux"/></properties>
            <testcase name="t1"/><testcase name="t2"><skipped/></testcase></testsuite>
            <testsuite name="b"><testcase name="t1"/></testsuite>
            </testsuites>
            """
        try Data(text.utf8).write(to: file)
        var handed: [(path: [String], properties: [String], tests: [String])] = []
        let run = try JUnitParser().stream(file: file.path) { suite, cases in
            handed.append((suite.path, suite.properties.map { "\($0.name)=\($0.value)" }, cases.map(\.identity.name)))
        }
        #expect(handed.map(\.path) == [["a"], ["b"]])
        #expect(handed.map(\.properties) == [["os=linux"], []])
        #expect(handed.map(\.tests) == [["t1", "t2"], ["t1"]])
        #expect(run.suites.isEmpty)
        #expect(run.testCases.isEmpty)
        #expect(run.timestamp == ISO8601DateFormatter().date(from: "2026-01-02T10:00:00Z"))
    }

    @Test("a run without its own timestamp takes its earliest suite's, when streamed too")
    func earliestSuiteTimestamp() throws {
        let run = try Self.parse(
            """
            <testsuites><testsuite name="a" timestamp="2026-01-03T00:00:00Z"/>
            <testsuite name="b" timestamp="2026-01-02T00:00:00Z"/></testsuites>
            """)
        #expect(run.timestamp == ISO8601DateFormatter().date(from: "2026-01-02T00:00:00Z"))
    }

    @Test(
        "plain times are read from the bytes exactly as from text",
        arguments: [
            "0", "7", "0.1", "0.151", "12.345", "1234567.891", "0.000001", "99999999999999.9", "3.14159265358979",
        ])
    func plainDecimals(_ text: String) {
        let bytes = Array(text.utf8)
        let read = bytes.withUnsafeBufferPointer { ReportBuilder.plainDecimal($0) }
        // The builder clamps as the full reader does.
        #expect(read.map { min($0, JUnitDuration.maximum) } == JUnitDuration.parse(text))
        #expect(read != nil)
    }

    @Test(
        "anything but plain digits and one point is left to the full reader",
        arguments: ["", ".5", "1.", "1.2.3", "1,5", "-1", "1e3", " 1", "1234567890123456"])
    func notPlainDecimals(_ text: String) {
        let bytes = Array(text.utf8)
        #expect(bytes.withUnsafeBufferPointer { ReportBuilder.plainDecimal($0) } == nil)
    }
}
