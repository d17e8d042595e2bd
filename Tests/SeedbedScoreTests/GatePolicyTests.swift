import Foundation
import SeedbedSpec
import Testing

@testable import SeedbedScore

@Suite("Gate policies")
struct GatePolicyTests {
    static func parse(_ text: String) throws(GatePolicyError) -> GatePolicy {
        try GatePolicy(parsing: SourceFile(name: "t.yml", text: text))
    }

    static func errors(_ text: String) -> GatePolicyError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test("gates, comments, quoting styles, bands, underscores and percentages, in file order")
    func parsesGates() throws {
        let policy = try Self.parse(
            """
            # a comment
            gates:
              conformance.violations: = 0

              # a comment inside the mapping
              fidelity.overall: ">= 80%"   # trailing comment
              privacy.k_anonymity: '> 10_000'
              privacy.mia_auc: [">= 0.4", "<=0.6"]
              validity.key_uniqueness:
                - "< -1"
            """)
        #expect(
            policy.gates.map(\.description) == [
                "conformance.violations = 0", "fidelity.overall >= 80%", "privacy.k_anonymity > 10_000",
                "privacy.mia_auc >= 0.4", "privacy.mia_auc <= 0.6", "validity.key_uniqueness < -1",
            ])
        #expect(policy.gates.map(\.threshold) == [0, 0.8, 10_000, 0.4, 0.6, -1])
        #expect(
            policy.gates.map(\.location.description) == [
                "t.yml:3:3", "t.yml:6:3", "t.yml:7:3", "t.yml:8:21", "t.yml:8:31", "t.yml:10:7",
            ])
    }

    @Test("every error in the gates is reported at FILE:LINE:COLUMN, not only the first")
    func collectsErrors() throws {
        let error = try #require(
            Self.errors(
                """
                gates:
                  fidelity.overal: ">= 0.8"
                  privacy.mia_auc: "== 0.6"
                  privacy.k_anonymity: "<= 1__0"
                  privacy.l_diversity: ">= 2 please"
                  privacy.exact_match_rate: "<="
                  fidelity.overall: 0.8
                  scenarios.unmet: {at_most: 0}
                  privacy.dcr_baseline_protection:
                gate: x
                """))
        #expect(
            error.locations.map(\.description) == [
                "t.yml:2:3", "t.yml:3:21", "t.yml:4:28", "t.yml:5:30", "t.yml:6:32", "t.yml:7:21", "t.yml:8:20",
                "t.yml:9:35", "t.yml:10:1",
            ])
        #expect(
            error.diagnostics.map(\.message) == [
                "unknown metric 'fidelity.overal'", "unknown comparison '=='", "'1__0' is not a number",
                "unexpected 'please' after the condition",
                "the condition of 'privacy.exact_match_rate' needs a number",
                "the condition of 'fidelity.overall' needs a comparison",
                "the condition of 'scenarios.unmet' must be a text such as \">= 0.80\", or a list of them",
                "'privacy.dcr_baseline_protection' has no condition", "unknown key 'gate' in the policy",
            ])
        #expect(error.diagnostics[0].help == "did you mean 'fidelity.overall'?")
        #expect(error.diagnostics[1].help == "did you mean '='?")
        // The metric's direction picks the comparison to suggest.
        #expect(error.diagnostics[5].help == "write \">= 0.8\"")
        #expect(error.diagnostics[8].help == "did you mean 'gates'?")
    }

    @Test("an error renders with the line and a caret")
    func rendering() throws {
        let error = try #require(Self.errors("gates:\n  privacy.k_anonimity: \">= 5\"\n"))
        #expect(
            error.description == """
                t.yml:2:3: error: unknown metric 'privacy.k_anonimity'
                 2 |   privacy.k_anonimity: ">= 5"
                   |   ^~~~~~~~~~~~~~~~~~~
                    help: did you mean 'privacy.k_anonymity'?


                """)
    }

    @Test("a bare '>' is YAML's folded text: the error says to quote it")
    func unquotedGreater() throws {
        let error = try #require(Self.errors("gates:\n  fidelity.overall: >= 0.80\n"))
        #expect(error.locations.map(\.description).first?.hasPrefix("t.yml:2:") == true)
        #expect(error.diagnostics.first?.message.hasPrefix("the policy is not valid YAML: ") == true)
        #expect(error.diagnostics.first?.help == DiagnosticMessage.policyUnquotedGreater)
    }

    @Test("a metric written twice is an error at the second, with a note at the first")
    func duplicateGate() throws {
        let error = try #require(
            Self.errors(
                "gates:\n  fidelity.overall: \">= 0.8\"\n  privacy.mia_auc: \"<= 0.6\"\n  fidelity.overall: \">= 0.9\"\n"
            ))
        #expect(error.locations.map(\.description) == ["t.yml:4:3"])
        #expect(error.diagnostics.first?.message == "'fidelity.overall' is written twice in one mapping")
        #expect(error.diagnostics.first?.notes.map(\.message) == ["first written here"])
        let note = try #require(error.diagnostics.first?.notes.first?.range)
        #expect(error.file.location(of: note.start).description == "t.yml:2:3")
    }

    @Test(
        "the wrong shapes are refused with a fix",
        arguments: [
            ("", "the policy has no gates", "t.yml:1:1"),
            ("# only a comment\n", "the policy has no gates", "t.yml:1:1"),
            ("- fidelity.overall >= 0.8\n", "a policy is a mapping with the key 'gates'", "t.yml:1:1"),
            ("gates:\n", "'gates' is empty", "t.yml:1:7"),
            (
                "gates:\n  - fidelity.overall: \">= 0.8\"\n", "'gates' must map each metric to its condition",
                "t.yml:2:3"
            ),
            ("gates:\n  [a]: \">= 0.8\"\n", "a metric must be a name such as 'fidelity.overall'", "t.yml:2:3"),
            ("gates:\n  fidelity.overall: []\n", "'fidelity.overall' has no condition", "t.yml:2:21"),
        ])
    func wrongShapes(_ text: String, _ message: String, _ location: String) throws {
        let error = try #require(Self.errors(text))
        #expect(error.diagnostics.map(\.message) == [message])
        #expect(error.locations.map(\.description) == [location])
        #expect(error.diagnostics.allSatisfy { $0.help != nil })
    }

    @Test("a policy with no gates at all is written 'gates: {}'")
    func explicitlyEmpty() throws {
        #expect(try Self.parse("gates: {}\n").gates.isEmpty)
    }

    @Test("malformed numbers are refused", arguments: ["1_", "_1", "1.", ".5", "1e3", "--1", "%", "0x10", "1%%"])
    func malformedNumbers(_ text: String) {
        #expect(Self.errors("gates:\n  privacy.mia_auc: \"<= \(text)\"\n") != nil, "\(text)")
    }

    // MARK: - Hostile input

    @Test("an alias bomb is refused before libyaml expands it")
    func aliasBomb() throws {
        var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
        for (previous, name) in zip("abcdefgh", "bcdefghi") {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
        }
        text += "? *i\n: 1\ngates: {}\n"
        let error = try #require(Self.errors(text))
        #expect(error.diagnostics.map(\.message) == [DiagnosticMessage.policyAnchorOrAlias.text])
        #expect(error.locations.map(\.description) == ["t.yml:1:4"])
    }

    @Test(
        "deep nesting is refused, whatever its form",
        arguments: [
            String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000),
            String(repeating: "- ", count: 100_000) + "x\n",
            (0..<300).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined(),
            "gates: " + String(repeating: "{a: ", count: 50_000) + "1" + String(repeating: "}", count: 50_000),
        ])
    func deepNesting(_ text: String) throws {
        let error = try #require(Self.errors(text))
        #expect(error.diagnostics.map(\.message) == [DiagnosticMessage.policyTooDeep(limit: 256).text])
    }

    @Test("a huge file is refused by its size, before any parsing")
    func hugeFile() throws {
        let text = "gates:\n" + String(repeating: "  # padding\n", count: 100_000)
        let error = try #require(Self.errors(text))
        #expect(error.diagnostics.first?.message.hasSuffix("more than the 1048576 a policy may have") == true)
    }

    @Test("'&' and '*' that are no anchors pass: in comments, and before a space")
    func lookalikesPass() throws {
        let policy = try Self.parse("# *see* &docs\ngates:\n  fidelity.overall: \">= 0.8\"  # 2 * 0.4 & more\n")
        #expect(policy.gates.count == 1)
    }

    @Test("a policy that is not UTF-8 is refused")
    func notUTF8() {
        let file = SourceFile(name: "t.yml", bytes: Array("gates: {} # ".utf8) + [0xFF])
        #expect(throws: GatePolicyError.self) { try GatePolicy(parsing: file) }
    }

    @Test("a byte order mark is skipped, and columns count from after it")
    func byteOrderMark() throws {
        let file = SourceFile(
            name: "t.yml", bytes: [0xEF, 0xBB, 0xBF] + Array("gates:\n  fidelity.overall: \">= 0.8\"\n".utf8))
        #expect(try GatePolicy(parsing: file).gates.map(\.location.description) == ["t.yml:2:3"])
    }

    // MARK: - Meaning

    @Test("evaluation: every gate is checked, and an unmeasured metric fails with its reason")
    func evaluate() throws {
        let policy = try Self.parse(
            """
            gates:
              conformance.violations: "= 0"
              fidelity.overall: ">= 0.80"
              privacy.mia_auc: [">= 0.4", "<= 0.6"]
              privacy.k_anonymity: ">= 5"
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

    @Test("the policies in scorecards/ parse, name only known metrics, and keep a comment on each gate")
    func shippedPolicies() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        for (name, count) in [("default.yml", 10), ("strict.yml", 14)] {
            let url = root.appendingPathComponent("scorecards").appendingPathComponent(name)
            let data = try Data(contentsOf: url)
            let policy = try GatePolicy(parsing: SourceFile(name: name, bytes: Array(data)))
            #expect(policy.gates.count == count, "\(name)")
            #expect(Set(policy.gates.map(\.metric.name)).count == count, "\(name)")
        }
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
