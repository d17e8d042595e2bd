import Foundation
import SeedbedTestSupport
import Testing

/// `seedbed trace`, `ingest --negative` and `effectiveness` on data `generate --negative` and
/// `seed` really made: each of the five link kinds leads to a spec line, records through the
/// lineage of a generated folder (shop@1.0.0) and of a seeded SQLite database (shop@1.1.0).
@Suite("seedbed trace through the lineage, effectiveness catch rate")
struct TraceCommandTests {
    static let spec = """
        dataset shop
          version "1.0.0"
          seed 3
        table customer {
          rows 20
          id      int  key
          age     int  uniform(18, 90)
        }
        rule AGE-1 "adults only"
          require customer.age >= 18
        rule CAP-2 "age cap"
          require customer.age < 95
        scenario OLD "the oldest"
          count 2 of customer
          where customer.age > 85
        """

    /// One test per link kind, each failing; `scenarioKey` was made for OLD, `negativeKeys` break
    /// AGE-1, `baseKey` has no lineage row.
    static func junit(scenarioKey: String, negativeKeys: [String], baseKey: String) -> String {
        """
        <testsuite name="Shop">
          <testcase classname="Shop" name="byProperty">
            <properties><property name="record" value="customer:\(scenarioKey)"/></properties>
            <failure message="refused"/>
          </testcase>
          <testcase classname="Shop" name="byMarker">
            <failure message="refused"/>
            <system-out>[[PROPERTY|record=customer:\(negativeKeys[0])]]</system-out>
          </testcase>
          <testcase classname="Shop" name="byName [AGE-1]"><failure message="refused"/></testcase>
          <testcase classname="Shop" name="byMessage">
            <failure message="intake refused customer:\(negativeKeys[1]) and cust#\(scenarioKey)"/>
          </testcase>
          <testcase classname="Shop" name="bySidecar"><failure message="refused"/></testcase>
          <testcase classname="Shop" name="baseRow">
            <properties><property name="record" value="\(baseKey)"/></properties>
            <failure message="refused"/>
          </testcase>
          <testcase classname="Shop" name="capHolds"/>
        </testsuite>
        """
    }

    struct Fixture: ~Copyable {
        let folder: TemporaryDirectory
        let catalog: String
        let specPath: String
        let links: String
        let scenarioKey: String
        let negativeKeys: [String]
        let baseKey: String

        init() async throws {
            let folder = try TemporaryDirectory()
            let root = folder.url.path
            let specPath = try folder.write("shop.seed", TraceCommandTests.spec)
            let catalog = root + "/catalog.sqlite"
            let generated = await seedbed(
                "generate", specPath, "--out", root + "/data", "--negative", "--catalog", catalog)
            #expect(generated.exitCode == 0, "\(generated.error)")
            let seeded = await seedbed(
                "seed", specPath, "--target", "sqlite:\(root)/app.db", "--create", "--version", "1.1.0", "--catalog",
                catalog)
            #expect(seeded.exitCode == 0, "\(seeded.error)")
            // The lineage as generate wrote it: table,key,kind,id.
            let lineage = try String(contentsOfFile: root + "/data/_lineage.csv", encoding: .utf8)
                .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
            let scenarioKey = try #require(lineage.first { $0[2] == "scenario" && $0[3] == "OLD" }?[1])
            let negativeKeys = lineage.filter { $0[2] == "negative" && $0[3] == "AGE-1" }.map { $0[1] }
            let lineageKeys = Set(lineage.map { $0[1] })
            let baseKey = try #require((1...20).map(String.init).first { !lineageKeys.contains($0) })
            let links = try folder.write(
                "links.txt", "test Shop.bySide* scenario=OLD rule=CAP-2\nrecord customer cust#([0-9]+)\n")
            let report = try folder.write(
                "junit.xml",
                TraceCommandTests.junit(scenarioKey: scenarioKey, negativeKeys: negativeKeys, baseKey: baseKey))
            // The same report three times: on 1.0.0, on 1.0.0's negative rows, and on 1.1.0.
            for (version, run, negative) in [
                ("1.0.0", "ci-1", false), ("1.0.0", "neg-1", true), ("1.1.0", "ci-2", false),
            ] {
                let ingested = await seedbed(
                    ["ingest", report, "--dataset", "shop@\(version)", "--run", run, "--catalog", catalog]
                        + (negative ? ["--negative"] : []))
                #expect(ingested.exitCode == 0, "\(ingested.error)")
                #expect(ingested.output.contains("a run on negative data") == negative)
            }
            self.catalog = catalog
            self.specPath = specPath
            self.links = links
            self.scenarioKey = scenarioKey
            self.negativeKeys = negativeKeys
            self.baseKey = baseKey
            self.folder = folder
        }

