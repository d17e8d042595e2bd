import Foundation

/// The cumulative probabilities of one Poisson distribution, computed once per column, so that
/// each draw from it (truncated to any integers or not) is an exact inverse-CDF lookup.
///
/// The table covers every k whose probability is at least e⁻⁶⁹⁰ (≈ 1e-300): below `start` and
/// from `end` on lie only far tails, which `PoissonTable+Conditional` sums on demand. For small
/// and moderate means it stores every k; for large means (more than `maximumCheckpoints` values)
/// it stores every `stride`-th k as a checkpoint and walks the pmf recurrence from the nearest
/// one, so a draw costs O(stride) = O(√λ / 100) steps and never approximates the distribution
/// by a normal one.
///
/// Lower and upper cumulative sums are both kept: a mass in the lower tail is a difference of
/// `below` values and one in the upper tail a difference of `from` values, so neither loses its
/// relative precision to a `1 − F` cancellation.
final class PoissonTable: Sendable {
    let mean: Double
    /// ⌊λ⌋, where the pmf peaks; masses below it come from `below`, above it from `from`.
    let mode: Int
    let start: Int
    let stride: Int
    /// The first k past the table: `start + stride × (checkpoints − 1)`.
    let end: Int
    /// P(X = start + j·stride) for each checkpoint j, including the one at `end`.
    let pmf: [Double]
    /// P(start ≤ X < start + j·stride).
    let below: [Double]
    /// P(start + j·stride ≤ X < end).
    let from: [Double]

    static let maximumCheckpoints = 8192
    /// log of the smallest probability the table holds.
    static let logFloor = -690.0

    /// - Precondition: 0 < mean ≤ `NumericDistribution.maximumPoissonMean`.
    init(mean: Double) {
        self.mean = mean
        let mode = Int(mean.rounded(.down))
        self.mode = mode
        func logPMF(_ k: Int) -> Double { PoissonDensity.logPMF(k, mean: mean) }

        // The pmf rises up to the mode and falls after it, so each edge is a binary search.
        var low = 0
        var high = mode
        while low < high {
            let middle = (low + high) / 2
            if logPMF(middle) >= Self.logFloor { high = middle } else { low = middle + 1 }
        }
        let start = low
        var reach = 1
        while logPMF(mode + reach) >= Self.logFloor { reach *= 2 }
        low = mode + reach / 2
        high = mode + reach
        while low < high {
            let middle = (low + high) / 2
            if logPMF(middle) >= Self.logFloor { low = middle + 1 } else { high = middle }
        }
        let count = low - start
        let stride = max(1, (count + Self.maximumCheckpoints - 1) / Self.maximumCheckpoints)
        let blocks = (count + stride - 1) / stride
        self.start = start
        self.stride = stride
        self.end = start + blocks * stride

        var pmf = [Double](repeating: 0, count: blocks + 1)
        var blockMass = [Double](repeating: 0, count: blocks)
        for block in 0..<blocks {
            let first = start + block * stride
            // Each checkpoint from the exact density, so the recurrence never runs longer than a block.
            var p = exp(logPMF(first))
            pmf[block] = p
            var sum = 0.0
            for k in first..<(first + stride) {
                sum += p
                p *= mean / Double(k + 1)
            }
            blockMass[block] = sum
        }
        pmf[blocks] = exp(logPMF(end))
        self.pmf = pmf
        self.below = Self.compensatedPrefixSums(blockMass)
        self.from = Self.compensatedPrefixSums(blockMass.reversed()).reversed()
    }

    /// 0, x₀, x₀ + x₁, …: Neumaier's compensated sums, so that a million terms lose no digits.
    private static func compensatedPrefixSums(_ terms: [Double]) -> [Double] {
        var sums = [Double](repeating: 0, count: terms.count + 1)
        var sum = 0.0
        var compensation = 0.0
        for (index, term) in terms.enumerated() {
            let next = sum + term
            compensation += abs(sum) >= abs(term) ? (sum - next) + term : (term - next) + sum
            sum = next
            sums[index + 1] = sum + compensation
        }
        return sums
    }

    // MARK: - Cumulative masses inside the table

    /// P(start ≤ X < k), for start ≤ k ≤ end.
    /// - Complexity: O(stride).
    func massBelow(_ k: Int) -> Double {
        let block = (k - start) / stride
        var x = start + block * stride
        var sum = below[block]
        var p = pmf[block]
        while x < k {
            sum += p
            p *= mean / Double(x + 1)
            x += 1
        }
        return sum
    }

    /// P(k ≤ X < end), for start ≤ k ≤ end.
    /// - Complexity: O(stride).
    func massFrom(_ k: Int) -> Double {
        let block = (k - start + stride - 1) / stride
        var x = start + block * stride
        var sum = from[block]
        var p = pmf[block]
        while x > k {
            p *= Double(x) / mean  // P(X = x − 1) from P(X = x)
            x -= 1
            sum += p
        }
        return sum
    }

    /// The smallest k in `lower...upper` with P(start ≤ X ≤ k) ≥ target.
    /// - Complexity: O(log(table size) + stride).
    func lowerInverse(_ target: Double, _ lower: Int, _ upper: Int) -> Int {
        // The last checkpoint whose mass below stays under the target; the answer is in its block.
        var low = 0
        var high = below.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if below[middle] < target { low = middle } else { high = middle - 1 }
        }
        var x = start + low * stride
        var sum = below[low]
        var p = pmf[low]
        while x < upper, sum + p < target {
            sum += p
            p *= mean / Double(x + 1)
            x += 1
        }
        return min(max(x, lower), upper)
    }

    /// The smallest k in `lower...upper` with P(k < X < end) ≤ target.
    /// - Complexity: O(log(table size) + stride).
    func upperInverse(_ target: Double, _ lower: Int, _ upper: Int) -> Int {
        // The first checkpoint whose mass from it is within the target; walk down from it.
        var low = 0
        var high = from.count - 1
        while low < high {
            let middle = (low + high) / 2
            if from[middle] <= target { high = middle } else { low = middle + 1 }
        }
        var x = start + low * stride  // invariant: P(x ≤ X < end) = sum ≤ target
        var sum = from[low]
        var p = pmf[low]
        while x > lower + 1 {
            let previous = p * Double(x) / mean
            guard sum + previous <= target else { break }
            sum += previous
            p = previous
            x -= 1
        }
        return min(max(x - 1, lower), upper)
    }
}
