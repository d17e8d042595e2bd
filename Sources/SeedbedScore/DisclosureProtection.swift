/// SDMetrics' DisclosureProtection (0.32.0, `computation_method='cap'`): how well the generated
/// rows keep an attacker who knows a real person's quasi-identifiers from inferring their
/// sensitive values, relative to guessing.
///
/// - Numeric columns (numbers, dates) are cut into 10 equal-width bins over the real values
///   (`pandas.cut`: the lowest edge moved down by 0.1% of the range, intervals closed on the
///   right), and the generated values into the same bins with the outer edges at ±infinity.
///   Null is a category of its own.
/// - The CAP attacker: for each real row whose quasi-identifier tuple occurs in the generated
///   rows, the share of those generated rows that carry the real row's sensitive tuple. Real
///   rows whose tuple never occurs are skipped. `cap_protection = 1 − mean(shares)`.
/// - `baseline_protection = 1 − 1 / ∏ (distinct real values of each sensitive column)`: the
///   protection against an attacker who guesses uniformly.
/// - `score = min(cap_protection / baseline_protection, 1)`.
///
/// SDMetrics builds a Python dict of lists and loops over rows (and warns above 10,000 rows);
/// here both tables get dense codes for their tuples and one pass counts them.
public enum DisclosureProtection {
    /// The number of bins of a numeric column (SDMetrics' `num_discrete_bins` default).
    public static let binCount = 10

    public struct Result: Sendable, Hashable {
        /// `nil` when SDMetrics gives NaN: no real row's quasi-identifier tuple occurs in the
        /// generated rows, or the real data has a single sensitive tuple (a zero baseline).
        public var score: Double?
        /// `1 − mean` of the attacker's shares; `nil` when no real row was matched.
        public var capProtection: Double?
        public var baselineProtection: Double
        /// Real rows whose quasi-identifier tuple occurs in the generated rows.
        public var matchedRows: Int
        public var realRows: Int
    }

    /// - Parameters:
    ///   - known: the columns the attacker knows (the spec's quasi-identifiers).
    ///   - sensitive: the columns the attacker wants (the spec's sensitive columns).
    /// - Throws: `MetricError` for a missing column, one whose kind differs between the tables,
    ///   or an empty column list.
    /// - Complexity: O((n + m)(k + s)) expected, for n real and m generated rows.
    public static func measure(
        real: MetricTable, synthetic: MetricTable, known: [String], sensitive: [String]
    ) throws(MetricError) -> Result {
        guard !known.isEmpty, !sensitive.isEmpty else {
            throw MetricError(.invalidArgument, "DisclosureProtection needs known and sensitive columns")
        }
        var names: [String] = []
        for name in known + sensitive where !names.contains(name) { names.append(name) }
        var realColumns: [MetricColumn] = []
        var syntheticColumns: [MetricColumn] = []
        for name in names {
            let (realColumn, syntheticColumn) = try discretized(
                try real.column(name, role: "real"), try synthetic.column(name, role: "synthetic"), name: name)
            realColumns.append(realColumn)
            syntheticColumns.append(syntheticColumn)
        }
        let realBinned = try MetricTable(names: names, columns: realColumns)
        let syntheticBinned = try MetricTable(names: names, columns: syntheticColumns)
        let tables = [(realBinned, "real"), (syntheticBinned, "synthetic")]
        let keys = try RowCodes(tables, columns: known).codes
        let values = try RowCodes(tables, columns: sensitive).codes

        // The attacker's table: generated rows per key tuple, and per (key, sensitive) pair.
        var rowsPerKey: [Int32: Int] = [:]
        var rowsPerPair: [Int64: Int] = [:]
        for row in 0..<syntheticBinned.rowCount {
            rowsPerKey[keys[1][row], default: 0] += 1
            rowsPerPair[Int64(keys[1][row]) << 32 | Int64(values[1][row]), default: 0] += 1
        }
        var matched = 0
        var sum = 0.0
        // In real row order, as SDMetrics adds, so the sums agree to the last bit.
        for row in 0..<realBinned.rowCount {
            guard let total = rowsPerKey[keys[0][row]] else { continue }
            matched += 1
            sum += Double(rowsPerPair[Int64(keys[0][row]) << 32 | Int64(values[0][row])] ?? 0) / Double(total)
        }
        let capProtection = matched == 0 ? nil : 1 - sum / Double(matched)

        var categories = 1.0
        for name in sensitive {
            var codebook = ValueCodebook()
            _ = codebook.encode(try realBinned.column(name, role: "real"))
            categories *= Double(codebook.count)
        }
        let baseline = 1 - 1 / categories
        return Result(
            score: baseline == 0 ? nil : capProtection.map { Swift.min($0 / baseline, 1) },
            capProtection: capProtection, baselineProtection: baseline, matchedRows: matched,
            realRows: realBinned.rowCount)
    }

    /// A numeric pair as bin numbers over the real column's edges; categories unchanged.
    private static func discretized(
        _ real: MetricColumn, _ synthetic: MetricColumn, name: String
    ) throws(MetricError) -> (MetricColumn, MetricColumn) {
        switch (real, synthetic) {
        case (.numeric(let realValues), .numeric(let syntheticValues)):
            let edges = cutEdges(realValues)
            return (.numeric(realValues.map { bin($0, edges) }), .numeric(syntheticValues.map { bin($0, edges) }))
        case (.categorical, .categorical):
            return (real, synthetic)
        default:
            throw .kindMismatch(name, expected: real.kindName, found: synthetic.kindName)
        }
    }

    /// The inner edges of `pandas.cut(values, 10)`: `numpy.linspace` over the real range, the
    /// range widened by 0.1% of the value (or 0.001 at zero) when it is one value. The outer
    /// edges are ±infinity, as SDMetrics sets them for the generated values.
    static func cutEdges(_ values: [Double?]) -> [Double] {
        var low = Double.infinity
        var high = -Double.infinity
        for case let value? in values where !value.isNaN {
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        // No real number (pandas refuses): every generated number falls in one bin.
        guard low <= high else { return [] }
        if low == high {
            low -= low == 0 ? 0.001 : 0.001 * abs(low)
            high += high == 0 ? 0.001 : 0.001 * abs(high)
        }
        // numpy.linspace: i * step + start.
        let step = (high - low) / Double(binCount)
        return (1..<binCount).map { Double($0) * step + low }
    }

    /// The bin of a value: the number of inner edges strictly below it (intervals are closed
    /// on the right); null stays null.
    static func bin(_ value: Double?, _ edges: [Double]) -> Double? {
        guard let value, !value.isNaN else { return nil }
        var bin = 0
        while bin < edges.count, edges[bin] < value { bin += 1 }
        return Double(bin)
    }
}
