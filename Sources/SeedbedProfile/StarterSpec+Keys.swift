// Keys and references of a source without a schema (CSV): guessed from names, then proved on
// the data. A key is an integer column named like an id (`id`, `TABLE_id`, …) that is never null
// and never repeats; a reference is a `X_id` column of another table whose every value is a key
// of table X. Both take one extra pass: the keys' pass keeps each candidate's values in a set
// (up to `maximumKeyValues`), the references' pass looks the child values up in it.

/// What a source declares about keys (a database's schema), or what `init` proved on the data.
public struct SourceSchema: Sendable, Equatable {
    /// Single-column primary keys: table → column.
    public var primaryKeys: [String: String]
    /// Single-column unique constraints besides the primary key: table → columns.
    public var uniqueColumns: [String: Set<String>]
    public var foreignKeys: [SourceForeignKey]

    public init(
        primaryKeys: [String: String] = [:], uniqueColumns: [String: Set<String>] = [:],
        foreignKeys: [SourceForeignKey] = []
    ) {
        self.primaryKeys = primaryKeys
        self.uniqueColumns = uniqueColumns
        self.foreignKeys = foreignKeys
    }
}

/// A single-column foreign key, by source names.
public struct SourceForeignKey: Sendable, Equatable {
    public var table: String
    public var column: String
    public var parentTable: String
    public var parentColumn: String

    public init(table: String, column: String, parentTable: String, parentColumn: String) {
        self.table = table
        self.column = column
        self.parentTable = parentTable
        self.parentColumn = parentColumn
    }
}

extension StarterSpec {
    /// Values a key candidate's set may hold before the guess gives up on it (about 64 MiB).
    static let maximumKeyValues = 2_000_000

    /// Integer values of one column, while they are all present, integral and distinct.
    struct KeyCandidate {
        let index: Int
        var values: Set<Int64> = []
        var valid = true

        mutating func add(_ value: SourceValue) {
            guard valid else { return }
            guard let integer = Self.integer(value), values.count < StarterSpec.maximumKeyValues,
                values.insert(integer).inserted
            else {
                valid = false
                values = []
                return
            }
        }

        static func integer(_ value: SourceValue) -> Int64? {
            switch value {
            case .integer(let v): return v
            case .text(let text):
                if case .integer(let v) = FieldClassifier.classify(text) { return v }
                return nil
            default: return nil
            }
        }
    }

    /// The keys and references a source's data supports, by the naming rules above.
    static func guessSchema(_ source: some ProfileSource, tables: [SourceTable]) throws(ProfileError) -> SourceSchema {
        let names = tables.map(\.name)
        var schema = SourceSchema()
        var keyValues: [String: Set<Int64>] = [:]
        // Tables some other table's column is named after: only their keys' values are kept.
        let referenced = Set(
            tables.flatMap { table in
                table.columns.compactMap { idStem($0.name) }.flatMap { stem in
                    names.filter { $0 != table.name && Self.stem(stem, names: $0) }
                }
            })
        for table in tables {
            let candidates = keyCandidates(table, tables: names)
            guard !candidates.isEmpty else { continue }
            var scans = candidates.map { KeyCandidate(index: $0) }
            try source.scan(table) { (batch: SourceBatch) throws(ProfileError) in
                for c in scans.indices where scans[c].valid && scans[c].index < batch.columns.count {
                    for value in batch.columns[scans[c].index] { scans[c].add(value) }
                }
            }
            guard let key = scans.first(where: { $0.valid && !$0.values.isEmpty }) else { continue }
            schema.primaryKeys[table.name] = table.columns[key.index].name
            if referenced.contains(table.name) { keyValues[table.name] = key.values }
        }
        for table in tables {
            let candidates = referenceCandidates(table, tables: names, schema: schema)
            guard !candidates.isEmpty else { continue }
            // Per candidate: the parent's key values, and whether every value so far was one.
            var checks = candidates.map { (candidate: $0, values: keyValues[$0.parent] ?? [], holds: true, seen: 0) }
            try source.scan(table) { (batch: SourceBatch) throws(ProfileError) in
                for c in checks.indices where checks[c].holds && checks[c].candidate.index < batch.columns.count {
                    for value in batch.columns[checks[c].candidate.index] {
                        if case .null = value { continue }
                        if case .text(let text) = value, FieldClassifier.classify(text) == .null { continue }
                        guard let integer = KeyCandidate.integer(value), checks[c].values.contains(integer) else {
                            checks[c].holds = false
                            break
                        }
                        checks[c].seen += 1
                    }
                }
            }
            for check in checks where check.holds && check.seen > 0 {
                guard let parentKey = schema.primaryKeys[check.candidate.parent] else { continue }
                schema.foreignKeys.append(
                    SourceForeignKey(
                        table: table.name, column: table.columns[check.candidate.index].name,
                        parentTable: check.candidate.parent, parentColumn: parentKey))
            }
        }
        return schema
    }

    /// Columns that may be the table's key, most likely first: `id`, then `TABLE_id`, then other
    /// `…_id` columns that name no table, then those that name another table (a one-to-one
    /// extension of it).
    static func keyCandidates(_ table: SourceTable, tables: [String]) -> [Int] {
        var ranked: [(rank: Int, index: Int)] = []
        for (index, column) in table.columns.enumerated() {
            guard let stem = idStem(column.name) else { continue }
            let rank: Int
            if stem.isEmpty {
                rank = 0
            } else if Self.stem(stem, names: table.name) {
                rank = 1
            } else if !tables.contains(where: { Self.stem(stem, names: $0) }) {
                rank = 2
            } else {
                rank = 3
            }
            ranked.append((rank, index))
        }
        return ranked.sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }.map(\.index)
    }

    /// `X_id` columns naming another table X that has a key (the table's own key too: a
    /// one-to-one extension of X both is keyed by and references X's key).
    static func referenceCandidates(
        _ table: SourceTable, tables: [String], schema: SourceSchema
    ) -> [(index: Int, parent: String)] {
        table.columns.enumerated().compactMap { index, column in
            guard let stem = idStem(column.name),
                let parent = tables.first(where: { $0 != table.name && Self.stem(stem, names: $0) }),
                schema.primaryKeys[parent] != nil
            else { return nil }
            return (index, parent)
        }
    }
}
