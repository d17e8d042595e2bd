import SeedbedFeedback
import Testing

@Suite("Trace links and test status")
struct TraceLinksTests {
    static func testCase(
        name: String = "t", classname: String? = nil, properties: [Property] = [], outcomes: [Outcome] = [.passed],
        markedFlaky: Bool = false
    ) -> TestCase {
        TestCase(
            identity: TestIdentity(suitePath: ["s"], classname: classname, name: name, file: nil), reportLine: 1,
            properties: properties, attempts: outcomes.map { Attempt(outcome: $0) }, markedFlaky: markedFlaky)
    }

    @Test("properties name rules, scenarios, records and datasets; Xray's names count as rules")
    func properties() {
        let links = Self.testCase(properties: [
            Property(name: "rule", value: "ELIG-001"), Property(name: "requirement", value: "ELIG-002"),
            Property(name: "requirements", value: "CO-003, IMP-004"), Property(name: "test_key", value: "CALC-9"),
            Property(name: "rule", value: "ELIG-001"), Property(name: "scenario", value: "young-borrowers"),
            Property(name: "record", value: "loans/81723"), Property(name: "record", value: "loans/81724"),
            Property(name: "dataset", value: "lending@v7"), Property(name: "go.version", value: "go1.25"),
        ]).traceLinks
        #expect(
            links
                == TraceLinks(
                    rules: ["ELIG-001", "ELIG-002", "CO-003", "IMP-004", "CALC-9"], scenarios: ["young-borrowers"],
                    records: ["loans/81723", "loans/81724"], datasets: ["lending@v7"]))
    }

    @Test(
        "rule IDs in test names",
        arguments: [
            ("[ELIG-002] caps the LTV", ["ELIG-002"]), ("caps [rule:R12] and [rule: r_7]", ["R12", "r_7"]),
            ("caps @rule ELIG-002 here", ["ELIG-002"]), ("test_param[17]", []), ("[chromium] › loan form", []),
            ("UTF-8 is fine", []), ("[BR-PRICING-012] discount", ["BR-PRICING-012"]), ("[elig-002] lower case", []),
            ("[ELIG-] half", []), ("[rule:] empty", []), ("checks [rule:db:ltv_range]", ["db:ltv_range"]),
            ("[rule:db:] empty check", []),
        ])
    func ruleTokensInNames(_ name: String, rules: [String]) {
        #expect(Self.testCase(name: name).traceLinks.rules == rules)
    }

    @Test("a rule in the class name counts too")
    func ruleInClassName() {
        #expect(Self.testCase(classname: "Eligibility [ELIG-001]").traceLinks.rules == ["ELIG-001"])
    }

    @Test("output markers and the Xray requirement attribute become properties")
    func markersAndAttributes() throws {
        let text = """
            <testsuite name="s">
              <testcase name="a" requirement="CALC-1">
                <system-out>[[PROPERTY|rule=ELIG-002]]
            [[ATTACHMENT|shot.png]]
            [[PROPERTY|record=loans/7]] [[PROPERTY|broken]]</system-out>
              </testcase>
            </testsuite>
            """
        let run = try JUnitParser().parse(text: text, name: "m.xml")
        #expect(
            run.testCases[0].properties == [
                Property(name: "requirement", value: "CALC-1", origin: .attribute),
                Property(name: "rule", value: "ELIG-002", origin: .outputMarker),
                Property(name: "record", value: "loans/7", origin: .outputMarker),
            ])
        #expect(run.testCases[0].traceLinks.rules == ["CALC-1", "ELIG-002"])
    }

    @Test(
        "status over attempts",
        arguments: [
            ([.passed], TestStatus.passed), ([.failed], .failed), ([.error], .error), ([.skipped], .skipped),
            ([.failed, .passed], .flaky), ([.error, .failed, .passed], .flaky), ([.passed, .failed], .failed),
            ([.failed, .error], .error), ([.failed, .passed, .skipped], .flaky), ([.passed, .skipped], .passed),
            ([.skipped, .skipped], .skipped), ([.failed, .failed], .failed),
        ] as [([Outcome], TestStatus)])
    func status(_ outcomes: [Outcome], expected: TestStatus) {
        #expect(Self.testCase(outcomes: outcomes).status == expected)
    }

    @Test("Flank's flaky=\"true\" makes a passing test flaky, not a failing one")
    func flankFlaky() throws {
        let text = """
            <testsuite name="s"><testcase name="a" flaky="true"/><testcase name="b" flaky="true"><failure/></testcase>
            <testcase name="c" status="disabled"/></testsuite>
            """
        let run = try JUnitParser().parse(text: text, name: "f.xml")
        #expect(run.testCases.map(\.status) == [.flaky, .failed, .skipped])
    }

    @Test("the summary of a run counts tests, not elements")
    func summary() {
        let run = TestRun(
            file: "s.xml",
            testCases: [
                Self.testCase(outcomes: [.failed, .passed]), Self.testCase(outcomes: [.passed]),
                Self.testCase(outcomes: [.error]), Self.testCase(outcomes: [.skipped]),
            ])
        #expect(run.summary == RunSummary(files: 1, tests: 4, passed: 1, errors: 1, skipped: 1, flaky: 1))
        #expect(!run.summary.isGreen)
        #expect(RunSummary(files: 1, tests: 2, passed: 1, flaky: 1).isGreen)
    }
}
