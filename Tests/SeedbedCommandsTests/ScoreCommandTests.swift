import Foundation
import SeedbedStores
import SeedbedTestSupport
import Testing

@testable import SeedbedCommands

@Suite("seedbed score")
struct ScoreCommandTests {
    static let spec = """
        dataset shop
          seed 3
          as of 2026-01-01
        table customer {
          rows 200
          id    int   key
          tier  text  one of { basic: 0.9, gold: 0.1 }
          age   int   uniform(18, 90)  quasi-identifier
        }
        table purchase {
          rows per customer poisson(2)
          id           int         key
          customer_id  int         references customer.id
          amount       decimal(2)  uniform(1, 500)
          paid         bool        one of { true: 0.8, false: 0.2 }
        }
        rule GOLD-1 eligibility "<script>alert(1)</script> gold is 30+"
          when customer.tier = "gold"
          require customer.age >= 30
        rule NEVER-2 eligibility "Platinum needs a purchase over 100"
          when customer.tier = "platinum"
          require customer.age >= 40
        scenario EDGE-1 "Purchases at the top"
          count 5 of purchase
          where purchase.amount between 499 and 500
        """

    /// Gates the data above meets by construction (no baseline, no privacy source).
    static let passingPolicy = """
        gates:
          conformance.violations: "= 0"
          scenarios.unmet: "= 0"
          validity.key_uniqueness: "= 1"
          validity.referential_integrity: "= 1"
        """

    final class Fixture {
        let folder: TemporaryDirectory
        let spec: String
        let data: String
        let policy: String

        init(spec text: String = ScoreCommandTests.spec) async throws {
            folder = try TemporaryDirectory()
            spec = try folder.write("shop.seed", text)
            data = folder.url.appendingPathComponent("out").path
            policy = try folder.write("pass.yml", ScoreCommandTests.passingPolicy)
            let generated = await seedbed("generate", spec, "--out", data)
            try #require(generated.exitCode == 0, "\(generated.error)")
        }

        func path(_ name: String) -> String { folder.url.appendingPathComponent(name).path }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func generatedFilesPassAPolicyTheyMeetAndFailOneTheyDoNot() async throws {
        let fixture = try await Fixture()
        let passed = await seedbed("score", fixture.spec, "--data", fixture.data, "--policy", fixture.policy)
        #expect(passed.exitCode == 0, "\(passed.error)")
        #expect(passed.output.contains("PASSED: all 4 gates hold"))
        #expect(passed.output.contains("COVERAGE GAP"))

        let failing = try fixture.folder.write(
            "fail.yml", "gates:\n  conformance.violations: \"= 0\"\n  fidelity.overall: \">= 0.80\"\n")
        let failed = await seedbed("score", fixture.spec, "--data", fixture.data, "--policy", failing)
        #expect(failed.exitCode == 1)
        #expect(
            failed.output.contains(
                "FAIL fidelity.overall >= 0.80: not measured (needs a baseline: --profile PROFILE or --baseline SOURCE)"
            ))
        // Without --policy the built-in default applies, whose privacy gates need a source.
        let defaulted = await seedbed("score", fixture.spec, "--data", fixture.data)
        #expect(defaulted.exitCode == 1)
        #expect(defaulted.output.contains("of 10 gates"))

