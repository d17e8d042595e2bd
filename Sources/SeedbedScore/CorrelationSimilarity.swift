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

    /// `breakdown`, told whether any of the four columns is constant (a report knows that of
    /// each column once, rather than once per pair).
    static func breakdown(
        real: (x: [Double?], y: [Double?]), synthetic: (x: [Double?], y: [Double?]),
        realCorrelationThreshold: Double, anyConstant: Bool
    ) -> Breakdown {
        // SDMetrics refuses constant input before dropping incomplete rows.
        if anyConstant { return Breakdown(score: nil, real: nil, synthetic: nil) }
        let realCorrelation = pearson(real.x, real.y)
        if let realCorrelation, abs(realCorrelation) <= realCorrelationThreshold {
            return Breakdown(score: nil, real: realCorrelation, synthetic: nil)
        }
        let syntheticCorrelation = pearson(synthetic.x, synthetic.y)
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
