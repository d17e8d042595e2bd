import Foundation
import SeedbedEngine
import SeedbedSpec
import Testing

/// A spec that checked without errors, ready to generate.
struct CheckedSpec {
    let result: CheckResult
    let model: GenerationModel

    /// Checks `text`; errors are returned in the thrown message, so a broken test spec says why.
    init(_ text: String, file: String = "test.seed") throws {
        result = Checker().check(source: text, file: file)
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        try #require(errors.isEmpty, "the test spec has errors: \(errors)\n\(text)")
        model = try GenerationModel(checked: result)
    }

    func generation(
        seed: UInt64 = 7, rows: [String: Int] = [:], shard: Shard = .whole
    ) throws -> Generation {
        var options = Generation.Options()
        options.seed = seed
        options.rows = rows
        options.shard = shard
        return try Generation(model: model, options: options)
    }

    /// Every table's rows, in memory.
    func generate(seed: UInt64 = 7, rows: [String: Int] = [:], shard: Shard = .whole) throws -> GeneratedData {
        try GeneratedData(try generation(seed: seed, rows: rows, shard: shard))
    }
}

/// The rows a generation made, column by column, as the rule evaluator reads them.
struct GeneratedData {
    struct Table {
        var name: String
        var columnNames: [String]
        var columns: [[SQLValue]]
        var lineage: [LineageEntry]
        var summary: TableSummary

        var rowCount: Int { columns.first?.count ?? 0 }

        func column(_ name: String) throws -> [SQLValue] {
            let index = try #require(columnNames.firstIndex(of: name), "no column \(name) in \(self.name)")
            return columns[index]
        }

        /// The column's values as numbers (days for dates), nil for null.
        func numbers(_ name: String) throws -> [Double?] {
            try column(name).map(\.orderedNumber)
        }

        /// The column's non-null values as numbers.
        func nonNullNumbers(_ name: String) throws -> [Double] {
            try numbers(name).compactMap { $0 }
        }

        func texts(_ name: String) throws -> [String?] {
            try column(name).map { value in
                if case .text(let text) = value { return text }
                return nil
            }
        }

        /// Row `row` as a lookup by column name.
        func value(_ column: String, row: Int) -> SQLValue? {
            columnNames.firstIndex(of: column).map { columns[$0][row] }
        }
    }

    var tables: [Table]

    init(_ generation: Generation) throws {
        tables = []
        for (index, model) in generation.model.tables.enumerated() {
            var columns = Array(repeating: [SQLValue](), count: model.columns.count)
            var lineage: [LineageEntry] = []
            let summary = try generation.generate(table: index) { batch, entries in
                for (column, buffer) in batch.columns.enumerated() {
                    columns[column].append(contentsOf: Self.values(of: buffer, count: batch.count))
                }
                lineage += entries
            }
            tables.append(
                Table(
                    name: model.name, columnNames: model.columns.map(\.name), columns: columns, lineage: lineage,
                    summary: summary))
        }
    }

    func table(_ name: String) throws -> Table {
        try #require(tables.first { $0.name == name }, "no table \(name)")
    }

    /// A typed column buffer as SQL values: decimals as their exact decimal value, dates as days.
    static func values(of buffer: ColumnBuffer, count: Int) -> [SQLValue] {
        func map<T>(_ array: ContiguousArray<T>, _ make: (T) -> SQLValue) -> [SQLValue] {
            (0..<count).map { buffer.nulls[$0] ? .null : make(array[$0]) }
        }
        switch buffer.values {
        case .int(let values): return map(values) { .number(Double($0)) }
        case .decimal(let values, let scale):
            let factor = pow(10.0, Double(scale))
            return map(values) { .number(Double($0) / factor) }
        case .float(let values): return map(values) { .number($0) }
        case .text(let values): return map(values) { .text($0) }
        case .bool(let values): return map(values) { .bool($0) }
        case .date(let values): return map(values) { .date(Int($0)) }
        case .timestamp(let values): return map(values) { .timestamp($0) }
        case .uuid(let values): return map(values) { .text($0.description) }
        }
    }
}

extension SQLValue {
    /// Numbers as they are, dates as days, timestamps as microseconds; nil otherwise.
    var orderedNumber: Double? {
        switch self {
        case .number(let x): x
        case .date(let d): Double(d)
        case .timestamp(let t): Double(t)
        default: nil
        }
    }
}
