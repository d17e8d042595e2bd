/// SplitMix64 (Steele, Lea and Flood 2014): a small generator whose whole state is its seed,
/// so every sample a metric draws is reproducible from the seed printed on the scorecard.
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic row samples.
enum Sampling {
    /// `count` distinct indices in `0..<total`, sorted, by a partial Fisher–Yates shuffle.
    static func indices(choosing count: Int, from total: Int, using generator: inout SplitMix64) -> [Int] {
        guard count < total else { return Array(0..<total) }
        var pool = Array(0..<total)
        for i in 0..<count {
            let j = Int.random(in: i..<total, using: &generator)
            pool.swapAt(i, j)
        }
        return pool[0..<count].sorted()
    }
}
