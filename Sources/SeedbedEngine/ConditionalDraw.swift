import SeedbedSpec

/// A `from profile` column drawn given its parent in the profile's dependence tree: the row of the
/// edge's joint table for the parent's bin gives the weight of each of the column's bins, which the
/// rules then restrict like any weights (see `TableMaker.conditionalChoice` and
/// `conditionalNumber`).
struct ConditionalDraw {
    /// The parent column, drawn before this one.
    let parent: Int
    let parentBins: ProfileMarginals.Bins
    /// Per parent bin, the weight of each of this column's bins (null last), summing to 1:
    /// `width` weights per row.
    let weights: [Double]
    let width: Int
    /// Categorical columns: each value's bin, and its share of the bin (values past the profile's
    /// binned ones share its "other" bin in proportion to their marginal weights).
    let choiceBins: [Int]
    let choiceShares: [Double]
    /// Numeric columns: bin k is [edges[k], edges[k + 1]) in the distribution's probability space.
    let edges: [Double]
    /// Whether the draw takes the copula's uniform: only when the parent's draw did not, else the
    /// uniform would lean with the parent's bin and skew the conditional weights.
    var usesCopula = false

    /// - Parameters:
    ///   - counts: rows for the parent's bins, columns for this column's.
    ///   - gridStep: the spacing of the column's values (0 for floats): a bin's edge in
    ///     probability space is where the cells of its values begin.
    /// - Returns: nil when the table holds no row at all, or the bins do not fit the sampler.
    init?(
        parent: Int, parentBins: ProfileMarginals.Bins, bins: ProfileMarginals.Bins, counts: [[Double]],
        sampler: ColumnSampler, gridStep: Double
    ) {
        let width = bins.count
        guard counts.count == parentBins.count, counts.allSatisfy({ $0.count == width }) else { return nil }
        // A parent bin no row fell in (or whose cells were all suppressed) takes the column's
        // marginal over the table.
        var marginal = [Double](repeating: 0, count: width)
        for row in counts { for (bin, count) in row.enumerated() { marginal[bin] += count } }
        let total = marginal.reduce(0, +)
        guard total > 0 else { return nil }
        var weights: [Double] = []
        weights.reserveCapacity(counts.count * width)
        for row in counts {
            let sum = row.reduce(0, +)
            weights += sum > 0 ? row.map { $0 / sum } : marginal.map { $0 / total }
        }
        self.parent = parent
        self.parentBins = parentBins
        self.weights = weights
        self.width = width
        switch (bins, sampler) {
        case (.categories(let binOfValue, _), .categorical(let values, let marginalWeights))
        where binOfValue.count == values.count:
            var binWeight = [Double](repeating: 0, count: width)
            for (value, bin) in binOfValue.enumerated() where bin < width { binWeight[bin] += marginalWeights[value] }
            choiceBins = binOfValue.map { min($0, width - 1) }
            choiceShares = binOfValue.enumerated().map { value, bin in
                bin < width && binWeight[bin] > 0 ? marginalWeights[value] / binWeight[bin] : 0
            }
            edges = []
        case (.cuts(let cuts), .numeric(let distribution, _, _)):
            guard case .empirical(let quantiles) = distribution.family else { return nil }
            edges = Self.probabilityEdges(cuts, quantiles, gridStep: gridStep)
            choiceBins = []
            choiceShares = []
        default:
            return nil
        }
    }

    /// Where bins of `cuts` begin and end in the distribution's probability space: 0, then where
    /// the cells of each cut's values begin, then 1.
    static func probabilityEdges(_ cuts: [Double], _ quantiles: EmpiricalQuantiles, gridStep: Double) -> [Double] {
        var edges = [0.0]
        for cut in cuts { edges.append(max(quantiles.cdfBelow(cut - gridStep / 2), edges[edges.count - 1])) }
        edges.append(1)
        return edges
    }

    /// Each bin's probability under the column's marginal, null last; nil when the bins do not
    /// fit the sampler.
    static func binMasses(
        _ bins: ProfileMarginals.Bins, sampler: ColumnSampler, nullShare: Double, gridStep: Double
    ) -> [Double]? {
        var masses = [Double](repeating: 0, count: bins.count)
        masses[bins.count - 1] = nullShare
        switch (bins, sampler) {
        case (.categories(let binOfValue, let count), .categorical(_, let weights))
        where binOfValue.count == weights.count:
            let total = weights.reduce(0, +)
            guard total > 0 else { return nil }
            for (value, bin) in binOfValue.enumerated() {
                masses[min(bin, count - 1)] += weights[value] / total * (1 - nullShare)
            }
        case (.cuts(let cuts), .numeric(let distribution, _, _)):
            guard case .empirical(let quantiles) = distribution.family else { return nil }
            let edges = probabilityEdges(cuts, quantiles, gridStep: gridStep)
            for bin in 0..<(edges.count - 1) { masses[bin] = (edges[bin + 1] - edges[bin]) * (1 - nullShare) }
        default:
            return nil
        }
        return masses
    }

    /// The parent's bin in this row.
    func parentBin(_ workspace: borrowing RowWorkspace) -> Int {
        switch parentBins {
        case .categories(let binOfValue, let count):
            let chosen = workspace.choiceIndex[parent]
            return chosen < binOfValue.count ? min(binOfValue[chosen], count - 1) : count - 1
        case .cuts(let cuts):
            guard case .number(let x) = workspace.context.levels[0][parent] else { return cuts.count + 1 }
            return cuts.countAtOrBelow(x)
        }
    }
}
