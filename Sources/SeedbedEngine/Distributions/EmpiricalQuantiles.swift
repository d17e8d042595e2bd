/// A distribution known by its quantiles at evenly spaced probabilities (a production profile's
/// percentiles): the quantile function is the line through them, so the CDF is piecewise linear
/// and a run of equal quantiles is an atom (a value many rows share, such as a debt of 0).
public struct EmpiricalQuantiles: Hashable, Sendable {
    /// Nondecreasing values at probabilities 0, 1/(n−1), …, 1.
    public let values: [Double]

    /// - Throws: when there are fewer than two values, or they are not finite and nondecreasing.
    public init(_ values: [Double]) throws(DistributionError) {
        guard values.count >= 2, values.allSatisfy(\.isFinite), zip(values, values.dropFirst()).allSatisfy({ $0 <= $1 })
        else {
            throw DistributionError("a profile's quantiles must be at least two finite, nondecreasing numbers")
        }
        self.values = values
    }

    private var step: Double { 1 / Double(values.count - 1) }

    /// P(X ≤ x): right-continuous, jumping over a run of equal quantiles.
    public func cdf(_ x: Double) -> Double {
        guard x >= values[0] else { return 0 }
        guard x < values[values.count - 1] else { return 1 }
        // The last knot at or below x; the segment after it rises, or x would be past it.
        let knot = lastIndex(atMost: x)
        let low = values[knot]
        let high = values[knot + 1]
        let within = high > low ? (x - low) / (high - low) : 0
        return (Double(knot) + within) * step
    }

    /// P(X < x): the CDF just below x (differs from `cdf` at an atom).
    public func cdfBelow(_ x: Double) -> Double {
        guard x > values[0] else { return 0 }
        guard x <= values[values.count - 1] else { return 1 }
        // The first knot at or above x; the segment before it rises towards it.
        let knot = firstIndex(atLeast: x)
        let low = values[knot - 1]
        let high = values[knot]
        let within = high > low ? (x - low) / (high - low) : 1
        return (Double(knot - 1) + within) * step
    }

    /// The value at probability p in [0, 1].
    public func quantile(_ p: Double) -> Double {
        let position = min(max(p, 0), 1) * Double(values.count - 1)
        let knot = min(Int(position), values.count - 2)
        let within = position - Double(knot)
        return values[knot] + (values[knot + 1] - values[knot]) * within
    }

    private func lastIndex(atMost x: Double) -> Int {
        var low = 0
        var high = values.count - 1  // values[high] > x
        while high - low > 1 {
            let middle = (low + high) / 2
            if values[middle] <= x { low = middle } else { high = middle }
        }
        return low
    }

    private func firstIndex(atLeast x: Double) -> Int {
        var low = 0  // values[low] < x
        var high = values.count - 1
        while high - low > 1 {
            let middle = (low + high) / 2
            if values[middle] >= x { high = middle } else { low = middle }
        }
        return high
    }
}