        func trace(_ subject: String, json: Bool = false) async -> CommandOutcome {
            var arguments = ["trace", subject, "--catalog", catalog, "--links", links]
            if json { arguments += ["--format", "json"] }
            return await seedbed(arguments)
        }

        /// The lines of `trace RUN` that name links, with the spec's path shortened.
        func linkLines(_ outcome: CommandOutcome) -> [String] {
            let root = folder.url.path
            return outcome.output.split(separator: "\n").map(String.init)
                .filter {
                    $0.hasPrefix("test ") || $0.hasPrefix("  rule ") || $0.hasPrefix("  scenario ")
                        || $0.hasPrefix("  record ") || $0.hasPrefix("    \(root)")
                }
                .map { $0.replacingOccurrences(of: root, with: "TMP") }
        }
    }

    @Test func eachLinkKindLeadsToItsSpecLineThroughTheGeneratedFoldersLineage() async throws {
        let fixture = try await Fixture()
        let scenario = fixture.scenarioKey
        let (first, second) = (fixture.negativeKeys[0], fixture.negativeKeys[1])
        let outcome = await fixture.trace("ci-1")
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let lineage = "TMP/data/_lineage.csv"
        let rule = "TMP/shop.seed:9  rule AGE-1 \"adults only\""
        let old = "TMP/shop.seed:13  scenario OLD \"the oldest\""
        #expect(
            fixture.linkLines(outcome) == [
                "test Shop.byProperty",
                "  record customer:\(scenario)  made for scenario OLD (\(lineage))", "    \(old)",
                "test Shop.byMarker",
                "  record customer:\(first)  a negative row breaking rule AGE-1 (\(lineage))", "    \(rule)",
                "test Shop.byName [AGE-1]",
                "  rule AGE-1  \(rule)",
                "test Shop.byMessage",
                "  record customer:\(second) [failure message]  a negative row breaking rule AGE-1 (\(lineage))",
                "    \(rule)",
                "  record customer:\(scenario) [failure message]  made for scenario OLD (\(lineage))", "    \(old)",
                "test Shop.bySidecar",
                "  scenario OLD [links file]  \(old)",
                "  rule CAP-2 [links file]  TMP/shop.seed:11  rule CAP-2 \"age cap\"",
                "test Shop.baseRow",
                "  record \(fixture.baseKey)  generated by the base distribution: no lineage row names it (in \(lineage))",
            ], "\(outcome.output)")
    }

    @Test func recordsOfASeededTargetResolveThroughItsLineageTable() async throws {
        let fixture = try await Fixture()
        let outcome = await fixture.trace("byProperty", json: true)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        struct Trace: Decodable {
            struct Link: Decodable {
                struct Record: Decodable {
                    var table: String?
                    var key: String
                    var madeBy: String
                    var id: String?
                    var lineage: [String]
                }
                var kind: String
                var origin: String
                var line: Int?
                var text: String?
                var record: Record?
            }
            var dataset: String
            var links: [Link]
        }
        let traces = try JSONDecoder().decode([Trace].self, from: Data(outcome.output.utf8))
        // The latest failing result is the run on shop@1.1.0, seeded into app.db.
        let trace = try #require(traces.first)
        #expect(trace.dataset == "shop@1.1.0")
        let record = try #require(trace.links.first?.record)
        #expect(record.madeBy == "scenario" && record.id == "OLD" && record.table == "customer")
        #expect(record.key == fixture.scenarioKey)
        #expect(record.lineage == ["sqlite:\(fixture.folder.url.path)/app.db _seedbed_lineage"])
        #expect(trace.links.first?.origin == "report")
        #expect(trace.links.first?.line == 13)

        // A negative row is not in the seeded target: there it is a row of the base distribution.
        let marker = await fixture.trace("byMarker", json: true)
        let markerTrace = try #require(try JSONDecoder().decode([Trace].self, from: Data(marker.output.utf8)).first)
        #expect(markerTrace.links.first?.record?.madeBy == "base")
        #expect(markerTrace.links.first?.line == nil)
    }

    @Test func aVanishedFolderLeavesTheLineageUnavailableAndSaysWhy() async throws {
        let fixture = try await Fixture()
        try FileManager.default.removeItem(atPath: fixture.folder.url.path + "/data")
        let outcome = await seedbed("trace", "ci-1", "--catalog", fixture.catalog)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(
            outcome.output.contains("record customer:\(fixture.negativeKeys[0])  lineage unavailable: "),
            "\(outcome.output)")
        #expect(outcome.output.contains("is not a directory"), "\(outcome.output)")
    }

    @Test func effectivenessGivesTheCatchRateOfTheRunsOnNegativeData() async throws {
        let fixture = try await Fixture()
        let outcome = await seedbed("effectiveness", "shop", "--catalog", fixture.catalog, "--links", fixture.links)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let lines = outcome.output.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
        // neg-1 ran on shop@1.0.0's negative rows: AGE-1 has 10 and one failing test (byName);
        // CAP-2 could not be broken alone. The other figures are ci-1's alone: two fingerprints,
        // "refused" and byMessage's message with its numbers normalised; 1.1.0 reveals none.
        #expect(lines.contains("shop@1.0.0 1 7 6 2 - - 0 2/2 2 1/1 (100%)"), "\(outcome.output)")
        #expect(lines.contains("shop@1.1.0 1 7 6 2 0 0 0 2/2 2 -"), "\(outcome.output)")
        #expect(lines.contains("shop@1.0.0 negative data (1 run): 1 of 1 rules caught (0 missed, 0 untested)"))
        #expect(lines.contains("AGE-1 10 1 1 caught"), "\(outcome.output)")
        #expect(lines.contains("rules without negative rows (outside the rate): CAP-2"), "\(outcome.output)")

        let json = await seedbed("effectiveness", "shop", "--catalog", fixture.catalog, "--format", "json")
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let negative = try #require(versions.first?["negative"] as? [String: Any])
        #expect(negative["catchRate"] as? Double == 1)
        #expect([negative["caught"], negative["missed"], negative["untested"]].map { $0 as? Int } == [1, 0, 0])
        #expect(negative["rulesWithoutNegativeRows"] as? [String] == ["CAP-2"])
        let rules = try #require(negative["rules"] as? [[String: Any]])
        #expect(
            rules.map { "\($0["id"] ?? "") \($0["negativeRows"] ?? "") \($0["verdict"] ?? "")" } == ["AGE-1 10 caught"])
        #expect(versions.last?["negative"] is NSNull)

        let bad = try fixture.folder.write("bad-links.txt", "test Shop.* owner=me\n")
        let refused = await seedbed("effectiveness", "--catalog", fixture.catalog, "--links", bad)
        #expect(refused.exitCode == 2)
        #expect(refused.error.contains("bad-links.txt:1: 'owner=me' is not a link"), "\(refused.error)")
    }
}
