/// The exact-match rate: the share of synthetic rows equal to some real row on every compared
/// column (1 - SDMetrics NewRowSynthesis at zero tolerance). Copies of real records are a
/// disclosure however few, so a policy usually wants this at 0.
public enum ExactMatch {
    /// - Parameters:
    ///   - columns: the columns to compare: every non-key, non-PII column.
    /// - Returns: a rate in [0, 1]; `nil` without synthetic rows. Numbers match when equal,
    ///   and null matches null, as in SDMetrics.
    /// - Throws: `MetricError` for a missing column or one of a different kind on each side.
    /// - Complexity: O((n + m) c) expected.
    public static func rate(real: MetricTable, synthetic: MetricTable, columns: [String]) throws(MetricError)
        -> Double?
    {
        guard synthetic.rowCount > 0 else { return nil }
        let codes = try RowCodes([(real, "real"), (synthetic, "synthetic")], columns: columns).codes
        let realRows = Set(codes[0])
        let matches = codes[1].count { realRows.contains($0) }
        return Double(matches) / Double(synthetic.rowCount)
    }
}
