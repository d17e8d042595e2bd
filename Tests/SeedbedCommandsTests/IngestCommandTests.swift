import Foundation
import SeedbedCatalog
import SeedbedStores
import SeedbedTestSupport
import Testing

/// `ingest`, `effectiveness`, `trace` and `compare` on a real catalog file, with the JUnit
/// fixtures of SeedbedFeedbackTests (`Fixtures/history`: lending 1.0.0 and 1.1.0).
@Suite("seedbed ingest, effectiveness, trace, compare")
struct IngestCommandTests {
    static let fixtures: String = {
        let folder = #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast().dropLast()
        return folder.joined(separator: "/") + "/SeedbedFeedbackTests/Fixtures"
    }()

    static let spec = """
        dataset lending
          version "1.0.0"
        table customer {
          rows 10
          id      int  key
          age     int  uniform(18, 90)
          income  int  uniform(0, 1000)
        }
        rule ELIG-001 "adults only" require customer.age >= 18
        rule ELIG-002 "age cap" require customer.age < 95
        scenario OLD count 1 of customer where customer.age > 80
        """

    /// A catalog with lending 1.0.0 and 1.1.0 (which adds INC-003) registered.
    static func catalog(in folder: borrowing TemporaryDirectory) throws -> String {
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Catalog.open(path, create: true)
        let v2 = spec.replacingOccurrences(of: "1.0.0", with: "1.1.0") + "\nrule INC-003 require customer.income >= 0\n"
        for (version, text) in [("1.0.0", spec), ("1.1.0", v2)] {
            try catalog.register(
                Registration(
                    dataset: DatasetReference(name: "lending", version: try SemanticVersion(parsing: version)),
                    command: .generate, location: "/data",
                    source: DatasetSourceFacts(
                        specPath: "/specs/lending.seed", specSHA256: Digest.sha256(text), specText: text,
                        profileSHA256: nil, seed: 7, seedbedVersion: "0.1.0"),
                    tables: []))
        }
        return path
    }

    static func report(_ name: String) -> String { fixtures + "/history/" + name }

    /// Ingests ci-1 on 1.0.0, ci-2 and ci-3 on 1.1.0 (all at commit c1).
    static func ingestHistory(_ catalog: String) async {
        for (file, dataset, run) in [
            ("loan-v1.xml", "lending@1.0.0", "ci-1"), ("loan-v2.xml", "lending@1.1.0", "ci-2"),
            ("loan-v2-rerun.xml", "lending@1.1.0", "ci-3"),
        ] {
            let outcome = await seedbed(
                "ingest", report(file), "--dataset", dataset, "--run", run, "--commit", "c1", "--catalog", catalog)
            #expect(outcome.exitCode == 0, "\(outcome.error)")
        }
    }

