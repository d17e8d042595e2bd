import SeedbedStores

/// The catalog's schema, as ordered migrations: migration N takes a catalog from schema version
/// N-1 to N, and `schema_version` records each one applied. A catalog whose version is higher
/// than this Seedbed knows was written by a newer Seedbed and is refused, never rewritten.
///
/// The SQL is the subset SQLite and PostgreSQL share: TEXT and BIGINT columns, composite keys,
/// foreign keys with ON DELETE CASCADE. Times are ISO 8601 UTC text; seeds are text (a UInt64
/// does not fit a BIGINT).
enum CatalogMigrations {
    /// The migrations for a catalog of this dialect: shared SQL, except migration 6's key column
    /// (SQLite's rowid is only `INTEGER PRIMARY KEY`; PostgreSQL's INTEGER is 32 bits) and the
    /// sequence PostgreSQL numbers runs from.
    static func all(for dialect: Dialect) -> [[String]] {
        shared + [integerRunKeys(dialect)]
    }

    /// How many migrations there are: the schema version a catalog is brought to.
    static var count: Int { shared.count + 1 }

    /// The first key of run `run`'s rows (schema 6: `run.number * 2^32`, `RunKeys`), as SQL over
    /// `run`: written out, as a migration's statements stay what they were.
    private static let runBase = "run.number * 4294967296"

