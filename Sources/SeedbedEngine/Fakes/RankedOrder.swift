/// A bijection of `0..<count` for lists ranked by frequency: the first n indices visit the n
/// most common entries (to within one block), each block in a keyed scrambled order.
///
/// So ten unique first names are ten common ones, not ten drawn from the whole census tail,
/// and consecutive rows still do not read in rank order.
struct RankedOrder: Sendable {
    let count: UInt64
    private let blockSize: UInt64
    private let key: UInt64

    /// - Parameters:
    ///   - count: how many entries the list has.
    ///   - ranked: whether the list is ordered by frequency; an unranked list is scrambled as a
    ///     whole, since its order carries no meaning.
    init(count: Int, ranked: Bool, key: UInt64) {
        precondition(count > 0, "a ranked order needs at least one entry")
        self.count = UInt64(count)
        self.blockSize = ranked ? 64 : UInt64(count)
        self.key = key
    }

    /// The rank visited by `index` (< `count`).
    func rank(_ index: UInt64) -> Int {
        precondition(index < count, "index beyond the list's size")
        let start = index / blockSize * blockSize
        let permutation = IndexPermutation(count: min(blockSize, count - start), key: StreamKey.mix(key ^ start))
        return Int(start + permutation(index - start))
    }
}
