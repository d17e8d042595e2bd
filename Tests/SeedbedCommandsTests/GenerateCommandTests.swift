import Foundation
import SeedbedTestSupport
import Testing

@Suite("seedbed generate")
struct GenerateCommandTests {
    static let spec = """
        dataset shop
          as of 2026-01-01
          seed 11
        table customer {
          rows 200
          id    int   key
          tier  text  one of { basic: 0.9, gold: 0.1 }
          age   int   uniform(18, 90)
        }
        table purchase {
          rows per customer poisson(2)
          id           int   key
          customer_id  int   references customer.id
          amount       decimal(2)  uniform(1, 500)
        }
        rule GOLD-1 when customer.tier = "gold" require customer.age >= 30
        rule BIG-2 forbid purchase.amount > 450
        scenario EDGE-1 count 5 of purchase where purchase.amount between 449 and 450
        """

    @Test func writesEveryTableTheLineageAndASummary() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let out = folder.url.appendingPathComponent("data").path
        let outcome = await seedbed("generate", spec, "--out", out)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["_lineage.csv", "customer.csv", "purchase.csv"])
        let customers = try String(contentsOfFile: "\(out)/customer.csv", encoding: .utf8)
        #expect(customers.hasPrefix("id,tier,age\n1,"))
        #expect(customers.split(separator: "\n").count == 201)
        let lineage = try String(contentsOfFile: "\(out)/_lineage.csv", encoding: .utf8).split(separator: "\n")
        #expect(lineage.first == "table,key,kind,id")
        #expect(lineage.dropFirst().count == 5)
        #expect(lineage.dropFirst().allSatisfy { $0.hasPrefix("purchase,") && $0.hasSuffix(",scenario,EDGE-1") })
        #expect(outcome.output.contains("  customer: 200 rows\n"))
        #expect(outcome.output.contains("scenarios: EDGE-1 5"))
        #expect(outcome.output.contains("generated 2 tables,"))
    }

    @Test func theSummaryIsJSONForMachines() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let outcome = await seedbed(
            "generate", spec, "--out", folder.url.appendingPathComponent("d").path, "--summary", "json", "--rows",
            "customer=50")
        #expect(outcome.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        let tables = try #require(json["tables"] as? [[String: Any]])
        #expect(tables.map { $0["table"] as? String } == ["customer", "purchase"])
        #expect(tables.first?["rows"] as? Int == 50)
    }

    @Test func aSpecWithErrorsMakesNothingAndExitsOne() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("bad.seed", Self.spec + "\nrule X require customer.agee > 1\n")
        let out = folder.url.appendingPathComponent("data").path
        let outcome = await seedbed("generate", spec, "--out", out)
        #expect(outcome.exitCode == 1)
        #expect(outcome.error.contains("has no column 'agee'"))
        #expect(outcome.error.contains("nothing was generated"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: [
        (["--shard", "3/2"], "--shard takes i/n"), (["--shard", "x"], "--shard takes i/n"),
        (["--rows", "customer"], "--rows takes TABLE=N"), (["--rows", "customer=-3"], "--rows takes TABLE=N"),
    ])
    func badOptionsAreUsageErrors(options: [String], message: String) async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let arguments = ["generate", spec, "--out", folder.url.path] + options
        let outcome = await seedbed(arguments)
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains(message))
    }

    @Test func rowsForAChildTableSayToSetTheParent() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let outcome = await seedbed("generate", spec, "--out", folder.url.path, "--rows", "purchase=10")
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("set --rows customer=N and its children follow"))
    }

    @Test func aMissingSpecIsAnInputError() async {
        let outcome = await seedbed("generate", "/nonexistent/x.seed", "--out", "/tmp/unused")
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("cannot read '/nonexistent/x.seed'"))
    }
}
