import Foundation

/// A table's name, with its PostgreSQL schema when it is not found through `search_path`.
public struct TableName: Hashable, Sendable, CustomStringConvertible {
    /// `nil` for SQLite, and for PostgreSQL tables the `search_path` finds first.
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, _ name: String) {
        self.schema = schema
        self.name = name
    }

    /// Quoted and qualified, ready for SQL: `"billing"."order"`.
    public var sql: String {
        if let schema { return "\(SQLIdentifier.quote(schema)).\(SQLIdentifier.quote(name))" }
        return SQLIdentifier.quote(name)
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}

/// SQL identifiers are always quoted: a table named `order` or `Loan Book` works, and no name can
/// inject SQL.
public enum SQLIdentifier {
    public static func quote(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// What introspection found in a database: the tables the loader may write and their constraints.
public struct DatabaseSchema: Sendable, Equatable {
    public var tables: [TableSchema]

    public init(tables: [TableSchema]) { self.tables = tables }

    /// The table a spec's table name means: an exact match first, then (PostgreSQL folds unquoted
    /// names to lower case) a case-insensitive one when it is the only one.
    public func table(named name: String) -> TableSchema? {
        if let exact = tables.first(where: { $0.name.name == name }) { return exact }
        let folded = tables.filter { $0.name.name.lowercased() == name.lowercased() }
        return folded.count == 1 ? folded[0] : nil
    }
}

public struct TableSchema: Sendable, Equatable {
    public var name: TableName
    public var columns: [ColumnSchema]
    /// The primary key's columns, in key order (empty when there is none).
    public var primaryKey: [String]
    public var foreignKeys: [ForeignKey]
    /// Unique constraints and unique indexes (without a predicate), each a list of columns.
    public var uniqueKeys: [[String]]
    public var checks: [CheckConstraint]

    public init(
        name: TableName, columns: [ColumnSchema], primaryKey: [String] = [], foreignKeys: [ForeignKey] = [],
        uniqueKeys: [[String]] = [], checks: [CheckConstraint] = []
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.foreignKeys = foreignKeys
        self.uniqueKeys = uniqueKeys
        self.checks = checks
    }

    public func column(named name: String) -> ColumnSchema? {
        columns.first { $0.name == name } ?? columns.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The columns a load may write: identity and generated columns are the database's to fill.
    public var writableColumns: [ColumnSchema] { columns.filter { !$0.isGenerated && !$0.isIdentity } }
}

public struct ColumnSchema: Sendable, Equatable {
    public var name: String
    /// The type as the database declares it: `numeric(12,2)`, `timestamp with time zone`, `TEXT`.
    public var declaredType: String
    public var isNullable: Bool
    /// The default's SQL text, when there is one.
    public var defaultValue: String?
    /// `GENERATED ALWAYS AS (…)` (stored or virtual): never written.
    public var isGenerated: Bool
    /// `GENERATED … AS IDENTITY` (PostgreSQL) or SQLite's `INTEGER PRIMARY KEY` rowid alias
    /// with AUTOINCREMENT: never written unless the spec gives the column.
    public var isIdentity: Bool

    public init(
        name: String, declaredType: String, isNullable: Bool = true, defaultValue: String? = nil,
        isGenerated: Bool = false, isIdentity: Bool = false
    ) {
        self.name = name
        self.declaredType = declaredType
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.isGenerated = isGenerated
        self.isIdentity = isIdentity
    }
}

public struct ForeignKey: Sendable, Equatable {
    /// The constraint's name (SQLite's unnamed keys get `fk_TABLE_N`).
    public var name: String
    public var columns: [String]
    public var referencedTable: TableName
    public var referencedColumns: [String]
    /// `DEFERRABLE` (PostgreSQL) or `DEFERRABLE INITIALLY DEFERRED` (SQLite): checked at commit
    /// when deferred, so cycles may load in any order.
    public var isDeferrable: Bool

    public init(
        name: String, columns: [String], referencedTable: TableName, referencedColumns: [String],
        isDeferrable: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.isDeferrable = isDeferrable
    }
}

/// A CHECK constraint as the database holds it.
public struct CheckConstraint: Sendable, Equatable {
    /// The constraint's name (SQLite's unnamed checks get `TABLE_check_N`): the implicit rule is
    /// `db:NAME`.
    public var name: String
    /// The condition's SQL text, without the `CHECK (…)` around it.
    public var expression: String

    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }
}
