import Foundation

/// Laplace noise for the differentially private profile, from SplitMix64 so a given seed
/// always gives the same profile (tests, reproducible CI); without a seed it starts from the
/// system's entropy, since noise a reader can replay protects nothing.
struct NoiseSource {
    private var state: UInt64

    init(seed: UInt64?) {
        var system = SystemRandomNumberGenerator()
        state = seed ?? system.next()
    }

    private mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform on the open interval (0, 1).
    private mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) / 9_007_199_254_740_992
    }

    /// A draw from Laplace(0, scale): density exp(-|x|/scale) / (2 scale).
    mutating func laplace(scale: Double) -> Double {
        let u = uniform() - 0.5
        let magnitude = -scale * log(1 - 2 * abs(u))
        return u < 0 ? -magnitude : magnitude
    }
}
