import Foundation

/// A column's numeric distribution, sampled by inverse CDF so that rules can truncate it per row.
///
/// Every draw is `quantile(u, within: allowed)`: the value at conditional probability `u` of the
/// distribution restricted to what the row's rules allow. Restricting never retries and never
/// approximates: a column with `ltv <= 0.95` is drawn from exactly the truncated distribution,
/// and a copula can feed its own `u` so the column keeps its rank correlation.
///
/// A value type over a closed set of families (no existential per value): the per-row cost is
/// one `switch`. Parameters are checked once, when the distribution is made.
public struct NumericDistribution: Sendable {
    /// The distribution families of the spec language, with their parameters.
    public enum Family: Hashable, Sendable {
        /// Continuous uniform on [lower, upper].
        case uniform(lower: Double, upper: Double)
        /// Uniform on the integers lower, lower + 1, …, upper.
        case uniformInteger(lower: Int, upper: Int)
        case normal(mean: Double, standardDeviation: Double)
        /// exp(N(log median, sigma²)).
        case lognormal(median: Double, sigma: Double)
        /// Poisson counts with the given mean λ.
        case poisson(mean: Double)
        /// A production profile's marginal, by its quantiles (`from profile`).
        case empirical(EmpiricalQuantiles)
    }

    /// Which distribution this is.
    public let family: Family
    let poissonTable: PoissonTable?

    /// The largest Poisson mean accepted: its table then needs about 8,000 checkpoints walked in
    /// strides of about 300 values, which keeps a draw under a few microseconds.
    public static let maximumPoissonMean = 1e9
    /// Integer bounds stay below 2⁵², where every integer and its successor are `Double`s.
    public static let maximumIntegerMagnitude = 1 << 52

    /// - Throws: `DistributionError` when a parameter is not finite or out of its range.
    public init(_ family: Family) throws(DistributionError) {
        switch family {
        case .uniform(let lower, let upper):
            guard lower.isFinite, upper.isFinite, lower < upper else {
                throw DistributionError("uniform(\(lower), \(upper)) needs finite bounds with lower < upper")
            }
        case .uniformInteger(let lower, let upper):
            guard lower <= upper, max(lower.magnitude, upper.magnitude) <= Self.maximumIntegerMagnitude else {
                throw DistributionError(
                    "uniform(\(lower), \(upper)) needs lower <= upper, both within ±2^52")
            }
        case .normal(let mean, let standardDeviation):
            guard mean.isFinite, standardDeviation.isFinite, standardDeviation > 0 else {
                throw DistributionError(
                    "normal(mean: \(mean), sd: \(standardDeviation)) needs a finite mean and sd > 0")
            }
        case .lognormal(let median, let sigma):
            guard median.isFinite, median > 0, sigma.isFinite, sigma > 0 else {
                throw DistributionError("lognormal(median: \(median), sigma: \(sigma)) needs median > 0 and sigma > 0")
            }
        case .poisson(let mean):
            guard mean > 0, mean <= Self.maximumPoissonMean else {
                throw DistributionError("poisson(\(mean)) needs a mean in (0, 1e9]")
            }
        case .empirical:
            break
        }
        self.family = family
        if case .poisson(let mean) = family {
            poissonTable = PoissonTable(mean: mean)
        } else {
            poissonTable = nil
        }
    }

    /// Continuous uniform on [lower, upper] (`uniform(A, B)` on a decimal or float column).
    public static func uniform(_ lower: Double, _ upper: Double) throws(DistributionError) -> NumericDistribution {
        try NumericDistribution(.uniform(lower: lower, upper: upper))
    }

    /// Uniform on the integers lower…upper (`uniform(A, B)` on an int column, `rows per`).
    public static func uniformInteger(_ lower: Int, _ upper: Int) throws(DistributionError) -> NumericDistribution {
        try NumericDistribution(.uniformInteger(lower: lower, upper: upper))
    }

    /// `normal(mean: M, sd: S)`.
    public static func normal(mean: Double, standardDeviation: Double) throws(DistributionError)
        -> NumericDistribution
    {
        try NumericDistribution(.normal(mean: mean, standardDeviation: standardDeviation))
    }

    /// `lognormal(median: M, sigma: S)`: the logarithm is normal with mean log M and sd S.
    public static func lognormal(median: Double, sigma: Double) throws(DistributionError) -> NumericDistribution {
        try NumericDistribution(.lognormal(median: median, sigma: sigma))
    }

    /// `poisson(L)`. The cumulative table is built here, once: under 3 ms even at the largest mean.
    /// - Complexity: O(√λ) time; memory for every value up to λ ≈ 12,000, for 8,192 checkpoints
    ///   beyond.
    public static func poisson(mean: Double) throws(DistributionError) -> NumericDistribution {
        try NumericDistribution(.poisson(mean: mean))
    }

    /// Whether every value is an integer; allowed sets are then read over the integers
    /// (`x > 3` means `x >= 4`).
    public var isIntegerValued: Bool {
        switch family {
        case .uniformInteger, .poisson: true
        case .uniform, .normal, .lognormal, .empirical: false
        }
    }

    // MARK: - Distribution functions

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        switch family {
        case .uniform(let lower, let upper):
            return min(max((x - lower) / (upper - lower), 0), 1)
        case .uniformInteger(let lower, let upper):
            let k = min(max(x.rounded(.down), Double(lower) - 1), Double(upper))
            return (k - Double(lower) + 1) / (Double(upper) - Double(lower) + 1)
        case .normal(let mean, let standardDeviation):
            return StandardNormal.cdf((x - mean) / standardDeviation)
        case .lognormal(let median, let sigma):
            return x > 0 ? StandardNormal.cdf(log(x / median) / sigma) : 0
        case .empirical(let quantiles):
            return quantiles.cdf(x)
        case .poisson:
            // Outside the table only masses below 1e-300 are missed.
            guard let table = poissonTable, x >= Double(table.start) else { return 0 }
            let k = x.rounded(.down)
            guard k < Double(table.end) else { return 1 }
            return min(table.massBelow(Int(k) + 1), 1)
        }
    }

    /// The smallest x with P(X ≤ x) ≥ p, for p in [0, 1].
    public func quantile(_ p: Double) -> Double {
        switch family {
        case .uniform(let lower, let upper):
            return min(max(lower + p * (upper - lower), lower), upper)
        case .uniformInteger(let lower, let upper):
            let count = Double(upper) - Double(lower) + 1
            return min(max(Double(lower) + (p * count).rounded(.up) - 1, Double(lower)), Double(upper))
        case .normal(let mean, let standardDeviation):
            return mean + standardDeviation * StandardNormal.quantile(p)
        case .lognormal(let median, let sigma):
            return median * exp(sigma * StandardNormal.quantile(p))
        case .empirical(let quantiles):
            return quantiles.quantile(p)
        case .poisson:
            if p >= 1 { return .infinity }
            return quantile(max(p, 0), within: .all) ?? 0
        }
    }

    /// A draw from the whole distribution.
    public func sample(_ random: inout RowRandom) -> Double {
        quantile(random.nextOpenUnit())
    }
}

/// Why a distribution's parameters are unusable.
public struct DistributionError: Error, Sendable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
