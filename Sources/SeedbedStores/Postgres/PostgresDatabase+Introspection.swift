extension PostgresDatabase {
    /// The tables of every schema that is not PostgreSQL's own (pg_*, information_schema), from
    /// pg_catalog. Tables `search_path` finds come first, without a schema in their name; the
    /// others (in a schema off the path, or hidden by a table of the same name earlier on it) come
    /// after them, with `TableName.schema` set, so `DatabaseSchema.table(named:)` finds what psql
    /// would for an unqualified name.
    public func introspect() throws(StoreError) -> DatabaseSchema {
        let tables = try connection.query(
            """
            SELECT c.oid, n.nspname, c.relname, pg_table_is_visible(c.oid)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
            ORDER BY NOT pg_table_is_visible(c.oid), n.nspname, c.relname
            """)
        var order: [String] = []
        var names: [String: TableName] = [:]
        for row in 0..<tables.rowCount {
            guard let oid = tables.value(row: row, column: 0), let schema = tables.value(row: row, column: 1),
                let name = tables.value(row: row, column: 2)
            else { continue }
            let visible = tables.value(row: row, column: 3) == "t"
            order.append(oid)
            names[oid] = TableName(schema: visible ? nil : schema, name)
        }
        guard !order.isEmpty else { return DatabaseSchema(tables: []) }
        let oids = "(" + order.joined(separator: ",") + ")"
        var schemas: [String: TableSchema] = [:]
        for oid in order {
            if let name = names[oid] { schemas[oid] = TableSchema(name: name, columns: []) }
        }
        try readColumns(of: oids, into: &schemas)
        try readConstraints(of: oids, names: names, into: &schemas)
        try readUniqueIndexes(of: oids, into: &schemas)
        return DatabaseSchema(tables: order.compactMap { schemas[$0] })
    }

    /// Columns in order, dropped ones excluded; a domain is described by its base type (and its
    /// NOT NULL), so `numeric(12,2)` under a domain name still maps to a spec type.
    private func readColumns(of oids: String, into schemas: inout [String: TableSchema]) throws(StoreError) {
        let result = try connection.query(
            """
            SELECT a.attrelid, a.attname,
                   CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod)
                        ELSE format_type(a.atttypid, a.atttypmod) END,
                   a.attnotnull OR (t.typtype = 'd' AND t.typnotnull),
                   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                   a.attidentity <> '', a.attgenerated <> ''
            FROM pg_attribute a
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE a.attrelid IN \(oids) AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attrelid, a.attnum
            """)
        for row in 0..<result.rowCount {
            guard let oid = result.value(row: row, column: 0), let name = result.value(row: row, column: 1),
                let type = result.value(row: row, column: 2)
            else { continue }
            schemas[oid]?.columns.append(
                ColumnSchema(
                    name: name, declaredType: type, isNullable: result.value(row: row, column: 3) != "t",
                    defaultValue: result.value(row: row, column: 4),
                    isGenerated: result.value(row: row, column: 6) == "t",
                    isIdentity: result.value(row: row, column: 5) == "t"))
        }
    }

    /// Primary keys, foreign keys, unique constraints and CHECKs: one row per constraint column,
    /// in key order, so composite keys need no array parsing.
    private func readConstraints(
        of oids: String, names: [String: TableName], into schemas: inout [String: TableSchema]
    ) throws(StoreError) {
        let result = try connection.query(
            """
            SELECT c.conrelid, c.oid, c.conname, c.contype, c.condeferrable, a.attname, fa.attname,
                   fn.nspname, fc.relname, pg_table_is_visible(fc.oid), pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            LEFT JOIN LATERAL unnest(c.conkey) WITH ORDINALITY AS k(attnum, position) ON true
            LEFT JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
            LEFT JOIN pg_attribute fa ON fa.attrelid = c.confrelid AND fa.attnum = c.confkey[k.position]
            LEFT JOIN pg_class fc ON fc.oid = c.confrelid
            LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE c.conrelid IN \(oids) AND c.contype IN ('p', 'u', 'f', 'c')
            ORDER BY c.conrelid, c.contype, c.conname, c.oid, k.position
            """)
        struct Constraint {
            var table: String
            var name: String
            var kind: String
            var deferrable: Bool
            var columns: [String] = []
            var referencedColumns: [String] = []
            var referencedTable: TableName?
            var definition: String
        }
        var constraints: [Constraint] = []
        var lastOID: String?
        for row in 0..<result.rowCount {
            guard let table = result.value(row: row, column: 0), let oid = result.value(row: row, column: 1),
                let name = result.value(row: row, column: 2), let kind = result.value(row: row, column: 3)
            else { continue }
            if oid != lastOID {
                lastOID = oid
                var referenced: TableName?
                if let schema = result.value(row: row, column: 7), let relation = result.value(row: row, column: 8) {
                    referenced = TableName(
                        schema: result.value(row: row, column: 9) == "t" ? nil : schema, relation)
                }
                constraints.append(
                    Constraint(
                        table: table, name: name, kind: kind, deferrable: result.value(row: row, column: 4) == "t",
                        referencedTable: referenced, definition: result.value(row: row, column: 10) ?? ""))
            }
            if let column = result.value(row: row, column: 5) {
                constraints[constraints.count - 1].columns.append(column)
            }
            if let column = result.value(row: row, column: 6) {
                constraints[constraints.count - 1].referencedColumns.append(column)
            }
        }
        for constraint in constraints {
            switch constraint.kind {
            case "p":
                schemas[constraint.table]?.primaryKey = constraint.columns
            case "u":
                schemas[constraint.table]?.uniqueKeys.append(constraint.columns)
            case "f":
                guard let referenced = constraint.referencedTable else { continue }
                schemas[constraint.table]?.foreignKeys.append(
                    ForeignKey(
                        name: constraint.name, columns: constraint.columns, referencedTable: referenced,
                        referencedColumns: constraint.referencedColumns, isDeferrable: constraint.deferrable))
            default:
                schemas[constraint.table]?.checks.append(
                    CheckConstraint(name: constraint.name, expression: Self.checkExpression(constraint.definition)))
            }
        }
    }

    /// Unique indexes on plain columns without a predicate that no constraint already owns.
    private func readUniqueIndexes(of oids: String, into schemas: inout [String: TableSchema]) throws(StoreError) {
        let result = try connection.query(
            """
            SELECT i.indrelid, i.indexrelid, a.attname
            FROM pg_index i
            JOIN pg_class ic ON ic.oid = i.indexrelid
            CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, position)
            JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
            WHERE i.indrelid IN \(oids) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
              AND i.indexprs IS NULL AND k.position <= i.indnkeyatts
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid)
            ORDER BY i.indrelid, ic.relname, k.position
            """)
        var keys: [(table: String, index: String, columns: [String])] = []
        for row in 0..<result.rowCount {
            guard let table = result.value(row: row, column: 0), let index = result.value(row: row, column: 1),
                let column = result.value(row: row, column: 2)
            else { continue }
            if keys.last?.index == index {
                keys[keys.count - 1].columns.append(column)
            } else {
                keys.append((table, index, [column]))
            }
        }
        for key in keys where schemas[key.table]?.uniqueKeys.contains(key.columns) == false {
            schemas[key.table]?.uniqueKeys.append(key.columns)
        }
    }

    /// `CHECK ((amount > 0)) NOT VALID` → `amount > 0`: the outer `CHECK (…)`, the parentheses
    /// PostgreSQL adds around the whole condition, and `NOT VALID` removed.
    static func checkExpression(_ definition: String) -> String {
        var text = Substring(definition)
        if text.hasSuffix(" NOT VALID") { text = text.dropLast(" NOT VALID".count) }
        if text.hasPrefix("CHECK "), let inner = enclosed(text.dropFirst("CHECK ".count)) { text = inner }
        if let inner = enclosed(text) { text = inner }
        return String(text)
    }

    /// The text inside parentheses that enclose all of `text`, or nil (quotes are skipped).
    private static func enclosed(_ text: Substring) -> Substring? {
        guard text.first == "(", text.last == ")" else { return nil }
        var depth = 0
        var quote: Character?
        for (offset, character) in text.enumerated() {
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                depth -= 1
                if depth == 0 && offset != text.count - 1 { return nil }
            default: break
            }
        }
        return depth == 0 ? text.dropFirst().dropLast() : nil
    }
}
