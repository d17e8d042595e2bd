/// One table of generated rows as the scorecard reads it: its columns' values and what the
/// spec says of each column.
public struct ScorecardTable: Sendable {
    public struct Column: Sendable {
        public var name: String
        public var isKey = false
        /// `references TABLE.COLUMN`.
        public var references: (table: String, column: String)?
        public var isNullable = false
        public var isPII = false
        public var isQuasiIdentifier = false
        public var isSensitive = false
        /// UUIDs are identifiers, never compared as values.
        public var isIdentifier = false
        /// Dates and timestamps: what their numbers count, so distributions can say it.
        public var unit: ColumnDistribution.Unit?

        public init(name: String) { self.name = name }

        /// Compared with a baseline, in distances and exact matches: not keys, references, PII
        /// or identifiers, whose values are arbitrary or fake by construction.
        public var isCompared: Bool { !isKey && references == nil && !isPII && !isIdentifier }
    }

    public var name: String
    public var columns: [Column]
    public var data: MetricTable

    public init(name: String, columns: [Column], data: MetricTable) {
        self.name = name
        self.columns = columns
        self.data = data
    }

    public var comparedColumns: [String] { columns.filter(\.isCompared).map(\.name) }
}
