/// SDMetrics CorrelationSimilarity with Pearson's coefficient, for a pair of numeric columns:
/// `1 - |ρ_real - ρ_synthetic| / 2`.
public enum CorrelationSimilarity {
    /// A pair's score with the correlations behind it.
    public struct Breakdown: Sendable, Hashable {
        /// `nil` when a correlation is undefined (a constant column, fewer than two complete
        /// rows) or the real correlation is within the threshold.
        public var score: Double?
        public var real: Double?
        public var synthetic: Double?
    }

    /// - Parameters:
    ///   - real: the two real columns (`x`, `y`), of equal length.
    ///   - synthetic: the two synthetic columns, of equal length.
    ///   - realCorrelationThreshold: as SDMetrics' `real_correlation_threshold`: when
    ///     `|ρ_real|` is at most this, the pair shows no real trend and scores `nil`.
    /// - Returns: the score in [0, 1] and both correlations. Rows with a null on either side
    ///   are dropped, and a column with a single distinct value scores `nil`, as in SDMetrics.
    /// - Complexity: O(n + m).
    public static func breakdown(
        real: (x: [Double?], y: [Double?]), synthetic: (x: [Double?], y: [Double?]),
        realCorrelationThreshold: Double = 0
    ) -> Breakdown {
        breakdown(
            real: real, synthetic: synthetic, realCorrelationThreshold: realCorrelationThreshold,
            anyConstant: isConstant(real.x) || isConstant(real.y) || isConstant(synthetic.x)
                || isConstant(synthetic.y))
    }

    /// The mean and the sum of squared deviations of a column without nulls: what Pearson's r
    /// needs of each column alone, found once per column by a report rather than per pair.
    struct Moments: Sendable {
        var mean: Double
        var squares: Double

        /// `nil` when a value is null or NaN (then each pair has its own complete rows) or
        /// there are fewer than two values.
        init?(_ values: [Double?]) {
            var sum = 0.0
            for value in values {
                guard let value, !value.isNaN else { return nil }
                sum += value
            }
            guard values.count >= 2 else { return nil }
            self.init(values, sum: sum)
        }

        /// From the values' sum in row order, when a caller has it already.
        /// - Precondition: no value is null or NaN, and there are at least two.
        init(_ values: [Double?], sum: Double) {
            // The same sums in the same order as `pearson`, so the result is the same to the bit.
            mean = sum / Double(values.count)
            squares = 0
            for case let value? in values {
                let deviation = value - mean
                squares += deviation * deviation
            }
        }
    }

    /// `breakdown`, told whether any of the four columns is constant and, where known, each
    /// column's moments (a report knows both of each column once, rather than once per pair).
    static func breakdown(
        real: (x: [Double?], y: [Double?]), synthetic: (x: [Double?], y: [Double?]),
        realCorrelationThreshold: Double, anyConstant: Bool,
        moments: (real: (x: Moments?, y: Moments?), synthetic: (x: Moments?, y: Moments?)) = ((nil, nil), (nil, nil))
    ) -> Breakdown {
        // SDMetrics refuses constant input before dropping incomplete rows.
        if anyConstant { return Breakdown(score: nil, real: nil, synthetic: nil) }
        let realCorrelation = pearson(real.x, real.y, moments: moments.real)
        if let realCorrelation, abs(realCorrelation) <= realCorrelationThreshold {
            return Breakdown(score: nil, real: realCorrelation, synthetic: nil)
        }
        let syntheticCorrelation = pearson(synthetic.x, synthetic.y, moments: moments.synthetic)
        guard let realCorrelation, let syntheticCorrelation else {
            return Breakdown(score: nil, real: realCorrelation, synthetic: syntheticCorrelation)
        }
        return Breakdown(
            score: 1 - abs(realCorrelation - syntheticCorrelation) / 2, real: realCorrelation,
            synthetic: syntheticCorrelation)
    }

    /// The score alone; see `breakdown`.
    public static func score(
        real: (x: [Double?], y: [Double?]), synthetic: (x: [Double?], y: [Double?]),
        realCorrelationThreshold: Double = 0
    ) -> Double? {
        breakdown(real: real, synthetic: synthetic, realCorrelationThreshold: realCorrelationThreshold).score
    }

    /// Exactly one distinct non-null value (pandas `nunique() == 1`).
    static func isConstant(_ values: [Double?]) -> Bool {
        var first: Double?
        for case let value? in values where !value.isNaN {
            guard let seen = first else {
                first = value
                continue
            }
            if seen != value { return false }
        }
        return first != nil
    }

    /// `pearson`, in one pass when both columns' moments are known (neither has a null).
    static func pearson(_ x: [Double?], _ y: [Double?], moments: (x: Moments?, y: Moments?)) -> Double? {
        guard let mx = moments.x, let my = moments.y, x.count == y.count else { return pearson(x, y) }
        guard mx.squares > 0, my.squares > 0 else { return nil }
        var sxy = 0.0
        for (a, b) in zip(x, y) {
            guard let a, let b else { continue }
            sxy += (a - mx.mean) * (b - my.mean)
        }
        return Swift.min(1, Swift.max(-1, sxy / (mx.squares.squareRoot() * my.squares.squareRoot())))
    }

    /// Pearson's r over the rows where both values are present; `nil` below two such rows or
    /// when either side is constant there. Computed on centred values, as scipy does.
    static func pearson(_ x: [Double?], _ y: [Double?]) -> Double? {
        var count = 0
        var sumX = 0.0
        var sumY = 0.0
        for (a, b) in zip(x, y) {
            guard let a, let b, !a.isNaN, !b.isNaN else { continue }
            count += 1
            sumX += a
            sumY += b
        }
        guard count >= 2 else { return nil }
        let meanX = sumX / Double(count)
        let meanY = sumY / Double(count)
        var sxx = 0.0
        var syy = 0.0
        var sxy = 0.0
        for (a, b) in zip(x, y) {
            guard let a, let b, !a.isNaN, !b.isNaN else { continue }
            let dx = a - meanX
            let dy = b - meanY
            sxx += dx * dx
            syy += dy * dy
            sxy += dx * dy
        }
        guard sxx > 0, syy > 0 else { return nil }
        return Swift.min(1, Swift.max(-1, sxy / (sxx.squareRoot() * syy.squareRoot())))
    }
}
