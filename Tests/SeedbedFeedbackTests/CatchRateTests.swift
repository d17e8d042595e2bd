import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedTestSupport
import Testing

/// The negative-data catch rate on a constructed history: shop 1.0.0 (seeded, one run) and
/// shop 2.0.0 (seeded, and generated with `--negative` in two shard folders; one run on the
/// valid data and two runs on the negative rows, marked as `ingest --negative` marks them).
@Suite("Negative-data catch rate")
struct CatchRateTests {
    static let spec = """
        dataset shop
          version "1.0.0"
        table customer {
          rows 10
          id      int  key
          age     int  uniform(18, 90)
          income  int  uniform(0, 1000)
        }
        rule AGE-1 "adults only" require customer.age >= 18
        rule CAP-2 "age cap" require customer.age < 95
        rule INC-3 "no negative income" require customer.income >= 0
        rule REF-4 "a db rule the generator cannot break alone" require customer.id >= 1
        rule TAX-5 "income under a million" require customer.income < 1000000
        """

    static func testcase(_ name: String, rule: String?, failed: Bool) -> String {
        let property = rule.map { "<properties><property name=\"rule\" value=\"\($0)\"/></properties>" } ?? ""
        let failure = failed ? "<failure message=\"refused\" type=\"Rejected\"/>" : ""
        return "<testcase classname=\"Intake\" name=\"\(name)\">\(property)\(failure)</testcase>"
    }

    static func report(_ cases: [String]) -> String {
        "<testsuite name=\"Intake\">\(cases.joined())</testsuite>"
    }

    /// The history, in a fresh catalog.
    static func history(in folder: borrowing TemporaryDirectory) throws -> Catalog {
        let catalog = try Catalog.open(folder.url.appendingPathComponent("catalog.sqlite").path, create: true)
        func register(_ version: String, negative: [String: Int]?, location: String) throws {
            try catalog.register(
                Registration(
                    dataset: DatasetReference(name: "shop", version: try SemanticVersion(parsing: version)),
                    command: negative == nil ? .seed : .generate, location: location,
                    source: DatasetSourceFacts(
                        specPath: "/specs/shop.seed", specSHA256: Digest.sha256(spec), specText: spec,
                        profileSHA256: nil, seed: 1, seedbedVersion: "0.1.0"),
                    tables: [
                        DatasetTable(
                            name: "customer", columns: [], rows: 10, negativeRows: negative ?? [:])
                    ]))
        }
        try register("1.0.0", negative: nil, location: "sqlite:/ci/app.db")
        try register("2.0.0", negative: nil, location: "sqlite:/ci/app.db")
        // Two shards in two folders: their negative rows add up; the first folder generated
        // again counts once. CAP-2 and REF-4 have none (outside the rate).
        try register("2.0.0", negative: ["AGE-1": 6, "INC-3": 5, "TAX-5": 5], location: "/ci/neg/1")
        try register("2.0.0", negative: ["AGE-1": 4, "INC-3": 5, "TAX-5": 5], location: "/ci/neg/2")
        try register("2.0.0", negative: ["AGE-1": 6, "INC-3": 5, "TAX-5": 5], location: "/ci/neg/1")
        return catalog
    }

    static func ingest(
        _ cases: [String], _ version: String, run: String, negative: Bool = false, into catalog: Catalog,
        folder: borrowing TemporaryDirectory
    ) throws {
        let file = try folder.write("\(run).xml", report(cases))
        var ingestion = TestRunIngestion(
            dataset: DatasetReference(name: "shop", version: try SemanticVersion(parsing: version)), runID: run,
            commit: "c1")
        ingestion.negative = negative
        _ = try ingestion.ingest(files: [file], into: catalog, at: Date(timeIntervalSince1970: 1_772_000_000))
        // The mark is stored with the run, in its transaction.
        #expect(try catalog.testRun(id: run)?.negative == negative)
    }

