/// The UTF-8 bytes of a word list, end to end, so that building a value copies bytes from one
/// array instead of appending `String`s piece by piece.
struct Spellings: Sendable {
    private let bytes: [UInt8]
    /// `ends[i]` is where entry `i` stops; it starts where entry `i - 1` stopped.
    private let ends: [UInt32]

    init(_ words: [String]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(words.reduce(0) { $0 + $1.utf8.count })
        var ends: [UInt32] = []
        ends.reserveCapacity(words.count)
        for word in words {
            bytes.append(contentsOf: word.utf8)
            ends.append(UInt32(bytes.count))
        }
        self.bytes = bytes
        self.ends = ends
    }

    /// The bytes of entry `index`.
    func range(_ index: Int) -> Range<Int> {
        (index == 0 ? 0 : Int(ends[index - 1]))..<Int(ends[index])
    }

    /// How many UTF-8 bytes entry `index` has.
    func count(_ index: Int) -> Int { range(index).count }

    /// Copies entry `index`, or only its first byte (an ASCII initial), into `target` at `offset`.
    /// - Returns: the number of bytes written.
    func copy(_ index: Int, initialOnly: Bool = false, into target: UnsafeMutableBufferPointer<UInt8>, at offset: Int)
        -> Int
    {
        var source = range(index)
        if initialOnly { source = source.lowerBound..<(source.lowerBound + 1) }
        bytes.withUnsafeBufferPointer { bytes in
            _ = UnsafeMutableBufferPointer(rebasing: target[offset..<(offset + source.count)])
                .initialize(fromContentsOf: bytes[source])
        }
        return source.count
    }
}
