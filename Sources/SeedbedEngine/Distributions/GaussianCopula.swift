import Foundation

/// Rank correlation between the numeric columns of a table (`correlate amount, ltv 0.4`),
/// with every column keeping its own marginal distribution exactly.
///
/// Each row draws k independent standard normals, correlates them with the Cholesky factor of
/// the latent correlation matrix, and turns each into a uniform uᵢ = Φ(zᵢ); column i then takes
/// `quantile(uᵢ)` of its own distribution, or `quantile(uᵢ, within: allowed)` when rules
/// truncate it in this row. The conditional quantile is monotone in u, so a truncated column
/// keeps its rank relation to the others approximately while honouring the truncation exactly.
///
/// For a Gaussian copula Spearman's ρₛ and the latent Pearson r are related by
/// r = 2 sin(π ρₛ / 6), whatever the marginals, because ranks are invariant under each
/// column's monotone quantile function.
public struct GaussianCopula: Sendable {
    /// A requested rank correlation between two columns, by their index in the copula.
    public struct Correlation: Hashable, Sendable {
        public var first: Int
        public var second: Int
        public var rank: Double

        /// `correlate A, B R` between the copula's columns `first` and `second`, R in [−1, 1].
        public init(_ first: Int, _ second: Int, rank: Double) {
            self.first = first
            self.second = second
            self.rank = rank
        }
    }

    /// What was changed because the requested correlations were jointly impossible (say 0.9,
    /// 0.9 and −0.9 between three columns).
    public struct Repair: Hashable, Sendable {
        /// The smallest eigenvalue of the requested latent matrix (≤ 0: it was not a correlation matrix).
        public let smallestEigenvalue: Double
        /// The largest change to a latent (Pearson) correlation.
        public let largestLatentChange: Double
        /// The largest change to a rank correlation, as the user wrote them.
        public let largestRankChange: Double
    }

    /// The number of columns.
    public let dimension: Int
    /// nil when the requested matrix was used as it was.
    public let repair: Repair?
    let latent: SymmetricMatrix
    /// The lower-triangular Cholesky factor of `latent`, row-major.
    let factor: [Double]

    /// A copula over `dimension` columns; pairs not named are uncorrelated.
    /// - Throws: `CopulaError` for an index out of range, a column correlated with itself, a
    ///   value outside [−1, 1], or one pair given two different values.
    /// - Complexity: O(k³) once (a Jacobi eigendecomposition per repair iteration if repaired).
    public init(dimension: Int, correlations: [Correlation]) throws(CopulaError) {
        guard dimension > 0 else { throw CopulaError("a copula needs at least one column") }
        var requested = SymmetricMatrix.identity(dimension)
        var given = Set<[Int]>()
        for pair in correlations {
            guard (0..<dimension).contains(pair.first), (0..<dimension).contains(pair.second) else {
                throw CopulaError(
                    "correlate names column \(max(pair.first, pair.second)), past the \(dimension) columns")
            }
            guard pair.first != pair.second else { throw CopulaError("a column cannot be correlated with itself") }
            guard pair.rank.isFinite, abs(pair.rank) <= 1 else {
                throw CopulaError("a rank correlation must lie in [-1, 1], not \(pair.rank)")
            }
            let r = Self.latentCorrelation(forRank: pair.rank)
            guard
                given.insert([min(pair.first, pair.second), max(pair.first, pair.second)]).inserted
                    || requested[pair.first, pair.second] == r
            else {
                throw CopulaError("columns \(pair.first) and \(pair.second) are correlated twice with different values")
            }
            requested[pair.first, pair.second] = r
            requested[pair.second, pair.first] = r
        }
        self.dimension = dimension
        if let factor = requested.cholesky() {
            latent = requested
            self.factor = factor
            repair = nil
            return
        }
        let repaired = requested.nearestCorrelationMatrix()
        latent = repaired
        // nearestCorrelationMatrix guarantees a factor unless the floor search gave up.
        factor = repaired.cholesky(tolerance: 0) ?? SymmetricMatrix.identity(dimension).entries
        var latentChange = 0.0
        var rankChange = 0.0
        for i in 0..<dimension {
            for j in 0..<i {
                latentChange = max(latentChange, abs(repaired[i, j] - requested[i, j]))
                rankChange = max(
                    rankChange,
                    abs(
                        Self.rankCorrelation(forLatent: repaired[i, j])
                            - Self.rankCorrelation(forLatent: requested[i, j])))
            }
        }
        repair = Repair(
            smallestEigenvalue: requested.eigendecomposition().values.min() ?? 0,
            largestLatentChange: latentChange, largestRankChange: rankChange)
    }

    /// The latent Pearson correlation that gives Spearman's `rank` in a Gaussian copula.
    public static func latentCorrelation(forRank rank: Double) -> Double {
        2 * sin(Double.pi * rank / 6)
    }

    /// Spearman's rank correlation of a Gaussian copula with latent correlation `latent`.
    public static func rankCorrelation(forLatent latent: Double) -> Double {
        6 / Double.pi * asin(latent / 2)
    }

    /// The rank correlation the copula produces between columns `i` and `j` (the requested one
    /// unless it was repaired).
    public func rankCorrelation(_ i: Int, _ j: Int) -> Double {
        Self.rankCorrelation(forLatent: latent[i, j])
    }

    /// The latent (Pearson) correlation used between columns `i` and `j`.
    public func latentCorrelation(_ i: Int, _ j: Int) -> Double {
        latent[i, j]
    }

    // MARK: - Per row

    /// Fills `scores` with one row's correlated standard normals (resizing it on first use, so a
    /// reused buffer never allocates).
    /// - Complexity: O(k²).
    public func normals(_ random: inout RowRandom, into scores: inout [Double]) {
        if scores.count != dimension { scores = [Double](repeating: 0, count: dimension) }
        let dimension = dimension
        // Through buffers: per row, the array accesses' checks and a closed range's generic
        // iteration cost more than the arithmetic.
        factor.withUnsafeBufferPointer { factor in
            scores.withUnsafeMutableBufferPointer { scores in
                for i in 0..<dimension { scores[i] = StandardNormal.quantile(random.nextOpenUnit()) }
                // z = L w in place: row i reads only w₀…wᵢ, so going from the last row up never
                // reads an entry already overwritten.
                var i = dimension - 1
                while i >= 0 {
                    var sum = 0.0
                    for j in 0..<(i + 1) { sum += factor[i * dimension + j] * scores[j] }
                    scores[i] = sum
                    i -= 1
                }
            }
        }
    }

    /// Fills `uniforms` with one row's correlated uniforms in (0, 1), one per column, to feed
    /// to each column's `quantile(_:)` or `quantile(_:within:)`.
    /// - Complexity: O(k²).
    public func uniforms(_ random: inout RowRandom, into uniforms: inout [Double]) {
        normals(&random, into: &uniforms)
        uniforms.withUnsafeMutableBufferPointer { uniforms in
            for i in uniforms.indices {
                // Kept inside (0, 1): a quantile function at exactly 0 or 1 is infinite.
                uniforms[i] = min(max(StandardNormal.cdf(uniforms[i]), .leastNonzeroMagnitude), 1 - 0x1p-53)
            }
        }
    }
}

/// Why a set of correlations cannot make a copula.
public struct CopulaError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
