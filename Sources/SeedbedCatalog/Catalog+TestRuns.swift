import Foundation
import SeedbedStores

extension Catalog {
    /// Stores a test run and its tests in one transaction: a failure anywhere (a broken JUnit
    /// file, the catalog) leaves the catalog as it was.
    ///
    /// A run with the same ID is replaced, with all its tests.
    /// - Parameters:
    ///   - run: the run as known before reading its files (ID, dataset version, commit, times).
    ///   - body: writes the tests through the writer as they are read, and returns the run as
    ///     it ended (its files, the partial flag, the time from the reports).
    /// - Returns: the run replaced, if any, and how many tests were stored.
    /// - Throws: `CatalogError` (`.notFound` when the dataset version is not in the catalog,
    ///   `.environment` when the catalog fails), or whatever `body` throws, unchanged.
    public func recordTestRun(_ run: TestRunRecord, results body: (TestRunWriter) throws -> TestRunRecord)
        throws -> TestRunRecording
    {
        _ = try version(run.dataset)
        let restore = prepareForRun()
        defer { restore() }
        return try rethrowingTransaction {
            // Again under the write lock: the version may have been replaced in between.
            _ = try version(run.dataset)
            let replaced = try testRun(id: run.id)
            if replaced != nil { try deleteTestRuns(where: "id = $1", [run.id]) }
            let number = try nextRunNumber()
            let writer = try TestRunWriter(runNumber: number, database: database, location: location)
            let ended = try body(writer)
            try writer.flush()
            // The run's row comes last, once it is complete (the number is taken under the
            // write lock above, and nobody sees the rows before the commit): a row added first
            // and completed at the end sat on a page the cache had spilled to the WAL long
            // before, and writing that page again made SQLite checksum the whole WAL anew at
            // the commit.
            _ = try rows(
                """
                INSERT INTO test_run (id, name, version, commit_sha, run_at, ingested_at, partial, files_json, negative,
                    number)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                [
                    run.id, run.dataset.name, run.dataset.version.description, ended.commit,
                    CatalogTime.preciseText(ended.runAt), CatalogTime.preciseText(run.ingestedAt),
                    ended.partial ? "1" : "0", CatalogJSON.encode(ended.files), run.negative ? "1" : "0", "\(number)",
                ])
            return TestRunRecording(replaced: replaced, results: writer.count)
        }
    }

    /// The number of a new run (schema 6): its rows are keyed from `number * 2^32`. SQLite takes
    /// the next after the highest, under the run transaction's write lock; PostgreSQL takes it
    /// from its sequence, so concurrent ingests do not wait for each other.
    private func nextRunNumber() throws(CatalogError) -> Int64 {
        let sql =
            database.dialect == .postgres
            ? "SELECT nextval('test_run_number')" : "SELECT coalesce(max(number), 0) + 1 FROM test_run"
        guard let number = try rows(sql).first?.first.flatMap({ $0 }).flatMap({ Int64($0) }), number > 0,
            number < RunKeys.numberLimit
        else {
            throw CatalogError(
                .environment,
                "the catalog (\(location)) has used its \(RunKeys.numberLimit - 1) run numbers; start a new catalog (--catalog) for more runs"
            )
        }
        return number
    }

    /// Deletes the runs matching `condition` (over `test_run`) with all their rows: one key
    /// range per run and table (schema 6 keeps no foreign keys from the rows to their run).
    func deleteTestRuns(where condition: String, _ parameters: [String?]) throws(CatalogError) {
        let numbers = try rows("SELECT number FROM test_run WHERE \(condition)", parameters)
            .compactMap { $0.first.flatMap { $0 }.flatMap { Int64($0) } }
        for number in numbers {
            for table in ["test_link", "test_attempt", "test_result", "test_group"] {
                _ = try rows("DELETE FROM \(table) WHERE id >= $1 AND id < $2", RunKeys.range(number))
            }
        }
        _ = try rows("DELETE FROM test_run WHERE \(condition)", parameters)
    }

    /// The run with this ID, without its tests.
    public func testRun(id: String) throws(CatalogError) -> TestRunRecord? {
        try testRuns(where: "id = $1", [id]).first
    }

    /// Every run of the versions of `name` (of every dataset when nil), oldest first.
    public func testRuns(named name: String? = nil) throws(CatalogError) -> [TestRunRecord] {
        if let name { return try testRuns(where: "name = $1", [name]) }
        return try testRuns(where: "1 = 1", [])
    }

    /// The runs of one dataset version, oldest first.
    public func testRuns(of reference: DatasetReference) throws(CatalogError) -> [TestRunRecord] {
        try testRuns(where: "name = $1 AND version = $2", [reference.name, reference.version.description])
    }

    func testRuns(where condition: String, _ parameters: [String?]) throws(CatalogError) -> [TestRunRecord] {
        let found = try rows(
            """
            SELECT id, name, version, commit_sha, run_at, ingested_at, partial, files_json, negative
            FROM test_run WHERE \(condition) ORDER BY run_at, ingested_at, id
            """, parameters)
        return found.compactMap(Self.testRun)
    }

    /// A run from its columns: id, name, version, commit_sha, run_at, ingested_at, partial,
    /// files_json, negative.
    static func testRun(_ row: [String?]) -> TestRunRecord? {
        guard row.count >= 9, let id = row[0], let name = row[1],
            let version = row[2].flatMap({ try? SemanticVersion(parsing: $0) })
        else { return nil }
        return TestRunRecord(
            id: id, dataset: DatasetReference(name: name, version: version), commit: row[3],
            runAt: row[4].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0),
            ingestedAt: row[5].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0), partial: row[6] == "1",
            files: CatalogJSON.decode([TestFileRecord].self, row[7]) ?? [], negative: row[8] == "1")
    }

    /// Sets SQLite's connection up for storing a run, outside its transaction (SQLite ignores or
    /// refuses these pragmas inside one); returns what puts it back.
    ///
    /// **A rollback journal.** When no other connection has the catalog open (else SQLite
    /// refuses to leave WAL mode, and the run goes through the WAL like any write), the run's
    /// pages are written once, straight into the file: a run's rows are new pages past the
    /// file's end, which a rollback journal need not copy. Through the WAL each page is written
    /// twice, and after the last test the commit checksums the WAL, the checkpoint copies it
    /// into the file and the WAL is removed: 0.15-0.2 s of a 976k-test run's 1.2 s. The price is
    /// that other processes opening the catalog while the run is stored wait for it (the busy
    /// timeout, `Catalog.busyTimeoutMilliseconds`) instead of reading the catalog as it was. WAL
    /// mode is put back after; if this process dies first, the next to open the catalog rolls
    /// the journal back and puts it back.
    ///
    /// **The page cache** (2 MB by default) is far smaller than the pages one large run's
    /// transaction dirties; past it, SQLite spills pages to the file as the run is read. Since
    /// schema 4 a run's rows arrive in key order (no other index), so a spilled page is rarely
    /// written twice, and spilling early is welcome: it overlaps the parsing, while the pages
    /// still cached are written after it, at commit. A cache a little above the default keeps
    /// the b-trees' upper levels (200 MB report: 64 MB of cache left 0.45 s of writing after the
    /// parse and 137 MB peak RSS, 8 MB 0.38 s and 75 MB).
    private func prepareForRun() -> () -> Void {
        guard database.dialect == .sqlite,
            let before = try? database.query("PRAGMA cache_size", parameters: []).first?.first ?? nil,
            (try? database.execute("PRAGMA cache_size = -\(Self.ingestCacheKiB)")) != nil
        else { return {} }
        let journal = try? database.query("PRAGMA journal_mode = DELETE", parameters: []).first?.first ?? nil
        return { [database] in
            try? database.execute("PRAGMA cache_size = \(before)")
            if journal == "delete" { _ = try? database.query("PRAGMA journal_mode = WAL", parameters: []) }
        }
    }

    /// The page cache for storing a run, in KiB.
    static let ingestCacheKiB = 8 << 10

    // MARK: - A transaction whose body throws anything

    /// `transaction`, for a body that may throw errors other than the catalog's (a JUnit file
    /// that turns out broken halfway): any error rolls back and is rethrown as it is.
    func rethrowingTransaction<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try database.beginTransaction()
            } catch {
                if attempt < Self.attempts, Self.isBusy(error) { continue }
                throw storeFailure(error)
            }
            let value: T
            do {
                value = try body()
            } catch {
                database.rollback()
                throw error
            }
            do {
                try database.commit()
            } catch {
                database.rollback()
                if attempt < Self.attempts, Self.isBusy(error) { continue }
                throw storeFailure(error)
            }
            return value
        }
    }
}
