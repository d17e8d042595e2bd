import Foundation
import SeedbedTestSupport

@testable import SeedbedFeedback

/// Writes a random, well-formed JUnit report and, alongside, the run the parser must read from
/// it: nested suites, repeated test cases (retries), every result element, flaky and rerun
/// elements, properties as attributes or text, outputs, CDATA, escapes and non-ASCII text.
struct RandomReport {
    private var random: SplitMix64
    private(set) var xml = ""
    private var line = 1
    private var suites: [TestSuite] = []
    private var cases: [TestCase] = []

    static func make(seed: UInt64) -> (xml: String, run: TestRun) {
        var report = RandomReport(random: SplitMix64(state: seed))
        let run = report.run()
        return (report.xml, run)
    }

    private init(random: SplitMix64) {
        self.random = random
    }

    // MARK: - Choices

    private mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    private mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &random) < probability
    }
    private mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    private static let pieces = [
        "a", "loan", "LTV", "0.97", " ", "  ", "\n", "\t", "<", ">", "&", "\"", "'", "é", "→", "😀", "]", "]]>",
        "ELIG-002",
        "x=1", "中文", "--", "/tmp/x.csv",
    ]

    /// Trimmed, non-empty text.
    private mutating func text(_ words: ClosedRange<Int> = 1...8) -> String {
        while true {
            let text = (0..<int(words)).map { _ in pick(Self.pieces) }.joined().trimmingSpaces()
            if !text.isEmpty { return text }
        }
    }

    private mutating func name() -> String {
        pick(["alpha", "beta", "gamma", "Loan tests", "a/b", "com.acme.X", "[ELIG-001] adults", "ünïcode", "x<y"])
    }

    // MARK: - Writing

    private mutating func write(_ text: String) {
        xml += text
        line += text.utf8.count { $0 == 0x0A }
    }

    private static func escaped(_ text: String, attribute: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private func attributes(_ pairs: [(String, String?)]) -> String {
        pairs.compactMap { name, value in value.map { " \(name)=\"\(Self.escaped($0, attribute: true))\"" } }.joined()
    }

    /// Element text, escaped or in CDATA sections (split around `]]>`).
    private mutating func content(_ text: String) -> String {
        guard chance(0.5) else { return Self.escaped(text, attribute: false) }
        let parts = text.components(separatedBy: "]]>")
        return parts.enumerated().map { index, part in
            "<![CDATA[" + (index < parts.count - 1 ? part + "]]" : part) + "]]>"
                + (index < parts.count - 1 ? "<![CDATA[>]]>" : "")
        }.joined()
    }

    // MARK: - The report

    private mutating func run() -> TestRun {
        write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        var run = TestRun(file: "random.xml")
        if chance(0.3) {
            run.name = suite(parentPath: [], depth: 0)
        } else {
            run.name = chance(0.5) ? text(1...3) : nil
            write("<testsuites\(attributes([("name", run.name)]))>\n")
            if chance(0.3) {
                let properties = self.properties()
                run.properties = properties
            }
            for _ in 0..<int(0...3) { _ = suite(parentPath: [], depth: 1) }
            write("</testsuites>\n")
        }
        run.suites = suites
        run.testCases = cases
        run.timestamp = suites.compactMap(\.timestamp).min()
        return run
    }

    /// Writes a suite; returns its name.
    private mutating func suite(parentPath: [String], depth: Int) -> String {
        let name = "\(self.name()) \(suites.count)"
        let path = parentPath + [name]
        let timestamp: Date? = chance(0.5) ? Date(timeIntervalSince1970: Double(int(1_000_000...2_000_000_000))) : nil
        let stamp = timestamp.map { Self.iso8601($0) }
        let duration: Double? = chance(0.5) ? Double(int(0...100_000)) / 1000 : nil
        let hostname: String? = chance(0.3) ? pick(["ci-1", "chromium"]) : nil
        let reportLine = line
        write(
            "<testsuite\(attributes([("name", name), ("timestamp", stamp), ("time", duration.map { "\($0)" }), ("hostname", hostname)]))>\n"
        )
        let index = suites.count
        suites.append(
            TestSuite(path: path, hostname: hostname, timestamp: timestamp, duration: duration, reportLine: reportLine))
        if chance(0.3) { suites[index].properties = properties() }

        var own: [TestCase] = []
        var identities: [TestIdentity] = []
        for _ in 0..<int(0...6) {
            if depth < 3, chance(0.15) {
                _ = suite(parentPath: path, depth: depth + 1)
                continue
            }
            // A repeat of an earlier test of this suite is a retry.
            if !identities.isEmpty, chance(0.25) {
                let identity = pick(identities)
                let position = own.firstIndex { $0.identity == identity } ?? 0
                let (attempts, _) = testCaseElement(identity, properties: false)
                own[position].attempts += attempts
                continue
            }
            var identity = TestIdentity(
                suitePath: path,
                classname: chance(0.7) ? pick(["com.acme.LoanTest", "tests.test_a", "Loan API"]) : nil,
                name: "\(pick(["test", "it works", "caps [rule:R12]", "t<1>"])) \(identities.count)",
                file: chance(0.3) ? "tests/test_\(int(1...3)).py" : nil)
            if identities.contains(identity) { identity.name += "'" }
            identities.append(identity)
            let reportLine = line
            let (attempts, testCase) = testCaseElement(identity, properties: true)
            var made = testCase
            made.reportLine = reportLine
            made.attempts = attempts
            own.append(made)
        }
        write("</testsuite>\n")
        cases += own
        return name
    }

    /// Writes one `testcase` element; returns its attempts and the test's other fields.
    private mutating func testCaseElement(_ identity: TestIdentity, properties withProperties: Bool) -> (
        [Attempt], TestCase
    ) {
        let duration: Double? = chance(0.8) ? Double(int(0...5000)) / 1000 : nil
        let sourceLine: Int? = chance(0.3) ? int(1...400) : nil
        write(
            "<testcase\(attributes([("classname", identity.classname), ("name", identity.name), ("file", identity.file), ("line", sourceLine.map(String.init)), ("time", duration.map { "\($0)" })]))>"
        )
        var properties: [Property] = []
        if withProperties, chance(0.3) { properties = self.properties() }

        // The test case's own result elements, flaky runs and reruns, in a random order.
        var own: [(kind: String, message: String?, type: String?, body: String?)] = []
        var flaky: [Attempt] = []
        var reruns: [Attempt] = []
        for _ in 0..<int(0...3) {
            switch int(0...4) {
            case 0, 1, 2:
                let kind = pick(["failure", "error", "skipped"])
                let message: String? = chance(0.7) ? text() : nil
                let type: String? = chance(0.5) ? pick(["AssertionError", "pytest.xfail", "E"]) : nil
                let body: String? = chance(0.6) ? text(1...20) : nil
                write(
                    "<\(kind)\(attributes([("message", message), ("type", type)]))>\(body.map { content($0) } ?? "")</\(kind)>"
                )
                own.append((kind, message, type, body))
            default:
                let kind = pick(["flakyFailure", "flakyError", "rerunFailure", "rerunError"])
                let attempt = runElement(kind)
                if kind.hasPrefix("flaky") { flaky.append(attempt) } else { reruns.append(attempt) }
            }
        }
        let out: String? = chance(0.3) ? text() : nil
        let err: String? = chance(0.2) ? text() : nil
        if let out { write("<system-out>\(content(out))</system-out>") }
        if let err { write("<system-err>\(content(err))</system-err>") }
        write("</testcase>\n")

        let deciding = ["error", "failure", "skipped"].lazy.compactMap { kind in own.first { $0.kind == kind } }.first
        var attempt = Attempt(outcome: .passed, duration: duration)
        if let deciding {
            attempt.outcome = deciding.kind == "error" ? .error : deciding.kind == "failure" ? .failed : .skipped
            attempt.type = deciding.type
            attempt.message = deciding.message
            attempt.stackTrace = deciding.body
            if deciding.message == nil, attempt.outcome == .skipped {
                attempt.message = deciding.body
                attempt.stackTrace = nil
            } else if deciding.message == nil, let body = deciding.body {
                attempt.message = body.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces() }
            }
            if attempt.outcome != .skipped {
                attempt.fingerprint = FailureFingerprint(
                    type: deciding.type, message: deciding.message, stackTrace: deciding.body)
            }
        }
        attempt.issueCount = own.count { $0.kind != "skipped" }
        attempt.systemOut = out
        attempt.systemErr = err
        let testCase = TestCase(
            identity: identity, sourceLine: sourceLine, reportLine: 0, properties: properties, attempts: [])
        return (flaky + [attempt] + reruns, testCase)
    }

    /// A Surefire flaky or rerun element with its `stackTrace` and output children.
    private mutating func runElement(_ kind: String) -> Attempt {
        let message: String? = chance(0.8) ? text() : nil
        let type: String? = chance(0.5) ? "java.lang.AssertionError" : nil
        let duration: Double? = chance(0.5) ? Double(int(0...900)) / 100 : nil
        let stack: String? = chance(0.7) ? text(1...20) : nil
        let out: String? = chance(0.3) ? text() : nil
        write("<\(kind)\(attributes([("message", message), ("type", type), ("time", duration.map { "\($0)" })]))>")
        if let stack { write("<stackTrace>\(content(stack))</stackTrace>") }
        if let out { write("<system-out>\(content(out))</system-out>") }
        write("</\(kind)>")
        let outcome: Outcome = kind.hasSuffix("Error") ? .error : .failed
        var attempt = Attempt(
            outcome: outcome, origin: kind.hasPrefix("flaky") ? .flakyRun : .rerun, duration: duration,
            message: message,
            type: type, stackTrace: stack, systemOut: out, issueCount: 1)
        if message == nil, let stack {
            attempt.message = stack.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces() }
        }
        attempt.fingerprint = FailureFingerprint(type: type, message: message, stackTrace: stack)
        return attempt
    }

    /// A `properties` element, values as attributes or as text.
    private mutating func properties() -> [Property] {
        var made: [Property] = []
        write("<properties>\n")
        for _ in 0..<int(0...3) {
            let name = pick(["rule", "dataset", "record", "requirement", "go.version", "é"])
            let value = text(1...3)
            if chance(0.5) {
                write("<property\(attributes([("name", name), ("value", value)]))/>\n")
            } else {
                write("<property\(attributes([("name", name)]))>\(content(value))</property>\n")
            }
            made.append(Property(name: name, value: value))
        }
        write("</properties>\n")
        return made
    }

    private static func iso8601(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }
}
