import SeedbedEngine
import SeedbedScore
import SeedbedSpec

/// A table's columns read back, gathered for the metrics (unboxed numbers and categories) while
/// each batch is also handed to rule conformance as rule values.
struct ScoreColumns {
    let names: [String]
    private var numeric: [[Double?]]
    private var categorical: [[String?]]
    private let isNumeric: [Bool]

    init(names: [String], types: [ValueType]) {
        self.names = names
        isNumeric = types.map { $0.isNumeric || $0 == .date || $0 == .timestamp }
        numeric = Array(repeating: [], count: names.count)
        categorical = Array(repeating: [], count: names.count)
    }

    var rowCount: Int {
        guard let first = isNumeric.first else { return 0 }
        return first ? numeric[0].count : categorical[0].count
    }

    mutating func append(_ batch: RowBatch) {
        for (index, column) in batch.columns.enumerated() {
            if isNumeric[index] {
                numeric[index] += Self.numbers(column, count: batch.count)
            } else {
                categorical[index] += Self.categories(column, count: batch.count)
            }
        }
    }

    func table() throws(MetricError) -> MetricTable {
        try MetricTable(
            names: names,
            columns: names.indices.map { isNumeric[$0] ? .numeric(numeric[$0]) : .categorical(categorical[$0]) })
    }

    /// Numbers, dates (days) and timestamps (microseconds) as doubles.
    static func numbers(_ column: ColumnBuffer, count: Int) -> [Double?] {
        let nulls = column.nulls
        switch column.values {
        case .int(let values): return (0..<count).map { nulls[$0] ? nil : Double(values[$0]) }
        case .decimal(let values, let scale):
            let divisor = (0..<scale).reduce(1.0) { result, _ in result * 10 }
            return (0..<count).map { nulls[$0] ? nil : Double(values[$0]) / divisor }
        case .float(let values): return (0..<count).map { nulls[$0] ? nil : values[$0] }
        case .date(let values): return (0..<count).map { nulls[$0] ? nil : Double(values[$0]) }
        case .timestamp(let values): return (0..<count).map { nulls[$0] ? nil : Double(values[$0]) }
        default: return (0..<count).map { _ in nil }
        }
    }

    /// Text, booleans (`true`/`false`) and UUIDs as categories.
    static func categories(_ column: ColumnBuffer, count: Int) -> [String?] {
        (0..<count).map { column.nulls[$0] ? nil : column.text(at: $0) }
    }

    /// The batch's values as rules see them.
    static func ruleValues(_ batch: RowBatch) -> [String: [SQLValue]] {
        var result: [String: [SQLValue]] = [:]
        for column in batch.columns {
            let nulls = column.nulls
            let count = batch.count
            let values: [SQLValue]
            switch column.values {
            case .int, .decimal, .float:
                values = numbers(column, count: count).map { $0.map(SQLValue.number) ?? .null }
            case .text(let texts): values = (0..<count).map { nulls[$0] ? .null : .text(texts[$0]) }
            case .bool(let bools): values = (0..<count).map { nulls[$0] ? .null : .bool(bools[$0]) }
            case .date(let days): values = (0..<count).map { nulls[$0] ? .null : .date(Int(days[$0])) }
            case .timestamp(let micros): values = (0..<count).map { nulls[$0] ? .null : .timestamp(micros[$0]) }
            case .uuid(let uuids): values = (0..<count).map { nulls[$0] ? .null : .text(uuids[$0].description) }
            }
            result[column.name] = values
        }
        return result
    }
}
