import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport

extension PostgresTestDatabase {
    /// A connection through the code under test.
    func connect() throws -> PostgresDatabase { try PostgresDatabase(connection: uri) }
}

/// Builds batches column by column for tests.
struct TestBatch {
    var columns: [LoadColumn]
    var buffers: [ColumnBuffer]
    var count: Int

    init(_ columns: [LoadColumn], rows: Int) {
        self.columns = columns
        buffers = columns.map { ColumnBuffer(name: $0.name, type: $0.type, capacity: rows) }
        count = rows
    }

    var batch: RowBatch { RowBatch(table: "t", columns: buffers, count: count) }

    mutating func set(_ column: Int, _ values: [Any?]) {
        for (row, value) in values.enumerated() {
            buffers[column].nulls[row] = value == nil
            guard let value else { continue }
            switch buffers[column].values {
            case .int(var array):
                array[row] = value as? Int64 ?? Int64(value as! Int)
                buffers[column].values = .int(array)
            case .decimal(var array, let scale):
                array[row] = value as? Int64 ?? Int64(value as! Int)
                buffers[column].values = .decimal(array, scale: scale)
            case .float(var array):
                array[row] = value as! Double
                buffers[column].values = .float(array)
            case .text(var array):
                array[row] = value as! String
                buffers[column].values = .text(array)
            case .bool(var array):
                array[row] = value as! Bool
                buffers[column].values = .bool(array)
            case .date(var array):
                array[row] = value as! Int32
                buffers[column].values = .date(array)
            case .timestamp(var array):
                array[row] = value as! Int64
                buffers[column].values = .timestamp(array)
            case .uuid(var array):
                array[row] = value as! UUIDValue
                buffers[column].values = .uuid(array)
            }
        }
    }
}

extension ColumnBuffer {
    /// The values as optionals, for exact comparisons.
    var texts: [String?] {
        guard case .text(let values) = values else { return [] }
        return values.indices.map { nulls[$0] ? nil : values[$0] }
    }

    func ints(_ count: Int) -> [Int64?] {
        switch values {
        case .int(let values), .decimal(let values, _), .timestamp(let values):
            return (0..<count).map { nulls[$0] ? nil : values[$0] }
        default: return []
        }
    }
}
