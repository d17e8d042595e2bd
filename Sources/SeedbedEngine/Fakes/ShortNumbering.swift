/// A bijection from indices onto the positive integers that hands out short numbers first:
/// indices 0..<9 get the one-digit numbers, the next 90 the two-digit ones, and so on, each
/// length in a keyed scrambled order.
///
/// Appended to a name ("mary.jones482"), it makes an email or username unique without any set
/// of the values already made, while staying as short as the row count allows.
struct ShortNumbering: Sendable {
    /// `permutations[d - 1]` orders the 9·10^(d-1) numbers with d digits.
    private let permutations: [IndexPermutation]

    /// How many indices have a number: every number below 10^19 is used once.
    static let capacity: UInt64 = 9_999_999_999_999_999_999

    init(key: UInt64) {
        var permutations: [IndexPermutation] = []
        var first: UInt64 = 1
        for digits in 1...19 as ClosedRange<UInt64> {
            permutations.append(IndexPermutation(count: 9 * first, key: StreamKey.mix(key ^ digits)))
            if digits < 19 { first *= 10 }
        }
        self.permutations = permutations
    }

    /// The number of `index` (< `capacity`): distinct indices get distinct numbers.
    func number(_ index: UInt64) -> UInt64 {
        precondition(index < Self.capacity, "ShortNumbering has numbers for indices below 10^19 - 1")
        var first: UInt64 = 1
        var offset = index
        for permutation in permutations {
            if offset < permutation.count { return first + permutation(offset) }
            offset -= permutation.count
            first &*= 10
        }
        preconditionFailure("unreachable: the blocks add up to `capacity`")
    }
}
