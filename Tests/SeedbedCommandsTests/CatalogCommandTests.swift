import Foundation
import SeedbedTestSupport
import Testing

@Suite("seedbed catalog, revalidate and registration")
struct CatalogCommandTests {
    static let spec = """
        dataset shop
          version "1.0.0"
          seed 7
        table customer {
          rows 20
          id    int   key
          age   int   uniform(18, 90)
        }
        table purchase {
          rows per customer uniform(0, 3)
          id           int   key
          customer_id  int   references customer.id
          amount       decimal(2)  uniform(1, 500)
          kind         text  one of { gift, self }
        }
        rule AMT-1 when purchase.kind = "gift" require purchase.amount < 300
        scenario BIG count 2 of purchase where purchase.kind = "self" and purchase.amount > 400
        """

    @Test func generateRecordsAVersionAndTheCatalogListsShowsAndDiffsIt() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let environment = ["SEEDBED_CATALOG": catalog]
        let first = await seedbed(
            ["generate", spec, "--out", folder.url.appendingPathComponent("v1").path], environment: environment)
        #expect(first.exitCode == 0, "\(first.error)")
        #expect(first.error.contains("seedbed: recorded shop@1.0.0 in \(catalog) (a new version)"))

        let changed = try folder.write(
            "shop2.seed",
            Self.spec.replacingOccurrences(of: "amount < 300", with: "amount < 250")
                .replacingOccurrences(of: "version \"1.0.0\"", with: "version \"1.1.0\"")
                + "\nrule AGE-2 require customer.age < 95\n")
        let second = await seedbed(
            ["generate", changed, "--out", folder.url.appendingPathComponent("v2").path, "--catalog", catalog])
        #expect(second.exitCode == 0, "\(second.error)")

        let list = await seedbed("catalog", "list", "--catalog", catalog)
        let lines = list.output.split(separator: "\n").map { String($0) }
        #expect(lines.count == 3)
        #expect(lines[0] == "VERSION     REGISTERED            SPEC          RUNS  ROWS  SCORE  CERTS")
        #expect(lines[1].hasPrefix("shop@1.0.0  ") && lines[1].hasSuffix("  1     54    -      0"))
        #expect(lines[2].hasPrefix("shop@1.1.0  "))

