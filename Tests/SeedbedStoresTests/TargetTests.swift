import SeedbedStores
import Testing

@Suite struct TargetTests {
    @Test(arguments: [
        ("sqlite:test.db", Target.sqlite(path: "test.db")),
        ("sqlite:///tmp/a b.sqlite", .sqlite(path: "/tmp/a b.sqlite")),
        ("data/ci.SQLITE3", .sqlite(path: "data/ci.SQLITE3")),
        ("postgres://u@localhost:5433/test", .postgres(connection: "postgres://u@localhost:5433/test")),
        ("postgresql:///test?host=/run/pg", .postgres(connection: "postgresql:///test?host=/run/pg")),
        ("host=localhost dbname=test", .postgres(connection: "host=localhost dbname=test")),
    ])
    func parses(text: String, target: Target) throws {
        #expect(try Target(parsing: text) == target)
    }

    @Test func unknownTargetsAreUsageErrorsWithoutThePassword() {
        #expect {
            try Target(parsing: "mysql://root:hunter2@db/test")
        } throws: { error in
            let error = error as! StoreError
            return error.kind == .usage && !error.message.contains("hunter2") && error.message.contains("sqlite:PATH")
        }
        #expect(throws: StoreError.self) { try Target(parsing: "sqlite:") }
    }

    @Test(arguments: [
        ("postgres://alice:s3cr%40t@db.example:5432/app", "postgres://alice:***@db.example:5432/app"),
        (
            "postgresql://alice@db/app?password=s3cret&sslmode=require",
            "postgresql://alice@db/app?password=***&sslmode=require"
        ),
        ("host=db password='a b\\' c' dbname=app", "host=db password=*** dbname=app"),
        ("host=db PASSWORD=x", "host=db PASSWORD=***"),
        ("sqlite:secret_password=1.db", "sqlite:secret_password=1.db"),
    ])
    func redactsPasswords(text: String, redacted: String) {
        #expect(Target.redactingPassword(in: text) == redacted)
    }
}
