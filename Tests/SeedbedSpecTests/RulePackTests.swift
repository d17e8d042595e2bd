import Foundation
import SeedbedSpec
import Testing

/// The specs under `rules/` are what teams copy to start their own, so each must check clean.
@Suite("Rule packs")
struct RulePackTests {
    /// `rules/` at the repository root, found from this file so the tests run from any directory.
    /// (The pre-macOS 13 URL API, as the package sets no minimum platform.)
    static let rulesDirectory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // SeedbedSpecTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the repository root
        .appendingPathComponent("rules")

    /// Every `*.seed` file in `rules/`, sorted so test names are stable.
    static let packNames: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: rulesDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".seed") }
        .sorted()

    @Test("the rule packs are found")
    func packsAreFound() {
        // A moved folder would otherwise make the parameterized test below pass on no input.
        #expect(Set(Self.packNames).isSuperset(of: ["lending.seed", "insurance.seed", "clinical.seed"]))
    }

    @Test("every rule pack checks clean", arguments: packNames)
    func packChecksClean(_ name: String) throws {
        let url = Self.rulesDirectory.appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let result = Checker().check(source: text, file: "rules/\(name)")
        #expect(result.diagnostics.isEmpty, "\(Self.describe(result))")
    }

    /// `file:line:column: severity: message`, one per line, so a failure says where to look.
    static func describe(_ result: CheckResult) -> String {
        result.diagnostics.map { diagnostic in
            let location = result.source.location(of: diagnostic.range.start)
            return "\(location): \(diagnostic.severity.rawValue): \(diagnostic.message)"
                + (diagnostic.help.map { " (\($0))" } ?? "")
        }.joined(separator: "\n")
    }
}
