public import SeedbedSpec

/// What `from profile` columns follow: a production profile's marginals and the dependence between
/// columns, in the engine's units. The profile's file format is SeedbedProfile's; the commands
/// translate it into this, so the engine depends on no file format.
public struct ProfileMarginals: Sendable {
    /// A column's marginal.
    public enum Marginal: Sendable {
        /// Quantiles at evenly spaced probabilities, in the column's unit (days for dates,
        /// microseconds for timestamps).
        case quantiles(EmpiricalQuantiles)
        /// Values with their weights, in the profile's order (the order the dependence below
        /// places them on the normal scale).
        case categories([Literal], weights: [Double])
    }

    /// How a column's values fall in the bins of the dependence tables; the last bin is null.
    public enum Bins: Sendable, Equatable {
        /// A categorical marginal: the bin of each of its values, in the marginal's order (values
        /// beyond the profile's binned ones share its "other" bin), and the number of bins.
        case categories(binOfValue: [Int], count: Int)
        /// Quantiles: bin k holds cuts[k−1] ≤ x < cuts[k], in the column's unit; then null.
        case cuts([Double])

        public var count: Int {
            switch self {
            case .categories(_, let count): count
            case .cuts(let cuts): cuts.count + 2
            }
        }
    }

    /// How often the bins of two columns occur together: a tree edge of the profile's dependence.
    public struct JointTable: Sendable, Equatable {
        public var first: String
        public var second: String
        /// `counts[i][j]`: rows with `first` in bin i and `second` in bin j.
        public var counts: [[Double]]
        /// Rows of the cells left at 0 because they held fewer than `cellLimit` + 1 rows.
        public var suppressed: Double
        public var cellLimit: Double

        public init(first: String, second: String, counts: [[Double]], suppressed: Double = 0, cellLimit: Double = 0) {
            self.first = first
            self.second = second
            self.counts = counts
            self.suppressed = suppressed
            self.cellLimit = cellLimit
        }
    }

    /// Marginals by table, then column.
    public var marginals: [String: [String: Marginal]]
    /// Spearman rank correlations by table, between columns of that table.
    public var correlations: [String: [(first: String, second: String, rank: Double)]]
    /// Bins by table, then column, of the columns the joint tables read.
    public var bins: [String: [String: Bins]]
    /// The dependence tree's edges by table, strongest first.
    public var joints: [String: [JointTable]]

    public init(
        marginals: [String: [String: Marginal]] = [:],
        correlations: [String: [(first: String, second: String, rank: Double)]] = [:],
        bins: [String: [String: Bins]] = [:], joints: [String: [JointTable]] = [:]
    ) {
        self.marginals = marginals
        self.correlations = correlations
        self.bins = bins
        self.joints = joints
    }
}
