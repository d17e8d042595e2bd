import SeedbedCatalog
import SeedbedEngine
import SeedbedStores

/// Where a record a test names came from: the scenario or negative rule that made it, read
/// from the lineage of the dataset version it ran on.
public struct RecordOrigin: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Made for this scenario.
        case scenario(String)
        /// A `--negative` row breaking this rule.
        case negative(String)
        /// No lineage row names it: the spec's distributions made it, under every rule.
        case base
        /// No lineage of the version could be read (the folder or database is gone): why.
        case unavailable(String)
    }

    /// The table as the link or the lineage names it; nil when a bare key matched no lineage row.
    public var table: String?
    public var key: String
    public var source: Source
    /// Where the lineage row (or, for `.base`, the lineages searched) was read.
    public var lineage: [String]
}

/// The lineage of each dataset version's registrations, read once per version: every
/// `generate` folder's `_lineage.csv` and every seeded target's `_seedbed_lineage`.
struct RecordLineage {
    private struct Loaded {
        /// Lineage rows by table (lowercased) and key.
        var rows: [String: [String: (entry: LineageEntry, place: String)]] = [:]
        /// Tables of the version, lowercased, for telling `table:key` from a key with a colon.
        var tables: Set<String> = []
        var read: [String] = []
        var failures: [String] = []
    }

    private var versions: [DatasetReference: Loaded] = [:]

    /// Splits a record link into table and key: `loan:L-000123` when `loan` is a table of the
    /// version (or of its lineage), else the whole text is a key of any table.
    mutating func origin(of record: String, in version: DatasetVersion) -> RecordOrigin {
        let loaded = load(version)
        var table: String?
        var key = record
        if let colon = record.firstIndex(of: ":") {
            let prefix = String(record[..<colon])
            if loaded.tables.contains(prefix.lowercased()) || loaded.rows[prefix.lowercased()] != nil {
                table = prefix
                key = String(record[record.index(after: colon)...])
            }
        }
        if loaded.read.isEmpty, !loaded.failures.isEmpty {
            return RecordOrigin(
                table: table, key: key, source: .unavailable(loaded.failures.joined(separator: "; ")), lineage: [])
        }
        let candidates: [(entry: LineageEntry, place: String)]
        if let table {
            candidates = loaded.rows[table.lowercased()]?[key].map { [$0] } ?? []
        } else {
            candidates = loaded.rows.keys.sorted().compactMap { loaded.rows[$0]?[key] }
        }
        guard let found = candidates.first else {
            return RecordOrigin(table: table, key: key, source: .base, lineage: loaded.read)
        }
        let source: RecordOrigin.Source =
            switch found.entry.kind {
            case .scenario: .scenario(found.entry.id)
            case .negative: .negative(found.entry.id)
            }
        return RecordOrigin(table: found.entry.table, key: key, source: source, lineage: [found.place])
    }

    private mutating func load(_ version: DatasetVersion) -> Loaded {
        if let known = versions[version.reference] { return known }
        var loaded = Loaded()
        // Latest first: a re-seeded target's lineage is the one its tests saw last.
        for registration in version.registrations.reversed() {
            loaded.tables.formUnion(registration.tables.map { $0.name.lowercased() })
            let place: String
            let source: any DatasetSource
            do throws(CatalogError) {
                switch registration.command {
                case .generate:
                    place = registration.location + "/_lineage.csv"
                    source = try DatasetLocation.files(registration.location)
                case .seed:
                    place = registration.location + " " + Seeder.lineageTable
                    source = try DatasetLocation.database(registration.location, tables: registration.tables)
                }
            } catch {
                loaded.failures.append("\(registration.location): \(error.message)")
                continue
            }
            do throws(StoreError) {
                for entry in try source.lineage() {
                    let table = entry.table.lowercased()
                    if loaded.rows[table]?[entry.key] == nil {
                        loaded.rows[table, default: [:]][entry.key] = (entry, place)
                    }
                }
                loaded.read.append(place)
            } catch {
                loaded.failures.append("\(place): \(error.message)")
            }
        }
        if version.registrations.isEmpty { loaded.failures.append("\(version.reference) has no registration") }
        versions[version.reference] = loaded
        return loaded
    }
}
