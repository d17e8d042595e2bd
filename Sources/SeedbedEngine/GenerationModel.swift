public import SeedbedSpec

/// A checked spec resolved for generation: tables in dependency order, columns by slot,
/// rules and scenarios attached to the table they constrain.
public struct GenerationModel: Sendable {
    public var dataset: String
    public var seed: UInt64
    /// The dataset's `as of` date in days since 1970-01-01, if given.
    public var asOf: Int?
    /// Parents before children.
    public var tables: [TableModel]

    public func table(named name: String) -> TableModel? { tables.first { $0.name == name } }
}

public struct TableModel: Sendable {
    public enum RowCount: Sendable, Equatable {
        case fixed(Int)
        /// `rows per PARENT DIST`: each row of `parent` (a table index) gets a number of children.
        case perParent(parent: Int, via: Int, fanOut: Distribution)
    }

    public var name: String
    public var rowCount: RowCount
    public var columns: [ColumnModel]
    public var rules: [RuleModel]
    public var scenarios: [ScenarioModel]
    public var correlations: [(first: Int, second: Int, coefficient: Double)]
    /// A profile's dependence tree between `from profile` columns, strongest edge first: each
    /// edge's joint counts of the two columns' bins (see `ColumnModel.profileBins`).
    public var dependence: [ProfileEdge] = []

    public func column(named name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

public struct ColumnModel: Sendable {
    public var name: String
    public var type: ValueType
    public var generator: Generator?
    /// Share of nulls (0 when the column is never null).
    public var nullShare: Double
    public var isKey: Bool
    public var isUnique: Bool
    public var minimum: Literal?
    public var maximum: Literal?
    /// The parent table and column this column references.
    public var reference: (table: Int, column: Int)?
    /// The production profile's marginal, for a `from profile` column drawn by its quantiles.
    public var profileQuantiles: EmpiricalQuantiles?
    /// How the profile's dependence tables bin this column's values.
    public var profileBins: ProfileMarginals.Bins?
}

public struct RuleModel: Sendable {
    public var id: String
    public var kind: RuleKind?
    public var title: String?
    public var condition: Expr?
    public var requirement: RuleDecl.Requirement
    public var body: Expr
    /// Where the rule starts in its file (for lineage and traceability).
    public var line: Int
}

public struct ScenarioModel: Sendable {
    public var id: String
    public var title: String?
    public var quota: ScenarioDecl.Quota
    public var condition: Expr
    public var line: Int

    /// Rows of `rows` that must satisfy the scenario: round(share × rows), or the count.
    public func rowCount(of rows: Int) -> Int {
        switch quota {
        case .share(let share): Int((share.value * Double(rows)).rounded())
        case .count(let count): Swift.min(count, rows)
        }
    }
}
