import SeedbedEngine
import SeedbedSpec

/// The `CREATE TABLE` statements `--create` runs for the spec's tables the database lacks: the
/// dialect's types, NOT NULL where the spec never makes a null, primary keys, unique columns and
/// foreign keys.
struct TableCreation {
    let model: GenerationModel
    let dialect: Dialect
    /// The spec tables to create.
    let tables: Set<String>
    let names: [String: TableName]

    /// Tables in the model's order (parents first); PostgreSQL foreign keys that point forward
    /// (a cycle) are added afterwards with ALTER TABLE, SQLite accepts them inline.
    var sql: [String] {
        var statements: [String] = []
        var later: [String] = []
        var made: Set<String> = []
        for table in model.tables {
            let name = names[table.name] ?? TableName(table.name)
            guard tables.contains(table.name) else {
                made.insert(table.name)
                continue
            }
            var parts = table.columns.map { column in
                var text = "\(SQLIdentifier.quote(column.name)) \(dialect.columnType(for: column.type))"
                if column.isKey {
                    text += " PRIMARY KEY"
                } else {
                    if column.nullShare == 0 { text += " NOT NULL" }
                    if column.isUnique { text += " UNIQUE" }
                }
                return text
            }
            for column in table.columns {
                guard let reference = column.reference else { continue }
                let parent = model.tables[reference.table]
                let constraint =
                    "FOREIGN KEY (\(SQLIdentifier.quote(column.name))) REFERENCES \((names[parent.name] ?? TableName(parent.name)).sql) (\(SQLIdentifier.quote(parent.columns[reference.column].name)))"
                if dialect == .postgres, !made.contains(parent.name), parent.name != table.name {
                    later.append("ALTER TABLE \(name.sql) ADD \(constraint) DEFERRABLE INITIALLY DEFERRED")
                } else {
                    parts.append(constraint + (dialect == .sqlite ? " DEFERRABLE INITIALLY DEFERRED" : ""))
                }
            }
            statements.append("CREATE TABLE \(name.sql) (\n  \(parts.joined(separator: ",\n  "))\n)")
            made.insert(table.name)
        }
        return statements + later
    }
}
