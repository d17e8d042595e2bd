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

    /// Marginals by table, then column.
    public var marginals: [String: [String: Marginal]]
    /// Spearman rank correlations by table, between columns of that table.
    public var correlations: [String: [(first: String, second: String, rank: Double)]]

    public init(
        marginals: [String: [String: Marginal]] = [:],
        correlations: [String: [(first: String, second: String, rank: Double)]] = [:]
    ) {
        self.marginals = marginals
        self.correlations = correlations
    }
}
