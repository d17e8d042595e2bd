import Foundation
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("PostgreSQL connections")
struct PostgresConnectionTests {
    static let password = PostgresServer.passwordRolePassword

    @Test func uriAndKeyValueStringsConnect() throws {
        let db = try PostgresTestDatabase()
        try db.psql("CREATE TABLE t (a int); INSERT INTO t VALUES (1), (2)")
        #expect(try db.connect().rowCount(of: TableName("t")) == 2)
        let keyValue = "host=127.0.0.1 port=\(db.database.port) user=postgres dbname='\(db.database.name)'"
        let open = try PostgresDatabase(connection: keyValue)
        #expect(try open.rowCount(of: TableName("t")) == 2)
        // The session says who it is.
        #expect(
            try db.psql(
                "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'seedbed' AND datname = '\(db.database.name)'"
            ) == "1\n")
    }

    @Test func aPasswordRoleConnectsWithTheRightPasswordOnly() throws {
        let db = try PostgresTestDatabase()
        try db.psql("CREATE TABLE t (a int); GRANT SELECT ON t TO \(PostgresServer.passwordRole)")
        #expect(
            try PostgresDatabase(connection: db.database.uri(password: Self.password)).rowCount(of: TableName("t")) == 0
        )

        let wrong = "Wr0ng-Secret-%41"
        for connection in [
            db.database.uri(password: wrong),
            "host=127.0.0.1 port=\(db.database.port) user=\(PostgresServer.passwordRole) password='\(wrong)' dbname=\(db.database.name)",
        ] {
            #expect {
                _ = try PostgresDatabase(connection: connection)
            } throws: { error in
                let error = error as! StoreError
                return error.kind == .unreachable && error.message.contains("password authentication failed")
                    && !error.message.contains("Wr0ng") && !error.message.contains(Self.password)
            }
        }
    }

    @Test func malformedStringsNeverEchoThePassword() {
        #expect {
            _ = try PostgresDatabase(connection: "host=127.0.0.1 password=hunter2 hunter3 dbname=x")
        } throws: { error in
            let error = error as! StoreError
            return error.kind == .usage && !error.message.contains("hunter")
                && error.message.contains("missing \"=\" after")
        }
        #expect {
            _ = try PostgresDatabase(connection: "postgresql://alice:s3cret@[::1/db")
        } throws: { error in
            let error = error as! StoreError
            return error.kind == .usage && !error.message.contains("s3cret")
        }
    }

    @Test func anUnreachableServerIsReportedWithLibpqsReason() {
        #expect {
            _ = try PostgresDatabase(connection: "postgresql://someone:topsecret@127.0.0.1:1/nowhere")
        } throws: { error in
            let error = error as! StoreError
            return error.kind == .unreachable && error.message.contains("Connection refused")
                && error.message.contains("postgresql://someone:***@127.0.0.1:1/nowhere")
                && !error.message.contains("topsecret")
        }
    }

    // MARK: - PG* variables and .pgpass, in a child process (setenv is not safe beside other threads)

    @Test func environmentVariablesAndPgpassWorkAsInPsql() throws {
        let db = try PostgresTestDatabase()
        let base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PG") }
        let child = [
            "SEEDBED_PG_CHILD": "1", "PGHOST": "127.0.0.1", "PGPORT": String(db.database.port),
            "PGDATABASE": db.database.name, "PGUSER": PostgresServer.passwordRole,
        ]
        let passfile = FileManager.default.temporaryDirectory.path + "/seedbed-pgpass-\(UUID().uuidString)"
        try
            "127.0.0.1:\(db.database.port):*:\(PostgresServer.passwordRole):\(Self.password.replacingOccurrences(of: ":", with: "\\:"))\n"
            .write(toFile: passfile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: passfile) }
        _ = chmod(passfile, 0o600)

        let cases: [(variables: [String: String], expectation: String)] = [
            (["PGPASSWORD": Self.password, "SEEDBED_PG_CONNECTION": "postgresql://"], "connects"),
            (["PGPASSFILE": passfile, "SEEDBED_PG_CONNECTION": "host=127.0.0.1"], "connects"),
            (["PGPASSWORD": "Not-The-Secret", "SEEDBED_PG_CONNECTION": "postgresql://"], "refused"),
        ]
        for (variables, expectation) in cases {
            let environment = base.merging(child) { $1 }.merging(variables) { $1 }.merging(
                ["SEEDBED_PG_EXPECT": expectation]
            ) { $1 }
            let result = try PostgresServer.run(
                CommandLine.arguments[0],
                ["--testing-library", "swift-testing", "--filter", "PostgresConnectionChild"],
                environment: environment)
            #expect(
                result.status == 0, "child (\(expectation), \(variables.keys.sorted())): \(result.output.suffix(2000))")
            #expect(result.output.contains("connectsFromTheEnvironment() passed"), "\(result.output.suffix(500))")
        }
    }
}

/// Runs only inside the child process started by `environmentVariablesAndPgpassWorkAsInPsql`.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SEEDBED_PG_CHILD"] == "1"))
struct PostgresConnectionChild {
    @Test func connectsFromTheEnvironment() throws {
        let environment = ProcessInfo.processInfo.environment
        let connection = environment["SEEDBED_PG_CONNECTION"] ?? ""
        if environment["SEEDBED_PG_EXPECT"] == "connects" {
            let database = try PostgresDatabase(connection: connection)
            try database.execute("SELECT 1")
        } else {
            #expect {
                _ = try PostgresDatabase(connection: connection)
            } throws: { error in
                let error = error as! StoreError
                return error.kind == .unreachable && !error.message.contains("Not-The-Secret")
                    && error.message.contains("password authentication failed")
            }
        }
    }
}
