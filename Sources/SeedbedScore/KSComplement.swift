/// SDMetrics KSComplement: 1 minus the two-sample Kolmogorov–Smirnov statistic, for numbers,
/// dates and timestamps.
///
/// Nulls are dropped from both sides first, and values are rounded to 14 decimals as
/// SDMetrics does (`sys.float_info.dig - 1`), so values equal up to float noise tie.
public enum KSComplement {
    /// - Returns: a score in [0, 1], 1 when the empirical distributions coincide; `nil` when
    ///   either side has no non-null value.
    /// - Complexity: O((n + m) log(n + m)).
    public static func score(real: [Double?], synthetic: [Double?]) -> Double? {
        // Ints, dates and decimals are counted or sorted as narrow integers; other numbers
        // are sorted as 64-bit keys.
        if let score = DecimalKeys.ksComplement(real: real, synthetic: synthetic) { return score }
        return score(sortedReal: prepared(real), sortedSynthetic: prepared(synthetic))
    }

    /// The non-null values, rounded as SDMetrics rounds them, as sort keys in ascending order
    /// (`RadixSort.key`: the statistic needs only order and equality, which the keys keep once
    /// -0.0 is made 0.0, so the values are never turned back into doubles).
    static func prepared(_ values: [Double?]) -> [UInt64] {
        var result: [UInt64] = []
        result.reserveCapacity(values.count)
        for case let value? in values where !value.isNaN {
            let rounded = rounded(value)
            result.append(RadixSort.key(rounded == 0 ? 0 : rounded))
        }
        RadixSort.sort(keys: &result)
        return result
    }

    /// numpy's `round(x, 14)`: scale, round half to even, scale back.
    static func rounded(_ value: Double) -> Double {
        (value * 1e14).rounded(.toNearestOrEven) / 1e14
    }

    /// `1 - sup |F_real - F_synthetic|` over two sorted samples.
    static func score<Value: Comparable>(sortedReal a: [Value], sortedSynthetic b: [Value]) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let n = Double(a.count)
        let m = Double(b.count)
        var i = 0
        var j = 0
        var statistic = 0.0
        // Both CDFs only change at sample values; after consuming every copy of the next
        // smallest value on both sides, the gap there is a candidate for the supremum.
        while i < a.count || j < b.count {
            let value = j == b.count || (i < a.count && a[i] <= b[j]) ? a[i] : b[j]
            while i < a.count, a[i] == value { i += 1 }
            while j < b.count, b[j] == value { j += 1 }
            statistic = Swift.max(statistic, abs(Double(i) / n - Double(j) / m))
        }
        return 1 - statistic
    }
}
