/// Equal-width bins for a numeric column in a mixed pair, as SDMetrics' column pair trends
/// makes them: `numpy.histogram_bin_edges` (10 bins over the column's range) then
/// `numpy.digitize`.
///
/// SDMetrics 0.32.0's report (`ColumnPairTrends._get_processed_data`) bins the real and the
/// synthetic table each over its own range, so the caller computes edges once per side.
enum Binning {
    /// The edges of `binCount` equal-width bins over the non-null values; numpy's conventions:
    /// a range of (0, 1) when there are none, widened by 0.5 each way when it is a single value.
    static func edges(of values: [Double?], binCount: Int) -> [Double] {
        var low = Double.infinity
        var high = -Double.infinity
        for case let value? in values where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        return edges(low: low, high: high, binCount: binCount)
    }

    /// The edges for the non-NaN values' range `low...high` (crossed when there are none).
    static func edges(low: Double, high: Double, binCount: Int) -> [Double] {
        var low = low
        var high = high
        if low > high {
            low = 0
            high = 1
        } else if low == high {
            low -= 0.5
            high += 0.5
        }
        let step = (high - low) / Double(binCount)
        var edges = (0..<binCount).map { low + Double($0) * step }
        edges.append(high)
        return edges
    }

    /// `numpy.digitize`: the number of edges at or below the value, so the real maximum shares
    /// the top code with values above it; null gets `edges.count` too, as numpy gives NaN.
    static func codes(_ values: [Double?], edges: [Double]) -> [Int32] {
        guard let first = edges.first, let last = edges.last, edges.count > 1, last > first else {
            return edges.withUnsafeBufferPointer { edges in
                values.map { value in value.map { code(of: $0, edges: edges, guess: 0) } ?? Int32(edges.count) }
            }
        }
        // The edges are equally spaced, so the bin is a division away; the guess is then
        // corrected against the edges themselves, so rounding never moves a value across one.
        let scale = Double(edges.count - 1) / (last - first)
        let top = Double(edges.count)
        return edges.withUnsafeBufferPointer { edges in
            values.map { value in
                guard let value, !value.isNaN else { return Int32(edges.count) }
                let estimate = ((value - first) * scale).rounded(.down)
                let guess = estimate.isFinite ? Int(Swift.max(0, Swift.min(top, estimate + 1))) : 0
                return code(of: value, edges: edges, guess: guess)
            }
        }
    }

    /// The number of edges at or below `value`, walking from `guess` (usually already right).
    @inline(__always)
    private static func code(of value: Double, edges: UnsafeBufferPointer<Double>, guess: Int) -> Int32 {
        var code = guess
        while code > 0, edges[code - 1] > value { code -= 1 }
        while code < edges.count, edges[code] <= value { code += 1 }
        return Int32(code)
    }
}
