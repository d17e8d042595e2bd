public import SeedbedSpec

/// One value read from a source. CSV sources yield text and nulls only (the profiler infers the
/// types); database sources yield what their columns hold.
public enum SourceValue: Sendable, Equatable {
    case null
    case text(String)
    case integer(Int64)
    case real(Double)
    case boolean(Bool)
    /// Days since 1970-01-01.
    case date(Int)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
}

/// A column of a source table, with its declared type when the source knows one.
public struct SourceColumn: Sendable, Equatable {
    public var name: String
    /// The database's type; `nil` when the source has none (CSV) and the profiler infers it.
    public var declaredType: ValueType?

    public init(name: String, declaredType: ValueType? = nil) {
        self.name = name
        self.declaredType = declaredType
    }
}

/// A table of a source: its name and columns.
public struct SourceTable: Sendable, Equatable {
    public var name: String
    public var columns: [SourceColumn]

    public init(name: String, columns: [SourceColumn]) {
        self.name = name
        self.columns = columns
    }
}

/// A batch of rows, column by column: `columns[c][r]` is row `r`'s value of column `c`.
public struct SourceBatch: Sendable {
    public var columns: [[SourceValue]]
    public var rowCount: Int { columns.first?.count ?? 0 }

    public init(columns: [[SourceValue]]) {
        self.columns = columns
    }
}

/// Where a profile's statistics come from: a CSV file or folder, a SQLite file, a PostgreSQL
/// database.
///
/// The profiler reads every table twice (the marginals first, then the dependence between
/// columns, which needs the marginals), so `scan` must stream the same rows in the same order
/// each time it is called, in batches, without holding the whole table in memory.
public protocol ProfileSource {
    /// A name for the source in reports and in the profile (a file name, never a password).
    var displayName: String { get }

    /// The tables, in a stable order.
    func tables() throws(ProfileError) -> [SourceTable]

    /// Streams every row of `table` in batches, in the same order on every call.
    func scan(_ table: SourceTable, _ body: (SourceBatch) throws(ProfileError) -> Void) throws(ProfileError)
}
