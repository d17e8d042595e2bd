import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("seedbed seed")
struct SeedCommandTests {
    static let spec = """
        dataset shop
          seed 3
        table customer {
          rows 300
          id    int   key
          tier  text  one of { basic: 0.9, gold: 0.1 }
          age   int   uniform(18, 90)
        }
        table purchase {
          rows per customer poisson(2)
          id           int   key
          customer_id  int   references customer.id
          amount       decimal(2)  uniform(1, 500)
        }
        rule GOLD-1 when customer.tier = "gold" require customer.age >= 30
        scenario EDGE-1 count 5 of purchase where purchase.amount between 499 and 500
        """

    /// The application's schema: a column the spec does not mention, CHECKs Seedbed can follow
    /// (`fee_small`) and one it cannot (`code_shape`, GLOB), and a defaulted column.
    static let schema = """
        CREATE TABLE customer (
          id INTEGER PRIMARY KEY, tier TEXT NOT NULL, age INT NOT NULL,
          created TEXT NOT NULL DEFAULT 'now');
        CREATE TABLE purchase (
          id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id),
          amount NUMERIC(9,2) NOT NULL CHECK (amount > 0),
          fee NUMERIC(5,2) NOT NULL,
          code TEXT,
          CONSTRAINT fee_small CHECK (fee BETWEEN 1 AND 20 AND fee < amount),
          CONSTRAINT code_shape CHECK (code GLOB '*'));
        """

    final class Fixture {
        let folder: TemporaryDirectory
        let spec: String
        let database: String

        init(schema: String? = SeedCommandTests.schema, spec: String = SeedCommandTests.spec) throws {
            folder = try TemporaryDirectory()
            self.spec = try folder.write("shop.seed", spec)
            database = folder.url.appendingPathComponent("test.db").path
            if let schema {
                let db = try SQLiteDatabase(path: database, create: true)
                for statement in schema.split(separator: ";") where !statement.allSatisfy(\.isWhitespace) {
                    try db.execute(String(statement))
                }
            }
        }

        func open() throws -> SQLiteDatabase { try SQLiteDatabase(path: database, create: false) }

        func rows(_ table: String) throws -> Int { try open().rowCount(of: TableName(table)) }

        /// One column of a table, read back as text, in row order.
        func values(_ table: String, _ column: String, as type: ValueType) throws -> [String] {
            var values: [String] = []
            try open().read(
                table: TableName(table), columns: [LoadColumn(name: column, type: type, declaredType: "")],
                batchSize: 1000
            ) { batch in
                for row in 0..<batch.count { values.append(batch.columns[0].text(at: row)) }
            }
            return values
        }
    }

    @Test func fillsTheSchemaObeyingItsChecksAndWritesTheLineage() async throws {
        let fixture = try Fixture()
        let outcome = await seedbed("seed", fixture.spec, "--target", "sqlite:\(fixture.database)")
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(try fixture.rows("customer") == 300)
        let purchases = try fixture.rows("purchase")
        #expect(outcome.output.contains("  customer: 300 rows\n  purchase: \(purchases) rows, scenarios: EDGE-1 5\n"))
        #expect(outcome.output.contains("seeded 2 tables, \(300 + purchases) rows in "))
        // fee_small became rule db:fee_small, which every row obeys; GLOB is only a warning.
        let fees = try fixture.values("purchase", "fee", as: .decimal(scale: 2)).map { Double($0)! }
        let amounts = try fixture.values("purchase", "amount", as: .decimal(scale: 2)).map { Double($0)! }
        #expect(fees.allSatisfy { (1...20).contains($0) })
        #expect(zip(fees, amounts).allSatisfy { $0 < $1 })
        #expect(outcome.error.contains("warning: CHECK constraint 'code_shape' of 'purchase' (code GLOB '*')"))
        // The database's default stands for the column it defaults.
        #expect(Set(try fixture.values("customer", "created", as: .text)) == ["now"])
        #expect(try fixture.values(Seeder.lineageTable, "id", as: .text) == Array(repeating: "EDGE-1", count: 5))
    }

    @Test func replaceAndTruncateLeaveOneDatasetAppendCollides() async throws {
        let fixture = try Fixture()
        let target = "sqlite:\(fixture.database)"
        #expect(await seedbed("seed", fixture.spec, "--target", target).exitCode == 0)
        let first = try fixture.values("purchase", "amount", as: .decimal(scale: 2))
        #expect(await seedbed("seed", fixture.spec, "--target", target).exitCode == 0)
        #expect(await seedbed("seed", fixture.spec, "--target", target, "--mode", "truncate").exitCode == 0)
        #expect(try fixture.values("purchase", "amount", as: .decimal(scale: 2)) == first)
        #expect(try fixture.rows(Seeder.lineageTable) == 5)

        // The same keys again: the primary key refuses them, and nothing of the load stays.
        let append = await seedbed("seed", fixture.spec, "--target", target, "--mode", "append")
        #expect(append.exitCode == 3)
        #expect(append.error.contains("'customer'") && append.error.contains("key 1"), "\(append.error)")
        #expect(try fixture.rows("customer") == 300)
        #expect(try fixture.values("purchase", "amount", as: .decimal(scale: 2)) == first)
        #expect(try fixture.rows(Seeder.lineageTable) == 5)
    }

