/// A keyed bijection of `0..<count` onto itself, computed per index in O(1) memory.
///
/// Unique keys, unique values drawn from a range, and the rows chosen for a scenario all
/// need "a random order of the rows" without storing one: a balanced Feistel network over
/// the next power of two, with cycle walking to stay inside `0..<count`, gives exactly that,
/// and each shard can compute its own part.
public struct IndexPermutation: Sendable {
    public let count: UInt64
    private let key: UInt64
    private let halfBits: UInt64
    private let halfMask: UInt64

    public init(count: UInt64, key: UInt64) {
        precondition(count > 0, "a permutation needs at least one element")
        self.count = count
        self.key = key
        var bits: UInt64 = 2
        while bits < 64, (UInt64(1) << bits) < count { bits += 2 }
        self.halfBits = bits / 2
        self.halfMask = (UInt64(1) << (bits / 2)) &- 1
    }

    /// The image of `index` (< `count`).
    public func callAsFunction(_ index: UInt64) -> UInt64 {
        var value = index
        // Cycle walking: the Feistel domain is at most 4× larger, so few steps are expected.
        repeat { value = encrypt(value) } while value >= count
        return value
    }

    func encrypt(_ value: UInt64) -> UInt64 {
        var left = value >> halfBits
        var right = value & halfMask
        for round in 0..<4 as Range<UInt64> {
            let f = StreamKey.mix(right ^ key ^ (round &* 0x9E37_79B9_7F4A_7C15)) & halfMask
            (left, right) = (right, left ^ f)
        }
        return (left << halfBits) | right
    }
}
