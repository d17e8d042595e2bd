import Foundation

/// Reference statistics for generated columns, where values repeat: decimals on a grid, integer
/// counts and dates tie often, so ranks are averaged and CDFs are taken on the grid.
extension Statistics {
    /// Spearman's rank correlation with ties: the Pearson correlation of average ranks.
    static func spearmanWithTies(_ x: [Double], _ y: [Double]) -> Double {
        pearson(averageRanks(x), averageRanks(y))
    }

    /// 1-based ranks; tied values all get the mean of the ranks they span.
    static func averageRanks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end hold ranks start + 1 … end.
            let average = Double(start + 1 + end) / 2
            for position in start..<end { ranks[order[position]] = average }
            start = end
        }
        return ranks
    }

    /// The KS statistic of values on a grid of step `step` (a decimal column, or 1 for integers
    /// and dates) against the continuous `cdf` rounded to that grid: a grid point g stands for
    /// the values in [g − step/2, g + step/2), so P(X ≤ g) = F(g + step/2) and
    /// P(X < g) = F(g − step/2).
    static func gridKolmogorovSmirnov(_ samples: [Double], step: Double, cdf: @escaping (Double) -> Double) -> Double {
        kolmogorovSmirnov(samples, cdf: { cdf($0 + step / 2) }, cdfBelow: { cdf($0 - step / 2) })
    }

    /// The KS statistic of integer samples against a pmf given on a finite support (mass
    /// outside it counts as beyond the largest value).
    static func discreteKolmogorovSmirnov(_ samples: [Double], pmf: [Int: Double]) -> Double {
        let support = pmf.keys.sorted()
        var cumulative: [Int: Double] = [:]
        var sum = 0.0
        for k in support {
            sum += pmf[k] ?? 0
            cumulative[k] = sum
        }
        func cdf(_ x: Double) -> Double {
            let k = Int(x.rounded(.down))
            guard let last = support.last(where: { $0 <= k }) else { return 0 }
            return cumulative[last] ?? 0
        }
        return kolmogorovSmirnov(samples, cdf: cdf, cdfBelow: { cdf($0 - 1) })
    }

    /// Each value's share of `values`.
    static func shares<T: Hashable>(_ values: [T]) -> [T: Double] {
        var counts: [T: Int] = [:]
        for value in values { counts[value, default: 0] += 1 }
        return counts.mapValues { Double($0) / Double(values.count) }
    }

    /// A lognormal CDF from its median and sigma.
    static func lognormalCDF(median: Double, sigma: Double) -> (Double) -> Double {
        { x in x <= 0 ? 0 : normalCDF((log(x) - log(median)) / sigma) }
    }

    /// A continuous uniform CDF on [a, b].
    static func uniformCDF(_ a: Double, _ b: Double) -> (Double) -> Double {
        { x in min(max((x - a) / (b - a), 0), 1) }
    }

    /// `cdf` restricted to [low, high]: (F(x) − F(low)) / (F(high) − F(low)) inside.
    static func truncated(_ cdf: @escaping (Double) -> Double, _ low: Double, _ high: Double) -> (Double) -> Double {
        let base = cdf(low)
        let mass = cdf(high) - base
        return { x in min(max((cdf(min(max(x, low), high)) - base) / mass, 0), 1) }
    }
}
