import SeedbedStores

/// The catalog's schema, as ordered migrations: migration N takes a catalog from schema version
/// N-1 to N, and `schema_version` records each one applied. A catalog whose version is higher
/// than this Seedbed knows was written by a newer Seedbed and is refused, never rewritten.
///
/// The SQL is the subset SQLite and PostgreSQL share: TEXT and BIGINT columns, composite keys,
/// foreign keys with ON DELETE CASCADE. Times are ISO 8601 UTC text; seeds are text (a UInt64
/// does not fit a BIGINT).
enum CatalogMigrations {
    static let all: [[String]] = [
        // 1: dataset versions, the runs that made them, scorecards and certificates.
        [
            """
            CREATE TABLE dataset_version (
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                spec_path TEXT NOT NULL,
                spec_sha256 TEXT NOT NULL,
                spec_text TEXT NOT NULL,
                profile_sha256 TEXT,
                seed TEXT NOT NULL,
                seedbed_version TEXT NOT NULL,
                PRIMARY KEY (name, version))
            """,
            """
            CREATE TABLE registration (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                registered_at TEXT NOT NULL,
                command TEXT NOT NULL,
                location TEXT NOT NULL,
                format TEXT,
                shard TEXT,
                seedbed_version TEXT NOT NULL,
                tables_json TEXT NOT NULL,
                FOREIGN KEY (name, version) REFERENCES dataset_version (name, version) ON DELETE CASCADE)
            """,
            "CREATE INDEX registration_by_version ON registration (name, version)",
            """
            CREATE TABLE scorecard (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                recorded_at TEXT NOT NULL,
                verdict TEXT NOT NULL,
                figures_json TEXT NOT NULL,
                sha256 TEXT NOT NULL,
                document TEXT NOT NULL,
                FOREIGN KEY (name, version) REFERENCES dataset_version (name, version) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE certificate (
                sha256 TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                issued_at TEXT NOT NULL,
                expires TEXT,
                purpose TEXT,
                key_id TEXT NOT NULL,
                document TEXT NOT NULL,
                FOREIGN KEY (name, version) REFERENCES dataset_version (name, version) ON DELETE CASCADE)
            """,
        ]
    ]

    /// Brings the catalog to `all.count`, in one transaction (concurrent first openings queue on
    /// the lock; the second finds the work done).
    static func run(on database: any Database, location: String) throws(CatalogError) {
        func failure(_ error: StoreError) -> CatalogError {
            CatalogError(.environment, "cannot prepare the catalog (\(location)): \(error.message)")
        }
        var attempt = 0
        while true {
            attempt += 1
            do {
                try database.beginTransaction()
                if database.dialect == .postgres {
                    // CREATE TABLE IF NOT EXISTS races in PostgreSQL; one migrator at a time.
                    _ = try database.query("SELECT pg_advisory_xact_lock(7244061)", parameters: [])
                }
                try database.execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
                let found = try database.query("SELECT max(version) FROM schema_version", parameters: [])
                let current = found.first?.first.flatMap { $0 }.flatMap { Int($0) } ?? 0
                if current > all.count {
                    database.rollback()
                    throw CatalogError(
                        .environment,
                        "the catalog (\(location)) has schema version \(current), newer than this Seedbed reads (\(all.count)); upgrade Seedbed, or use another catalog with --catalog"
                    )
                }
                for version in (current + 1)..<(all.count + 1) {
                    for statement in all[version - 1] { try database.execute(statement) }
                    _ = try database.query(
                        "INSERT INTO schema_version (version) VALUES ($1)", parameters: ["\(version)"])
                }
                try database.commit()
                return
            } catch let error as CatalogError {
                throw error
            } catch let error as StoreError {
                database.rollback()
                if attempt < Catalog.attempts, Catalog.isBusy(error) { continue }
                throw failure(error)
            } catch {
                database.rollback()
                throw CatalogError(.environment, "cannot prepare the catalog (\(location)): \(error)")
            }
        }
    }
}
