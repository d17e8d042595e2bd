/// KSComplement without sorting doubles, for columns whose values are all whole multiples of
/// one power of ten (ints, dates, decimals as written): each value is the integer `k / 10^s`,
/// and the statistic is found from counts per integer, or from a radix sort of integers a few
/// bits wide, instead of a four-pass radix sort of 64-bit keys.
///
/// The result is the statistic of `KSComplement.prepared` to the bit: it depends only on the
/// order and the ties of the rounded values, and for `|k| < 2^45` the map from a value to `k`
/// keeps both (neighbouring values are at least 10^-4 apart, far more than the few ulps that
/// rounding to 14 decimals can move them). Any value not exactly `k / 10^s` sends the column
/// back to the general path.
enum DecimalKeys {
    /// Scales tried: ints and dates are 0, money 2.
    static let maximumScale = 4
    /// Above this the integers are too close together for the argument above.
    static let limit = Double(1 << 45)
    /// Ranges up to this many integers are counted in a table instead of sorted.
    static let countingLimit = 1 << 20
    private static let powers: [Double] = [1, 10, 100, 1000, 10_000]

    /// `1 - D` over the non-null values of both sides, or `.none` when the values are not all
    /// whole multiples of a common power of ten (the caller sorts them instead). `.some(nil)`
    /// when a side has no value, as `KSComplement.score`.
    static func ksComplement(real: [Double?], synthetic: [Double?]) -> Double?? {
        guard let realRange = range(real), let syntheticRange = range(synthetic) else { return .none }
        guard realRange.count > 0, syntheticRange.count > 0 else { return .some(nil) }
        let scale = Swift.max(realRange.scale, syntheticRange.scale)
        let power = powers[scale]
        let low = Swift.min(realRange.low, syntheticRange.low)
        let high = Swift.max(realRange.high, syntheticRange.high)
        guard let lowKey = key(low, power), let highKey = key(high, power) else { return .none }
        let span = highKey - lowKey
        if span < Int64(countingLimit) {
            guard let realCounts = counts(real, power: power, low: lowKey, span: Int(span)),
                let syntheticCounts = counts(synthetic, power: power, low: lowKey, span: Int(span))
            else { return .none }
            return .some(
                statistic(realCounts, syntheticCounts, n: Double(realRange.count), m: Double(syntheticRange.count)))
        }
        guard var realKeys = keys(real, power: power, low: lowKey, count: realRange.count),
            var syntheticKeys = keys(synthetic, power: power, low: lowKey, count: syntheticRange.count)
        else { return .none }
        // The keys start at 0, so the sort skips the digits above the range's width.
        RadixSort.sort(keys: &realKeys)
        RadixSort.sort(keys: &syntheticKeys)
        return .some(KSComplement.score(sortedReal: realKeys, sortedSynthetic: syntheticKeys))
    }

    /// `k` when `value` is exactly `k / power` with `|k|` under the limit.
    @inline(__always)
    private static func key(_ value: Double, _ power: Double) -> Int64? {
        let scaled = (value * power).rounded()
        guard abs(scaled) < limit, scaled / power == value else { return nil }
        return Int64(scaled)
    }

    /// The smallest scale that every non-NaN value needs, their range and count; `nil` when a
    /// value needs more than `maximumScale` or is too large.
    private static func range(_ values: [Double?]) -> (scale: Int, low: Double, high: Double, count: Int)? {
        var scale = 0
        var low = Double.infinity
        var high = -Double.infinity
        var count = 0
        for case let value? in values where !value.isNaN {
            while key(value, powers[scale]) == nil {
                scale += 1
                if scale > maximumScale { return nil }
            }
            low = Swift.min(low, value)
            high = Swift.max(high, value)
            count += 1
        }
        return (scale, low, high, count)
    }

    /// How many values have each key from `low` to `low + span`; `nil` when a value is not
    /// exactly a key at this scale.
    private static func counts(_ values: [Double?], power: Double, low: Int64, span: Int) -> [UInt32]? {
        var counts = [UInt32](repeating: 0, count: span + 1)
        let complete = counts.withUnsafeMutableBufferPointer { counts in
            for case let value? in values where !value.isNaN {
                guard let key = key(value, power) else { return false }
                counts[Int(key &- low)] &+= 1
            }
            return true
        }
        return complete ? counts : nil
    }

    /// The keys less `low`, unsorted.
    private static func keys(_ values: [Double?], power: Double, low: Int64, count: Int) -> [UInt64]? {
        var keys: [UInt64] = []
        keys.reserveCapacity(count)
        for case let value? in values where !value.isNaN {
            guard let key = key(value, power) else { return nil }
            keys.append(UInt64(bitPattern: key &- low))
        }
        return keys
    }

    /// `KSComplement.score` over counts per key: the same gaps, at the same distinct values.
    private static func statistic(_ a: [UInt32], _ b: [UInt32], n: Double, m: Double) -> Double {
        var i = 0
        var j = 0
        var statistic = 0.0
        for index in a.indices where a[index] | b[index] != 0 {
            i += Int(a[index])
            j += Int(b[index])
            statistic = Swift.max(statistic, abs(Double(i) / n - Double(j) / m))
        }
        return 1 - statistic
    }
}
