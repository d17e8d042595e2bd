import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedSpec
import Testing

/// Effectiveness, trace and compare over a constructed history: lending 1.0.0 (run ci-1) and
/// 1.1.0 (ci-2, and ci-3 rerun on the same commit), where 1.1.0's data makes `capsAge` fail
/// (the age cap, ELIG-002) and `schedules` fails on one of two runs of one commit (flaky).
@Suite("Feedback analytics")
struct AnalyticsTests {
    static func fingerprint(_ type: String, _ message: String, _ trace: String) -> String {
        FailureFingerprint(type: type, message: message, stackTrace: trace).fine
    }

    static let capsAge = fingerprint(
        "AssertionError", "customer 17 has age 96, expected below 95",
        "AssertionError: customer 17 has age 96, expected below 95\n\tat LoanTests.capsAge(LoanTests.java:25)")
    static let legacy = fingerprint(
        "AssertionError", "expected 3 but was 4",
        "AssertionError: expected 3 but was 4\n\tat LoanTests.legacyRounding(LoanTests.java:40)")
    static let timeout = fingerprint(
        "TimeoutException", "timed out after 250 ms",
        "TimeoutException: timed out after 250 ms\n\tat Scheduler.await(Scheduler.java:19)")

    @Test func version2RevealsTheFailureVersion1DidNot() throws {
        let history = try LendingHistory()
        try history.ingestAll()
        let trend = try VersionEffectiveness.measure(in: history.catalog, name: "lending")
        #expect(
            trend == [
                VersionEffectiveness(
                    dataset: try LendingHistory.lending("1.0.0"), previous: nil, runs: 1, partialRuns: 0, tests: 6,
                    outcomes: ["passed": 3, "failed": 1, "error": 0, "skipped": 1, "flaky": 1], failingTests: 1,
                    fingerprints: 1, revealed: nil, revealedOnSameCommit: nil, flakyTests: 1, rules: 2,
                    rulesLinked: 2, rulesFailing: 0, rulesUntested: []),
                VersionEffectiveness(
                    dataset: try LendingHistory.lending("1.1.0"), previous: try LendingHistory.lending("1.0.0"),
                    runs: 2, partialRuns: 0, tests: 7,
                    outcomes: ["passed": 7, "failed": 5, "error": 0, "skipped": 2, "flaky": 0], failingTests: 3,
                    fingerprints: 3, revealed: [Self.capsAge], revealedOnSameCommit: [Self.capsAge], flakyTests: 1,
                    rules: 3, rulesLinked: 3, rulesFailing: 1, rulesUntested: []),
            ])
    }

    @Test func flakinessWithinARunAndAcrossRerunsOfOneCommit() throws {
        let history = try LendingHistory()
        try history.ingestAll()
        let sightings = try history.catalog.testSightings(named: "lending").filter { $0.key != "" }
        let schedules = TestKey.of(
            TestIdentity(suitePath: ["LoanTests"], classname: "LoanTests", name: "schedules", file: nil),
            occurrence: 0)
        let flaky = sightings.filter { $0.key == schedules }.sorted { $0.version < $1.version }
        #expect(flaky.map(\.flakyInRun) == [true, false])
        #expect(flaky.map { $0.passed && $0.failed } == [false, true])
        // Without a commit, two runs cannot be told to have run the same code: not flaky.
        let other = try LendingHistory()
        _ = try TestRunIngestion(dataset: try LendingHistory.lending("1.1.0"), runID: "a")
            .ingest(files: [LendingHistory.report("loan-v2.xml")], into: other.catalog)
        _ = try TestRunIngestion(dataset: try LendingHistory.lending("1.1.0"), runID: "b")
            .ingest(files: [LendingHistory.report("loan-v2-rerun.xml")], into: other.catalog)
        #expect(try VersionEffectiveness.measure(in: other.catalog, name: nil).map(\.flakyTests) == [0])
    }

    @Test func traceLeadsFromATestAnnotatedWithARuleToTheRulesSpecLine() throws {
        let history = try LendingHistory()
        try history.ingestAll()
        var resolver = TraceResolver(catalog: history.catalog)
        let traces = try resolver.trace(test: "capsAge [rule:ELIG-002]")
        #expect(traces.count == 1)
        let trace = try #require(traces.first)
        #expect(trace.focus.run.id == "ci-3")
        #expect(trace.focus.result.fingerprint == Self.capsAge)
        #expect(trace.links.count == 1)
        #expect(trace.links[0].link == TestLink(.rule, "ELIG-002"))
        #expect(trace.links[0].entry?.location == SourceLocation(file: "/specs/lending.seed", line: 10, column: 1))
        #expect(trace.links[0].entry?.text == "rule ELIG-002 \"age cap\" require customer.age < 95")
        #expect(trace.failedOn.map(\.description) == ["lending@1.1.0"])
        #expect(trace.passedOn.map(\.description) == ["lending@1.0.0"])
        #expect(trace.history.map(\.run.id) == ["ci-1", "ci-2", "ci-3"])
        // The same test by classname.name and by key.
        #expect(try resolver.trace(test: "LoanTests.capsAge [rule:ELIG-002]") == traces)
        #expect(try resolver.trace(test: trace.focus.result.key) == traces)
        #expect(try resolver.trace(test: "nothing").isEmpty)
    }

    @Test func traceOfARunTracesEachFailure() throws {
        let history = try LendingHistory()
        try history.ingestAll()
        var resolver = TraceResolver(catalog: history.catalog)
        let run = try #require(try resolver.trace(run: "ci-2"))
        #expect(run.failures.map(\.focus.result.name) == ["capsAge [rule:ELIG-002]", "legacyRounding"])
        #expect(run.failures.map(\.focus.run.id) == ["ci-2", "ci-2"])
        let scenario = try #require(try resolver.trace(test: "oldCustomers").first)
        #expect(scenario.links.map(\.entry?.location.line) == [11])
        let marker = try #require(try resolver.trace(test: "incomeNonNegative").first)
        #expect(marker.links.map(\.entry?.text) == ["rule INC-003 require customer.income >= 0"])
        #expect(try resolver.trace(run: "ci-404") == nil)
    }

    @Test func compareSetsOutcomesSideBySide() throws {
        let history = try LendingHistory()
        try history.ingestAll()
        let comparison = try OutcomeComparison(
            a: try LendingHistory.lending("1.0.0"), b: try LendingHistory.lending("1.1.0"), in: history.catalog)
        #expect(comparison.failingOnlyOnA.isEmpty)
        #expect(comparison.failingOnlyOnB.map(\.name) == ["LoanTests.capsAge [rule:ELIG-002]", "LoanTests.schedules"])
        #expect(comparison.failingOnBoth.map(\.name) == ["LoanTests.legacyRounding"])
        #expect(comparison.failingOnBoth.map(\.fingerprints) == [[Self.legacy]])
        #expect(Set(comparison.newFingerprints.map(\.fingerprint)) == [Self.capsAge, Self.timeout])
        #expect(
            comparison.newFingerprints.first { $0.fingerprint == Self.capsAge }?.tests == [
                "LoanTests.capsAge [rule:ELIG-002]"
            ])
        #expect(comparison.rulesAdded.map { "\($0.id) \($0.tests) \($0.failingTests)" } == ["INC-003 1 0"])
        #expect(comparison.scenariosAdded.isEmpty)
    }

    @Test func specIndexFindsRulesAndScenariosByID() {
        let index = SpecIndex(text: LendingHistory.specV2, path: "lending.seed")
        #expect(index.rules.map(\.id) == ["ELIG-001", "ELIG-002", "INC-003"])
        #expect(index.rules.map(\.location.line) == [9, 10, 12])
        #expect(index.scenario("OLD")?.text == "scenario OLD count 1 of customer where customer.age > 80")
        #expect(index.rule("NOPE-1") == nil)
    }
}
