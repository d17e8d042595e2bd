import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedTestSupport
import Testing

/// The negative-data catch rate on a constructed history: shop 1.0.0 (real data, one run),
/// shop 2.0.0-negative (made only by `generate --negative`, two runs) and shop 2.0.0 (real data
/// again, also with a `--negative` registration, so not a negative version).
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
        // Two shards in two folders: their negative rows add up; CAP-2 has none (outside the rate).
        try register("2.0.0-negative", negative: ["AGE-1": 6, "INC-3": 5, "TAX-5": 5], location: "/ci/neg/1")
        try register("2.0.0-negative", negative: ["AGE-1": 4, "INC-3": 5, "TAX-5": 5], location: "/ci/neg/2")
        try register("2.0.0", negative: nil, location: "sqlite:/ci/app.db")
        try register("2.0.0", negative: ["AGE-1": 10], location: "/ci/neg2")
        return catalog
    }

    static func ingest(
        _ cases: [String], _ version: String, run: String, into catalog: Catalog, folder: borrowing TemporaryDirectory
    )
        throws
    {
        let file = try folder.write("\(run).xml", report(cases))
        _ = try TestRunIngestion(
            dataset: DatasetReference(name: "shop", version: try SemanticVersion(parsing: version)), runID: run,
            commit: "c1"
        ).ingest(files: [file], into: catalog, at: Date(timeIntervalSince1970: 1_772_000_000))
    }

    @Test func rulesAreCaughtMissedOrUntestedOnTheNegativeVersionOnly() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.history(in: folder)
        try Self.ingest(
            [
                Self.testcase("adults", rule: "AGE-1", failed: false),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "1.0.0", run: "ci-1", into: catalog, folder: folder)
        // AGE-1: two tests, one fails in the second run only → caught (1 of 2 failing).
        // INC-3: one test, passes in both runs → missed. TAX-5: no test → untested.
        // CAP-2 has a test but no negative row: outside the rate.
        try Self.ingest(
            [
                Self.testcase("adults [row 1]", rule: "AGE-1", failed: false),
                Self.testcase("adults [row 2]", rule: "AGE-1", failed: false),
                Self.testcase("income", rule: "INC-3", failed: false),
                Self.testcase("cap", rule: "CAP-2", failed: true),
            ], "2.0.0-negative", run: "neg-1", into: catalog, folder: folder)
        try Self.ingest(
            [
                Self.testcase("adults [row 1]", rule: "AGE-1", failed: false),
                Self.testcase("adults [row 2]", rule: "AGE-1", failed: true),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "2.0.0-negative", run: "neg-2", into: catalog, folder: folder)
        try Self.ingest(
            [
                Self.testcase("adults", rule: "AGE-1", failed: true),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "2.0.0", run: "ci-2", into: catalog, folder: folder)

        let trend = try VersionEffectiveness.measure(in: catalog, name: "shop")
        #expect(trend.map(\.dataset.description) == ["shop@1.0.0", "shop@2.0.0-negative", "shop@2.0.0"])
        let negative = try #require(trend[1].negative)
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
        // Only a version every registration of which made negative rows is a negative version.
        #expect(trend[0].negative == nil)
        #expect(trend[2].negative == nil)
        // The negative version is nobody's previous: 2.0.0's failure is compared with 1.0.0's runs.
        #expect(trend[1].previous == nil && trend[1].revealed == nil)
        #expect(trend[2].previous?.description == "shop@1.0.0")
        #expect(trend[2].revealed?.count == 1)
    }

    @Test func aLinksFileAddsRuleLinksToTheCatch() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.history(in: folder)
        try Self.ingest(
            [
                Self.testcase("taxCheck", rule: nil, failed: true),
                Self.testcase("income", rule: "INC-3", failed: false),
            ], "2.0.0-negative", run: "neg-1", into: catalog, folder: folder)
        let without = try #require(try VersionEffectiveness.measure(in: catalog, name: "shop").first?.negative)
        #expect(without.rules.map(\.verdict) == [.untested, .missed, .untested])
        let map = try LinkMap(text: "test Intake.tax* rule=TAX-5\ntest income rule=AGE-1\n", path: "links")
        let with = try #require(try VersionEffectiveness.measure(in: catalog, name: "shop", links: map).first)
        #expect(with.negative?.rules.map(\.verdict) == [.missed, .missed, .caught])
        #expect(with.negative?.rate == 1.0 / 3.0)
        #expect(with.rulesLinked == 3)
        #expect(with.rulesFailing == 1)
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
