/// SDMetrics KeyUniqueness: 1 minus the share of synthetic rows whose key repeats an earlier
/// row's or is null on every key column. Composite keys are several columns.
public enum KeyUniqueness {
    /// - Parameter keys: the key's columns, of equal length.
    /// - Returns: a score in [0, 1]; `nil` when there are no rows.
    /// - Throws: `MetricError` when no column is given or the lengths differ.
    /// - Complexity: O(n k) expected for k key columns.
    public static func score(keys: [MetricColumn]) throws(MetricError) -> Double? {
        guard !keys.isEmpty else { throw MetricError(.invalidArgument, "a key needs at least one column") }
        if keys.count == 1, case .numeric(let values) = keys[0] { return score(numbers: values) }
        let names = keys.indices.map { "key\($0 + 1)" }
        let table = try MetricTable(names: names, columns: keys)
        guard table.rowCount > 0 else { return nil }
        let codes = try RowCodes([(table, "synthetic")], columns: names).codes[0]
        var allNull = [Bool](repeating: true, count: table.rowCount)
        for column in keys {
            switch column {
            case .numeric(let values):
                for (row, value) in values.enumerated() where value.map({ !$0.isNaN }) ?? false { allNull[row] = false }
            case .categorical(let values):
                for (row, value) in values.enumerated() where value != nil { allNull[row] = false }
            }
        }
        var seen = Set<Int32>()
        var bad = 0
        for row in codes.indices where !seen.insert(codes[row]).inserted || allNull[row] {
            bad += 1
        }
        return 1 - Double(bad) / Double(table.rowCount)
    }

    /// A single numeric key, the usual case, without hashing: every null and every repeat of
    /// a value is a bad row, so the bad rows are the rows less the distinct values.
    static func score(numbers values: [Double?]) -> Double? {
        guard !values.isEmpty else { return nil }
        var present: [Double] = []
        present.reserveCapacity(values.count)
        for case let value? in values where !value.isNaN { present.append(value) }
        RadixSort.sort(&present)
        var distinct = 0
        for index in present.indices where index == 0 || present[index] != present[index - 1] { distinct += 1 }
        return 1 - Double(values.count - distinct) / Double(values.count)
    }
}