    @Test func rulesAreCaughtMissedOrUntestedInTheRunsOnNegativeData() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.history(in: folder)
        try Self.ingest(
            [
                Self.testcase("adults", rule: "AGE-1", failed: false),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "1.0.0", run: "ci-1", into: catalog, folder: folder)
        // AGE-1: two tests, one fails in the second run only → caught (1 of 2 failing).
        // INC-3: one test, passes in both runs → missed (though it fails on the valid data).
        // TAX-5: no test → untested. CAP-2 has a failing test but no negative row: outside.
        try Self.ingest(
            [
                Self.testcase("adults [row 1]", rule: "AGE-1", failed: false),
                Self.testcase("adults [row 2]", rule: "AGE-1", failed: false),
                Self.testcase("income", rule: "INC-3", failed: false),
                Self.testcase("cap", rule: "CAP-2", failed: true),
            ], "2.0.0", run: "neg-1", negative: true, into: catalog, folder: folder)
        try Self.ingest(
            [
                Self.testcase("adults [row 1]", rule: "AGE-1", failed: false),
                Self.testcase("adults [row 2]", rule: "AGE-1", failed: true),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "2.0.0", run: "neg-2", negative: true, into: catalog, folder: folder)
        try Self.ingest(
            [
                Self.testcase("adults", rule: "AGE-1", failed: false),
                Self.testcase("income", rule: "INC-3", failed: true),
            ], "2.0.0", run: "ci-2", into: catalog, folder: folder)

        let trend = try VersionEffectiveness.measure(in: catalog, name: "shop")
        #expect(trend.map(\.dataset.description) == ["shop@1.0.0", "shop@2.0.0"])
        let negative = try #require(trend[1].negative)
        #expect(negative.runs == 2)
        #expect(
            negative.rules == [
                NegativeCatch.Rule(id: "AGE-1", negativeRows: 10, tests: 2, failingTests: 1),
                NegativeCatch.Rule(id: "INC-3", negativeRows: 10, tests: 1, failingTests: 0),
                NegativeCatch.Rule(id: "TAX-5", negativeRows: 10, tests: 0, failingTests: 0),
            ])
        #expect(negative.rules.map(\.verdict) == [.caught, .missed, .untested])
        #expect([negative.caught, negative.missed, negative.untested] as [Int] == [1, 1, 1])
        #expect(negative.rate == 1.0 / 3.0)
        #expect(negative.rulesWithoutNegativeRows == ["CAP-2", "REF-4"])
        #expect(trend[0].negative == nil)
        // The runs on negative data count nowhere else: 2.0.0 has one run, two tests, one of
        // them failing (INC-3's, revealed against 1.0.0), and CAP-2 is not failing on it.
        #expect(trend[1].runs == 1 && trend[1].tests == 2 && trend[1].failingTests == 1)
        #expect(trend[1].outcomes == ["passed": 1, "failed": 1, "error": 0, "skipped": 0, "flaky": 0])
        #expect(trend[1].previous?.description == "shop@1.0.0")
        #expect(trend[1].revealed?.count == 1)
        #expect(trend[1].rulesFailing == 1)
        #expect(trend[1].rulesUntested == ["CAP-2", "REF-4", "TAX-5"])
    }

