import Foundation
import SeedbedEngine

/// Reference statistics for the distribution and copula tests, written independently of the
/// code under test (textbook formulas on `erfc` and `lgamma`).
enum Statistics {
    /// The Kolmogorov–Smirnov statistic sup |Fₙ − F| of `samples` against `cdf`.
    ///
    /// For discrete data pass `cdfBelow` (P(X < x)); the supremum is then taken on both sides of
    /// every jump, which is where it is attained.
    static func kolmogorovSmirnov(
        _ samples: [Double], cdf: (Double) -> Double, cdfBelow: ((Double) -> Double)? = nil
    ) -> Double {
        let sorted = samples.sorted()
        let n = Double(sorted.count)
        var worst = 0.0
        var index = 0
        while index < sorted.count {
            let value = sorted[index]
            var next = index
            while next < sorted.count, sorted[next] == value { next += 1 }
            let before = Double(index) / n
            let after = Double(next) / n
            let below = cdfBelow.map { $0(value) } ?? cdf(value)
            worst = max(worst, abs(after - cdf(value)), abs(before - below))
            index = next
        }
        return worst
    }

    /// Spearman's rank correlation (no ties expected: continuous data).
    static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        pearson(ranks(x), ranks(y))
    }

    static func ranks(_ values: [Double]) -> [Double] {
        var ranks = [Double](repeating: 0, count: values.count)
        for (rank, index) in values.indices.sorted(by: { values[$0] < values[$1] }).enumerated() {
            ranks[index] = Double(rank)
        }
        return ranks
    }

    static func pearson(_ x: [Double], _ y: [Double]) -> Double {
        let n = Double(x.count)
        let meanX = x.reduce(0, +) / n
        let meanY = y.reduce(0, +) / n
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(x, y) {
            sxy += (a - meanX) * (b - meanY)
            sxx += (a - meanX) * (a - meanX)
            syy += (b - meanY) * (b - meanY)
        }
        return sxy / (sxx * syy).squareRoot()
    }

    // MARK: - Reference distributions

    static func normalCDF(_ z: Double) -> Double { 0.5 * erfc(-z / 2.0.squareRoot()) }

    static func normalSurvival(_ z: Double) -> Double { 0.5 * erfc(z / 2.0.squareRoot()) }

    /// P(a < Z ≤ b) from the side where it is accurate.
    static func normalMass(_ a: Double, _ b: Double) -> Double {
        a >= 0 ? normalSurvival(a) - normalSurvival(b) : normalCDF(b) - normalCDF(a)
    }

    static func poissonPMF(_ k: Int, _ lambda: Double) -> Double {
        exp(poissonLogPMF(k, lambda))
    }

    static func poissonLogPMF(_ k: Int, _ lambda: Double) -> Double {
        k < 0 ? -.infinity : Double(k) * log(lambda) - lambda - lgamma(Double(k) + 1)
    }

    /// The CDF of a continuous distribution restricted to `allowed`, from its interval masses.
    static func conditionalCDF(
        _ allowed: IntervalSet, mass: @escaping (Double, Double) -> Double
    ) -> (Double) -> Double {
        let total = allowed.reduce(0.0) { $0 + mass($1.lower, $1.upper) }
        return { x in
            allowed.reduce(0.0) { sum, interval in
                x <= interval.lower ? sum : sum + mass(interval.lower, min(x, interval.upper))
            } / total
        }
    }

    /// The CDF of an integer distribution given by its pmf, by binary search.
    static func discreteCDF(_ pmf: [Int: Double]) -> (Double) -> Double {
        let values = pmf.keys.sorted()
        var sums: [Double] = []
        var sum = 0.0
        for value in values {
            sum += pmf[value] ?? 0
            sums.append(sum)
        }
        return { x in
            // The number of values ≤ x.
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if Double(values[middle]) <= x { low = middle + 1 } else { high = middle }
            }
            return low == 0 ? 0 : sums[low - 1]
        }
    }

    /// The pmf of an integer distribution restricted to `allowed`, over `support`, from its log
    /// pmf (normalised by the largest term, so tails far beyond underflow still work).
    static func conditionalPMF(
        _ allowed: IntervalSet, support: ClosedRange<Int>, logPMF: (Int) -> Double
    ) -> [Int: Double] {
        var logs: [Int: Double] = [:]
        for k in support where allowed.contains(Double(k)) { logs[k] = logPMF(k) }
        let largest = logs.values.max() ?? 0
        let masses = logs.mapValues { exp($0 - largest) }
        let total = masses.values.reduce(0, +)
        return masses.mapValues { $0 / total }
    }
}
