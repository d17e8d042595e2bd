/// An edge of a profile's dependence tree between two columns of a table: the joint counts of
/// their bins, with the rare cells the profile suppressed.
public struct ProfileEdge: Sendable {
    public var first: Int
    public var second: Int
    /// `counts[i][j]`: rows with `first` in bin i and `second` in bin j; 0 where suppressed.
    public var counts: [[Double]]
    /// Rows of the suppressed cells, each of which held fewer than `cellLimit` + 1 rows.
    public var suppressed: Double
    public var cellLimit: Double

    public init(first: Int, second: Int, counts: [[Double]], suppressed: Double, cellLimit: Double) {
        self.first = first
        self.second = second
        self.counts = counts
        self.suppressed = suppressed
        self.cellLimit = cellLimit
    }

    /// The counts with the suppressed rows given back to the empty cells, so each column's share
    /// of every bin stays what its marginal says.
    ///
    /// Suppression alone would take the rare combinations' rows from every conditional row and so
    /// blur the child's marginal (a rare clinic never drawn). The suppressed rows are put back by
    /// iterative proportional fitting of the empty cells only: seeded as if the columns were
    /// independent (each at most `cellLimit`), scaled until each row and column holds what its
    /// marginal lacks, then to the suppressed total. Cells with rows keep their counts.
    /// - Parameters:
    ///   - rowMass, columnMass: each bin's probability under the columns' marginals (null last).
    static func filled(
        _ counts: [[Double]], rowMass: [Double], columnMass: [Double], suppressed: Double, cellLimit: Double
    )
        -> [[Double]]
    {
        guard suppressed > 0, counts.count == rowMass.count, let width = counts.first?.count, width == columnMass.count
        else { return counts }
        let kept = counts.reduce(0) { $0 + $1.reduce(0, +) }
        let total = kept + suppressed
        let rowLack = counts.indices.map { max(rowMass[$0] * total - counts[$0].reduce(0, +), 0) }
        let columnLack = (0..<width).map { j in max(columnMass[j] * total - counts.reduce(0) { $0 + $1[j] }, 0) }
        var free = counts.indices.map { i in
            (0..<width).map { j in counts[i][j] > 0 ? 0 : min(rowMass[i] * columnMass[j] * total, cellLimit) }
        }
        for _ in 0..<10 {
            for i in free.indices {
                let sum = free[i].reduce(0, +)
                guard sum > 0 else { continue }
                let scale = rowLack[i] / sum
                for j in 0..<width { free[i][j] = min(free[i][j] * scale, cellLimit) }
            }
            for j in 0..<width {
                let sum = free.reduce(0) { $0 + $1[j] }
                guard sum > 0 else { continue }
                let scale = columnLack[j] / sum
                for i in free.indices { free[i][j] = min(free[i][j] * scale, cellLimit) }
            }
        }
        let sum = free.reduce(0) { $0 + $1.reduce(0, +) }
        let scale = sum > 0 ? min(suppressed / sum, 1) : 0
        return counts.indices.map { i in (0..<width).map { j in counts[i][j] + free[i][j] * scale } }
    }
}
