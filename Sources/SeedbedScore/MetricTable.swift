/// Named columns of equal length: one table, real or synthetic, as the metrics read it.
public struct MetricTable: Sendable, Hashable {
    public private(set) var names: [String]
    public private(set) var columns: [MetricColumn]
    public let rowCount: Int

    /// - Throws: `MetricError` when two columns share a name or differ in length.
    public init(names: [String], columns: [MetricColumn]) throws(MetricError) {
        guard names.count == columns.count else {
            throw MetricError(.invalidArgument, "\(names.count) column names for \(columns.count) columns")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name).inserted {
            throw MetricError(.duplicateColumn, "column '\(name)' appears twice")
        }
        let rowCount = columns.first?.count ?? 0
        for (name, column) in zip(names, columns) where column.count != rowCount {
            throw MetricError(
                .unequalColumnLengths,
                "column '\(name)' has \(column.count) rows, but '\(names[0])' has \(rowCount)")
        }
        self.names = names
        self.columns = columns
        self.rowCount = rowCount
    }

    /// - Throws: `MetricError` when two columns share a name or differ in length.
    public init(_ columns: KeyValuePairs<String, MetricColumn>) throws(MetricError) {
        try self.init(names: columns.map(\.key), columns: columns.map(\.value))
    }

    /// The column called `name`, if there is one.
    public subscript(name: String) -> MetricColumn? {
        names.firstIndex(of: name).map { columns[$0] }
    }

    /// The column called `name`.
    /// - Throws: `MetricError.missingColumn`, naming the table by `role` ("real", "synthetic").
    func column(_ name: String, role: String) throws(MetricError) -> MetricColumn {
        guard let column = self[name] else { throw .missingColumn(name, in: role) }
        return column
    }

    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> MetricTable {
        // Every column is cut the same way, so names stay unique and lengths stay equal.
        var copy = self
        copy.columns = columns.map { $0.rows(indices) }
        return MetricTable(unchecked: copy, rowCount: indices.count)
    }

    /// Only the named columns, in the order given.
    /// - Throws: `MetricError.missingColumn` for a name the table lacks.
    public func selecting(_ names: [String], role: String = "real") throws(MetricError) -> MetricTable {
        var columns: [MetricColumn] = []
        for name in names { columns.append(try column(name, role: role)) }
        return try MetricTable(names: names, columns: columns)
    }

    /// Splits the rows at random into a training part and a holdout part, for the
    /// membership-inference attack and DCROverfittingProtection.
    ///
    /// The split is a pure function of `seed`, so a scorecard can be reproduced.
    /// - Parameter holdoutFraction: the share of rows held out, in (0, 1).
    /// - Returns: the training rows and the holdout rows, each in their original order.
    public func split(holdoutFraction: Double, seed: UInt64) -> (training: MetricTable, holdout: MetricTable) {
        let holdoutCount = Swift.min(rowCount, Swift.max(0, Int((Double(rowCount) * holdoutFraction).rounded())))
        var generator = SplitMix64(seed: seed)
        let holdout = Sampling.indices(choosing: holdoutCount, from: rowCount, using: &generator)
        var isHoldout = [Bool](repeating: false, count: rowCount)
        for index in holdout { isHoldout[index] = true }
        let training = (0..<rowCount).filter { !isHoldout[$0] }
        return (rows(training), rows(holdout))
    }

    private init(unchecked table: MetricTable, rowCount: Int) {
        self.names = table.names
        self.columns = table.columns
        self.rowCount = rowCount
    }
}