        let json = await seedbed("catalog", "list", "--catalog", catalog, "--format", "json")
        let listed = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["version"] as? String } == ["1.0.0", "1.1.0"])
        #expect(listed.map { $0["rows"] as? Int } == [54, 54])

        let show = await seedbed("catalog", "show", "shop@1.0.0", "--catalog", catalog)
        #expect(show.exitCode == 0)
        #expect(show.output.contains("  seed         7\n"))
        #expect(show.output.contains("    purchase: 34 rows; scenarios BIG 2\n"))
        #expect(show.output.contains("scorecards: none\ncertificates: none\n"))

        let diff = await seedbed("catalog", "diff", "shop@1.0.0", "shop@1.1.0", "--catalog", catalog)
        #expect(diff.exitCode == 0)
        #expect(
            diff.output.hasPrefix(
                """
                shop@1.0.0 -> shop@1.1.0
                spec: changed
                rules: added AGE-2; changed AMT-1
                scenarios: unchanged
                tables: unchanged
                rows:
                  customer: 20 -> 20
                  purchase: 34 -> 34
                spec lines:
                """))
        #expect(diff.output.contains("- rule AMT-1 when purchase.kind = \"gift\" require purchase.amount < 300\n"))
        let diffJSON = await seedbed(
            "catalog", "diff", "shop@1.0.0", "shop@1.1.0", "--catalog", catalog, "--format", "json")
        let decoded = try #require(JSONSerialization.jsonObject(with: Data(diffJSON.output.utf8)) as? [String: Any])
        #expect((decoded["rules"] as? [String: [String]])?["changed"] == ["AMT-1"])

        let missing = await seedbed("catalog", "show", "shop@2.0.0", "--catalog", catalog)
        #expect(missing.exitCode == 2)
        #expect(
            missing.error
                == "seedbed: error: shop@2.0.0 is not in the catalog: the catalog has shop@1.0.0, shop@1.1.0\n")
    }

    @Test func aChangedSpecUnderTheSameVersionIsRefusedUnlessForced() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let out = folder.url.appendingPathComponent("out").path
        #expect(await seedbed("generate", spec, "--out", out, "--catalog", catalog).exitCode == 0)
        try folder.write("shop.seed", Self.spec.replacingOccurrences(of: "rows 20", with: "rows 21"))
        let refused = await seedbed("generate", spec, "--out", out, "--catalog", catalog)
        #expect(refused.exitCode == 2)
        #expect(
            refused.error.contains("seedbed: error: shop@1.0.0 is already in the catalog, made from something else"))
        #expect(refused.error.contains("seedbed: the data was written but is not recorded in the catalog\n"))
        let forced = await seedbed("generate", spec, "--out", out, "--catalog", catalog, "--force")
        #expect(forced.exitCode == 0)
        #expect(forced.error.contains("(replacing the record made from something else)"))
        let bumped = await seedbed("generate", spec, "--out", out, "--catalog", catalog, "--version", "1.0.1")
        #expect(bumped.error.contains("recorded shop@1.0.1"))
        // Checked before any work: nothing is generated under a version that cannot be recorded.
        let elsewhere = out + "-bad"
        let bad = await seedbed("generate", spec, "--out", elsewhere, "--catalog", catalog, "--version", "1.0")
        #expect(bad.exitCode == 2)
        #expect(!FileManager.default.fileExists(atPath: elsewhere))
        #expect(
            bad.error.contains(
                "seedbed: error: --version: '1.0' is not a semantic version (it needs three numbers); write MAJOR.MINOR.PATCH, such as 1.4.0 or 2.0.0-rc.1\n"
            ))
    }

    @Test func anUnversionedSpecIsNotRecorded() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec.replacingOccurrences(of: "  version \"1.0.0\"\n", with: ""))
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let outcome = await seedbed(
            "generate", spec, "--out", folder.url.appendingPathComponent("o").path, "--catalog", catalog)
        #expect(outcome.exitCode == 0)
        #expect(
            outcome.error.contains(
                "seedbed: note: not recorded in the catalog: shop has no version (add version \"1.0.0\" to the spec's dataset line, or pass --version)"
            ))
        #expect(!FileManager.default.fileExists(atPath: catalog))
    }

    @Test func seedRecordsTheRedactedTargetAndRevalidateFlagsRuleChanges() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", Self.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let database = folder.url.appendingPathComponent("t.db").path
        let seeded = await seedbed("seed", spec, "--target", "sqlite:\(database)", "--create", "--catalog", catalog)
        #expect(seeded.exitCode == 0, "\(seeded.error)")
        let show = await seedbed("catalog", "show", "shop@1.0.0", "--catalog", catalog, "--format", "json")
        let shown = try #require(JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
        let runs = try #require(shown["runs"] as? [[String: Any]])
        #expect(runs.map { $0["location"] as? String } == ["sqlite:\(database)"])
        #expect(runs.map { $0["command"] as? String } == ["seed"])

        let rescored = "  re-scored 54 rows at sqlite:\(database): 0 rule violations\n"
        let current = await seedbed("revalidate", "--catalog", catalog)
        #expect(current.exitCode == 0)
        #expect(current.output == "shop@1.0.0: current\n" + rescored)
        try folder.write("shop.seed", Self.spec.replacingOccurrences(of: "amount < 300", with: "amount < 200"))
        let metadata = await seedbed("revalidate", "shop", "--catalog", catalog, "--metadata-only")
        #expect(metadata.exitCode == 1)
        #expect(
            metadata.output
                == "shop@1.0.0: REGENERATE\n  - the rule set changed in \(spec): rules changed: AMT-1\n")
        // Re-scoring finds the rows the tightened rule breaks: as many as `seedbed score` counts.
        let score = await seedbed("score", spec, "--target", "sqlite:\(database)", "--format", "json")
        let card = try #require(JSONSerialization.jsonObject(with: Data(score.output.utf8)) as? [String: Any])
        let rules = try #require((card["conformance"] as? [String: Any])?["rules"] as? [[String: Any]])
        let broken = try #require(rules.first { $0["id"] as? String == "AMT-1" }?["violations"] as? Int)
        #expect(broken > 0)
        let stale = await seedbed("revalidate", "shop", "--catalog", catalog)
        #expect(stale.exitCode == 1)
        #expect(
            stale.output
                == "shop@1.0.0: REGENERATE\n  - the rule set changed in \(spec): rules changed: AMT-1\n"
                + "  - rows break the current rules: AMT-1 (\(broken))\n"
                + "  re-scored 54 rows at sqlite:\(database): \(broken) rule violations\n")
        let layoutOnly = Self.spec.replacingOccurrences(of: "seed 7", with: "seed 7   # the default seed")
        try folder.write("shop.seed", layoutOnly)
        let comments = await seedbed("revalidate", "--catalog", catalog)
        #expect(comments.exitCode == 0)
        #expect(
            comments.output
                == "shop@1.0.0: current\n  note: \(spec) changed, but not its rules or scenarios\n" + rescored)
    }
}

@Suite("seedbed seed records where the rows are")
struct SeedLocationTests {
    /// `sqlite:t.db` run in one folder is read later from another: the catalog keeps the file's
    /// absolute path.
    @Test func aRelativeSQLiteTargetIsRecordedByItsAbsolutePath() async throws {
        guard let executable = SeedInterruptionTests.executable else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "no .build/debug/seedbed to run")
            return
        }
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", CatalogCommandTests.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let process = Process()
        process.executableURL = executable
        process.arguments = ["seed", spec, "--target", "sqlite:t.db", "--create", "--catalog", catalog]
        process.currentDirectoryURL = folder.url
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let show = await seedbed("catalog", "show", "shop@1.0.0", "--catalog", catalog, "--format", "json")
        let shown = try #require(JSONSerialization.jsonObject(with: Data(show.output.utf8)) as? [String: Any])
        let database = folder.url.appendingPathComponent("t.db").standardizedFileURL.path
        #expect((shown["runs"] as? [[String: Any]])?.map { $0["location"] as? String } == ["sqlite:\(database)"])
    }
}
