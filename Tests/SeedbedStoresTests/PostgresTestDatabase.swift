import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

/// A fresh database on the test process's private PostgreSQL, for one test.
///
/// When the server cannot start the test is skipped with the reason, except under `CI=true`,
/// where that is a failure: a test never passes because PostgreSQL was missing.
struct PostgresTestDatabase {
    let server: PostgresServer
    let database: PostgresServer.TestDatabase

    init() throws {
        switch PostgresServer.shared {
        case .success(let server):
            self.server = server
            database = try server.makeDatabase()
        case .failure(let error):
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw error }
            try Test.cancel("PostgreSQL test server unavailable: \(error.message)")
        }
    }

    var uri: String { database.uri }

    func connect() throws -> PostgresDatabase { try PostgresDatabase(connection: database.uri) }

    /// Runs SQL through psql (not the code under test) and returns its `|`-separated rows.
    @discardableResult
    func psql(_ sql: String) throws -> String { try server.psql(sql, database: database.name) }

    /// The rows of a query as psql prints them, one string per row.
    func rows(_ sql: String) throws -> [String] {
        try psql(sql).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
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
