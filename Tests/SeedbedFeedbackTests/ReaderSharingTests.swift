import SeedbedTestSupport
import Testing

@testable import SeedbedFeedback

/// What the reader shares or reads on bytes to go faster gives what reading each piece as text
/// gives.
@Suite("Reader sharing and byte paths")
struct ReaderSharingTests {
    /// Frames read line by line as strings: `StackFrames.extract` before its byte-level path.
    static func referenceFrames(_ text: String, limit: Int) -> [String] {
        var frames: [String] = []
        StackFrames.forEachLine(of: text) { line in
            let trimmed = line.trimmingSpaces()
            guard !StackFrames.isFramework(trimmed), let frame = StackFrames.frame(in: trimmed),
                !StackFrames.isFramework(frame)
            else { return true }
            frames.append(frame)
            return frames.count < limit
        }
        return frames
    }

    @Test("stack frames read on bytes match the frames read line by line as strings")
    func framesOnBytes() {
        let pieces = [
            "at ", "\tat ", "  at ", "File \"", "#", "#12 ", "0x00ff12ab ", " in ", " at ", "(", ")", ":", ":12",
            ":3:4",
            "/", "\\", ".", "Foo.java", "com.example.A.b", "org.junit.Assert", "node_modules", "node:internal",
            " <anonymous>", "sun.reflect.X", "jdk.internal.Y", "testing.go", "case.py", ":line 41", "C:\\src\\F.cs",
            "é", "e\u{301}", "\u{A0}", "\u{2028}", "\u{85}", "\r\n", "\n", "\r", " ", "\t", "\u{0B}", "1.5:",
            "tests/test_a.py:12: AssertionError", "foo_test.go:31: got 2", ", line 12, in test_total", "\"",
            "Object.<anonymous> (/p/f.test.js:12:5)", "日本", "😀", "\u{200B}", "a", "Z9",
        ]
        var random = SplitMix64(state: 23)
        var mismatches: [String] = []
        var found = 0
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...12, using: &random)
            let text = (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }.joined()
            let frames = StackFrames.extract(from: text, limit: 3)
            found += frames.count
            if frames != Self.referenceFrames(text, limit: 3) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty)
        #expect(found > 2000)
        // The marker scan compares a candidate's second byte before the rest.
        #expect(StackFrames.frameworkMarkers.allSatisfy { $0.utf8.count >= 2 })
        // The scan keeps a bit per marker in a UInt32: a 33rd marker would never be found.
        #expect(StackFrames.frameworkMarkers.count <= 32)
    }

    @Test("suites with the same properties as the suite before them read them all, whatever differs")
    func sharedSuiteProperties() throws {
        func properties(_ pairs: [(String, String)]) -> String {
            "<properties>" + pairs.map { "<property name=\"\($0.0)\" value=\"\($0.1)\"/>" }.joined() + "</properties>"
        }
        let base = [("a", "1"), ("b", "a value longer than fifteen bytes"), ("c", "3")]
        let xml = """
            <testsuites>
            <testsuite name="S1">\(properties(base))<testcase name="t"/></testsuite>
            <testsuite name="S2">\(properties(base))<testcase name="t"/></testsuite>
            <testsuite name="S3">\(properties(Array(base.prefix(2))))</testsuite>
            <testsuite name="S4">\(properties([base[0], ("b", "other"), base[2]]))</testsuite>
            <testsuite name="S5">\(properties(base + [("d", "4")]))</testsuite>
            <testsuite name="S6">\(properties(base + [("d", "4")]))<testcase name="t">\
            \(properties([("rule", "R-1")]))</testcase></testsuite>
            <testsuite name="S7">\(properties([("a", "1"), ("b", "x &amp; y")]))</testsuite>
            <testsuite name="S8">\(properties([("a", "1"), ("b", "x &amp; y")]))</testsuite>
            <testsuite name="S8b">\(properties(base))</testsuite>
            <testsuite name="S9">\(properties(base))<testsuite name="inner">\(properties([("z", "26")]))\
            </testsuite>\(properties([("after", "inner")]))</testsuite>
            <testsuite name="S10"><property name="a" value="1"/><properties><property name="a"/>\
            <property name="a" value="1"/><property value="1"/></properties></testsuite>
            </testsuites>
            """
        let run = try JUnitParser().parse(text: xml, name: "t.xml")
        let read = run.suites.map { suite in suite.properties.map { "\($0.name)=\($0.value)" } }
        let expected = [
            ["a=1", "b=a value longer than fifteen bytes", "c=3"],
            ["a=1", "b=a value longer than fifteen bytes", "c=3"],
            ["a=1", "b=a value longer than fifteen bytes"],
            ["a=1", "b=other", "c=3"],
            ["a=1", "b=a value longer than fifteen bytes", "c=3", "d=4"],
            ["a=1", "b=a value longer than fifteen bytes", "c=3", "d=4"],
            ["a=1", "b=x & y"],
            ["a=1", "b=x & y"],
            ["a=1", "b=a value longer than fifteen bytes", "c=3"],
            ["a=1", "b=a value longer than fifteen bytes", "c=3", "after=inner"],
            ["z=26"],
            ["a=", "a=1", "=1"],
        ]
        #expect(
            run.suites.map(\.path.last) == [
                "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S8b", "S9", "inner", "S10",
            ])
        #expect(read == expected)
        #expect(run.suites.allSatisfy { $0.properties.allSatisfy { $0.origin == .element } })
        // Sharing is real: a suite whose properties are all those of the suite before holds
        // that suite's array itself; one with fewer, other or more does not.
        func storage(_ index: Int) -> UnsafeRawPointer? {
            run.suites[index].properties.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        #expect(storage(1) == storage(0))
        #expect(storage(5) == storage(4))
        // A value with a reference in it is decoded anew, not compared on its raw bytes.
        #expect(storage(7) != storage(6))
        #expect(storage(2) != storage(1))
        #expect(storage(3) != storage(2))
        #expect(storage(4) != storage(3))
        #expect(storage(8) != storage(7))
        #expect(storage(11) != storage(10))
        #expect(run.testCases.map { $0.properties.map(\.value) } == [[], [], ["R-1"]])
        // Streaming hands over the same suites, in the order they end.
        var streamed: [[String]] = []
        let directory = try TemporaryDirectory()
        _ = try JUnitParser().stream(file: try directory.write("t.xml", xml)) { suite, _ in
            streamed.append(suite.properties.map { "\($0.name)=\($0.value)" })
        }
        #expect(streamed == Array(expected[..<9]) + [expected[10], expected[9], expected[11]])
    }

    @Test(
        "a suite's cases are reserved for the tests it declares, up to a limit",
        arguments: [
            (nil, 0), (0, 0), (-3, 0), (50, 50), (256, 256), (1_000_000_000, 256),
        ])
    func reservedCases(declared: Int?, room: Int) {
        var state = ReportBuilder.SuiteState(
            suite: nil, index: nil, path: [],
            declared: DeclaredCounts(tests: declared, failures: nil, errors: nil, skipped: nil), line: 1)
        state.reserve(declaredTests: declared)
        // Capacity grows in the allocator's steps: at least the room, and never near a
        // hostile count.
        #expect(state.cases.capacity >= room && state.cases.capacity < room + 64)
        #expect(state.hashes.capacity >= room && state.hashes.capacity < room + 64)
    }

    @Test(
        "an ampersand is found anywhere in a value, and only there",
        arguments: [
            ("", false), ("plain value", false), ("&amp;", true), ("x &#38; y", true), ("ends with &", true),
            ("é&", true), ("&", true), ("no＆fullwidth", false),
        ])
    func ampersands(value: String, expected: Bool) {
        var value = value
        #expect(value.withUTF8(containsAmpersand) == expected)
    }
}
