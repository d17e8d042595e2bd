public import SeedbedStores

/// Opens the `DatasetSource` that certify and verify read: the files `generate` wrote, or a
/// database target whose tables are found by the dataset's (spec) table names.
public enum DatasetLocation {
    /// The folder `generate --out` wrote.
    public static func files(_ directory: String) throws(CatalogError) -> any DatasetSource {
        do {
            return try FileDataset(directory: directory)
        } catch {
            throw CatalogError(.usage, error.message)
        }
    }

    /// A database target, its tables bound to `tables` by name (exactly, else ignoring case, as
    /// introspection finds them) and their columns likewise.
    public static func database(_ target: String, tables: [DatasetTable]) throws(CatalogError) -> any DatasetSource {
        do {
            let parsed = try Target(parsing: target)
            let database = try parsed.open(create: false)
            let schema = try database.introspect()
            let bindings = tables.map { table in
                guard let found = schema.table(named: table.name) else {
                    return SchemaMerge.Binding(
                        specTable: table.name, boundTo: TableName(table.name), columnNames: [:], declaredTypes: [:],
                        exists: false)
                }
                var names: [String: String] = [:]
                var declared: [String: String] = [:]
                for column in table.columns {
                    let match =
                        found.columns.first { $0.name == column.name }
                        ?? found.columns.first { $0.name.lowercased() == column.name.lowercased() }
                    names[column.name] = match?.name ?? column.name
                    declared[column.name] = match?.declaredType ?? ""
                }
                return SchemaMerge.Binding(
                    specTable: table.name, boundTo: found.name, columnNames: names, declaredTypes: declared,
                    exists: true)
            }
            return DatabaseDataset(database: database, bindings: bindings, location: parsed.redacted)
        } catch {
            throw CatalogError(
                error.kind == .usage ? .usage : .environment, "cannot read the target: \(error.message)")
        }
    }
}