    private static let shared: [[String]] = [
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
        ],
        // 2: test runs ingested from JUnit XML, their tests, attempts and trace links.
        [
            """
            CREATE TABLE test_run (
                id TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                version TEXT NOT NULL,
                commit_sha TEXT,
                run_at TEXT NOT NULL,
                ingested_at TEXT NOT NULL,
                partial BIGINT NOT NULL,
                files_json TEXT NOT NULL,
                FOREIGN KEY (name, version) REFERENCES dataset_version (name, version) ON DELETE CASCADE)
            """,
            "CREATE INDEX test_run_by_version ON test_run (name, version)",
            """
            CREATE TABLE test_result (
                run_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                test_key TEXT NOT NULL,
                suite_path TEXT NOT NULL,
                classname TEXT,
                name TEXT NOT NULL,
                file TEXT,
                occurrence BIGINT NOT NULL,
                report_file TEXT NOT NULL,
                report_line BIGINT NOT NULL,
                status TEXT NOT NULL,
                attempt_count BIGINT NOT NULL,
                duration_us BIGINT,
                message TEXT,
                failure_type TEXT,
                fingerprint TEXT,
                coarse_fingerprint TEXT,
                PRIMARY KEY (run_id, seq),
                FOREIGN KEY (run_id) REFERENCES test_run (id) ON DELETE CASCADE)
            """,
            "CREATE INDEX test_result_by_key ON test_result (test_key)",
            "CREATE INDEX test_result_by_name ON test_result (name)",
            """
            CREATE TABLE test_attempt (
                run_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                attempt BIGINT NOT NULL,
                outcome TEXT NOT NULL,
                origin TEXT NOT NULL,
                duration_us BIGINT,
                message TEXT,
                failure_type TEXT,
                fingerprint TEXT,
                coarse_fingerprint TEXT,
                normalized_message TEXT,
                frames TEXT,
                PRIMARY KEY (run_id, seq, attempt),
                FOREIGN KEY (run_id, seq) REFERENCES test_result (run_id, seq) ON DELETE CASCADE)
            """,
            """
            CREATE TABLE test_link (
                run_id TEXT NOT NULL,
                seq BIGINT NOT NULL,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (run_id, seq, kind, value),
                FOREIGN KEY (run_id, seq) REFERENCES test_result (run_id, seq) ON DELETE CASCADE)
            """,
            "CREATE INDEX test_link_by_value ON test_link (kind, value)",
        ],
        // 3: runs on negative data (`ingest --negative`), for the negative-data catch rate; kept
        // apart from the run's other facts so the ingest path stays as it is (0 until marked).
        [
            "ALTER TABLE test_run ADD COLUMN negative BIGINT NOT NULL DEFAULT 0"
        ],
        // 4: a leaner ingest (issue 8). A test whose only attempt is what its `test_result` row
        // already says (the test case element itself) gets no `test_attempt` row: the readers
        // make attempt 1 from the result, whose two new columns keep that attempt's normalised
        // message and frames. Rows written before keep their attempt rows and read as before.
        // The indexes no query uses go: `testResults(named:)` matches key OR name OR
        // classname.name, which neither SQLite nor PostgreSQL answers from those indexes, and
        // every other reader joins on the run; links are read by (run, seq), the primary key.
        [
            "ALTER TABLE test_result ADD COLUMN normalized_message TEXT",
            "ALTER TABLE test_result ADD COLUMN frames TEXT",
            "DROP INDEX test_result_by_key",
            "DROP INDEX test_result_by_name",
            "DROP INDEX test_link_by_value",
        ],
        // 5: fewer bytes per test (issue 8). The suite path, class name and report file repeat
        // for every test of a suite (half of a result row's bytes): they move to `test_group`,
        // one row per run of consecutive tests sharing all three, which results name by
        // `group_seq`. Existing results get groups numbered in the order of their first test.
        // No foreign key from the result to its group: the writer makes both, and a check per
        // row would cost a lookup per test; both go with their run.
        [
            """
            CREATE TABLE test_group (
                run_id TEXT NOT NULL,
                group_seq BIGINT NOT NULL,
                suite_path TEXT NOT NULL,
                classname TEXT,
                report_file TEXT NOT NULL,
                PRIMARY KEY (run_id, group_seq),
                FOREIGN KEY (run_id) REFERENCES test_run (id) ON DELETE CASCADE)
            """,
            """
            INSERT INTO test_group (run_id, group_seq, suite_path, classname, report_file)
            SELECT run_id, row_number() OVER (PARTITION BY run_id ORDER BY min(seq)) - 1, suite_path, classname,
                report_file
            FROM test_result GROUP BY run_id, suite_path, classname, report_file
            """,
            "ALTER TABLE test_result ADD COLUMN group_seq BIGINT NOT NULL DEFAULT 0",
            "CREATE INDEX test_group_migrating ON test_group (run_id, suite_path, report_file)",
            """
            UPDATE test_result SET group_seq = (
                SELECT g.group_seq FROM test_group g
                WHERE g.run_id = test_result.run_id AND g.suite_path = test_result.suite_path
                    AND g.report_file = test_result.report_file
                    AND (g.classname = test_result.classname OR (g.classname IS NULL AND test_result.classname IS NULL)))
            """,
            "DROP INDEX test_group_migrating",
            "ALTER TABLE test_result DROP COLUMN suite_path",
            "ALTER TABLE test_result DROP COLUMN classname",
            "ALTER TABLE test_result DROP COLUMN report_file",
        ],
    ]

    /// 6: integer run keys (issue 8, docs/proposals/integer-run-keys.md). Each run gets a
    /// `number` N; the rows of its tests, groups, attempts and links are keyed by one integer
    /// `N * 2^32 + ordinal` (on SQLite the rowid itself), so a run's rows are one key range and no
    /// `(run_id, seq)` index is written per row (the ingest's SQLite floor for 976k tests:
    /// 0.83-0.90 s instead of 1.08-1.18 s). Results are numbered by their `seq`, groups by
    /// `group_seq`, attempts and links by their own order in the run, with the test's `seq` as a
    /// column. No foreign keys: the run's transaction writes them all, and deletes them by range.
    /// Existing runs are numbered in ID order and their rows moved.
    private static func integerRunKeys(_ dialect: Dialect) -> [String] {
        let key = dialect == .sqlite ? "id INTEGER PRIMARY KEY" : "id BIGINT PRIMARY KEY"
        let resultColumns = [
            "test_key", "group_seq", "name", "file", "occurrence", "report_line", "status", "attempt_count",
            "duration_us", "message", "failure_type", "fingerprint", "coarse_fingerprint", "normalized_message",
            "frames",
        ]
        let attemptColumns = [
            "seq", "attempt", "outcome", "origin", "duration_us", "message", "failure_type", "fingerprint",
            "coarse_fingerprint", "normalized_message", "frames",
        ]
        // The old table's columns, named through its alias (test_run has a `name` too).
        func columns(_ names: [String], of alias: String? = nil) -> String {
            names.map { name in alias.map { "\($0).\(name)" } ?? name }.joined(separator: ", ")
        }
        var statements = [
            "ALTER TABLE test_run ADD COLUMN number BIGINT",
            """
            UPDATE test_run SET number = numbered.number
            FROM (SELECT id, row_number() OVER (ORDER BY id) AS number FROM test_run) AS numbered
            WHERE numbered.id = test_run.id
            """,
            "CREATE UNIQUE INDEX test_run_by_number ON test_run (number)",
            "ALTER TABLE test_link RENAME TO test_link_5",
            "ALTER TABLE test_attempt RENAME TO test_attempt_5",
            "ALTER TABLE test_result RENAME TO test_result_5",
            "ALTER TABLE test_group RENAME TO test_group_5",
        ]
        if dialect == .postgres {
            // The old keys keep their names through the rename; freed, the new tables' keys get
            // the usual ones (`test_result_pkey`), which later migrations can name.
            statements += ["test_link", "test_attempt", "test_result", "test_group"].map { table in
                "ALTER TABLE \(table)_5 RENAME CONSTRAINT \(table)_pkey TO \(table)_5_pkey"
            }
        }
        statements += [
            """
            CREATE TABLE test_group (
                \(key),
                suite_path TEXT NOT NULL,
                classname TEXT,
                report_file TEXT NOT NULL)
            """,
            """
            CREATE TABLE test_result (
                \(key),
                test_key TEXT NOT NULL,
                group_seq BIGINT NOT NULL,
                name TEXT NOT NULL,
                file TEXT,
                occurrence BIGINT NOT NULL,
                report_line BIGINT NOT NULL,
                status TEXT NOT NULL,
                attempt_count BIGINT NOT NULL,
                duration_us BIGINT,
                message TEXT,
                failure_type TEXT,
                fingerprint TEXT,
                coarse_fingerprint TEXT,
                normalized_message TEXT,
                frames TEXT)
            """,
            """
            CREATE TABLE test_attempt (
                \(key),
                seq BIGINT NOT NULL,
                attempt BIGINT NOT NULL,
                outcome TEXT NOT NULL,
                origin TEXT NOT NULL,
                duration_us BIGINT,
                message TEXT,
                failure_type TEXT,
                fingerprint TEXT,
                coarse_fingerprint TEXT,
                normalized_message TEXT,
                frames TEXT)
            """,
            """
            CREATE TABLE test_link (
                \(key),
                seq BIGINT NOT NULL,
                kind TEXT NOT NULL,
                value TEXT NOT NULL)
            """,
            """
            INSERT INTO test_group (id, suite_path, classname, report_file)
            SELECT \(runBase) + g.group_seq, g.suite_path, g.classname, g.report_file
            FROM test_group_5 g JOIN test_run run ON run.id = g.run_id
            """,
            """
            INSERT INTO test_result (id, \(columns(resultColumns)))
            SELECT \(runBase) + r.seq, \(columns(resultColumns, of: "r"))
            FROM test_result_5 r JOIN test_run run ON run.id = r.run_id
            """,
            """
            INSERT INTO test_attempt (id, \(columns(attemptColumns)))
            SELECT \(runBase) + row_number() OVER (PARTITION BY a.run_id ORDER BY a.seq, a.attempt) - 1,
                \(columns(attemptColumns, of: "a"))
            FROM test_attempt_5 a JOIN test_run run ON run.id = a.run_id
            """,
            """
            INSERT INTO test_link (id, seq, kind, value)
            SELECT \(runBase) + row_number() OVER (PARTITION BY l.run_id ORDER BY l.seq, l.kind, l.value) - 1,
                l.seq, l.kind, l.value
            FROM test_link_5 l JOIN test_run run ON run.id = l.run_id
            """,
            "DROP TABLE test_link_5",
            "DROP TABLE test_attempt_5",
            "DROP TABLE test_result_5",
            "DROP TABLE test_group_5",
        ]
        if dialect == .postgres {
            // PostgreSQL numbers runs from a sequence: concurrent ingests never wait for each
            // other's number (SQLite numbers under its write lock instead).
            statements.append("CREATE SEQUENCE test_run_number")
            statements.append(
                "SELECT setval('test_run_number', (SELECT coalesce(max(number), 0) + 1 FROM test_run), false)")
        }
        return statements
    }

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
                let all = all(for: database.dialect)
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
