/// How a table's columns depend on one another beyond what a Gaussian copula tells: a Chow-Liu
/// tree (the spanning tree of greatest total mutual information) over the columns discretised into
/// bins, with each tree edge's contingency table. Generation orients each edge along its draw
/// order and draws the later column from the table's row for the earlier one's bin, so
/// associations between categories (a clinic and its drive-through flag) and nulls that come
/// together (a payor group missing with the patient class) are kept, which a copula over normal
/// scores loses.
public struct DependenceProfile: Codable, Sendable, Equatable {
    /// The binned columns, each with its bins.
    public var columns: [BinnedColumn]
    /// The tree's edges, strongest first.
    public var edges: [DependenceEdge]

    public init(columns: [BinnedColumn], edges: [DependenceEdge]) {
        self.columns = columns
        self.edges = edges
    }

    public func column(named name: String) -> BinnedColumn? { columns.first { $0.name == name } }
}

/// One column's bins. Categorical columns: one bin per value of `values` (the column's named
/// categories, most frequent first), then one for the merged rare ones ("other"), then null.
/// Ordered columns: `cuts` c₁ < … < cₖ make the bins (−∞, c₁), [c₁, c₂), …, [cₖ, +∞), then null.
public struct BinnedColumn: Codable, Sendable, Equatable {
    public var name: String
    public var values: [String]?
    /// In the column's profile unit (days for dates, seconds for timestamps).
    public var cuts: [Double]?

    public init(name: String, values: [String]? = nil, cuts: [Double]? = nil) {
        self.name = name
        self.values = values
        self.cuts = cuts
    }

    /// Bins, the null bin (the last) included.
    public var binCount: Int {
        if let values { return values.count + 2 }
        return (cuts?.count ?? 0) + 2
    }
}

/// A tree edge: how often each pair of bins of its two columns occurs together.
public struct DependenceEdge: Codable, Sendable, Equatable {
    public var first: String
    public var second: String
    /// The mutual information of the binned columns, in nats (noisy under DP).
    public var mutualInformation: Double
    /// `counts[i][j]`: rows with `first` in its bin i and `second` in its bin j. Cells of fewer
    /// than `minCount` rows are 0: a rare combination is not shown.
    public var counts: [[Int]]
    /// Rows of the cells set to 0.
    public var suppressedRows: Int

    public init(first: String, second: String, mutualInformation: Double, counts: [[Int]], suppressedRows: Int) {
        self.first = first
        self.second = second
        self.mutualInformation = mutualInformation
        self.counts = counts
        self.suppressedRows = suppressedRows
    }
}
