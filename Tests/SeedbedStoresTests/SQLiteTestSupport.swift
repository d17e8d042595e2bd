import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport

@testable import SeedbedStores

/// One value of a column, comparable, for building batches and checking what reads back.
enum Cell: Equatable, CustomStringConvertible {
    case null
    case int(Int64)
    case decimal(Int64)
    case float(Double)
    case text(String)
    case bool(Bool)
    case date(Int32)
    case timestamp(Int64)
    case uuid(UUIDValue)

    var description: String {
        switch self {
        case .null: "null"
        case .int(let value): "int \(value)"
        case .decimal(let value): "decimal \(value)"
        case .float(let value): "float \(value)"
        case .text(let value): "text \(value.debugDescription)"
        case .bool(let value): "bool \(value)"
        case .date(let value): "date \(value)"
        case .timestamp(let value): "timestamp \(value)"
        case .uuid(let value): "uuid \(value)"
        }
    }
}

extension ColumnBuffer {
    /// A buffer holding `cells` (which must all be null or of `type`'s case).
    init(name: String, type: ValueType, cells: [Cell]) {
        self.init(name: name, type: type, capacity: cells.count)
        for (row, cell) in cells.enumerated() {
            switch (cell, values) {
            case (.null, _): nulls[row] = true
            case (.int(let value), .int(var values)):
                values[row] = value
                self.values = .int(values)
            case (.decimal(let value), .decimal(var values, let scale)):
                values[row] = value
                self.values = .decimal(values, scale: scale)
            case (.float(let value), .float(var values)):
                values[row] = value
                self.values = .float(values)
            case (.text(let value), .text(var values)):
                values[row] = value
                self.values = .text(values)
            case (.bool(let value), .bool(var values)):
                values[row] = value
                self.values = .bool(values)
            case (.date(let value), .date(var values)):
                values[row] = value
                self.values = .date(values)
            case (.timestamp(let value), .timestamp(var values)):
                values[row] = value
                self.values = .timestamp(values)
            case (.uuid(let value), .uuid(var values)):
                values[row] = value
                self.values = .uuid(values)
            default: preconditionFailure("\(cell) does not fit a \(type) column")
            }
        }
    }

    /// The first `count` values as cells.
    func cells(count: Int) -> [Cell] {
        (0..<count).map { row in
            if nulls[row] { return .null }
            switch values {
            case .int(let values): return .int(values[row])
            case .decimal(let values, _): return .decimal(values[row])
            case .float(let values): return .float(values[row])
            case .text(let values): return .text(values[row])
            case .bool(let values): return .bool(values[row])
            case .date(let values): return .date(values[row])
            case .timestamp(let values): return .timestamp(values[row])
            case .uuid(let values): return .uuid(values[row])
            }
        }
    }
}

/// A column of a test table: its name, engine type, declared type and values.
struct TestColumn {
    var name: String
    var type: ValueType
    var declared: String
    var cells: [Cell]

    var load: LoadColumn { LoadColumn(name: name, type: type, declaredType: declared) }
}

extension SQLiteDatabase {
    /// Loads the columns' cells in one batch; row keys are `key-ROW`.
    func load(_ table: String, _ columns: [TestColumn]) throws {
        let loader = try makeLoader(table: TableName(table), columns: columns.map(\.load))
        let count = columns.first?.cells.count ?? 0
        let batch = RowBatch(
            table: table, columns: columns.map { ColumnBuffer(name: $0.name, type: $0.type, cells: $0.cells) },
            count: count)
        try loader.write(batch) { "key-\($0)" }
        _ = try loader.finish()
    }

    /// Loads the columns' cells in a transaction of their own (one per row would fsync each).
    func seed(_ table: String, _ columns: [TestColumn]) throws {
        try beginTransaction()
        try load(table, columns)
        try commit()
    }

    /// Every value of the columns, column by column, read in batches of `batchSize`.
    func readAll(_ table: String, _ columns: [LoadColumn], batchSize: Int = 3) throws -> [[Cell]] {
        var result = Array(repeating: [Cell](), count: columns.count)
        try read(table: TableName(table), columns: columns, batchSize: batchSize) { batch in
            for (index, column) in batch.columns.enumerated() { result[index] += column.cells(count: batch.count) }
        }
        return result
    }

    /// The rows of a query as text (`NULL` for null), for checking stored forms.
    func rows(_ sql: String) throws -> [[String]] {
        var rows: [[String]] = []
        try query(sql) { row in rows.append((0..<row.columnCount).map { row.text(at: $0) ?? "NULL" }) }
        return rows
    }
}

/// A fresh database file in a temporary folder, removed with it.
func openTemporaryDatabase(in folder: borrowing TemporaryDirectory, _ schema: String = "") throws -> SQLiteDatabase {
    let database = try SQLiteDatabase(path: folder.url.appendingPathComponent("test.db").path, create: true)
    if !schema.isEmpty { try database.execute(schema) }
    return database
}
