import Foundation
public import SeedbedSpec

/// Why a generated folder could not be read back as the spec's dataset.
public struct DatasetError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }

    public init(_ message: String) {
        self.message = message
    }
}

/// A dataset as `seedbed generate` wrote it (`DIR/TABLE.csv`, `DIR/negative/TABLE.csv`,
/// `DIR/_lineage.csv`), read back into typed rows so tests judge the files, not the
/// generator's memory.
///
/// Values are typed by the spec's column types (`TypeName.valueType`) and parsed strictly:
/// a field that is not in the documented CSV form (decimals with exactly their scale,
/// `YYYY-MM-DD` dates, ISO 8601 timestamps ending in `Z`, `true`/`false`) is an error, not a
/// value.
public struct GeneratedDataset: Sendable {
    /// One table's rows, in file order.
    public struct Table: Sendable {
        public var name: String
        public var columns: [String]
        public var types: [String: ValueType]
        public var rows: [[String: SQLValue]]
        /// The `key` column, if the table has one.
        public var keyColumn: String?

        /// The values of one column, in row order.
        public func values(of column: String) -> [SQLValue] { rows.map { $0[column] ?? .null } }
    }

    /// One line of `_lineage.csv`.
    public struct LineageEntry: Hashable, Sendable {
        public var table: String
        /// The row's key as written (its row number for a table without a key).
        public var key: String
        /// `scenario` or `negative`.
        public var kind: String
        /// The scenario or rule ID.
        public var id: String
    }

    public let spec: SpecFile
    /// The dataset's tables by name.
    public let tables: [String: Table]
    /// The `--negative` tables by name (only those with a file in `DIR/negative/`).
    public let negative: [String: Table]
    public let lineage: [LineageEntry]
    /// For each table, every column some reference points at (and the key): value to row index.
    private let indexes: [String: [String: [SQLValue: Int]]]
    /// For each table, the ancestors reached through its references, nearest first, with the hop
    /// that reaches each: the referencing table and column, and the column referenced.
    private let ancestry: [String: [Hop]]

    struct Hop: Sendable {
        var ancestor: String
        var child: String
        var column: String
        var parentColumn: String
    }

    /// Reads the folder `directory` that `seedbed generate` wrote for `spec`.
    /// - Throws: `DatasetError` for a missing table file, a header that is not the spec's
    ///   columns, a malformed CSV file or a value not in the form its column type is written in.
    public init(directory: String, spec: SpecFile) throws(DatasetError) {
        self.spec = spec
        var tables: [String: Table] = [:]
        var negative: [String: Table] = [:]
        for declaration in spec.tables {
            let name = declaration.name.name
            tables[name] = try Self.read(declaration, path: "\(directory)/\(name).csv")
            let negativePath = "\(directory)/negative/\(name).csv"
            if Self.fileExists(negativePath) {
                negative[name] = try Self.read(declaration, path: negativePath)
            }
        }
        self.tables = tables
        self.negative = negative
        lineage = try Self.readLineage(path: "\(directory)/_lineage.csv")

        let links = Self.links(of: spec)
        indexes = Self.indexes(of: tables, columns: links.referenced)
        ancestry = Self.ancestry(of: spec, parents: links.parents)
    }

    /// The columns references point at (and every key), and each table's referencing columns.
    private static func links(of spec: SpecFile) -> (
        referenced: [String: Set<String>], parents: [String: [(column: String, table: String, target: String)]]
    ) {
        var referenced: [String: Set<String>] = [:]
        var parents: [String: [(column: String, table: String, target: String)]] = [:]
        for declaration in spec.tables {
            let name = declaration.name.name
            if let key = declaration.columns.first(where: \.isKey) {
                referenced[name, default: []].insert(key.name.name)
            }
            for column in declaration.columns {
                for case .references(let table, let target) in column.modifiers.map(\.value) {
                    referenced[table.name, default: []].insert(target.name)
                    // A self-reference reaches no other table: `TABLE.COLUMN` of the own table is the row itself.
                    if table.name != name {
                        parents[name, default: []].append((column.name.name, table.name, target.name))
                    }
                }
            }
        }
        return (referenced, parents)
    }

    /// Value to row index (the first row holding it) for the given columns of each table.
    private static func indexes(
        of tables: [String: Table], columns: [String: Set<String>]
    ) -> [String: [String: [SQLValue: Int]]] {
        var indexes: [String: [String: [SQLValue: Int]]] = [:]
        for (name, columns) in columns {
            guard let table = tables[name] else { continue }
            for column in columns {
                var index: [SQLValue: Int] = [:]
                index.reserveCapacity(table.rows.count)
                for (row, values) in table.rows.enumerated() {
                    let value = values[column] ?? .null
                    if value != .null, index[value] == nil { index[value] = row }
                }
                indexes[name, default: [:]][column] = index
            }
        }
        return indexes
    }