    @Test func withoutNegativeRowsInTheCatalogEveryRuleIsInTheRate() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.history(in: folder)
        try Self.ingest(
            [Self.testcase("adults", rule: "AGE-1", failed: true)], "1.0.0", run: "neg", negative: true, into: catalog,
            folder: folder)
        let trend = try VersionEffectiveness.measure(in: catalog, name: "shop")
        // Only runs on negative data: no other figure, and nothing to be a previous version.
        #expect(trend.map(\.runs) == [0])
        let negative = try #require(trend.first?.negative)
        #expect(negative.rules.map(\.id) == ["AGE-1", "CAP-2", "INC-3", "REF-4", "TAX-5"])
        #expect(negative.rules.map(\.negativeRows) == [0, 0, 0, 0, 0])
        #expect(negative.rate == 0.2)
        #expect(negative.rulesWithoutNegativeRows.isEmpty)
    }

    @Test func aLinksFileAddsRuleLinksToTheCatch() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.history(in: folder)
        try Self.ingest(
            [
                Self.testcase("taxCheck", rule: nil, failed: true),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "2.0.0", run: "neg-1", negative: true, into: catalog, folder: folder)
        let without = try #require(try VersionEffectiveness.measure(in: catalog, name: "shop").first?.negative)
        #expect(without.rules.map(\.verdict) == [.untested, .missed, .untested])
        let map = try LinkMap(text: "test Intake.tax* rule=TAX-5\ntest income rule=AGE-1\n", path: "links")
        let with = try #require(try VersionEffectiveness.measure(in: catalog, name: "shop", links: map).first)
        #expect(with.negative?.rules.map(\.verdict) == [.missed, .missed, .caught])
        #expect(with.negative?.rate == 1.0 / 3.0)
        // No run on valid data: no rule tested there.
        #expect(with.rulesLinked == 0)
    }

    // MARK: - The links file

    @Test func linksFileLinesAreReadAndBadOnesNamedByLine() throws {
        let map = try LinkMap(
            text: """
                # a comment

                test LoanTests.capsAge*   rule=ELIG-002 scenario=OLD rule=ELIG-002
                record loan  L-[0-9]{6}
                record customer  customer #([0-9]+)
                """, path: "links.txt")
        #expect(map.tests.map(\.line) == [3])
        #expect(map.tests.first?.links == [TestLink(.rule, "ELIG-002"), TestLink(.scenario, "OLD")])
        #expect(
            map.records.map { "\($0.table) \($0.pattern) \($0.line)" } == [
                "loan L-[0-9]{6} 4", "customer customer #([0-9]+) 5",
            ])
        #expect(map.links(forTest: "k", classname: "LoanTests", name: "capsAge [rule:X]").count == 2)
        #expect(map.links(forTest: "k", classname: "Other", name: "capsAge").isEmpty)

        #expect(throws: LinkMapError.self) { try LinkMap(text: "test only-a-glob\n", path: "l") }
        do {
            _ = try LinkMap(text: "test a* rule=X\ntest b* owner=me\nrecord t ([\nfrobnicate\n", path: "l")
            Issue.record("a bad links file was read")
        } catch {
            #expect(
                error.problems.map { $0.split(separator: ":").prefix(2).joined(separator: ":") } == [
                    "l:2", "l:3", "l:4",
                ])
        }
    }

    @Test func globsMatchStarsAndQuestionMarksOnly() {
        #expect(Glob.matches("test_intake_accepts[loan:*]", "test_intake_accepts[loan:1042]"))
        #expect(!Glob.matches("test_intake_accepts[loan:*]", "test_intake_accepts[customer:1]"))
        #expect(Glob.matches("a?c*", "abcdef"))
        #expect(Glob.matches("*", ""))
        #expect(!Glob.matches("a*b", "acbx"))
        #expect(Glob.matches("*b*b", "abxbb"))
    }
}

@Suite("Record keys in failure messages")
struct RecordKeyFinderTests {
    @Test func tableColonKeyTokensAndTheLinksFilesPatterns() throws {
        let plain = RecordKeyFinder(map: LinkMap())
        #expect(
            plain.records(
                in: "intake rejected loan:1042; also loan:L-7. and subloan:9, customer:", tables: ["loan", "customer"])
                == ["loan:1042", "loan:L-7"])
        let map = try LinkMap(text: "record customer cust#([0-9]+)\nrecord loan L-[0-9]{3}\n", path: "l")
        let finder = RecordKeyFinder(map: map)
        #expect(
            finder.records(in: "cust#12 and cust#12 then L-123, loan:L-123", tables: ["loan"])
                == ["loan:L-123", "customer:12"])
    }
}
