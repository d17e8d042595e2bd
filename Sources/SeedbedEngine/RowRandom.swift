/// Counter-based randomness: every value Seedbed makes is a pure function of
/// (seed, table, column, row), never of a shared stream.
///
/// That is what makes generation deterministic on any machine, shardable (`--shard i/n`
/// computes its rows without the others), and stable when a column is added (each column
/// has its own key, derived from its name, not its position).
public struct RowRandom: Sendable {
    private let key: UInt64
    private var counter: UInt64

    /// The random source of one row of one column.
    /// - Parameters:
    ///   - key: the column's stream key (`StreamKey.column`).
    ///   - row: the row's index in its table.
    public init(key: UInt64, row: UInt64) {
        self.init(mixedKey: StreamKey.mix(key ^ StreamKey.mix(row &+ 0x632B_E59B_D9B4_E019)))
    }

    init(mixedKey: UInt64) {
        self.key = mixedKey
        self.counter = 0
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        counter &+= 1
        return StreamKey.mix(key &+ counter &* 0x9E37_79B9_7F4A_7C15)
    }

    /// A uniform double in [0, 1), with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1): safe to pass to inverse distribution functions.
    public mutating func nextOpenUnit() -> Double {
        (Double(next() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (`bound` > 0), without modulo bias (Lemire's method).
    public mutating func next(below bound: UInt64) -> UInt64 {
        var product = next().multipliedFullWidth(by: bound)
        if product.low < bound {
            let threshold = (0 &- bound) % bound
            while product.low < threshold { product = next().multipliedFullWidth(by: bound) }
        }
        return product.high
    }
}

/// Keys of the random streams: one per (seed, table, column, purpose).
public enum StreamKey {
    /// The key of a column's values.
    public static func column(seed: UInt64, table: String, column: String, purpose: String = "value") -> UInt64 {
        mix(seed ^ mix(hash(table) ^ mix(hash(column) ^ mix(hash(purpose)))))
    }

    /// A stable 64-bit FNV-1a hash of a name (Swift's `Hasher` is seeded per process, so it cannot be used).
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The SplitMix64 / MurmurHash3 finaliser: a bijective 64-bit mixer with full avalanche.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