    @Test func ingestPrintsASummaryPerFileAndInTotal() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.catalog(in: folder)
        let v1 = Self.report("loan-v1.xml")
        let surefire = Self.fixtures + "/surefire.xml"
        let first = await seedbed(
            "ingest", v1, surefire, "--dataset", "lending@1.0.0", "--run", "ci-1", "--commit", "c1", "--catalog",
            catalog)
        #expect(first.exitCode == 0)
        let width = max(v1.count, surefire.count)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        #expect(
            first.output == """
                \(pad("FILE"))  TESTS  PASSED  FAILED  ERRORS  SKIPPED  FLAKY  PARTIAL
                \(pad(v1))  6      3       1       0       1        1      0
                \(pad(surefire))  5      1       1       1       1        1      0
                \(pad("total (2 files)"))  11     4       2       1       2        2      0
                stored run ci-1 of lending@1.0.0 at commit c1: 11 tests in sqlite:\(catalog)
                not green

                """)
        #expect(first.error == "")

        let again = await seedbed(
            "ingest", v1, "--dataset", "lending@1.0.0", "--run", "ci-1", "--catalog", catalog, "--format", "json")
        #expect(again.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.output.utf8)) as? [String: Any])
        #expect(json["run"] as? String == "ci-1")
        #expect(json["replaced"] as? Bool == true)
        #expect(json["stored"] as? Int == 6)
        #expect(json["green"] as? Bool == false)
        let total = try #require(json["total"] as? [String: Int])
        #expect(
            total == [
                "files": 1, "tests": 6, "passed": 3, "failed": 1, "errors": 0, "skipped": 1, "flaky": 1, "partial": 0,
            ])
    }

    @Test func aDryRunChecksAndSummarisesWithoutACatalog() async throws {
        let folder = try TemporaryDirectory()
        let catalog = folder.url.appendingPathComponent("none.sqlite").path
        let v1 = Self.report("loan-v1.xml")
        let checked = await seedbed("ingest", v1, "--dataset", "lending@1.0.0", "--dry-run", "--catalog", catalog)
        #expect(checked.exitCode == 0)
        let width = max(v1.count, "total (1 file)".count)
        func pad(_ text: String) -> String { text + String(repeating: " ", count: width - text.count) }
        #expect(
            checked.output == """
                \(pad("FILE"))  TESTS  PASSED  FAILED  ERRORS  SKIPPED  FLAKY  PARTIAL
                \(pad(v1))  6      3       1       0       1        1      0
                \(pad("total (1 file)"))  6      3       1       0       1        1      0
                dry run: 6 tests read and checked, nothing stored
                not green

                """)
        // No catalog was opened, let alone created.
        #expect(!FileManager.default.fileExists(atPath: catalog))
        let json = await seedbed("ingest", v1, "--dataset", "lending@1.0.0", "--dry-run", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["dryRun"] as? Bool == true)
        #expect(object["stored"] as? Int == 0)
        #expect(object["catalog"] == nil)
        let broken = await seedbed(
            "ingest", Self.fixtures + "/truncated.xml", "--dataset", "lending@1.0.0", "--dry-run")
        #expect(broken.exitCode == 2)
        #expect(broken.error.hasPrefix("\(Self.fixtures)/truncated.xml:8: error: "))
    }

    @Test func aMalformedFileExits2NamingFileAndLineAndStoresNothing() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.catalog(in: folder)
        let truncated = Self.fixtures + "/truncated.xml"
        let outcome = await seedbed(
            "ingest", Self.report("loan-v1.xml"), truncated, "--dataset", "lending@1.0.0", "--catalog", catalog)
        #expect(outcome.exitCode == 2)
        #expect(outcome.output == "")
        #expect(outcome.error.hasPrefix("\(truncated):8: error: "))
        #expect(outcome.error.hasSuffix("\nseedbed: nothing was stored\n"))
        let effectiveness = await seedbed("effectiveness", "--catalog", catalog)
        #expect(effectiveness.output == "no test runs in sqlite:\(catalog)\n")

        let partial = await seedbed(
            "ingest", truncated, "--dataset", "lending@1.0.0", "--run", "cut", "--allow-partial", "--catalog", catalog)
        #expect(partial.exitCode == 1)
        #expect(partial.output.contains("stored run cut of lending@1.0.0"))
        #expect(partial.output.hasSuffix("not green: partial\n"))
        #expect(partial.error.contains("(kept up to there: the run is partial)"))
        let unknown = await seedbed(
            "ingest", truncated, "--dataset", "lending@2.0.0", "--catalog", catalog)
        #expect(unknown.exitCode == 2)
        #expect(
            unknown.error
                == "seedbed: error: lending@2.0.0 is not in the catalog: the catalog has lending@1.0.0, lending@1.1.0\nseedbed: nothing was stored\n"
        )
    }

    @Test func effectivenessShowsTheTrendAsTableAndJSON() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.catalog(in: folder)
        await Self.ingestHistory(catalog)
        let table = await seedbed("effectiveness", "lending", "--catalog", catalog)
        #expect(table.exitCode == 0)
        let lines = table.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(
            Array(lines.prefix(3)) == [
                "VERSION        RUNS  TESTS  FAILING  FINGERPRINTS  REVEALED  SAME COMMIT  FLAKY  RULES TESTED  RULES FAILING  CATCH RATE",
                "lending@1.0.0  1     6      1        1             -         -            1      2/2           0              -",
                "lending@1.1.0  2     7      3        3             1         1            1      3/3           1              -",
            ])
        #expect(lines[3].hasPrefix("lending@1.1.0 revealed (not failing on lending@1.0.0): v1:"))

        let json = await seedbed("effectiveness", "--catalog", catalog, "--format", "json")
        let versions = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        #expect(versions.map { $0["dataset"] as? String } == ["lending@1.0.0", "lending@1.1.0"])
        #expect(versions[0]["revealed"] is NSNull)
        // Neither version was made with generate --negative.
        #expect(versions.allSatisfy { $0["negative"] is NSNull })
        #expect((versions[1]["revealed"] as? [String])?.count == 1)
        #expect(versions[1]["revealed"] as? [String] == versions[1]["revealedOnSameCommit"] as? [String])
        #expect(versions.map { $0["flakyTests"] as? Int } == [1, 1])
        #expect(versions.map { $0["failingTests"] as? Int } == [1, 3])
        #expect(versions.map { $0["rulesFailing"] as? Int } == [0, 1])
        #expect(
            versions[1]["outcomes"] as? [String: Int] == [
                "passed": 7, "failed": 5, "error": 0, "skipped": 2, "flaky": 0,
            ])

        let none = await seedbed("effectiveness", "other", "--catalog", catalog)
        #expect(none.exitCode == 2)
    }

    @Test func traceFromATestAnnotatedWithARuleToItsSpecLine() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.catalog(in: folder)
        await Self.ingestHistory(catalog)
        let trace = await seedbed("trace", "capsAge [rule:ELIG-002]", "--catalog", catalog)
        #expect(trace.exitCode == 0)
        let lines = trace.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "test LoanTests.capsAge [rule:ELIG-002]")
        #expect(lines.contains("  run          ci-3 of lending@1.1.0 at commit c1: failed"))
        #expect(
            lines.contains(
                "  rule ELIG-002  /specs/lending.seed:10  rule ELIG-002 \"age cap\" require customer.age < 95"))
        #expect(lines.contains("    message    customer <N> has age <N>, expected below <N>"))
        #expect(lines.contains("  failed on    lending@1.1.0"))
        #expect(lines.contains("  passed on    lending@1.0.0"))
        #expect(lines.filter { $0.hasPrefix("    2026-03-0") }.count == 3)

        let run = await seedbed("trace", "ci-2", "--catalog", catalog, "--format", "json")
        let traced = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let failures = try #require(traced["failures"] as? [[String: Any]])
        #expect(failures.map { $0["name"] as? String } == ["capsAge [rule:ELIG-002]", "legacyRounding"])
        let links = try #require(failures[0]["links"] as? [[String: Any]])
        #expect(links.first?["line"] as? Int == 10)
        #expect(links.first?["specFile"] as? String == "/specs/lending.seed")

        let missing = await seedbed("trace", "nothing", "--catalog", catalog)
        #expect(missing.exitCode == 2)
        #expect(
            missing.error == "seedbed: error: no test run or test named 'nothing' in the catalog (sqlite:\(catalog))\n")
    }

    @Test func compareSetsTwoVersionsSideBySide() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try Self.catalog(in: folder)
        await Self.ingestHistory(catalog)
        let compare = await seedbed("compare", "lending@1.0.0", "lending@1.1.0", "--catalog", catalog)
        #expect(compare.exitCode == 0)
        let lines = compare.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 13)
        #expect(Array(lines.prefix(2)) == ["lending@1.0.0 -> lending@1.1.0", "failing only on lending@1.0.0: none"])
        #expect(lines[2] == "failing only on lending@1.1.0:")
        #expect(lines[3].hasPrefix("  LoanTests.capsAge [rule:ELIG-002]  v1:"))
        #expect(lines[4].hasPrefix("  LoanTests.schedules  v1:"))
        #expect(lines[5] == "failing on both:")
        #expect(lines[6].hasPrefix("  LoanTests.legacyRounding  v1:"))
        #expect(lines[7] == "fingerprints new in lending@1.1.0:")
        #expect(
            Array(lines.suffix(3)) == [
                "rules added in lending@1.1.0:", "  INC-003: 1 linked test, 0 failing",
                "scenarios added in lending@1.1.0: none",
            ])
        let unknown = await seedbed("compare", "lending@1.0.0", "lending@3.0.0", "--catalog", catalog)
        #expect(unknown.exitCode == 2)
    }
}

