import Foundation
public import Testing

/// A fresh database on the test process's private PostgreSQL, for one test.
///
/// When the server cannot start the test is skipped with the reason, except under `CI=true`,
/// where that is a failure: a test never passes because PostgreSQL was missing.
public struct PostgresTestDatabase {
    public let server: PostgresServer
    public let database: PostgresServer.TestDatabase

    public init() throws {
        switch PostgresServer.shared {
        case .success(let server):
            self.server = server
            database = try server.makeDatabase()
        case .failure(let error):
            if ProcessInfo.processInfo.environment["CI"] == "true" { throw error }
            try Test.cancel("PostgreSQL test server unavailable: \(error.message)")
        }
    }

    public var uri: String { database.uri }

    /// Runs SQL through psql (not the code under test) and returns its `|`-separated rows.
    @discardableResult
    public func psql(_ sql: String) throws -> String { try server.psql(sql, database: database.name) }

    /// The rows of a query as psql prints them, one string per row.
    public func rows(_ sql: String) throws -> [String] {
        try psql(sql).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}
