import Foundation
import SeedbedTestSupport
import Testing

/// `init` then `generate`: columns follow the profile's marginals, under the spec's rules.
@Suite("from profile")
struct FromProfileTests {
    /// 400 accounts: half owe nothing (an atom at 0), the rest 1…200; tiers 3:1.
    static let csv =
        "id,debt,tier\n"
        + (1...400).map { "\($0),\($0 % 2 == 0 ? 0 : ($0 % 200) + 1),\($0 % 4 == 0 ? "gold" : "basic")" }
        .joined(separator: "\n") + "\n"

    @Test func generatedColumnsFollowTheProfileUnderTheRules() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("account.csv", Self.csv)
        let spec = folder.url.appendingPathComponent("account.seed").path
        let initialized = await seedbed("init", "--from", source, "--out", spec)
        try #require(initialized.exitCode == 0, "\(initialized.error)")
        var text = try String(contentsOfFile: spec, encoding: .utf8)
        #expect(text.contains("debt  int   from profile"))
        text += "\nrule SMALL require account.debt <= 150\n"
        try text.write(toFile: spec, atomically: true, encoding: .utf8)

        let out = folder.url.appendingPathComponent("out").path
        let generated = await seedbed("generate", spec, "--out", out)
        #expect(generated.exitCode == 0, "\(generated.error)")
        let rows = try String(contentsOfFile: "\(out)/account.csv", encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.count == 400)
        let debts = rows.map { Int($0[1])! }
        let tiers = rows.map { String($0[2]) }
        #expect(debts.allSatisfy { (0...150).contains($0) })
        // The atom: about half owe nothing, as in the real rows.
        #expect(abs(Double(debts.filter { $0 == 0 }.count) / 400 - 0.5) < 0.1)
        #expect(abs(Double(tiers.filter { $0 == "gold" }.count) / 400 - 0.25) < 0.06)
        #expect(Set(tiers) == ["basic", "gold"])
    }

    @Test func aMissingProfileIsNamed() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write(
            "a.seed", "dataset a\n  profile \"gone.json\"\ntable a {\n  rows 5\n  x int from profile\n}\n")
        let outcome = await seedbed("generate", spec, "--out", folder.url.appendingPathComponent("o").path)
        #expect(outcome.exitCode == 1)
        #expect(outcome.error.contains("'from profile' needs a production profile"), "\(outcome.error)")
        let wrong = await seedbed(
            "generate", spec, "--out", folder.url.appendingPathComponent("o").path, "--profile", spec)
        #expect(wrong.exitCode == 2)
    }
}
