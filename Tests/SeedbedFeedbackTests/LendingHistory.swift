import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedTestSupport

/// A catalog file with two versions of the lending spec (1.1.0 adds rule INC-003) and the JUnit
/// fixtures of their test runs, under `Fixtures/history`.
struct LendingHistory: ~Copyable {
    static let specV1 = """
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

    static let specV2 =
        specV1.replacingOccurrences(of: "1.0.0", with: "1.1.0") + "\nrule INC-003 require customer.income >= 0\n"

    let folder: TemporaryDirectory
    let path: String
    let catalog: Catalog

    init() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("catalog.sqlite").path
        let catalog = try Self.registered(path)
        self.folder = folder
        self.path = path
        self.catalog = catalog
    }

    static func registered(_ path: String) throws -> Catalog {
        let catalog = try Catalog.open(path, create: true)
        for (version, spec) in [("1.0.0", specV1), ("1.1.0", specV2)] {
            try catalog.register(
                Registration(
                    dataset: try lending(version), command: .generate, location: "/data/\(version)",
                    source: DatasetSourceFacts(
                        specPath: "/specs/lending.seed", specSHA256: Digest.sha256(spec), specText: spec,
                        profileSHA256: nil, seed: 7, seedbedVersion: "0.1.0"),
                    tables: []))
        }
        return catalog
    }

    static func lending(_ version: String) throws -> DatasetReference {
        DatasetReference(name: "lending", version: try SemanticVersion(parsing: version))
    }

    /// A fixture of `Fixtures/history`.
    static func report(_ name: String) -> String {
        Fixtures.path("history/" + name)
    }

    /// Ingests the three runs: ci-1 on 1.0.0, ci-2 and ci-3 on 1.1.0, all at commit c1.
    func ingestAll() throws {
        let at = Date(timeIntervalSince1970: 1_772_000_000)
        _ = try TestRunIngestion(dataset: try Self.lending("1.0.0"), runID: "ci-1", commit: "c1")
            .ingest(files: [Self.report("loan-v1.xml")], into: catalog, at: at)
        _ = try TestRunIngestion(dataset: try Self.lending("1.1.0"), runID: "ci-2", commit: "c1")
            .ingest(files: [Self.report("loan-v2.xml")], into: catalog, at: at)
        _ = try TestRunIngestion(dataset: try Self.lending("1.1.0"), runID: "ci-3", commit: "c1")
            .ingest(files: [Self.report("loan-v2-rerun.xml")], into: catalog, at: at)
    }
}
