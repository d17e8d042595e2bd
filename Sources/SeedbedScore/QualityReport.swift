/// SDMetrics' single-table Quality Report: Column Shapes, Column Pair Trends and their
/// average, over every column the two tables share.
///
/// Pass only the columns to compare: SDMetrics skips keys and PII, and so should the caller.
public struct QualityReport: Sendable, Hashable {
    /// Settings, defaulting to SDMetrics 0.32's `QualityReport`.
    public struct Options: Sendable, Hashable {
        /// A numeric pair counts toward Column Pair Trends only if `|ρ_real|` exceeds this
        /// (SDMetrics ≥ 0.27; 0 counts every pair, as before).
        public var realCorrelationThreshold = 0.5
        /// Other pairs count only if the real Cramér's V exceeds this.
        public var realAssociationThreshold = 0.3
        /// Equal-width bins for the numeric column of a mixed pair.
        public var binCount = 10

        public init() {}
    }

    public enum ColumnMetric: String, Sendable, Hashable {
        case ksComplement = "KSComplement"
        case tvComplement = "TVComplement"
    }

    public enum PairMetric: String, Sendable, Hashable {
        case correlationSimilarity = "CorrelationSimilarity"
        case contingencySimilarity = "ContingencySimilarity"
    }

    /// One column's shape score.
    public struct ColumnScore: Sendable, Hashable {
        public var column: String
        public var metric: ColumnMetric
        /// `nil` when a side has no non-null value.
        public var score: Double?
        /// Both sides over the same bins or categories, for charts.
        public var distribution: ColumnDistribution?
    }

    /// One pair's trend score.
    public struct PairScore: Sendable, Hashable {
        public var first: String
        public var second: String
        public var metric: PairMetric
        public var score: Double?
        public var realCorrelation: Double?
        public var syntheticCorrelation: Double?
        public var realAssociation: Double?
        /// Whether the pair shows a real trend above the thresholds, and so counts.
        public var meetsThreshold: Bool
    }

    public private(set) var columns: [ColumnScore] = []
    public private(set) var pairs: [PairScore] = []
    /// SDMetrics CategoryAdherence of each categorical column, by name, from the codes the
    /// report made anyway (the diagnostic report's metric, so not part of the quality score).
    private(set) var categoryAdherence: [String: Double?] = [:]
    /// SDMetrics BoundaryAdherence of each numeric column, by name, likewise.
    private(set) var boundaryAdherence: [String: Double?] = [:]

    /// The mean of the column scores that exist.
    public var columnShapes: Double? { Self.mean(columns.compactMap(\.score)) }

    /// The mean of the scores of the pairs that meet the thresholds.
    public var columnPairTrends: Double? {
        Self.mean(pairs.compactMap { $0.meetsThreshold ? $0.score : nil })
    }

    /// The mean of the two properties that exist (`np.nanmean`).
    public var overall: Double? { Self.mean([columnShapes, columnPairTrends].compactMap(\.self)) }

    /// Scores every column of `real` and every pair of them against the same-named columns of
    /// `synthetic`.
    /// - Throws: `MetricError` when `synthetic` lacks a column of `real` or holds it as a
    ///   different kind.
    /// - Complexity: O(d (n + m) log(n + m) + d² (n + m)) for d columns.
    public init(real: MetricTable, synthetic: MetricTable, options: Options = Options()) throws(MetricError) {
        var inputs: [(name: String, real: MetricColumn, synthetic: MetricColumn)] = []
        for (name, realColumn) in zip(real.names, real.columns) {
            let syntheticColumn = try synthetic.column(name, role: "synthetic")
            guard realColumn.isNumeric == syntheticColumn.isNumeric else {
                throw .kindMismatch(name, expected: realColumn.kindName, found: syntheticColumn.kindName)
            }
            inputs.append((name, realColumn, syntheticColumn))
        }
        // Columns, then pairs, are independent of one another: at a million rows each is a
        // pass or a sort over the data, so they are spread over the cores.
        let encoded = ParallelMap.map(inputs.count) { [inputs] index in
            EncodedColumn(
                name: inputs[index].name, real: inputs[index].real, synthetic: inputs[index].synthetic, options: options
            )
        }
        columns = ParallelMap.map(encoded.count) { encoded[$0].shape() }
        for column in encoded {
            if case .categorical(let real, let synthetic, _) = column.values {
                categoryAdherence[column.name] = CategoryAdherence.score(
                    real: real, synthetic: synthetic, codeCount: column.codeCount)
            }
            if case .numeric = column.values { boundaryAdherence[column.name] = .some(column.boundaryAdherence) }
        }
        var pairIndices: [(Int, Int)] = []
        for i in encoded.indices {
            for j in encoded.indices where j > i { pairIndices.append((i, j)) }
        }
        pairs = ParallelMap.map(pairIndices.count) { [pairIndices] index in
            encoded[pairIndices[index].0].trend(with: encoded[pairIndices[index].1], options: options)
        }
    }

    static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }
}

/// A column prepared once for every metric that reads it.
private struct EncodedColumn {
    enum Values {
        /// The KSComplement is computed at once, so the sorted copies are not kept.
        case numeric(
            real: [Double?], synthetic: [Double?], ksComplement: Double?, isConstant: Bool,
            moments: (real: CorrelationSimilarity.Moments?, synthetic: CorrelationSimilarity.Moments?))
        case categorical(real: [Int32], synthetic: [Int32], null: Int32?)
    }

