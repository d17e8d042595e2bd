import Foundation
import SeedbedCatalog
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("Catalog store")
struct CatalogStoreTests {
    static func registration(
        version: String = "1.0.0", spec: String = "spec v1", seed: UInt64 = 7, location: String = "/data",
        at seconds: Double = 1_767_225_600
    ) throws -> Registration {
        Registration(
            dataset: DatasetReference(name: "shop", version: try SemanticVersion(parsing: version)), command: .generate,
            location: location, format: "csv", registeredAt: Date(timeIntervalSince1970: seconds),
            source: DatasetSourceFacts(
                specPath: "/specs/shop.seed", specSHA256: Digest.sha256(spec), specText: spec, profileSHA256: nil,
                seed: seed, seedbedVersion: "0.1.0"),
            tables: [
                DatasetTable(
                    name: "customer", columns: [DatasetTable.Column(name: "id", type: .int)], rows: 20,
                    scenarioRows: ["BIG": 2])
            ])
    }

    @Test func migratesAnEmptyFileToTheCurrentSchema() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("nested/catalog.sqlite").path
        _ = try Catalog.open(path, create: true)
        let database = try SQLiteDatabase(path: path, create: false)
        let versions = try database.query("SELECT version FROM schema_version ORDER BY version", parameters: [])
        #expect(versions == [["1"], ["2"], ["3"], ["4"], ["5"], ["6"]])
        let tables = try database.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name", parameters: [])
        #expect(
            tables.map { $0[0] ?? "" } == [
                "certificate", "dataset_version", "registration", "schema_version", "scorecard", "test_attempt",
                "test_group", "test_link", "test_result", "test_run",
            ]
        )
        let journal = try database.query("PRAGMA journal_mode", parameters: [])
        #expect(journal == [["wal"]])
        #expect(try database.query("PRAGMA page_size", parameters: []) == [["16384"]])
        // Opening again applies nothing twice.
        _ = try Catalog.open(path, create: false)
        #expect(try database.query("SELECT count(*) FROM schema_version", parameters: []) == [["6"]])
        #expect(Catalog.schemaVersion == 6)
    }

    @Test("a file made with another page size keeps it as it becomes a catalog")
    func keepsAnExistingPageSize() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let made = try SQLiteDatabase(path: path, create: true)
        _ = try made.query("PRAGMA page_size = 4096", parameters: [])
        _ = try made.query("CREATE TABLE before_seedbed (x)", parameters: [])
        let catalog = try Catalog.open(path, create: false)
        let database = try SQLiteDatabase(path: path, create: false)
        #expect(try database.query("PRAGMA page_size", parameters: []) == [["4096"]])
        #expect(try database.query("PRAGMA journal_mode", parameters: []) == [["wal"]])
        #expect(try catalog.versions().isEmpty)
    }

    @Test func refusesACatalogFromANewerSeedbed() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        _ = try Catalog.open(path, create: true)
        let database = try SQLiteDatabase(path: path, create: false)
        _ = try database.query("INSERT INTO schema_version (version) VALUES ($1)", parameters: ["7"])
        #expect {
            try Catalog.open(path, create: false)
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .environment
                && error.message
                    == "the catalog (sqlite:\(path)) has schema version 7, newer than this Seedbed reads (6); upgrade Seedbed, or use another catalog with --catalog"
        }
    }

    @Test func aMissingCatalogIsNotCreatedByReaders() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("none.sqlite").path
        #expect {
            try Catalog.open(path, create: false)
        } throws: { error in
            (error as? CatalogError)?.message
                == "no catalog at '\(path)': nothing has been registered there yet (generate or seed a versioned spec first)"
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func registersRunsAndRefusesADifferentSpecUnderTheSameVersion() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("c.sqlite").path, create: true)
        #expect(try catalog.register(try Self.registration()) == .new)
        #expect(try catalog.register(try Self.registration(location: "/other", at: 1_767_225_601)) == .again)
        #expect {
            try catalog.register(try Self.registration(spec: "spec v2"))
        } throws: { error in
            let error = try #require(error as? CatalogError)
            return error.kind == .conflict
                && error.message
                    == "shop@1.0.0 is already in the catalog, made from something else (spec sha256 \(Digest.short(Digest.sha256("spec v1"))) in the catalog, \(Digest.short(Digest.sha256("spec v2"))) now); give the spec a new version (dataset shop version \"…\", or --version), or pass --force to replace the catalog's record"
        }
        #expect {
            try catalog.register(try Self.registration(seed: 8))
        } throws: { error in
            (error as? CatalogError)?.message.contains("(seed 7 in the catalog, 8 now)") == true
        }
        let version = try catalog.version(DatasetReference(parsing: "shop@1.0.0"))
        #expect(version.registrations.map(\.location) == ["/data", "/other"])
        #expect(version.registrations[0].tables[0].scenarioRows == ["BIG": 2])
        #expect(try catalog.register(try Self.registration(spec: "spec v2"), force: true) == .replaced)
        let replaced = try catalog.version(DatasetReference(parsing: "shop@1.0.0"))
        #expect(replaced.source.specText == "spec v2")
        #expect(replaced.registrations.count == 1)
    }

    @Test func listsVersionsBySemanticPrecedenceAndNamesTheOnesThereAre() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("c.sqlite").path, create: true)
        for version in ["1.10.0", "1.2.0", "1.2.0-rc.1"] {
            try catalog.register(try Self.registration(version: version))
        }
        #expect(
            try catalog.versions().map(\.reference.description) == ["shop@1.2.0-rc.1", "shop@1.2.0", "shop@1.10.0"])
        #expect {
            try catalog.version(DatasetReference(parsing: "shop@9.0.0"))
        } throws: { error in
            (error as? CatalogError)?.message
                == "shop@9.0.0 is not in the catalog: the catalog has shop@1.2.0-rc.1, shop@1.2.0, shop@1.10.0"
        }
    }

    @Test func keepsScorecardsAsOpaqueDocuments() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("c.sqlite").path, create: true)
        try catalog.register(try Self.registration())
        let document = #"{"verdict":"pass","metrics":[1,2,3]}"#
        try catalog.record(
            ScorecardRecord(verdict: "pass", figures: ["fidelity": 0.91], document: document),
            for: DatasetReference(parsing: "shop@1.0.0"))
        let version = try catalog.version(DatasetReference(parsing: "shop@1.0.0"))
        #expect(version.scorecards.map(\.document) == [document])
        #expect(version.scorecards.map(\.figures) == [["fidelity": 0.91]])
        #expect(version.scorecards.map(\.sha256) == [Digest.sha256(document)])
    }

    @Test func eightProcessesRegisteringAtOnceLoseNothing() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("c.sqlite").path
        // Separate connections racing as separate processes would (each its own SQLite handle).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    let catalog = try Catalog.open(path, create: true)
                    for run in 0..<10 {
                        try catalog.register(
                            try Self.registration(version: "1.\(worker).0", location: "/w\(worker)/r\(run)"))
                    }
                }
            }
            try await group.waitForAll()
        }
        let catalog = try Catalog.open(path, create: false)
        let versions = try catalog.versions()
        #expect(versions.count == 8)
        #expect(versions.map(\.runs) == Array(repeating: 10, count: 8))
    }
}
