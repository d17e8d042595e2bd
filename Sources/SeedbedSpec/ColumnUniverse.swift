/// Every column of a spec, numbered, with its table, declaration and declared domain; and the
/// tables' parent links, which decide what a row of a table can see.
struct ColumnUniverse {
    struct Column {
        var table: String
        var declaration: ColumnDecl
        /// `table.column`
        var name: String
    }

    private(set) var columns: [Column] = []
    /// The domain each column's declaration allows, by column number.
    private(set) var domains: [Domain] = []
    let asOf: Int?
    private var numbers: [String: Int] = [:]
    private var tablesHavingColumn: [String: [String]] = [:]
    private var tableRows: [String: RowCount] = [:]
    /// For each table, its parents, and whether a row always has that parent (no nullable
    /// reference in between).
    private var parents: [String: [(table: String, certain: Bool)]] = [:]

    init(_ spec: SpecFile) {
        asOf = spec.dataset?.asOf?.value
        var seenTables: Set<String> = []
        // A table or column declared twice is reported by the name resolver; the first one counts here.
        for table in spec.tables where seenTables.insert(table.name.name).inserted {
            let tableName = table.name.name
            tableRows[tableName] = table.rows?.value
            var links: [(table: String, certain: Bool)] = []
            if case .perParent(let parent, _)? = table.rows?.value { links.append((parent.name, true)) }
            for column in table.columns where numbers["\(tableName).\(column.name.name)"] == nil {
                let name = "\(tableName).\(column.name.name)"
                numbers[name] = columns.count
                columns.append(Column(table: tableName, declaration: column, name: name))
                tablesHavingColumn[column.name.name, default: []].append(tableName)
                for modifier in column.modifiers {
                    if case .references(let parent, _) = modifier.value {
                        links.append((parent.name, !DomainBuilder.isNullable(column)))
                    }
                }
            }
            // A self-reference (an employee's manager) is no parent of the row itself.
            parents[tableName] = links.filter { $0.table != tableName }
        }
        var builder = DomainBuilder(universe: self)
        domains = columns.indices.map { builder.domain(of: $0) }
    }

    var count: Int { columns.count }

    func column(_ table: String, _ column: String) -> Int? { numbers["\(table).\(column)"] }

    /// The column a reference names: `TABLE.COLUMN`, or a bare `COLUMN` of `scope` (or, without
    /// a scope, of the one table that has such a column).
    func resolve(table: Identifier?, column: Identifier, scope: String?) -> Int? {
        if let table { return self.column(table.name, column.name) }
        if let scope { return self.column(scope, column.name) }
        guard let owners = tablesHavingColumn[column.name], owners.count == 1 else { return nil }
        return self.column(owners[0], column.name)
    }

    func rows(of table: String) -> RowCount? { tableRows[table] }

    // MARK: - Ancestry

    /// The tables a row of `table` is joined with: those every row has (through `rows per` or
    /// non-nullable references) and those it may lack (behind a nullable reference).
    func ancestors(of table: String) -> (certain: Set<String>, uncertain: Set<String>) {
        func reachable(certainOnly: Bool) -> Set<String> {
            var seen: Set<String> = []
            var queue = [table]
            while let next = queue.popLast() {
                for link in parents[next] ?? [] where (link.certain || !certainOnly) && link.table != table {
                    if seen.insert(link.table).inserted { queue.append(link.table) }
                }
            }
            return seen
        }
        let certain = reachable(certainOnly: true)
        return (certain, reachable(certainOnly: false).subtracting(certain))
    }

    /// The child-most of `tables`: the one whose ancestors include all the others; `nil` when
    /// they are unrelated (the name resolver reports that).
    func childMost(of tables: Set<String>) -> String? {
        if tables.count == 1 { return tables.first }
        return tables.first { candidate in
            let ancestry = ancestors(of: candidate)
            return tables.allSatisfy {
                $0 == candidate || ancestry.certain.contains($0) || ancestry.uncertain.contains($0)
            }
        }
    }
}