    let name: String
    let values: Values
    /// Discrete codes (bins for numbers) for the contingency tables of mixed pairs.
    let codes: (real: [Int32], synthetic: [Int32])
    let codeCount: Int
    /// Made here, in the pass that has the values and the codes at hand.
    let distribution: ColumnDistribution
    /// SDMetrics BoundaryAdherence of a numeric column (a diagnostic, not in the quality score),
    /// counted in the distribution's pass over the synthetic values.
    var boundaryAdherence: Double?

    /// - Precondition: `real` and `synthetic` are of the same kind.
    init(name: String, real: MetricColumn, synthetic: MetricColumn, options: QualityReport.Options) {
        self.name = name
        switch (real, synthetic) {
        case (.numeric(let r), .numeric(let s)):
            // One pass per side for the range, constancy, whole numbers and the sum.
            let realSummary = NumericSummary(r)
            let syntheticSummary = NumericSummary(s)
            values = .numeric(
                real: r, synthetic: s, ksComplement: KSComplement.score(real: r, synthetic: s),
                isConstant: realSummary.isConstant || syntheticSummary.isConstant,
                moments: (realSummary.moments(r), syntheticSummary.moments(s)))
            // SDMetrics 0.32's report bins each table with its own edges (`_get_processed_data`
            // runs on the real and the synthetic table apart), so bin i means a different range on
            // each side when the ranges differ.
            let realEdges = realSummary.edges(binCount: options.binCount)
            let syntheticEdges = syntheticSummary.edges(binCount: options.binCount)
            codes = (Binning.codes(r, edges: realEdges), Binning.codes(s, edges: syntheticEdges))
            codeCount = realEdges.count + 1
            let edges = ColumnDistribution.edges(
                spanning: realEdges, wholeNumbers: realSummary.wholeNumbers && syntheticSummary.wholeNumbers)
            let bounds = realSummary.low <= realSummary.high ? realSummary.low...realSummary.high : nil
            let (syntheticSide, inside) = ColumnDistribution.side(s, edges: edges, counting: bounds)
            distribution = ColumnDistribution(
                slots: .bins(edges: edges), real: ColumnDistribution.side(r, edges: edges), synthetic: syntheticSide)
            // As `BoundaryAdherence.score`: synthetic nulls count as outside unless the real
            // column has nulls too.
            let checked = (syntheticSide.values ?? 0) + (realSummary.hasNull ? 0 : syntheticSide.nulls ?? 0)
            boundaryAdherence = bounds == nil || checked == 0 ? nil : Double(inside) / Double(checked)
        default:
            // Categorical on both sides (the caller checked the kinds match).
            var codebook = ValueCodebook()
            let r = codebook.encode(real)
            let s = codebook.encode(synthetic)
            values = .categorical(real: r, synthetic: s, null: codebook.null)
            codes = (r, s)
            codeCount = Int(codebook.count)
            if case .categorical(let realValues) = real, case .categorical(let syntheticValues) = synthetic {
                distribution = .categorical(
                    real: r, synthetic: s, codeCount: codeCount, null: codebook.null, realValues: realValues,
                    syntheticValues: syntheticValues)
            } else {
                distribution = .numeric(real: [], synthetic: [])
            }
        }
    }

    func shape() -> QualityReport.ColumnScore {
        switch values {
        case .numeric(_, _, let score, _, _):
            .init(column: name, metric: .ksComplement, score: score, distribution: distribution)
        case .categorical(let real, let synthetic, let null):
            .init(
                column: name, metric: .tvComplement,
                score: TVComplement.score(real: real, synthetic: synthetic, codeCount: codeCount, null: null),
                distribution: distribution)
        }
    }

    func trend(with other: EncodedColumn, options: QualityReport.Options) -> QualityReport.PairScore {
        if case .numeric(let realX, let syntheticX, _, let constantX, let momentsX) = values,
            case .numeric(let realY, let syntheticY, _, let constantY, let momentsY) = other.values
        {
            let threshold = options.realCorrelationThreshold
            let result = CorrelationSimilarity.breakdown(
                real: (realX, realY), synthetic: (syntheticX, syntheticY), realCorrelationThreshold: threshold,
                anyConstant: constantX || constantY,
                moments: ((momentsX.real, momentsY.real), (momentsX.synthetic, momentsY.synthetic)))
            let meets = threshold <= 0 || (result.real.map { abs($0) > threshold } ?? false)
            return .init(
                first: name, second: other.name, metric: .correlationSimilarity, score: result.score,
                realCorrelation: result.real, syntheticCorrelation: result.synthetic, realAssociation: nil,
                meetsThreshold: meets && result.score != nil)
        }
        let threshold = options.realAssociationThreshold
        let result = ContingencySimilarity.breakdown(
            real: (codes.real, other.codes.real), synthetic: (codes.synthetic, other.codes.synthetic),
            firstCodeCount: codeCount, secondCodeCount: other.codeCount, realAssociationThreshold: threshold)
        let meets = threshold <= 0 || (result.realAssociation.map { $0 > threshold } ?? false)
        return .init(
            first: name, second: other.name, metric: .contingencySimilarity, score: result.score,
            realCorrelation: nil, syntheticCorrelation: nil, realAssociation: result.realAssociation,
            meetsThreshold: meets && result.score != nil)
    }
}
