import Foundation
public import SeedbedStores

/// The record of every dataset version: how it was made (spec, profile, seed, Seedbed version),
/// each run that made it and where the rows went, its scorecards and its certificates.
///
/// Stored through SeedbedStores: an embedded SQLite file by default (`.seedbed/catalog.sqlite`),
/// or a PostgreSQL database a team shares. Every write is one transaction, so processes
/// registering at once never lose a record.
public final class Catalog {
    /// Where the catalog is, for messages (a PostgreSQL password redacted).
    public let location: String
    package let database: any Database

    /// The schema this Seedbed reads and writes: the number of migrations it knows.
    public static var schemaVersion: Int { CatalogMigrations.count }

    /// The catalog's default place, relative to the working directory.
    public static let defaultPath = ".seedbed/catalog.sqlite"

    /// The catalog a command uses: `--catalog`, else `SEEDBED_CATALOG`, else the default file.
    public static func location(option: String?, environment: (String) -> String?) -> String {
        if let option, !option.isEmpty { return option }
        if let variable = environment("SEEDBED_CATALOG"), !variable.isEmpty { return variable }
        return defaultPath
    }

    /// Opens (and migrates) the catalog at `location`: a SQLite file path (`sqlite:PATH` too), or
    /// a PostgreSQL connection string.
    /// - Parameter create: make the SQLite file (and its folder) when it does not exist; commands
    ///   that only read pass false and say "nothing registered yet" instead.
    /// - Throws: `.environment` when it cannot be opened or is newer than this Seedbed, `.notFound`
    ///   when the file is missing and `create` is false.
    public static func open(_ location: String, create: Bool) throws(CatalogError) -> Catalog {
        let target: Target
        // A plain path is a SQLite file whatever its extension; anything else is a target string.
        if location.hasPrefix("sqlite:") || location.contains("://") || location.contains("=") {
            do {
                target = try Target(parsing: location)
            } catch {
                throw CatalogError(.usage, "the catalog '\(Target.redactingPassword(in: location))': \(error.message)")
            }
        } else {
            target = .sqlite(path: location)
        }
        if case .sqlite(let path) = target {
            if !FileManager.default.fileExists(atPath: path) {
                guard create else {
                    throw CatalogError(
                        .notFound,
                        "no catalog at '\(path)': nothing has been registered there yet (generate or seed a versioned spec first)"
                    )
                }
                let folder = (path as NSString).deletingLastPathComponent
                if !folder.isEmpty {
                    do {
                        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    } catch {
                        throw CatalogError(
                            .environment,
                            "cannot create the catalog's folder '\(folder)': \(error.localizedDescription)")
                    }
                }
            }
        }
        let database: any Database
        do {
            database = try target.open(create: create)
        } catch {
            throw CatalogError(.environment, "cannot open the catalog: \(error.message)")
        }
        return try Catalog(database: database, location: target.redacted)
    }

    /// Uses an open database as the catalog, creating or migrating its tables.
    /// - Throws: `.environment` when the catalog was written by a newer Seedbed or cannot be migrated.
    public init(database: any Database, location: String) throws(CatalogError) {
        self.database = database
        self.location = location
        if database.dialect == .sqlite {
            // First, for the statements below too. Longer than a store's 5 s: a run is stored
            // under a rollback journal (`prepareForRun`), and readers that arrive meanwhile wait
            // for it as well (a 512 MB report, the largest one file may be, takes about 3 s).
            _ = try? database.query("PRAGMA busy_timeout = \(Self.busyTimeoutMilliseconds)", parameters: [])
            // A new file's pages are 16 KiB (set before anything is written; an existing catalog
            // keeps its own): an ingest's rows fill a quarter as many pages. A 976k-test ingest
            // took 7% less time than with SQLite's 4 KiB.
            _ = try? database.query("PRAGMA page_size = \(Self.pageSize)", parameters: [])
            // WAL lets readers go on while one process registers; the busy timeout makes writers
            // queue rather than fail. The mode is kept in the file (and put back here when a
            // process storing a run under a rollback journal died before it could).
            _ = try? database.query("PRAGMA journal_mode = WAL", parameters: [])
        }
        try CatalogMigrations.run(on: database, location: location)
    }

    /// The page size of a new SQLite catalog.
    static let pageSize = 16 << 10

    /// How long a SQLite catalog's statements wait for another process's lock.
    package static let busyTimeoutMilliseconds = 30_000

    // MARK: - Transactions

    /// Runs `body` in one transaction, retrying a few times when another process holds the lock
    /// longer than the busy timeout.
    func transaction<T>(_ body: () throws(CatalogError) -> T) throws(CatalogError) -> T {
        do {
            return try rethrowingTransaction(body)
        } catch let error as CatalogError {
            throw error
        } catch {
            // rethrowingTransaction throws only the body's errors and CatalogErrors of its own.
            throw CatalogError(.environment, "the catalog (\(location)): \(error)")
        }
    }

    static let attempts = 5

    static func isBusy(_ error: StoreError) -> Bool {
        error.message.contains("database is locked") || error.message.contains("database is busy")
            || error.message.contains("could not serialize")
    }

    func storeFailure(_ error: StoreError) -> CatalogError {
        CatalogError(.environment, "the catalog (\(location)): \(error.message)")
    }

    /// `database.query`, with store failures as catalog errors.
    func rows(_ sql: String, _ parameters: [String?] = []) throws(CatalogError) -> [[String?]] {
        do {
            return try database.query(sql, parameters: parameters)
        } catch {
            throw storeFailure(error)
        }
    }
}