        let jsonl = fixture.path("jsonl")
        let generated = await seedbed("generate", fixture.spec, "--out", jsonl, "--format", "jsonl")
        try #require(generated.exitCode == 0)
        let fromJSONL = await seedbed("score", fixture.spec, "--data", jsonl, "--policy", fixture.policy)
        #expect(fromJSONL.exitCode == 0, "\(fromJSONL.error)")
        // The same rows, so the same report but for the folder's name.
        #expect(
            fromJSONL.output.replacingOccurrences(of: jsonl, with: fixture.data) == passed.output)
    }

    @Test func theScorecardIsRecordedWithItsDatasetVersion() async throws {
        let fixture = try await Fixture()
        let catalog = fixture.path("catalog.sqlite")
        let generated = await seedbed(
            "generate", fixture.spec, "--out", fixture.data, "--catalog", catalog, "--version", "1.0.0")
        try #require(generated.exitCode == 0, "\(generated.error)")
        let scored = await seedbed(
            "score", fixture.spec, "--data", fixture.data, "--policy", fixture.policy, "--catalog", catalog,
            "--version", "1.0.0")
        #expect(scored.exitCode == 0)
        #expect(scored.error.contains("seedbed: recorded the scorecard of shop@1.0.0 in \(catalog)\n"))
        let shown = await seedbed("catalog", "show", "shop@1.0.0", "--catalog", catalog)
        #expect(
            shown.output.contains("  pass  conformance.violations 0.0000, scenarios.unmet 0.0000"), "\(shown.output)")
        // A version the catalog does not have: the scorecard is still the result, with a note.
        let unknown = await seedbed(
            "score", fixture.spec, "--data", fixture.data, "--policy", fixture.policy, "--catalog", catalog,
            "--version", "9.9.9")
        #expect(unknown.exitCode == 0)
        #expect(unknown.error.contains("seedbed: note: scorecard not recorded in the catalog: "))
    }

    @Test func jsonHoldsTheContract() async throws {
        let fixture = try await Fixture()
        let outcome = await seedbed(
            "score", fixture.spec, "--data", fixture.data, "--policy", fixture.policy, "--format", "json",
            "--baseline", fixture.data)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let document = try Self.json(outcome.output)
        #expect(document["format"] as? String == "seedbed-scorecard/1")
        #expect(document["dataset"] as? String == fixture.data)
        #expect((document["version"] as? String)?.hasPrefix("SDMetrics 0.32.0") == true)
        #expect(document["passed"] as? Bool == true)
        let fidelity = try #require(document["fidelity"] as? [String: Any])
        // The data against itself: every column and pair is a perfect match.
        #expect(fidelity["score"] as? Double == 1)
        #expect(fidelity["column_shapes"] as? Double == 1)
        #expect((fidelity["columns"] as? [Any])?.count == 4)
        let conformance = try #require(document["conformance"] as? [String: Any])
        #expect(conformance["rate"] as? Double == 1)
        let rules = try #require(conformance["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["GOLD-1", "NEVER-2"])
        #expect(rules.map { $0["checked"] as? Int } == [200, 200])
        #expect(rules.map { $0["violations"] as? Int } == [0, 0])
        #expect(rules.map { $0["fired"] as? Int }.last == 0)
        #expect(rules.map { $0["coverage_gap"] as? Bool } == [false, true])
        let scenarios = try #require(conformance["scenarios"] as? [[String: Any]])
        #expect(scenarios.first?["quota"] as? Int == 5)
        #expect(scenarios.first?["satisfying"] as? Int == 5)
        #expect(scenarios.first?["lineage"] as? Int == 5)
        let privacy = try #require(document["privacy"] as? [String: Any])
        #expect(privacy["k_anonymity"] as? Double != nil)
        #expect(privacy["mia_auc"] is NSNull)
        let gates = try #require(document["gates"] as? [[String: Any]])
        #expect(gates.map { $0["name"] as? String }.first == "conformance.violations")
        #expect(gates.allSatisfy { $0["passed"] as? Bool == true })
        #expect(gates.first?["location"] as? String == "\(fixture.policy):2:3")
    }

    @Test func aSQLiteTargetIsScoredWithItsChecksAndLineage() async throws {
        let fixture = try await Fixture()
        let database = fixture.path("shop.db")
        let db = try SQLiteDatabase(path: database, create: true)
        try db.execute(
            "CREATE TABLE customer (id INTEGER PRIMARY KEY, tier TEXT NOT NULL, age INT NOT NULL CONSTRAINT adult CHECK (age >= 18))"
        )
        try db.execute(
            "CREATE TABLE purchase (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id), amount NUMERIC(9,2) NOT NULL, paid BOOLEAN NOT NULL)"
        )
        let seeded = await seedbed("seed", fixture.spec, "--target", "sqlite:\(database)")
        try #require(seeded.exitCode == 0, "\(seeded.error)")
        let scored = await seedbed(
            "score", fixture.spec, "--target", "sqlite:\(database)", "--policy", fixture.policy, "--format", "json")
        #expect(scored.exitCode == 0, "\(scored.error)")
        let document = try Self.json(scored.output)
        let conformance = try #require(document["conformance"] as? [String: Any])
        let rules = try #require(conformance["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["GOLD-1", "NEVER-2", "db:adult"])
        #expect((conformance["scenarios"] as? [[String: Any]])?.first?["lineage"] as? Int == 5)
        // The database as its own baseline, by path and by URL: a perfect match.
        for baseline in [database, "sqlite:\(database)"] {
            let itself = await seedbed(
                "score", fixture.spec, "--target", "sqlite:\(database)", "--policy", fixture.policy, "--format",
                "json", "--baseline", baseline)
            #expect(itself.exitCode == 0, "\(itself.error)")
            let fidelity = try #require(try Self.json(itself.output)["fidelity"] as? [String: Any])
            #expect(fidelity["method"] as? String == "real")
            #expect(fidelity["column_shapes"] as? Double == 1)
        }

        // Break a rule behind Seedbed's back: the scorecard names the rows and fails.
        try db.execute("DROP TABLE IF EXISTS scratch")
        try db.execute("UPDATE customer SET tier = 'gold', age = 20 WHERE id IN (3, 7)")
        let broken = await seedbed("score", fixture.spec, "--target", "sqlite:\(database)", "--policy", fixture.policy)
        #expect(broken.exitCode == 1)
        #expect(broken.output.contains("FAIL GOLD-1 (customer): checked 200, when held"))
        #expect(broken.output.contains("violations 2, e.g. keys 3, 7"))
        #expect(broken.output.contains("FAILED: 1 of 4 gates: conformance.violations = 0"))
    }

    /// Tags balance and attributes are quoted: enough to know a CI parser will read it.
    static func isWellFormedXML(_ text: String) -> Bool {
        var stack: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("?") { continue }
            if tag.hasPrefix("/") {
                guard stack.popLast() == String(tag.dropFirst()) else { return false }
                continue
            }
            if tag.count { $0 == "\"" } % 2 != 0 { return false }
            let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" })
            if !tag.hasSuffix("/") { stack.append(name) }
        }
        return stack.isEmpty
    }

    @Test func junitHasATestCasePerGateRuleAndScenario() async throws {
        let fixture = try await Fixture()
        let out = fixture.path("score.xml")
        let outcome = await seedbed(
            "score", fixture.spec, "--data", fixture.data, "--format", "junit", "--out", out)
        #expect(outcome.exitCode == 1)
        #expect(outcome.output == "")
        #expect(outcome.error.hasPrefix("FAILED: "))
        let xml = try String(contentsOfFile: out, encoding: .utf8)
        #expect(Self.isWellFormedXML(xml))
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == 10 + 2 + 1)
        #expect(xml.contains("<testsuite name=\"gates\" tests=\"10\" failures=\"6\""))
        #expect(
            xml.contains(
                "<testcase classname=\"seedbed.rules.customer\" name=\"GOLD-1 &lt;script&gt;alert(1)&lt;/script&gt; gold is 30+\"/>"
            ))
        #expect(xml.contains("<skipped message=\"coverage gap: the rule&#39;s condition never held on 200 rows\"/>"))
        #expect(!Self.isWellFormedXML("<a><b></a></b>"))
    }

    @Test func htmlEscapesEveryText() async throws {
        let fixture = try await Fixture()
        let outcome = await seedbed("score", fixture.spec, "--data", fixture.data, "--format", "html")
        #expect(outcome.exitCode == 1)
        #expect(outcome.output.hasPrefix("<!DOCTYPE html>"))
        #expect(outcome.output.contains("&lt;script&gt;alert(1)&lt;/script&gt; gold is 30+"))
        #expect(!outcome.output.contains("<script"))
        #expect(!outcome.output.contains("src="))
        let markdown = await seedbed("score", fixture.spec, "--data", fixture.data, "--format", "markdown")
        #expect(markdown.output.contains("| `GOLD-1` &lt;script&gt;alert(1)&lt;/script&gt; gold is 30+ | customer |"))
    }

    @Test func inputErrorsExitTwoAndAnUnreachableTargetThree() async throws {
        let fixture = try await Fixture()
        let both = await seedbed("score", fixture.spec, "--data", fixture.data, "--target", "sqlite:x.db")
        #expect(both.exitCode == 2)
        let typo = try fixture.folder.write("typo.yml", "gates:\n  conformance.violatons: \"= 0\"\n")
        let policy = await seedbed("score", fixture.spec, "--data", fixture.data, "--policy", typo)
        #expect(policy.exitCode == 2)
        #expect(policy.error.contains("typo.yml:2:3: error: unknown metric 'conformance.violatons'"))
        #expect(policy.error.contains("did you mean 'conformance.violations'?"))
        let missing = await seedbed("score", fixture.spec, "--data", fixture.path("nowhere"))
        #expect(missing.exitCode == 2)
        try fixture.folder.write("out/customer.csv", "id,tier,age\n1,basic,40\n2,gold,3O\n")
        let malformed = await seedbed("score", fixture.spec, "--data", fixture.data)
        #expect(malformed.exitCode == 2)
        #expect(
            malformed.error
                == "seedbed: error: \(fixture.data)/customer.csv:3:8: column 'age': '3O' is not an int; write a whole number such as 42\n"
        )
        let unreachable = await seedbed(
            "score", fixture.spec, "--target", "sqlite:\(fixture.path("no/such/dir/x.db"))")
        #expect(unreachable.exitCode == 3)
    }

    @Test func theBuiltInPolicyIsScorecardsDefaultYAML() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let file = try String(
            contentsOf: root.appendingPathComponent("scorecards/default.yml"), encoding: .utf8)
        #expect(ScoreDefaultPolicy.text == file)
    }
}
