import Foundation
import SeedbedFeedback
import Testing

/// One report per producer, written the way each tool writes them (pytest and Swift Testing
/// generated for real), each with its exact counts, identities and statuses.
@Suite("JUnit dialects")
struct DialectTests {
    /// `classname.name` (or the suite path when there is no class) and status of every test.
    static func statuses(_ run: TestRun) -> [String] {
        run.testCases.map { "\($0.identity) \($0.status.rawValue)" }
    }

    @Test("Surefire 3: rerun and flaky elements become attempts")
    func surefire() throws {
        let run = try Fixtures.parse("surefire.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 5, passed: 1, failed: 1, errors: 1, skipped: 1, flaky: 1))
        let prefix = "com.acme.lending.LoanServiceTest."
        #expect(
            Self.statuses(run) == [
                prefix + "approvesAdult passed", prefix + "capsLoanToValue failed", prefix + "connectsToLedger error",
                prefix + "schedulesRepayment flaky", prefix + "ignoredForNow skipped",
            ])
        let caps = run.testCases[1].attempts
        #expect(caps.map(\.origin) == [.testCase, .rerun])
        #expect(caps.map(\.outcome) == [.failed, .failed])
        #expect(caps[1].systemOut == "rerun 1")
        #expect(caps[0].type == "org.opentest4j.AssertionFailedError")
        let flaky = run.testCases[3].attempts
        #expect(flaky.map(\.origin) == [.flakyRun, .flakyRun, .testCase])
        #expect(flaky.map(\.outcome) == [.failed, .error, .passed])
        #expect(flaky[0].systemOut == "waiting for scheduler")
        #expect(flaky[2].duration == 0.101)
        // "1,234.5": thousands separator before a decimal point.
        #expect(run.suites[0].duration == 1234.5)
        #expect(run.suites[0].properties.map(\.name) == ["java.version", "dataset"])
        #expect(run.timestamp.map { $0.timeIntervalSince1970 } == 1_795_183_387)
        #expect(run.warnings.isEmpty)
    }

