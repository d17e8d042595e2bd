import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedReport
import SeedbedTestSupport

/// A fixed catalog for the report's tests, built from the files in Fixtures/ (scorecards and
/// certificates `seedbed score` and `seedbed certify` wrote for rules/lending.seed and
/// rules/insurance.seed, with their paths set to /repo): every id and time is fixed, so the
/// pages are the same bytes on every run.
///
/// - lending 1.4.0: scored against a profile (3 gates fail), certified until 2026-12-01;
/// - lending 1.5.0: another seed, scored (2 gates fail), certified until 2027-06-30;
/// - insurance 1.0.0: scored without a baseline (no fidelity);
/// - shop 0.1.0: registered only, never scored.
///
/// Test runs (JUnit fixtures, all at commit c1): ci-1 on lending 1.4.0 (CO-003's test and an
/// unlinked one fail; one passes on a retry), ci-2 and ci-3 on lending 1.5.0 (ELIG-002's and
/// EDGE-LTV's tests fail anew; schedulesPayments passes in ci-2 and errors in ci-3).
enum ReportFixture {
    static let folder = Repository.root().appendingPathComponent("Tests/SeedbedReportTests/Fixtures")
    static let snapshots = Repository.root().appendingPathComponent("Tests/SeedbedReportTests/Snapshots")
    /// The day certificates are judged on: lending 1.4.0's has expired by then, 1.5.0's not.
    static let asOf = "2026-12-15"

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func time(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    /// 2026-11-01T08:00:00Z plus `hours`.
    static func day(_ hours: Double) -> Date { time(1_793_520_000 + hours * 3600) }

    /// Registers the fixed versions in a new catalog at `path`.
    static func build(at path: String) throws -> Catalog {
        let catalog = try Catalog.open(path, create: true)
        try register(
            catalog, "lending", "1.4.0", spec: try text("lending-1.4.0.seed"), seed: 42, at: day(0),
            tables: lendingTables(customers: 2000, loans: 2615, edge: 13))
        try register(
            catalog, "lending", "1.5.0", spec: try text("lending-1.5.0.seed"), seed: 43, at: day(24),
            tables: lendingTables(customers: 2000, loans: 2609, edge: 13))
        // A second run of 1.5.0 into a database: the lineage lists both.
        try catalog.register(
            Registration(
                id: "run-lending-1.5.0-seed", dataset: reference("lending", "1.5.0"), command: .seed,
                location: "postgresql://ci:***@db/app_test", registeredAt: day(25),
                source: facts(spec: try text("lending-1.5.0.seed"), name: "lending", seed: 43),
                tables: lendingTables(customers: 2000, loans: 2609, edge: 13)))
        try register(
            catalog, "insurance", "1.0.0", spec: try text("insurance-1.0.0.seed"), seed: 7, at: day(30),
            tables: [
                DatasetTable(
                    name: "policy", columns: [.init(name: "id", typeName: "int")], rows: 12_000,
                    scenarioRows: [:])
            ])
        try register(
            catalog, "shop", "0.1.0", spec: "dataset shop version \"0.1.0\"\n", seed: 1, at: day(40),
            tables: [DatasetTable(name: "orders", columns: [.init(name: "id", typeName: "int")], rows: 50)])

        try record(catalog, "lending", "1.4.0", file: "lending-1.4.0.scorecard.json", id: "sc-1", at: day(1))
        try record(catalog, "lending", "1.5.0", file: "lending-1.4.0.scorecard.json", id: "sc-2", at: day(25))
        try record(catalog, "lending", "1.5.0", file: "lending-1.5.0.scorecard.json", id: "sc-3", at: day(26))
        try record(catalog, "insurance", "1.0.0", file: "insurance-1.0.0.scorecard.json", id: "sc-4", at: day(31))
        for file in ["lending-1.4.0.cert.json", "lending-1.5.0.cert.json"] {
            let document = try text(file)
            try catalog.record(try Certificate(parsing: document), document: document)
        }
        for (file, version, run, hours) in [
            ("lending-1.4.0.junit.xml", "1.4.0", "ci-1", 2.0), ("lending-1.5.0.junit.xml", "1.5.0", "ci-2", 27),
            ("lending-1.5.0-rerun.junit.xml", "1.5.0", "ci-3", 28),
        ] {
            try ingest(
                catalog, file: folder.appendingPathComponent(file).path, version: version, run: run, at: day(hours))
        }
        // The intake tests on 1.5.0's negative rows: ELIG-002 caught, db:ltv_range missed.
        try ingest(
            catalog, file: folder.appendingPathComponent("lending-1.5.0-negative.junit.xml").path, version: "1.5.0",
            run: "ci-negative", at: day(29), negative: true)
        return catalog
    }

    /// The report's data from a fixed catalog, with the catalog named as a user would give it.
    static func data(in folder: borrowing TemporaryDirectory) throws -> ReportData {
        var data = try ReportData.load(from: try build(at: folder.url.appendingPathComponent("catalog.sqlite").path))
        data.catalog = ".seedbed/catalog.sqlite"
        return data
    }

    // MARK: - Parts

    static func reference(_ name: String, _ version: String) throws -> DatasetReference {
        DatasetReference(name: name, version: try SemanticVersion(parsing: version))
    }

    static func facts(spec: String, name: String, seed: UInt64) -> DatasetSourceFacts {
        DatasetSourceFacts(
            specPath: "/repo/rules/\(name).seed", specSHA256: Digest.sha256(spec), specText: spec, profileSHA256: nil,
            seed: seed, seedbedVersion: "0.1.0")
    }

    static func lendingTables(customers: Int, loans: Int, edge: Int) -> [DatasetTable] {
        [
            DatasetTable(
                name: "customer",
                columns: ["id", "name", "email", "birth_date", "age", "sex", "postcode", "income", "segment"].map {
                    DatasetTable.Column(name: $0, typeName: "text")
                }, rows: customers),
            DatasetTable(
                name: "loan",
                columns: ["id", "customer_id", "product", "amount", "ltv", "status", "disbursed"].map {
                    DatasetTable.Column(name: $0, typeName: "text")
                }, rows: loans, scenarioRows: ["EDGE-LTV": edge], negativeRows: ["ELIG-002": 5, "db:ltv_range": 2]),
        ]
    }

    static func register(
        _ catalog: Catalog, _ name: String, _ version: String, spec: String, seed: UInt64, at date: Date,
        tables: [DatasetTable]
    ) throws {
        try catalog.register(
            Registration(
                id: "run-\(name)-\(version)", dataset: reference(name, version), command: .generate,
                location: "/repo/out/\(name)-\(version)", format: "csv", registeredAt: date,
                source: facts(spec: spec, name: name, seed: seed), tables: tables))
    }

    static func ingest(
        _ catalog: Catalog, file: String, version: String, run: String, at date: Date, negative: Bool = false
    ) throws {
        var ingestion = TestRunIngestion(dataset: try reference("lending", version), runID: run, commit: "c1")
        ingestion.negative = negative
        _ = try ingestion.ingest(files: [file], into: catalog, at: date)
    }

    static func record(
        _ catalog: Catalog, _ name: String, _ version: String, file: String, id: String, at date: Date
    ) throws {
        let document = try text(file)
        let passed = document.contains("\"passed\": true,")
        try catalog.record(
            ScorecardRecord(
                id: id, recordedAt: date, verdict: passed ? "pass" : "fail", figures: [:], document: document),
            for: reference(name, version))
    }
}
