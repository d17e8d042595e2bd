/// `--shard i/n`: the i-th of n contiguous slices of every table's rows (1-based in the
/// command line). The slices are disjoint and together make the whole, because every value
/// depends only on its row index.
public struct Shard: Sendable, Equatable, CustomStringConvertible {
    public var index: Int
    public var count: Int

    public static let whole = Shard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `i/n` with 1 ≤ i ≤ n.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(i) else {
            return nil
        }
        self.init(index: i, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    /// This shard's slice of `0..<rows`.
    public func range(of rows: Int) -> Range<Int> {
        let start = rows * (index - 1) / count
        let end = rows * index / count
        return start..<end
    }
}