    @Test("Jenkins: nested suites, several results in one test case, text-only times")
    func jenkinsNested() throws {
        let run = try Fixtures.parse("jenkins-nested.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 5, passed: 3, failed: 1, errors: 1))
        #expect(
            run.testCases.map(\.identity.suitePath) == [
                ["lending", "eligibility"], ["lending", "eligibility"], ["lending"], ["lending"], ["claims"],
            ])
        // skipped, failure and error in one test case: error decides, and both issues count.
        let refused = run.testCases[1].attempts
        #expect(refused.count == 1)
        #expect(refused[0].outcome == .error)
        #expect(refused[0].message == "boom")
        #expect(refused[0].issueCount == 2)
        #expect(run.testCases[2].properties == [Property(name: "rule", value: "ELIG-002", origin: .outputMarker)])
        #expect(run.testCases[3].attempts[0].duration == 1234)
        #expect(run.timestamp.map { $0.timeIntervalSince1970 } == 1_795_176_187)
        #expect(
            run.warnings.map(\.description).map { $0.split(separator: "/").last.map(String.init) ?? "" } == [
                "jenkins-nested.xml:19: warning: testsuite \"claims\" declares tests=3 but 1 found; the counts found are used",
                "jenkins-nested.xml:2: warning: testsuites declares tests=6 but 5 found; the counts found are used",
            ])
    }

    @Test("jest-junit: failures without a message take the first line of the stack")
    func jest() throws {
        let run = try Fixtures.parse("jest-junit.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 4, passed: 2, failed: 1, skipped: 1))
        let failure = try #require(run.testCases[1].attempts.first)
        #expect(failure.message == "Error: expect(received).toBeLessThanOrEqual(expected)")
        #expect(failure.fingerprint?.frames == ["Object.toBeLessThanOrEqual loan.test.js"])
        #expect(run.testCases[3].identity.file == "src/__tests__/claims.test.js")
        #expect(run.testCases[1].traceLinks.rules == ["ELIG-002"])
    }

    @Test("go-junit-report: a build failure is an errored pseudo-test")
    func goJUnitReport() throws {
        let run = try Fixtures.parse("go-junit-report.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 5, passed: 2, failed: 1, errors: 1, skipped: 1))
        #expect(
            run.testCases.map(\.identity.name) == [
                "TestAdult", "TestLTV/0.97", "TestLTV/0.90", "TestPostgres", "[build failed]",
            ])
        #expect(run.testCases[4].status == .error)
        #expect(run.testCases[1].attempts[0].stackTrace == "ltv_test.go:31: ltv 0.97 exceeds cap 0.95 for loan 81723")
        #expect(run.suites[0].properties == [Property(name: "go.version", value: "go1.25.1 linux/amd64")])
    }

    @Test("gotestsum: a rerun that passes makes the test flaky; the placeholder timestamp is absent")
    func gotestsum() throws {
        let run = try Fixtures.parse("gotestsum.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 4, passed: 1, failed: 1, skipped: 1, flaky: 1))
        let schedule = run.testCases[0]
        #expect(schedule.identity.name == "TestSchedule")
        #expect(schedule.status == .flaky)
        #expect(schedule.attempts.map(\.duration) == [0.3, 0.1])
        #expect(schedule.traceLinks.rules == ["REPAY-004"])
        #expect(run.timestamp == nil)
        #expect(run.suites[0].timestamp == nil)
        #expect(run.warnings.isEmpty)
        #expect(run.testCases[3].attempts[0].message?.hasPrefix("=== RUN   TestWeekend\n") == true)
    }

    @Test("Gradle without mergeReruns: the retry is a repeated test case")
    func gradle() throws {
        let run = try Fixtures.parse("gradle.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 2, flaky: 1))
        #expect(run.testCases[0].attempts.map(\.outcome) == [.failed, .passed])
        #expect(run.testCases.map(\.identity.name) == ["paysOut()", "rounds(double)[1]", "rounds(double)[2]"])
    }

    @Test("swift test --xunit-output (XCTest): skipped tests look passed, as SwiftPM writes them")
    func swiftXCTest() throws {
        let run = try Fixtures.parse("swift-xctest.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 2, failed: 1))
        #expect(
            Self.statuses(run) == [
                "LibTests.LoanTests.testSkipped passed", "LibTests.LoanTests.testTwiceFails failed",
                "LibTests.LoanTests.testTwicePasses passed",
            ])
        #expect(run.testCases[0].identity.suitePath == ["TestResults"])
    }

    @Test("Swift Testing (generated): one failure per issue, no time on skipped, counts declared as issues")
    func swiftTesting() throws {
        let run = try Fixtures.parse("swift-testing.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 4, passed: 2, failed: 1, skipped: 1))
        let twoIssues = try #require(run.testCases.first { $0.identity.name == "twoIssues()" })
        #expect(twoIssues.attempts.count == 1)
        #expect(twoIssues.attempts[0].issueCount == 2)
        #expect(twoIssues.attempts[0].message == "Expectation failed: (twice(1) → 2) == 3 (error)")
        let disabled = try #require(run.testCases.first { $0.identity.name == "disabled()" })
        #expect(disabled.attempts[0].duration == nil)
        #expect(disabled.attempts[0].message == "later")
        #expect(run.warnings.map(\.code) == [.declaredCountsDiffer])
        #expect(run.warnings.first?.message.contains("tests=3 but 4 found, failures=2 but 1 found") == true)
    }

    @Test("Mocha xunit: no declaration, RFC 1123 timestamp, failure without attributes")
    func mochaXunit() throws {
        let run = try Fixtures.parse("mocha-xunit.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 1, failed: 1, skipped: 1))
        #expect(run.timestamp.map { $0.timeIntervalSince1970 } == 1_670_109_007)
        #expect(run.testCases[1].attempts[0].message == "expected 201 to equal 422")
        #expect(run.testCases[1].attempts[0].fingerprint?.frames == ["Context.<anonymous> api.spec.js"])
    }

    @Test("mocha-junit-reporter: the empty Root Suite is kept as a suite without tests")
    func mochaJUnitReporter() throws {
        let run = try Fixtures.parse("mocha-junit-reporter.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 2, failed: 1))
        #expect(run.suites.map(\.path) == [["Root Suite"], ["loan form"]])
        #expect(run.suites[0].file == "cypress/e2e/loan.cy.ts")
        #expect(
            run.testCases[1].identity
                == TestIdentity(
                    suitePath: ["loan form"], classname: "shows the LTV error", name: "loan form shows the LTV error",
                    file: nil))
    }

    @Test("PHPUnit: suites nested three deep, a .phpt test without class")
    func phpunit() throws {
        let run = try Fixtures.parse("phpunit.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 5, passed: 2, failed: 1, errors: 1, skipped: 1))
        let phpt = try #require(run.testCases.last)
        #expect(
            phpt.identity
                == TestIdentity(
                    suitePath: ["default"], classname: nil, name: "tests/phpt/limits.phpt",
                    file: "/app/tests/phpt/limits.phpt"))
        let rounding = run.testCases[0]
        #expect(
            rounding.identity.suitePath == ["default", "Acme\\Tests\\LoanTest", "Acme\\Tests\\LoanTest::testRounding"])
        #expect(rounding.sourceLine == 31)
        #expect(rounding.attempts[0].type == "DivisionByZeroError")
        #expect(run.warnings.isEmpty)
    }

    @Test("nextest: per-test timestamps with offsets, a flaky run")
    func nextest() throws {
        let run = try Fixtures.parse("nextest.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 1, failed: 1, flaky: 1))
        // 14:03:07.120+01:00 is 13:03:07.120 UTC.
        #expect(abs((run.timestamp?.timeIntervalSince1970 ?? 0) - 1_795_179_787.12) < 1e-6)
        #expect(abs((run.testCases[0].timestamp?.timeIntervalSince1970 ?? 0) - 1_795_179_787.13) < 1e-6)
        #expect(run.testCases[1].attempts[0].systemErr?.hasSuffix("right: 0.95") == true)
        #expect(run.testCases[2].attempts.map(\.origin) == [.flakyRun, .testCase])
    }

    @Test("TestNG: ' UTC' timestamps, comments, duplicate names as attempts")
    func testNG() throws {
        let run = try Fixtures.parse("testng.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 1, failed: 1, skipped: 1))
        #expect(run.timestamp.map { $0.timeIntervalSince1970 } == 1_615_113_416)
        // A pass then a failure is not a retry that passed: failed, not flaky.
        #expect(run.testCases[0].attempts.map(\.outcome) == [.passed, .failed])
        #expect(run.testCases[0].status == .failed)
    }

    @Test("Playwright: one suite per project with the same names, annotations as properties")
    func playwright() throws {
        let run = try Fixtures.parse("playwright.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 4, passed: 1, failed: 1, errors: 1, flaky: 1))
        #expect(run.testCases.map(\.occurrence) == [0, 0, 1, 1])
        #expect(run.suites.map(\.hostname) == ["chromium", "firefox"])
        #expect(run.testCases[0].traceLinks.rules == ["ELIG-002"])
        #expect(run.testCases[3].attempts[0].type == "TypeError")
        // Epoch milliseconds (older Playwright).
        #expect(run.suites[1].timestamp.map { $0.timeIntervalSince1970 } == 1_678_030_320.748)
        #expect(
            run.testCases[0].attempts[0].systemOut == "[[ATTACHMENT|test-results/loan-form-chromium/test-failed-1.png]]"
        )
    }

    @Test("converted .NET (JunitXml.TestLogger): BOM, run-level properties, a name without class")
    func dotnet() throws {
        let run = try Fixtures.parse("dotnet-junit-logger.xml")
        #expect(run.summary == RunSummary(files: 1, tests: 3, passed: 1, failed: 1, skipped: 1))
        #expect(run.properties == [Property(name: "dataset", value: "claims@v2")])
        #expect(run.testCases[1].identity.classname == nil)
        #expect(
            run.testCases[1].attempts[0].fingerprint?.frames == [
                "Acme.Claims.Tests.PayoutTests.Rounds_to_cents PayoutTests.cs"
            ])
    }

    @Test("pytest (generated), xunit1 and xunit2", arguments: ["pytest-xunit1.xml", "pytest-xunit2.xml"])
    func pytest(_ name: String) throws {
        let run = try Fixtures.parse(name)
        #expect(run.summary == RunSummary(files: 1, tests: 8, passed: 3, failed: 2, errors: 1, skipped: 2))
        #expect(run.name == "pytest tests")
        let byName = Dictionary(uniqueKeysWithValues: run.testCases.map { ($0.identity.name, $0) })
        #expect(byName["test_adult"]?.properties(named: "rule") == ["ELIG-001"])
        #expect(byName["test_adult"]?.traceLinks.datasets == ["lending@v3"])
        #expect(byName["test_rounding"]?.attempts.first?.type == "pytest.xfail")
        // The call failure and the teardown error are two test case elements of one test.
        #expect(byName["test_with_teardown"]?.attempts.map(\.outcome) == [.failed, .error])
        #expect(byName["test_with_teardown"]?.status == .error)
        let xunit1 = name == "pytest-xunit1.xml"
        #expect(byName["test_ltv_cap"]?.identity.file == (xunit1 ? "tests/test_loans.py" : nil))
        #expect(byName["test_ltv_cap"]?.sourceLine == (xunit1 ? 7 : nil))
        #expect(run.warnings.isEmpty)
    }

    @Test("CDATA sections join the text around them; entities and character references decode")
    func cdata() throws {
        let run = try Fixtures.parse("cdata.xml")
        let attempt = try #require(run.testCases.first?.attempts.first)
        #expect(attempt.message == "<b> & 😀")
        #expect(attempt.stackTrace == "before <xml attr=\"1\"> & ]] not the end after")
        #expect(attempt.systemOut == "line one\nline two <tag/>")
    }

    @Test("every dialect fixture reads without error and its totals add up", arguments: Fixtures.dialects)
    func totalsAddUp(_ name: String) throws {
        let summary = try Fixtures.parse(name).summary
        #expect(summary.tests == summary.passed + summary.failed + summary.errors + summary.skipped + summary.flaky)
        #expect(summary.tests > 0)
    }

    @Test("the summary over every fixture is their sum")
    func totalOverFiles() throws {
        let total = RunSummary.total(try Fixtures.dialects.map { try Fixtures.parse($0).summary })
        #expect(total == RunSummary(files: 18, tests: 74, passed: 30, failed: 19, errors: 7, skipped: 13, flaky: 5))
        #expect(!total.isGreen)
    }
}
