import Foundation
import SeedbedCatalog
import SeedbedTestSupport
import Testing

/// Eight `seedbed` processes registering, certifying and ingesting into one catalog at once, as
/// parallel CI jobs would: every record arrives.
@Suite("Catalog shared by concurrent processes")
struct CatalogConcurrencyTests {
    static let workers = 8

    static func spec(version: Int) -> String {
        """
        dataset shop
          version "1.\(version).0"
          seed \(version + 1)
        table customer {
          rows 30
          id    int   key
          age   int   uniform(18, 90)
        }
        rule AGE-1 require customer.age >= 18
        """
    }

    static let junit = """
        <testsuite name="shop" tests="3">
          <testcase classname="shop.Ages" name="adults [AGE-1]" time="0.01"/>
          <testcase classname="shop.Ages" name="minors" time="0.02">
            <failure message="expected 18, got 17">at shop.Ages.minors(Ages.kt:12)</failure>
          </testcase>
          <testcase classname="shop.Ages" name="skipped"><skipped/></testcase>
        </testsuite>
        """

    @Test func eightProcessesOnOneSQLiteCatalogLoseNothing() throws {
        let folder = try TemporaryDirectory()
        try Self.race(catalog: folder.url.appendingPathComponent("shared.sqlite").path, in: folder)
    }

    @Test func eightProcessesOnOnePostgreSQLCatalogLoseNothing() throws {
        let folder = try TemporaryDirectory()
        let server = try PostgresTestDatabase()
        try Self.race(catalog: server.uri, in: folder)
    }

    /// Each worker generates its own version, certifies it and ingests a run against it, all
    /// workers at once; then every version, run, certificate and test result is counted.
    static func race(catalog: String, in folder: borrowing TemporaryDirectory) throws {
        guard let executable = SeedInterruptionTests.executable else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "no .build/debug/seedbed to run")
            return
        }
        let seedbed = executable.path
        let key = folder.url.appendingPathComponent("signing").path
        let junit = try folder.write("report.xml", Self.junit)
        // One shell starts the eight workers and waits for them: the test manages a single
        // process (many Process objects at once can miss a termination on Linux and hang).
        var script = "'\(seedbed)' keygen --out '\(key)' || exit 9\n"
        for worker in 0..<workers {
            let spec = try folder.write("shop\(worker).seed", Self.spec(version: worker))
            let out = folder.url.appendingPathComponent("out\(worker)").path
            let version = "shop@1.\(worker).0"
            let certificate = folder.url.appendingPathComponent("cert\(worker).json").path
            let log = folder.url.appendingPathComponent("worker\(worker).log").path
            script += """
                ( '\(seedbed)' generate '\(spec)' --out '\(out)' && \
                  '\(seedbed)' certify \(version) --key '\(key)' --out '\(certificate)' && \
                  '\(seedbed)' ingest '\(junit)' --dataset \(version) --run run-\(worker) \
                ) >/dev/null 2>'\(log)' || echo "worker \(worker) failed: $(cat '\(log)')" >&2 &

                """
        }
        script += "wait\n"
        let (process, errors) = try Self.start(script, catalog: catalog)
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(message == "", "\(message)")

        let shared = try Catalog.open(catalog, create: false)
        let versions = try shared.versions(named: "shop")
        #expect(versions.map(\.reference.description) == (0..<workers).map { "shop@1.\($0).0" })
        #expect(versions.map(\.runs) == Array(repeating: 1, count: workers))
        #expect(versions.map(\.rows) == Array(repeating: 30, count: workers))
        #expect(versions.map(\.certificates) == Array(repeating: 1, count: workers))
        let runs = try shared.testRuns(named: "shop")
        #expect(Set(runs.map(\.id)) == Set((0..<workers).map { "run-\($0)" }))
        for run in runs {
            #expect(try shared.testResults(ofRun: run.id).count == 3, "run \(run.id)")
        }
    }

    /// `sh -c SCRIPT` with the catalog in the environment, its stderr kept.
    static func start(_ script: String, catalog: String) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        var environment = ProcessInfo.processInfo.environment
        environment["SEEDBED_CATALOG"] = catalog
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return (process, errors)
    }
}