    @Test func aViolationInTheLastTableLeavesTheDatabaseAsItWas() async throws {
        // A CHECK Seedbed cannot follow, broken by almost every row: the load stops at the first.
        let schema = Self.schema.replacingOccurrences(of: "code GLOB '*'", with: "fee GLOB '1*'")
        let fixture = try Fixture(schema: schema)
        try fixture.open().execute("INSERT INTO customer (id, tier, age) VALUES (999999, 'kept', 50)")
        let outcome = await seedbed("seed", fixture.spec, "--target", "sqlite:\(fixture.database)")
        #expect(outcome.exitCode == 3)
        #expect(outcome.error.contains("code_shape"), "\(outcome.error)")
        #expect(outcome.error.contains("'purchase'"), "\(outcome.error)")
        #expect(try fixture.values("customer", "tier", as: .text) == ["kept"])
        #expect(try fixture.rows("purchase") == 0)
    }

    @Test func createMakesTheTablesAndAMissingFileIsUnreachableWithoutIt() async throws {
        let fixture = try Fixture(schema: nil)
        let refused = await seedbed("seed", fixture.spec, "--target", fixture.database)
        #expect(refused.exitCode == 3)
        #expect(!FileManager.default.fileExists(atPath: fixture.database))
        let created = await seedbed("seed", fixture.spec, "--target", fixture.database, "--create", "--format", "json")
        #expect(created.exitCode == 0, "\(created.error)")
        let summary = try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as! [String: Any]
        #expect(summary["target"] as? String == "sqlite:\(fixture.database)")
        #expect(summary["lineageRows"] as? Int == 5)
        // The spec has no version: nothing to name (the catalog notes it on stderr).
        #expect(summary["dataset"] == nil)
        let versioned = await seedbed(
            "seed", fixture.spec, "--target", fixture.database, "--version", "2.1.0", "--format", "json", "--catalog",
            fixture.folder.url.appendingPathComponent("catalog.sqlite").path)
        let named = try JSONSerialization.jsonObject(with: Data(versioned.output.utf8)) as! [String: Any]
        #expect(named["dataset"] as? String == "shop@2.1.0")
        #expect(versioned.error.contains("seedbed: recorded shop@2.1.0 in "))
        #expect(try fixture.rows("customer") == 300)
    }

    @Test func disagreementsAreUsageErrorsNamingBoth() async throws {
        let fixture = try Fixture(schema: "CREATE TABLE customer (id INTEGER PRIMARY KEY, tier TEXT)")
        let outcome = await seedbed("seed", fixture.spec, "--target", "sqlite:\(fixture.database)")
        #expect(outcome.exitCode == 2)
        #expect(
            outcome.error.contains(
                "column 'customer.age' (\(fixture.spec):7) of the spec is not in database table 'customer'"))
        #expect(outcome.error.contains("table 'purchase' (\(fixture.spec):9) of the spec is not in the database"))
    }

    @Test func passwordsNeverShow() async {
        let outcome = await seedbed("seed", "missing.seed", "--target", "mysql://root:hunter2@db/app")
        #expect(outcome.exitCode == 2)
        let outcome2 = await seedbed(
            "seed", Repository.root().appendingPathComponent("rules/lending.seed").path, "--target",
            "mysql://root:hunter2@db/app")
        #expect(outcome2.exitCode == 2)
        #expect(!outcome2.error.contains("hunter2"))
        #expect(outcome2.error.contains("mysql://root:***@db/app"))
    }
}

@Suite("seedbed seed, interrupted")
struct SeedInterruptionTests {
    /// The built `seedbed` next to the test bundle (`swift build` makes it before `swift test`).
    static var executable: URL? {
        let url = Repository.root().appendingPathComponent(".build/debug/seedbed")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url : nil
    }

    @Test func sigtermRollsTheLoadBackAndSaysSo() throws {
        guard let executable = Self.executable else {
            // CI builds before testing; locally, `swift build` first.
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "no .build/debug/seedbed to run")
            return
        }
        let fixture = try SeedCommandTests.Fixture()
        try fixture.open().execute("INSERT INTO customer (id, tier, age) VALUES (999999, 'kept', 50)")
        let process = Process()
        process.executableURL = executable
        process.arguments = [
            "seed", fixture.spec, "--target", "sqlite:\(fixture.database)", "--rows", "customer=3000000",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Long enough to be inside the load, far shorter than 3M customers take.
        Thread.sleep(forTimeInterval: 1.5)
        process.terminate()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 3, "\(message)")
        #expect(message.contains("interrupted: the load was rolled back"), "\(message)")
        #expect(try fixture.values("customer", "tier", as: .text) == ["kept"])
        #expect(try fixture.rows("purchase") == 0)
    }
}
