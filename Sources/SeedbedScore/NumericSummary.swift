/// What the quality report needs of one numeric column alone, found in one pass: its range (for
/// the bins), whether it is constant or all whole numbers, and its sum (for Pearson's moments),
/// where each used to take a pass of its own over a million values.
struct NumericSummary {
    /// The smallest and largest non-NaN values, folded in row order as `Binning.edges` does;
    /// infinite and crossed when there is none.
    private(set) var low = Double.infinity
    private(set) var high = -Double.infinity
    /// Non-null, non-NaN values.
    private(set) var count = 0
    /// Whether a value is null or NaN.
    private(set) var hasNull = false
    /// Whether every non-null value is a whole number (`ColumnDistribution.wholeNumbers`).
    private(set) var wholeNumbers = true
    /// The non-null values' sum in row order (only used when there is no null).
    private var sum = 0.0

    init(_ values: [Double?]) {
        for value in values {
            guard let value else {
                hasNull = true
                continue
            }
            if value.rounded() != value { wholeNumbers = false }
            if value.isNaN {
                hasNull = true
                continue
            }
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            sum += value
            count += 1
        }
    }

    /// `CorrelationSimilarity.isConstant`: exactly one distinct non-null value.
    var isConstant: Bool { count > 0 && low == high }

    /// `CorrelationSimilarity.Moments(values)`, with the sum already taken.
    func moments(_ values: [Double?]) -> CorrelationSimilarity.Moments? {
        guard !hasNull, count >= 2 else { return nil }
        return CorrelationSimilarity.Moments(values, sum: sum)
    }

    /// `Binning.edges(of: values, binCount:)`.
    func edges(binCount: Int) -> [Double] { Binning.edges(low: low, high: high, binCount: binCount) }
}
