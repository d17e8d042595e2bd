import Foundation
import SeedbedSpec
import Testing

@testable import SeedbedScore

@Suite("Gate policies")
struct GatePolicyTests {
    static func parse(_ text: String) throws(GatePolicyError) -> GatePolicy {
        try GatePolicy(parsing: SourceFile(name: "t.policy", text: text))
    }

    static func errors(_ text: String) -> GatePolicyError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("gates, comments, blank lines, tabs, underscores and percentages")
    func parsesGates() throws {
        let policy = try Self.parse(
            """
            # a comment
            gate conformance.violations = 0

            gate\tfidelity.overall >= 80%   # trailing comment
              gate privacy.k_anonymity > 10_000
            gate privacy.mia_auc <= 0.6
            gate validity.key_uniqueness < -1
            """)
        #expect(
            policy.gates.map(\.description) == [
                "conformance.violations = 0", "fidelity.overall >= 80%", "privacy.k_anonymity > 10_000",
                "privacy.mia_auc <= 0.6", "validity.key_uniqueness < -1",
            ])
        #expect(policy.gates.map(\.threshold) == [0, 0.8, 10_000, 0.6, -1])
        #expect(
            policy.gates.map(\.location.description) == [
                "t.policy:2:1", "t.policy:4:1", "t.policy:5:3", "t.policy:6:1", "t.policy:7:1",
            ])
    }

    @Test("every error is reported at FILE:LINE:COLUMN, not only the first")
    func collectsErrors() throws {
        let error = try #require(
            Self.errors(
                """
                gate fidelity.overal >= 0.8
                gates privacy.mia_auc <= 0.6
                gate privacy.mia_auc == 0.6
                gate privacy.mia_auc <= 1__0
                gate privacy.mia_auc <= 0.6 please
                gate privacy.mia_auc <=
                gate privacy.mia_auc
                gate
                """))
        #expect(
            error.locations.map(\.description) == [
                "t.policy:1:6", "t.policy:2:1", "t.policy:3:22", "t.policy:4:25", "t.policy:5:29", "t.policy:6:24",
                "t.policy:7:21", "t.policy:8:5",
            ])
        #expect(
            error.diagnostics.map(\.message) == [
                "unknown metric 'fidelity.overal'", "expected 'gate', found 'gates'", "unknown comparison '=='",
                "'1__0' is not a number", "unexpected 'please' after the gate",
                "a gate on 'privacy.mia_auc' needs a value",
                "a gate on 'privacy.mia_auc' needs a comparison", "a gate needs a metric",
            ])
        #expect(error.diagnostics[0].help == "did you mean 'fidelity.overall'?")
        #expect(error.diagnostics[2].help == "did you mean '='?")
    }

    @Test("an error renders with the line and a caret")
    func rendering() throws {
        let error = try #require(Self.errors("gate privacy.k_anonimity >= 5\n"))
        #expect(
            error.description == """
                t.policy:1:6: error: unknown metric 'privacy.k_anonimity'
                 1 | gate privacy.k_anonimity >= 5
                   |      ^~~~~~~~~~~~~~~~~~~
                    help: did you mean 'privacy.k_anonymity'?


                """)
    }

    @Test("malformed numbers are refused", arguments: ["1_", "_1", "1.", ".5", "1e3", "--1", "%", "0x10", "1%%"])
    func malformedNumbers(_ text: String) {
        #expect(Self.errors("gate privacy.mia_auc <= \(text)") != nil, "\(text)")
    }

    @Test("evaluation: every gate is checked, and an unmeasured metric fails with its reason")
    func evaluate() throws {
        let policy = try Self.parse(
            """
            gate conformance.violations = 0
            gate fidelity.overall >= 0.80
            gate privacy.mia_auc >= 0.4
            gate privacy.mia_auc <= 0.6
            gate privacy.k_anonymity >= 5
            """)
        let results = policy.evaluate(
            ["conformance.violations": 2, "fidelity.overall": 0.8, "privacy.mia_auc": 0.5],
            reasons: ["privacy.k_anonymity": "no quasi-identifier columns"])
        #expect(results.map(\.passed) == [false, true, true, true, false])
        #expect(
            results.map(\.description) == [
                "conformance.violations = 0: 2, failed", "fidelity.overall >= 0.80: 0.8, passed",
                "privacy.mia_auc >= 0.4: 0.5, passed", "privacy.mia_auc <= 0.6: 0.5, passed",
                "privacy.k_anonymity >= 5: not measured: no quasi-identifier columns",
            ])
        #expect(policy.evaluate(["fidelity.overall": .nan])[1].passed == false)
    }

    @Test("the policies in scorecards/ parse and name only known metrics")
    func shippedPolicies() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for name in ["default.policy", "strict.policy"] {
            let url = root.appendingPathComponent("scorecards").appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let policy = try GatePolicy(parsing: SourceFile(name: name, bytes: Array(data)))
            #expect(policy.gates.count >= 10, "\(name)")
        }
    }

    @Test("a policy that is not UTF-8 is refused")
    func notUTF8() {
        let file = SourceFile(name: "t.policy", bytes: Array("gate fidelity.overall >= 0.8 # ".utf8) + [0xFF])
        #expect(throws: GatePolicyError.self) { try GatePolicy(parsing: file) }
    }

    @Test("over tables, a score takes the worst table and a count the sum")
    func combined() throws {
        let overall = try #require(GateMetric.named("fidelity.overall"))
        let auc = try #require(GateMetric.named("privacy.mia_auc"))
        let violations = try #require(GateMetric.named("conformance.violations"))
        #expect(overall.combined([0.9, 0.7]) == 0.7)
        #expect(auc.combined([0.5, 0.7]) == 0.7)
        #expect(violations.combined([1, 2]) == 3)
        #expect(overall.combined([]) == nil)
    }
}
