import Foundation
import SeedbedTestSupport
import Testing

@Suite("seedbed check")
struct CheckCommandTests {
    static let clean = """
        dataset shop as of 2026-01-01
        table customer {
          rows 100
          id   int  key
          age  int  uniform(18, 90)
        }
        rule AGE-1 eligibility "adults only"
          require customer.age >= 18
        """

    static let broken = """
        dataset shop
        table customer {
          rows 100
          id   int  key
          age  int  uniform(18, 90)
        }
        rule AGE-1 require customer.agee >= 18
        """

    @Test func aCleanSpecExitsZero() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.clean)
        let outcome = await seedbed("check", path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.output == "checked 1 spec: 0 errors, 0 warnings\n")
        #expect(outcome.error == "")
    }

    @Test func errorsExitOneWithEveryDiagnosticOnStandardError() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.broken)
        let outcome = await seedbed("check", path)
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.error == """
                \(path):7:29: error: table 'customer' has no column 'agee'
                 7 | rule AGE-1 require customer.agee >= 18
                   |                             ^~~~
                    help: did you mean 'age'?


                """)
        #expect(outcome.output == "checked 1 spec: 1 error, 0 warnings\n")
    }

    @Test func colourOnlyOnATerminal() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.broken)
        #expect(!(await seedbed("check", path)).error.contains("\u{1B}["))
        #expect((await seedbed("check", path, terminal: true)).error.contains("\u{1B}[1;31merror:"))
        #expect(!(await seedbed("check", "--color", "never", path, terminal: true)).error.contains("\u{1B}["))
        #expect(
            !(await seedbed("check", path, terminal: true, environment: ["NO_COLOR": "1"])).error.contains("\u{1B}["))
        #expect((await seedbed("check", "--color", "always", path)).error.contains("\u{1B}[1;31merror:"))
    }

    @Test func jsonGivesTheSameDiagnostics() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.broken)
        let outcome = await seedbed("check", "--format", "json", path)
        #expect(outcome.exitCode == 1)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(json["errors"] as? Int == 1)
        #expect(json["warnings"] as? Int == 0)
        let diagnostics = try #require(json["diagnostics"] as? [[String: Any]])
        #expect(diagnostics.count == 1)
        let first = try #require(diagnostics.first)
        #expect(first["file"] as? String == path)
        #expect(first["line"] as? Int == 7)
        #expect(first["column"] as? Int == 29)
        #expect(first["endColumn"] as? Int == 33)
        #expect(first["severity"] as? String == "error")
        #expect(first["message"] as? String == "table 'customer' has no column 'agee'")
        #expect(first["help"] as? String == "did you mean 'age'?")
        #expect((first["notes"] as? [Any])?.isEmpty == true)
    }

    @Test func aFolderStandsForItsSpecs() async throws {
        let folder = try TemporaryDirectory()
        try folder.write("a.seed", Self.clean)
        try folder.write("b.seed", Self.clean)
        try folder.write("notes.txt", "not a spec")
        let outcome = await seedbed("check", folder.url.path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.output == "checked 2 specs: 0 errors, 0 warnings\n")
    }

    @Test func aMissingFileIsAnInputError() async throws {
        let outcome = await seedbed("check", "/nonexistent/x.seed")
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("cannot read '/nonexistent/x.seed': no such file"))
    }

    @Test func noSpecIsAUsageError() async {
        let outcome = await seedbed("check")
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("Missing expected argument"))
    }

    @Test func warningsAsErrorsFailsOnWarnings() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("w.seed", Self.clean + "\nrule W-1 forbid customer.age = null\n")
        #expect((await seedbed("check", path)).exitCode == 0)
        #expect((await seedbed("check", "--warnings-as-errors", path)).exitCode == 1)
    }

    @Test func helpTeachesAndExitsZero() async {
        let outcome = await seedbed("check", "--help")
        #expect(outcome.exitCode == 0)
        #expect(outcome.output.contains("seedbed check rules/lending.seed"))
    }
}
