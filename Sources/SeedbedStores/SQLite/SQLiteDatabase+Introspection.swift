import CSQLite

extension SQLiteDatabase {
    /// The tables of the main schema in creation order, without SQLite's own (`sqlite_*`),
    /// Seedbed's (`_seedbed_*`) and virtual tables. CHECK constraints come from
    /// `SQLiteCreateTable`'s parser of the `CREATE TABLE` text, which the PRAGMAs do not describe.
    public func introspect() throws(StoreError) -> DatabaseSchema {
        var definitions: [(name: String, sql: String)] = []
        try query("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY rowid") { row in
            guard let name = row.text(at: 0) else { return }
            let sql = row.text(at: 1) ?? ""
            let lowered = name.lowercased()
            guard !lowered.hasPrefix("sqlite_"), !lowered.hasPrefix("_seedbed_") else { return }
            guard SQLiteTokens(sql).tokens.prefix(2) != [.word("CREATE"), .word("VIRTUAL")] else { return }
            definitions.append((name, sql))
        }
        let names = definitions.map(\.name)
        var tables: [TableSchema] = []
        for definition in definitions {
            tables.append(try introspectTable(definition.name, sql: definition.sql, tableNames: names))
        }
        return DatabaseSchema(tables: tables)
    }

    /// The name introspection gives a table's foreign key: `fk_TABLE_N`, N counting the keys from
    /// 1 in the order the `CREATE TABLE` declares them (PRAGMA ids count from the last one).
    static func foreignKeyName(table: String, pragmaID: Int, count: Int) -> String {
        "fk_\(table)_\(count - pragmaID)"
    }

    private func introspectTable(_ name: String, sql: String, tableNames: [String]) throws(StoreError) -> TableSchema {
        let tokens = SQLiteTokens(sql)
        var columns: [ColumnSchema] = []
        var keyPositions: [(position: Int64, name: String)] = []
        try query("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?)", [name]) { row in
            // hidden 1: a virtual table's hidden column; 2 and 3: generated (virtual, stored).
            let hidden = row.int64(at: 5)
            guard hidden != 1, let column = row.text(at: 0) else { return }
            if row.int64(at: 4) > 0 { keyPositions.append((row.int64(at: 4), column)) }
            columns.append(
                ColumnSchema(
                    name: column, declaredType: row.text(at: 1) ?? "", isNullable: row.int64(at: 2) == 0,
                    defaultValue: row.text(at: 3), isGenerated: hidden == 2 || hidden == 3))
        }
        let primaryKey = keyPositions.sorted { $0.position < $1.position }.map(\.name)
        // A lone INTEGER PRIMARY KEY of a rowid table is the rowid: never NULL, filled by SQLite
        // when the insert does not give it.
        if primaryKey.count == 1, !tokens.isWithoutRowid,
            let index = columns.firstIndex(where: { $0.name == primaryKey[0] }),
            columns[index].declaredType.uppercased() == "INTEGER"
        {
            columns[index].isIdentity = true
            columns[index].isNullable = false
        }
        return TableSchema(
            name: TableName(name), columns: columns, primaryKey: primaryKey,
            foreignKeys: try foreignKeys(of: name, tokens: tokens, tableNames: tableNames),
            uniqueKeys: try uniqueKeys(of: name), checks: SQLiteCreateTable.checkConstraints(in: sql, table: name))
    }

    private func foreignKeys(of table: String, tokens: SQLiteTokens, tableNames: [String]) throws(StoreError)
        -> [ForeignKey]
    {
        var rows: [(id: Int, sequence: Int, parent: String, from: String, to: String?)] = []
        try query("SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?)", [table]) { row in
            rows.append(
                (
                    Int(row.int64(at: 0)), Int(row.int64(at: 1)), row.text(at: 2) ?? "", row.text(at: 3) ?? "",
                    row.text(at: 4)
                ))
        }
        let ids = Set(rows.map(\.id)).sorted(by: >)
        let deferred = tokens.deferredReferences
        var keys: [ForeignKey] = []
        for (position, id) in ids.enumerated() {
            let parts = rows.filter { $0.id == id }.sorted { $0.sequence < $1.sequence }
            guard let first = parts.first else { continue }
            // The clause names the parent as written; the schema's spelling of it wins.
            let parent =
                tableNames.first { $0 == first.parent }
                ?? tableNames.first { $0.lowercased() == first.parent.lowercased() } ?? first.parent
            var referenced = parts.compactMap(\.to)
            if referenced.count != parts.count {
                // `REFERENCES parent` without columns means the parent's primary key.
                referenced = try primaryKey(of: parent)
            }
            keys.append(
                ForeignKey(
                    name: Self.foreignKeyName(table: table, pragmaID: id, count: ids.count),
                    columns: parts.map(\.from), referencedTable: TableName(parent), referencedColumns: referenced,
                    isDeferrable: deferred.count == ids.count && deferred[position]))
        }
        return keys
    }

    private func primaryKey(of table: String) throws(StoreError) -> [String] {
        var key: [(position: Int64, name: String)] = []
        try query("SELECT pk, name FROM pragma_table_info(?) WHERE pk > 0", [table]) { row in
            key.append((row.int64(at: 0), row.text(at: 1) ?? ""))
        }
        return key.sorted { $0.position < $1.position }.map(\.name)
    }

    /// UNIQUE constraints and unique indexes on plain columns, in creation order; partial and
    /// expression indexes are left out (they do not make a column's values unique), and so is
    /// the primary key's own index.
    private func uniqueKeys(of table: String) throws(StoreError) -> [[String]] {
        var indexes: [String] = []
        try query("SELECT name, \"unique\", origin, partial FROM pragma_index_list(?)", [table]) { row in
            guard row.int64(at: 1) == 1, row.text(at: 2) != "pk", row.int64(at: 3) == 0, let name = row.text(at: 0)
            else { return }
            indexes.append(name)
        }
        var keys: [[String]] = []
        // index_list lists the newest first.
        for index in indexes.reversed() {
            var columns: [String] = []
            var onColumnsOnly = true
            try query("SELECT cid, name FROM pragma_index_info(?) ORDER BY seqno", [index]) { row in
                guard row.int64(at: 0) >= 0, let name = row.text(at: 1) else {
                    onColumnsOnly = false
                    return
                }
                columns.append(name)
            }
            if onColumnsOnly, !columns.isEmpty, !keys.contains(columns) { keys.append(columns) }
        }
        return keys
    }
}