    /// Each table's ancestors, breadth first, with the hop that reaches each (the checker
    /// rejects rules that would need a second path to the same ancestor).
    private static func ancestry(
        of spec: SpecFile, parents: [String: [(column: String, table: String, target: String)]]
    ) -> [String: [Hop]] {
        var ancestry: [String: [Hop]] = [:]
        for declaration in spec.tables {
            let name = declaration.name.name
            var hops: [Hop] = []
            var seen: Set<String> = [name]
            var queue = [name]
            var head = 0
            while head < queue.count {
                let child = queue[head]
                head += 1
                for parent in parents[child, default: []] where seen.insert(parent.table).inserted {
                    hops.append(
                        Hop(ancestor: parent.table, child: child, column: parent.column, parentColumn: parent.target))
                    queue.append(parent.table)
                }
            }
            ancestry[name] = hops
        }
        return ancestry
    }

    // MARK: - Rules' view of a row

    /// The values a rule reads for `row` of `table`: `TABLE.COLUMN` of the row's own table, or
    /// of an ancestor reached by following each referencing column to the parent row whose
    /// referenced column holds that value; a bare column is the row's own.
    ///
    /// Ancestor rows come from the main dataset, also for a `--negative` row. An ancestor that
    /// cannot be reached (a null or dangling reference) reads as null everywhere.
    public func lookup(for row: [String: SQLValue], of table: String) -> (String?, String) -> SQLValue {
        var rows: [String: [String: SQLValue]] = [table: row]
        for hop in ancestry[table, default: []] {
            guard let child = rows[hop.child], let value = child[hop.column], value != .null,
                let index = indexes[hop.ancestor]?[hop.parentColumn]?[value],
                let parent = tables[hop.ancestor]?.rows[index]
            else { continue }
            rows[hop.ancestor] = parent
        }
        return { name, column in rows[name ?? table]?[column] ?? .null }
    }

    /// The row of `table` whose column `column` (by default its key) holds `value`.
    public func row(of table: String, where column: String? = nil, is value: SQLValue) -> [String: SQLValue]? {
        guard let column = column ?? tables[table]?.keyColumn,
            let index = indexes[table]?[column]?[value]
        else { return nil }
        return tables[table]?.rows[index]
    }

    /// A key as the lineage writes it, typed like `table`'s key column (text without a key).
    public func keyValue(_ text: String, in table: String) -> SQLValue? {
        guard let declared = tables[table], let key = declared.keyColumn, let type = declared.types[key] else {
            return .text(text)
        }
        return SQLValueParser.value(text, as: type)
    }

    /// The tables `table` reaches through its references (not itself).
    public func ancestors(of table: String) -> Set<String> {
        Set(ancestry[table, default: []].map(\.ancestor))
    }

    /// The table a rule belongs to: the child-most table it names, the one every other named
    /// table is an ancestor of (SPEC-LANGUAGE.md, Rules).
    public func anchor(of rule: RuleDecl) -> String? {
        let named = Set(((rule.condition?.columnReferences ?? []) + rule.body.columnReferences).compactMap(\.table))
        return named.first { candidate in
            let reach = ancestors(of: candidate)
            return named.allSatisfy { $0 == candidate || reach.contains($0) }
        }
    }

    // MARK: - Reading

    private static func fileExists(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    private static func read(_ declaration: TableDecl, path: String) throws(DatasetError) -> Table {
        let file: CSVTable
        do {
            file = try CSVTable(contentsOfFile: path)
        } catch {
            throw DatasetError("\(path):\(error)")
        }
        let columns = declaration.columns.map(\.name.name)
        guard file.header == columns else {
            throw DatasetError("\(path): header \(file.header) is not the spec's columns \(columns)")
        }
        var types: [String: ValueType] = [:]
        let ordered = declaration.columns.map { $0.type.valueType ?? .text }
        for (name, type) in zip(columns, ordered) { types[name] = type }
        var rows: [[String: SQLValue]] = []
        rows.reserveCapacity(file.rows.count)
        for (number, record) in file.rows.enumerated() {
            var row: [String: SQLValue] = [:]
            row.reserveCapacity(columns.count)
            for (column, (field, type)) in zip(columns, zip(record, ordered)) {
                guard let value = SQLValueParser.value(field, as: type) else {
                    throw DatasetError(
                        "\(path): row \(number + 1), column \(column): \(field.map { "'\($0)'" } ?? "null") is not a \(type) as Seedbed writes it"
                    )
                }
                row[column] = value
            }
            rows.append(row)
        }
        return Table(
            name: declaration.name.name, columns: columns, types: types, rows: rows,
            keyColumn: declaration.columns.first(where: \.isKey)?.name.name)
    }

    private static func readLineage(path: String) throws(DatasetError) -> [LineageEntry] {
        let file: CSVTable
        do {
            file = try CSVTable(contentsOfFile: path)
        } catch {
            throw DatasetError("\(path):\(error)")
        }
        guard file.header == ["table", "key", "kind", "id"] else {
            throw DatasetError("\(path): header \(file.header) is not table,key,kind,id")
        }
        var entries: [LineageEntry] = []
        for (number, record) in file.rows.enumerated() {
            guard let table = record[0], let key = record[1], let kind = record[2], let id = record[3],
                kind == "scenario" || kind == "negative"
            else {
                throw DatasetError("\(path): row \(number + 1) has a null field or an unknown kind: \(record)")
            }
            entries.append(LineageEntry(table: table, key: key, kind: kind, id: id))
        }
        return entries
    }
}
