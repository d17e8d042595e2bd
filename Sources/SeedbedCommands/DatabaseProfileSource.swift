import SeedbedEngine
import SeedbedProfile
import SeedbedSpec
import SeedbedStores

/// A SQLite or PostgreSQL database as a profile's source: its tables and typed columns, streamed
/// through the store's reader (PostgreSQL inside a read-only transaction), never a whole table in
/// memory.
final class DatabaseProfileSource: ProfileSource {
    let database: any Database
    let displayName: String
    private let schema: DatabaseSchema

    init(_ target: Target) throws(StoreError) {
        database = try target.open()
        displayName = target.redacted
        if database.dialect == .postgres {
            try database.beginTransaction()
            try database.execute("SET TRANSACTION READ ONLY")
        }
        schema = try database.introspect()
    }

    deinit { if database.dialect == .postgres { database.rollback() } }

    /// Columns of a type Seedbed cannot read (blobs, json, …) are left out of the profile.
    func tables() throws(ProfileError) -> [SourceTable] {
        schema.tables.map { table in
            SourceTable(
                name: table.name.name,
                columns: table.columns.compactMap { column in
                    database.dialect.valueType(forDeclared: column.declaredType).map {
                        SourceColumn(name: column.name, declaredType: $0)
                    }
                })
        }
    }

    func scan(_ table: SourceTable, _ body: (SourceBatch) throws(ProfileError) -> Void) throws(ProfileError) {
        guard let found = schema.table(named: table.name) else {
            throw ProfileError(.unreadable, at: displayName, "no table '\(table.name)'")
        }
        let columns = table.columns.map { column in
            LoadColumn(
                name: column.name, type: column.declaredType ?? .text,
                declaredType: found.column(named: column.name)?.declaredType ?? "")
        }
        // The reader throws StoreError; a profile error from `body` rides out in this variable.
        var failure: ProfileError?
        do throws(StoreError) {
            try database.read(table: found.name, columns: columns, batchSize: 4096) { batch throws(StoreError) in
                do throws(ProfileError) {
                    try body(SourceBatch(columns: batch.columns.map { Self.values($0, count: batch.count) }))
                } catch {
                    failure = error
                    throw StoreError(.database, error.message)
                }
            }
        } catch {
            if let failure { throw failure }
            throw ProfileError(.unreadable, at: "\(displayName) table '\(table.name)'", error.message)
        }
    }

    private static func values(_ column: ColumnBuffer, count: Int) -> [SourceValue] {
        (0..<count).map { row in
            if column.nulls[row] { return .null }
            switch column.values {
            case .int(let values): return .integer(values[row])
            case .decimal(let values, let scale):
                return .real(Double(values[row]) / (0..<scale).reduce(1.0) { value, _ in value * 10 })
            case .float(let values): return .real(values[row])
            case .text(let values): return .text(values[row])
            case .bool(let values): return .boolean(values[row])
            case .date(let values): return .date(Int(values[row]))
            case .timestamp(let values): return .timestamp(values[row])
            case .uuid(let values): return .text(values[row].description)
            }
        }
    }
}
