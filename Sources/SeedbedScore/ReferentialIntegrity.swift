/// SDMetrics ReferentialIntegrity: the share of child rows whose foreign key is among the
/// parent's key values. Composite keys are several columns, matched in order.
public enum ReferentialIntegrity {
    /// - Parameters:
    ///   - foreignKey: the child's key columns.
    ///   - parentKey: the parent's key columns, of the same kinds in the same order.
    ///   - ignoringNullKeys: drop child rows with a null foreign key first, as SDMetrics does
    ///     when the real foreign key has nulls (an optional relationship); otherwise a null
    ///     foreign key finds no parent.
    /// - Returns: a score in [0, 1]; `nil` when no child row is left to check.
    /// - Throws: `MetricError` when the key shapes differ.
    /// - Complexity: O((n + m) k) expected.
    public static func score(
        foreignKey: [MetricColumn], parentKey: [MetricColumn], ignoringNullKeys: Bool
    ) throws(MetricError) -> Double? {
        guard !foreignKey.isEmpty, foreignKey.count == parentKey.count else {
            throw MetricError(
                .invalidArgument,
                "a foreign key of \(foreignKey.count) columns cannot reference a key of \(parentKey.count)")
        }
        let names = foreignKey.indices.map { "key\($0 + 1)" }
        let child = try MetricTable(names: names, columns: foreignKey)
        let parent = try MetricTable(names: names, columns: parentKey)
        let codes = try RowCodes([(child, "child"), (parent, "parent")], columns: names).codes
        let parentCodes = Set(codes[1])
        let hasNull = (0..<child.rowCount).map { row in
            foreignKey.contains { column in
                switch column {
                case .numeric(let values): values[row].map(\.isNaN) ?? true
                case .categorical(let values): values[row] == nil
                }
            }
        }
        var checked = 0
        var found = 0
        for row in 0..<child.rowCount {
            if hasNull[row] {
                if !ignoringNullKeys { checked += 1 }
                continue
            }
            checked += 1
            if parentCodes.contains(codes[0][row]) { found += 1 }
        }
        return checked == 0 ? nil : Double(found) / Double(checked)
    }
}
