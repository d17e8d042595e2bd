/// SDMetrics BoundaryAdherence: the share of synthetic values inside the real range
/// `[min_real, max_real]`, for numbers, dates and timestamps.
public enum BoundaryAdherence {
    /// - Returns: a score in [0, 1]; `nil` when the real column has no non-null value or no
    ///   synthetic value is left to check. When the real column has nulls, synthetic nulls are
    ///   dropped; otherwise a synthetic null counts as out of bounds, as in SDMetrics.
    /// - Complexity: O(n + m).
    public static func score(real: [Double?], synthetic: [Double?]) -> Double? {
        var low = Double.infinity
        var high = -Double.infinity
        var realHasNull = false
        for value in real {
            guard let value, !value.isNaN else {
                realHasNull = true
                continue
            }
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        guard low <= high else { return nil }
        var checked = 0
        var inside = 0
        for value in synthetic {
            guard let value, !value.isNaN else {
                if !realHasNull { checked += 1 }
                continue
            }
            checked += 1
            if value >= low && value <= high { inside += 1 }
        }
        return checked == 0 ? nil : Double(inside) / Double(checked)
    }
}