@Suite("seedbed ingest, killed")
struct IngestKillTests {
    /// A report of `count` passing tests, fifty to a suite (about 70 bytes each).
    static func largeReport(tests count: Int, in folder: borrowing TemporaryDirectory) throws -> String {
        var text = "<testsuites>\n"
        text.reserveCapacity(count * 72 + count / 50 * 40)
        for suite in 0..<(count / 50) {
            text += "<testsuite name=\"S\(suite)\">\n"
            for test in 0..<50 {
                text += "  <testcase classname=\"com.example.S\(suite)\" name=\"test\(test)\" time=\"0.001\"/>\n"
            }
            text += "</testsuite>\n"
        }
        return try folder.write("large.xml", text + "</testsuites>\n")
    }

    /// SIGKILL halfway through storing a run, once its pages are in the catalog file itself
    /// (a rollback journal, see `Catalog.prepareForRun`): the next process to open the catalog
    /// rolls them back, to the bytes the file had, and puts WAL mode back.
    @Test func aKilledIngestLeavesTheCatalogAsItWas() async throws {
        guard let executable = SeedInterruptionTests.executable else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "no .build/debug/seedbed to run")
            return
        }
        let folder = try TemporaryDirectory()
        let catalog = try IngestCommandTests.catalog(in: folder)
        let first = await seedbed(
            "ingest", IngestCommandTests.report("loan-v1.xml"), "--dataset", "lending@1.0.0", "--run", "ci-1",
            "--catalog", catalog)
        #expect(first.exitCode == 0, "\(first.error)")
        // Past the 8 MB page cache a few times over, so pages reach the file long before the end.
        let report = try Self.largeReport(tests: 400_000, in: folder)
        func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: catalog)[.size] as? Int) ?? 0 }
        let before = size()

        let process = Process()
        process.executableURL = executable
        process.arguments = ["ingest", report, "--dataset", "lending@1.0.0", "--run", "large", "--catalog", catalog]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning, size() < before + (1 << 20), Date() < deadline { usleep(2_000) }
        let grew = size() >= before + (1 << 20)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(grew, "the catalog file never grew while the run was stored")
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(FileManager.default.fileExists(atPath: catalog + "-journal"))

        let reopened = try Catalog.open(catalog, create: false)
        #expect(try reopened.testRuns(named: "lending").map(\.id) == ["ci-1"])
        #expect(try reopened.database.query("PRAGMA integrity_check", parameters: []) == [["ok"]])
        #expect(try reopened.database.query("PRAGMA journal_mode", parameters: []) == [["wal"]])
        #expect(size() == before)
        #expect(!FileManager.default.fileExists(atPath: catalog + "-journal"))
    }
}
