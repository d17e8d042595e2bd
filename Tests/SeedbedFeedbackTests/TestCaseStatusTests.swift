import SeedbedTestSupport
import Testing

@testable import SeedbedFeedback

/// A test case's status is stored, so it must follow every change of its attempts and mark.
@Suite("Test case status")
struct TestCaseStatusTests {
    private static let identity = TestIdentity(suitePath: ["S"], classname: "C", name: "t", file: nil)

    /// The rule of `TestStatus`, written out plainly: the last run that was not skipped decides
    /// passed (flaky when anything failed or the producer marked it); else error, failed, skipped.
    private static func expected(_ outcomes: [Outcome], markedFlaky: Bool) -> TestStatus {
        let ran = outcomes.filter { $0 != .skipped }
        if ran.last == .passed {
            return ran.contains(.failed) || ran.contains(.error) || markedFlaky ? .flaky : .passed
        }
        if ran.contains(.error) { return .error }
        if ran.contains(.failed) { return .failed }
        return .skipped
    }

    @Test("each way of changing attempts or the mark keeps the status right")
    func followsChanges() {
        var testCase = TestCase(identity: Self.identity, reportLine: 1, attempts: [Attempt(outcome: .passed)])
        #expect(testCase.status == .passed)
        testCase.attempts[0].outcome = .failed
        #expect(testCase.status == .failed)
        testCase.attempts.append(Attempt(outcome: .passed, origin: .rerun))
        #expect(testCase.status == .flaky)
        testCase.attempts += [Attempt(outcome: .error, origin: .rerun)]
        #expect(testCase.status == .error)
        testCase.attempts.removeAll()
        #expect(testCase.status == .skipped)
        testCase.attempts = [Attempt(outcome: .passed)]
        #expect(testCase.status == .passed)
        testCase.markedFlaky = true
        #expect(testCase.status == .flaky)
        testCase.markedFlaky = false
        #expect(testCase.status == .passed)
        testCase.attempts[0].outcome = .skipped
        #expect(testCase.status == .skipped)
    }

    @Test("the stored status matches the rule over random attempts, made or changed")
    func matchesRule() {
        var random = SplitMix64(state: 29)
        let outcomes: [Outcome] = [.passed, .failed, .error, .skipped]
        func someOutcomes() -> [Outcome] {
            (0..<Int.random(in: 0...4, using: &random)).map { _ in
                outcomes[Int.random(in: 0..<outcomes.count, using: &random)]
            }
        }
        for _ in 0..<300 {
            let first = someOutcomes()
            let mark = Bool.random(using: &random)
            var testCase = TestCase(
                identity: Self.identity, reportLine: 1, attempts: first.map { Attempt(outcome: $0) }, markedFlaky: mark)
            #expect(testCase.status == Self.expected(first, markedFlaky: mark))
            let more = someOutcomes()
            testCase.attempts += more.map { Attempt(outcome: $0, origin: .rerun) }
            #expect(testCase.status == Self.expected(first + more, markedFlaky: mark))
            if !testCase.attempts.isEmpty {
                let changed = outcomes[Int.random(in: 0..<outcomes.count, using: &random)]
                testCase.attempts[0].outcome = changed
                #expect(testCase.status == Self.expected([changed] + (first + more).dropFirst(), markedFlaky: mark))
            }
        }
    }

    @Test("equal attempts and marks give equal test cases, however they were reached")
    func equality() {
        var changed = TestCase(identity: Self.identity, reportLine: 1, attempts: [Attempt(outcome: .failed)])
        changed.attempts[0].outcome = .passed
        let made = TestCase(identity: Self.identity, reportLine: 1, attempts: [Attempt(outcome: .passed)])
        #expect(changed == made)
        #expect(Set([changed, made]).count == 1)
    }
}
