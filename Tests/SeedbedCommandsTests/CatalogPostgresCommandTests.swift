import Foundation
import SeedbedTestSupport
import Testing

/// The catalog commands against a PostgreSQL catalog a team shares: the same answers as the
/// SQLite file gives (CatalogCommandTests, VerifyCommandTests).
@Suite("Catalog commands on a PostgreSQL catalog")
struct CatalogPostgresCommandTests {
    @Test func generateListDiffCertifyVerifyAndRevalidate() async throws {
        let server = try PostgresTestDatabase()
        let folder = try TemporaryDirectory()
        let catalog = ["--catalog", server.uri]
        let spec = try folder.write("shop.seed", CatalogCommandTests.spec)
        let data = folder.url.appendingPathComponent("v1").path
        let first = await seedbed(["generate", spec, "--out", data] + catalog)
        #expect(first.exitCode == 0, "\(first.error)")
        let second = await seedbed(
            [
                "generate",
                try folder.write(
                    "shop2.seed",
                    CatalogCommandTests.spec.replacingOccurrences(of: "1.0.0", with: "1.1.0")
                        + "rule AGE-2 require customer.age < 95\n"),
                "--out", folder.url.appendingPathComponent("v2").path,
            ] + catalog)
        #expect(second.exitCode == 0, "\(second.error)")

        let list = await seedbed(["catalog", "list", "--format", "json"] + catalog)
        let listed = try #require(JSONSerialization.jsonObject(with: Data(list.output.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["version"] as? String } == ["1.0.0", "1.1.0"])
        #expect(listed.map { $0["rows"] as? Int } == [54, 54])
        let diff = await seedbed(["catalog", "diff", "shop@1.0.0", "shop@1.1.0"] + catalog)
        #expect(diff.exitCode == 0)
        #expect(diff.output.contains("AGE-2"))

        let key = folder.url.appendingPathComponent("k").path
        let certificate = folder.url.appendingPathComponent("c.json").path
        #expect(await seedbed("keygen", "--out", key).exitCode == 0)
        let certify = await seedbed(["certify", "shop@1.0.0", "--key", key, "--out", certificate] + catalog)
        #expect(certify.exitCode == 0, "\(certify.error)")
        #expect(await seedbed("verify", certificate, "--data", data, "--pubkey", key + ".pub").exitCode == 0)
        let show = await seedbed(["catalog", "show", "shop@1.0.0", "--format", "json"] + catalog)
        let shown = try #require(JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
        #expect((shown["certificates"] as? [Any])?.count == 1)

        let current = await seedbed(["revalidate"] + catalog)
        #expect(current.exitCode == 0, "\(current.output)")
        #expect(current.output.contains("shop@1.0.0: current\n  re-scored 54 rows at \(data): 0 rule violations\n"))
        try folder.write(
            "shop.seed", CatalogCommandTests.spec.replacingOccurrences(of: "amount < 300", with: "amount < 10"))
        let stale = await seedbed(["revalidate", "shop"] + catalog)
        #expect(stale.exitCode == 1)
        #expect(
            stale.output.hasPrefix(
                "shop@1.0.0: REGENERATE\n  - the rule set changed in \(spec): rules changed: AMT-1\n"))
    }
}
