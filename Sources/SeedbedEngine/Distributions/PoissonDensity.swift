import Foundation

/// The Poisson probability mass function in log space, by Loader's saddle-point form
/// ("Fast and accurate computation of binomial probabilities", 2000).
///
/// The textbook `k log λ − λ − log k!` subtracts numbers of size λ log λ, losing about
/// log₁₀(λ) digits; Loader's `−stirlerr(k) − bd0(k, λ)` keeps full relative precision for
/// every k and λ, which the tables and the tail walks of `PoissonTable` rely on.
enum PoissonDensity {
    /// log P(X = k) for X ~ Poisson(λ), k ≥ 0.
    static func logPMF(_ k: Int, mean lambda: Double) -> Double {
        guard k > 0 else { return k == 0 ? -lambda : -.infinity }
        let x = Double(k)
        return -stirlingError(k) - deviance(x, lambda) - 0.5 * log(2 * Double.pi * x)
    }

    /// log(n!) − [(n + ½) log n − n + ½ log 2π]: the error of Stirling's formula.
    static func stirlingError(_ n: Int) -> Double {
        if n < smallStirlingErrors.count { return smallStirlingErrors[n] }
        // The asymptotic series; with these terms the truncation error is below 1e-16 for n ≥ 16.
        let x = Double(n)
        let xx = x * x
        let s0 = 1.0 / 12
        let s1 = 1.0 / 360
        let s2 = 1.0 / 1260
        let s3 = 1.0 / 1680
        let s4 = 1.0 / 1188
        if n > 500 { return (s0 - s1 / xx) / x }
        if n > 80 { return (s0 - (s1 - s2 / xx) / xx) / x }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x }
        return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x
    }

    /// For n < 16, from the exact factorials (n! < 2⁵³ up to 18!): the result's absolute error is
    /// a few ulps of log n!, which is all that matters once it is subtracted in `logPMF`.
    static let smallStirlingErrors: [Double] = (0..<16).map { n in
        guard n > 0 else { return 0 }
        var factorial = 1.0
        for i in 1...n { factorial *= Double(i) }
        let x = Double(n)
        return log(factorial) - (x + 0.5) * log(x) + x - logSquareRootOfTwoPi
    }

    private static let logSquareRootOfTwoPi = 0.918_938_533_204_672_741_78

    /// x log(x / m) + m − x, the deviance term, computed without cancellation when x ≈ m.
    static func deviance(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            // The series 2x Σ v^(2j+1) / (2j + 1) with v = (x − m) / (x + m).
            var v = (x - m) / (x + m)
            var sum = (x - m) * v
            var term = 2 * x * v
            v *= v
            for j in 1..<1000 {
                term *= v
                let next = sum + term / Double(2 * j + 1)
                if next == sum { return next }
                sum = next
            }
            return sum
        }
        return x * log(x / m) + m - x
    }
}
