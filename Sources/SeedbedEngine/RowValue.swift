/// One value of a row while it is being made, as rules and derived columns read it.
///
/// Dates are days and timestamps microseconds (both exact in a Double), so every ordered
/// value compares as a number; the compiler converts literals to the column's unit.
public enum RowValue: Hashable, Sendable {
    case null
    case number(Double)
    case text(String)
    case bool(Bool)

    var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    var isNull: Bool { self == .null }
}

/// The values of one row of one table, by column index.
struct RowValues {
    var values: [RowValue]

    init(columns: Int) {
        values = Array(repeating: .null, count: columns)
    }

    subscript(column: Int) -> RowValue {
        get { values[column] }
        set { values[column] = newValue }
    }
}
