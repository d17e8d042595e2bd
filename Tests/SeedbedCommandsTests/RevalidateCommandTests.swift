import Foundation
import SeedbedTestSupport
import Testing

/// `seedbed revalidate` re-scoring the rows: drift against a newer profile, rows written over by
/// a later version, rows gone.
@Suite("seedbed revalidate re-scores the rows")
struct RevalidateCommandTests {
    static let spec = """
        dataset people
          version "1.0.0"
          seed 3
          profile "old.json"
        table person {
          rows 400
          id    int   key
          age   int   from profile
          kind  text  from profile
        }
        """

    /// A CSV of `person` rows: ages cycling through `ages`, kinds through `kinds`.
    static func csv(ages: ClosedRange<Int>, kinds: [String]) -> String {
        var text = "id,age,kind\n"
        for row in 0..<400 {
            text += "\(row + 1),\(ages.lowerBound + row % ages.count),\(kinds[row % kinds.count])\n"
        }
        return text
    }

    final class Fixture {
        let folder: TemporaryDirectory
        let spec: String
        let catalog: String
        let old: String
        let newer: String

        init() async throws {
            folder = try TemporaryDirectory()
            spec = try folder.write("people.seed", RevalidateCommandTests.spec)
            catalog = folder.url.appendingPathComponent("cat.sqlite").path
            let production = folder.url.appendingPathComponent("2025")
            let later = folder.url.appendingPathComponent("2026")
            for directory in [production, later] {
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            }
            try RevalidateCommandTests.csv(ages: 20...59, kinds: ["branch", "online"])
                .write(to: production.appendingPathComponent("person.csv"), atomically: true, encoding: .utf8)
            // A year later production looks different: older customers, new channels.
            try RevalidateCommandTests.csv(ages: 60...89, kinds: ["app", "partner", "phone"])
                .write(to: later.appendingPathComponent("person.csv"), atomically: true, encoding: .utf8)
            old = folder.url.appendingPathComponent("old.json").path
            newer = folder.url.appendingPathComponent("newer.json").path
            for (source, out) in [(production, old), (later, newer)] {
                let profiled = await seedbed("profile", source.path, "--out", out)
                #expect(profiled.exitCode == 0, "\(profiled.error)")
            }
        }

        func generate(into name: String, spec: String? = nil) async -> String {
            let out = folder.url.appendingPathComponent(name).path
            let made = await seedbed(
                "generate", spec ?? self.spec, "--out", out, "--profile", old, "--catalog", catalog)
            #expect(made.exitCode == 0, "\(made.error)")
            return out
        }
    }

    @Test func fidelityAgainstANewerProfileThatFailsThePolicyIsDrift() async throws {
        let fixture = try await Fixture()
        let out = await fixture.generate(into: "data")
        let same = await seedbed("revalidate", "--catalog", fixture.catalog, "--profile", fixture.old)
        #expect(same.exitCode == 0, "\(same.output)")
        #expect(
            same.output.hasPrefix("people@1.0.0: current\n  re-scored 400 rows at \(out): 0 rule violations, fidelity ")
        )

        let drifted = await seedbed("revalidate", "--catalog", fixture.catalog, "--profile", fixture.newer)
        #expect(drifted.exitCode == 1)
        let lines = drifted.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "people@1.0.0: REGENERATE")
        #expect(
            lines.contains {
                $0.hasPrefix("  - fidelity.overall is 0.")
                    && $0.contains(" against \(fixture.newer): fails fidelity.overall >= 0.80 (scorecards/default.")
            })
        #expect(
            lines.contains {
                $0.hasPrefix("  note: made from profile ") && $0.contains("and \(fixture.newer) is ")
                    && $0.contains(": fidelity against it is 0.")
            })

        let json = await seedbed(
            "revalidate", "--catalog", fixture.catalog, "--profile", fixture.newer, "--format", "json")
        let found = try #require(JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let measured = try #require(found.first?["measured"] as? [String: Any])
        #expect(measured["rows"] as? Int == 400)
        #expect(measured["violations"] as? Int == 0)
        #expect(try #require(measured["fidelity"] as? Double) < 0.8)

        // Without reading the rows, a changed profile is only possible drift, and still a reason.
        let metadata = await seedbed(
            "revalidate", "--catalog", fixture.catalog, "--profile", fixture.newer, "--metadata-only")
        #expect(metadata.exitCode == 1)
        #expect(metadata.output.contains(": production may have drifted, and the rows were not re-scored\n"))
        #expect(!metadata.output.contains("re-scored 400 rows"))
    }

    @Test func aBrokenPolicyFailsOnceBeforeAnyVersionIsRead() async throws {
        let fixture = try await Fixture()
        _ = await fixture.generate(into: "data")
        let policy = try fixture.folder.write("typo.yml", "gates:\n  fidelity.overal: \">= 0.8\"\n")
        let result = await seedbed("revalidate", "--catalog", fixture.catalog, "--policy", policy)
        #expect(result.exitCode == 2)
        #expect(result.output == "")
        #expect(result.error.contains("typo.yml:2:3: error: unknown metric 'fidelity.overal'"), "\(result.error)")
    }

    @Test func rowsWrittenOverByALaterVersionOrGoneAreNotes() async throws {
        let fixture = try await Fixture()
        let out = await fixture.generate(into: "data")
        let second = try fixture.folder.write(
            "people2.seed", RevalidateCommandTests.spec.replacingOccurrences(of: "1.0.0", with: "1.1.0"))
        _ = await fixture.generate(into: "data", spec: second)
        let result = await seedbed("revalidate", "--catalog", fixture.catalog)
        #expect(result.exitCode == 0, "\(result.output)")
        #expect(
            result.output.hasPrefix(
                "people@1.0.0: current\n  note: \(out) now holds people@1.1.0: its rows were not re-scored\npeople@1.1.0: current\n  re-scored 400 rows at \(out): 0 rule violations\n"
            ))

        try FileManager.default.removeItem(atPath: out)
        let gone = await seedbed("revalidate", "people", "--catalog", fixture.catalog)
        #expect(gone.exitCode == 0)
        #expect(gone.output.contains("people@1.1.0: current\n  note: cannot re-score the rows at \(out): "))
    }
}
