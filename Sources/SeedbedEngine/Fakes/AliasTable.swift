/// Draws an index with probability proportional to its weight in O(1), from one random word.
///
/// Vose's alias method, built with integer arithmetic only, so the table (and therefore every
/// value drawn from it) is the same on every machine. The hot loop does one multiplication, one
/// more to split off a coin, and two array reads: no search, no allocation.
struct AliasTable: Sendable {
    /// Side by side, so that a draw touches one cache line, not two.
    private struct Column: Sendable {
        /// The share (out of `total`) the column keeps for itself.
        var threshold: UInt64
        /// Where the rest of its share goes.
        var alias: Int32
    }

    private let columns: [Column]
    private let total: UInt64

    /// - Parameter weights: positive weights whose sum times their count fits in 64 bits
    ///   (`WordList` checks that before it builds a table).
    init(weights: [UInt64]) {
        precondition(!weights.isEmpty, "an alias table needs at least one weight")
        let count = UInt64(weights.count)
        let total = weights.reduce(0, +)
        // Scaled so that the average column holds exactly `total`.
        var scaled = weights.map { $0 * count }
        var thresholds = [UInt64](repeating: total, count: weights.count)
        var aliases = [Int32](repeating: 0, count: weights.count)
        for index in aliases.indices { aliases[index] = Int32(index) }
        var small: [Int] = []
        var large: [Int] = []
        for (index, weight) in scaled.enumerated() {
            if weight < total { small.append(index) } else { large.append(index) }
        }
        while let lacking = small.popLast(), let giving = large.popLast() {
            thresholds[lacking] = scaled[lacking]
            aliases[lacking] = Int32(giving)
            scaled[giving] -= total - scaled[lacking]
            if scaled[giving] < total { small.append(giving) } else { large.append(giving) }
        }
        // Whatever is left holds exactly `total`: the arithmetic is exact, nothing is rounded.
        self.columns = zip(thresholds, aliases).map { Column(threshold: $0, alias: $1) }
        self.total = total
    }

    var count: Int { columns.count }

    /// An index in `0..<count`, drawn by weight.
    func sample(_ random: inout RowRandom) -> Int {
        // The high word picks a column uniformly; the low word is still uniform and decides
        // between the column and its alias.
        let split = UInt64(columns.count).multipliedFullWidth(by: random.next())
        let index = Int(split.high)
        let coin = split.low.multipliedFullWidth(by: total).high
        let column = columns[index]
        return coin < column.threshold ? index : Int(column.alias)
    }
}
