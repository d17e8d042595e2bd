/// One column of values to score, stored unboxed.
///
/// Dates and timestamps arrive as numbers (days or microseconds since an epoch): every metric
/// here is invariant to the unit, since distances are divided by the real range and the
/// Kolmogorov–Smirnov statistic depends only on order. Booleans arrive as the categories
/// `"true"` and `"false"`. `nil` is a null.
public enum MetricColumn: Sendable, Hashable {
    case numeric([Double?])
    case categorical([String?])

    /// The number of rows, nulls included.
    public var count: Int {
        switch self {
        case .numeric(let values): values.count
        case .categorical(let values): values.count
        }
    }

    /// The number of null values.
    public var nullCount: Int {
        switch self {
        case .numeric(let values): values.count { $0 == nil }
        case .categorical(let values): values.count { $0 == nil }
        }
    }

    /// Whether the column holds numbers (numbers, dates, timestamps).
    public var isNumeric: Bool {
        if case .numeric = self { return true }
        return false
    }

    /// The column's kind, for messages.
    var kindName: String { isNumeric ? "numeric" : "categorical" }

    /// The rows at `indices`, in that order.
    func rows(_ indices: [Int]) -> MetricColumn {
        switch self {
        case .numeric(let values): .numeric(indices.map { values[$0] })
        case .categorical(let values): .categorical(indices.map { values[$0] })
        }
    }
}
