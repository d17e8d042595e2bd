import Foundation
import SeedbedTestSupport
import Testing

@Suite("seedbed fmt")
struct FormatCommandTests {
    static let messy = """
        # a shop
        dataset shop   seed 7
        table customer { rows 100
          id int key   # the key
          age int uniform(18,90) }
        rule AGE-1 require customer.age>=18
        """

    static let canonical = """
        # a shop
        dataset shop
          seed 7

        table customer {
          rows 100
          id   int  key  # the key
          age  int  uniform(18, 90)
        }

        rule AGE-1
          require customer.age >= 18

        """

    @Test func rewritesInPlaceKeepingComments() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.messy)
        let outcome = await seedbed("fmt", path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.output == "reformatted \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.canonical)
        // Formatting is idempotent: a second run changes nothing and says nothing.
        let again = await seedbed("fmt", path)
        #expect(again.exitCode == 0)
        #expect(again.output == "")
    }

    @Test func checkReportsWithoutWriting() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.messy)
        let outcome = await seedbed("fmt", "--check", path)
        #expect(outcome.exitCode == 1)
        #expect(outcome.output == "would reformat \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.messy)
        let clean = try folder.write("clean.seed", Self.canonical)
        #expect((await seedbed("fmt", "--check", clean)).exitCode == 0)
    }

    @Test func stdoutPrintsTheFormattedSpec() async throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write("shop.seed", Self.messy)
        let outcome = await seedbed("fmt", "--stdout", path)
        #expect(outcome.exitCode == 0)
        #expect(outcome.output == Self.canonical)
    }

    @Test func aSyntaxErrorLeavesTheFileAlone() async throws {
        let folder = try TemporaryDirectory()
        let broken = "dataset shop\ntable customer {\n  rows 100\n  id int key\n  age int uniform(18, \n}\n"
        let path = try folder.write("broken.seed", broken)
        let outcome = await seedbed("fmt", path)
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("\(path):5:22: error: expected a literal"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == broken)
    }

    @Test func checkAndStdoutTogetherAreAUsageError() async {
        #expect((await seedbed("fmt", "--check", "--stdout", "x.seed")).exitCode == 2)
    }
}
