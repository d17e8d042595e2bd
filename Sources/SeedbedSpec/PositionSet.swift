/// A set of positions 0…n in a text of n scalars, as the matcher moves them through a pattern.
///
/// Generic rather than an existential, so the one-word case for short texts (almost every
/// value a rule looks at) is specialised into plain bit operations.
protocol PositionSet: Equatable {
    /// The positions p < length for which `member(p)` holds.
    init(length: Int, where member: (Int) -> Bool)
    /// Only `position` (nothing for nil), in a text of `length` scalars.
    init(length: Int, only position: Int?)
    /// The empty set for the same text.
    func emptied() -> Self
    var isEmpty: Bool { get }
    func contains(_ position: Int) -> Bool
    /// { p + 1 : p in self and in `mask` }: one scalar matched by a class.
    func advanced(through mask: Self) -> Self
    mutating func formUnion(_ other: Self)
    func subtracting(_ other: Self) -> Self
    mutating func insert(_ position: Int)
}

/// Texts under 64 scalars: one bit per position in one word.
struct NarrowPositions: PositionSet {
    private var bits: UInt64

    private init(bits: UInt64) {
        self.bits = bits
    }

    init(length: Int, where member: (Int) -> Bool) {
        bits = 0
        for position in 0..<length where member(position) { bits |= 1 << UInt64(position) }
    }

    init(length: Int, only position: Int?) {
        bits = position.map { 1 << UInt64($0) } ?? 0
    }

    mutating func insert(_ position: Int) { bits |= 1 << UInt64(position) }

    func emptied() -> NarrowPositions { NarrowPositions(bits: 0) }

    var isEmpty: Bool { bits == 0 }

    func contains(_ position: Int) -> Bool { bits & (1 << UInt64(position)) != 0 }

    func advanced(through mask: NarrowPositions) -> NarrowPositions { NarrowPositions(bits: (bits & mask.bits) << 1) }

    mutating func formUnion(_ other: NarrowPositions) { bits |= other.bits }

    func subtracting(_ other: NarrowPositions) -> NarrowPositions { NarrowPositions(bits: bits & ~other.bits) }
}

/// Longer texts: one bit per position over as many words as needed.
struct WidePositions: PositionSet {
    private var words: [UInt64]

    private init(words: [UInt64]) {
        self.words = words
    }

    init(length: Int, where member: (Int) -> Bool) {
        words = [UInt64](repeating: 0, count: length / 64 + 1)
        for position in 0..<length where member(position) { words[position / 64] |= 1 << UInt64(position % 64) }
    }

    init(length: Int, only position: Int?) {
        words = [UInt64](repeating: 0, count: length / 64 + 1)
        if let position { words[position / 64] = 1 << UInt64(position % 64) }
    }

    mutating func insert(_ position: Int) { words[position / 64] |= 1 << UInt64(position % 64) }

    func emptied() -> WidePositions {
        WidePositions(words: [UInt64](repeating: 0, count: words.count))
    }

    var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    func contains(_ position: Int) -> Bool {
        words[position / 64] & (1 << UInt64(position % 64)) != 0
    }

    func advanced(through mask: WidePositions) -> WidePositions {
        var result = words
        var carry: UInt64 = 0
        for index in result.indices {
            let word = words[index] & mask.words[index]
            result[index] = (word << 1) | carry
            carry = word >> 63
        }
        // Positions stop at n, which is below 64 × words.count, so nothing is carried out.
        return WidePositions(words: result)
    }

    mutating func formUnion(_ other: WidePositions) {
        for index in words.indices { words[index] |= other.words[index] }
    }

    func subtracting(_ other: WidePositions) -> WidePositions {
        WidePositions(words: zip(words, other.words).map { $0 & ~$1 })
    }
}
