import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("seedbed seed into PostgreSQL")
struct SeedPostgresTests {
    /// The application's schema, in a non-default schema on the search path's second place,
    /// with CHECKs as pg_get_constraintdef prints them back.
    static let schema = """
        CREATE SCHEMA shop;
        CREATE TABLE shop.customer (
          id bigint PRIMARY KEY, tier text NOT NULL, age integer NOT NULL CHECK (age BETWEEN 18 AND 120),
          created timestamptz NOT NULL DEFAULT now());
        CREATE TABLE shop.purchase (
          id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES shop.customer (id),
          amount numeric(9,2) NOT NULL CHECK (amount > 0),
          fee numeric(5,2) NOT NULL,
          CONSTRAINT fee_small CHECK (fee BETWEEN 1 AND 20 AND fee < amount));
        ALTER DATABASE CURRENT SET search_path = shop, public;
        """

    func prepared(in folder: borrowing TemporaryDirectory) throws -> (PostgresTestDatabase, String) {
        let database = try PostgresTestDatabase()
        try database.psql(Self.schema.replacingOccurrences(of: "CURRENT", with: "\"\(database.database.name)\""))
        return (database, try folder.write("shop.seed", SeedCommandTests.spec))
    }

    @Test func fillsTheSchemaWithCopyObeyingItsChecks() async throws {
        let folder = try TemporaryDirectory()
        let (database, spec) = try prepared(in: folder)
        let outcome = await seedbed("seed", spec, "--target", database.uri)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(try database.rows("SELECT count(*) FROM shop.customer") == ["300"])
        let purchases = try database.rows("SELECT count(*) FROM shop.purchase")
        #expect(outcome.output.contains("  purchase: \(purchases[0]) rows, scenarios: EDGE-1 5\n"))
        #expect(
            try database.rows(
                "SELECT count(*) FROM shop.purchase WHERE NOT (fee BETWEEN 1 AND 20 AND fee < amount)") == ["0"])
        #expect(try database.rows("SELECT count(*) FROM _seedbed_lineage WHERE id = 'EDGE-1'") == ["5"])
        // The same seed into SQLite gives the same rows: the dataset does not depend on the target.
        let sqlite = try SeedCommandTests.Fixture()
        #expect(await seedbed("seed", sqlite.spec, "--target", "sqlite:\(sqlite.database)").exitCode == 0)
        let amounts = try sqlite.values("purchase", "amount", as: .decimal(scale: 2))
        #expect(try database.rows("SELECT amount FROM shop.purchase ORDER BY id") == amounts)
    }

    @Test func aViolationRollsEverythingBack() async throws {
        let folder = try TemporaryDirectory()
        let (database, spec) = try prepared(in: folder)
        // A rule the database has and the spec cannot know: every purchase breaks it.
        try database.psql(
            "INSERT INTO shop.customer VALUES (999999, 'kept', 50); CREATE FUNCTION shop.never(numeric) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT false'; ALTER TABLE shop.purchase ADD CONSTRAINT opaque CHECK (shop.never(amount))"
        )
        let outcome = await seedbed("seed", spec, "--target", database.uri)
        #expect(outcome.exitCode == 3)
        #expect(outcome.error.contains("warning: CHECK constraint 'opaque'"), "\(outcome.error)")
        #expect(outcome.error.contains("'purchase'") && outcome.error.contains("opaque"), "\(outcome.error)")
        #expect(try database.rows("SELECT id, tier FROM shop.customer") == ["999999|kept"])
        #expect(try database.rows("SELECT count(*) FROM shop.purchase") == ["0"])
    }

    @Test func createAndTruncateOnAnEmptyDatabase() async throws {
        let database = try PostgresTestDatabase()
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", SeedCommandTests.spec)
        #expect(await seedbed("seed", spec, "--target", database.uri).exitCode == 2)
        let created = await seedbed("seed", spec, "--target", database.uri, "--create")
        #expect(created.exitCode == 0, "\(created.error)")
        let again = await seedbed("seed", spec, "--target", database.uri, "--mode", "truncate")
        #expect(again.exitCode == 0, "\(again.error)")
        #expect(try database.rows("SELECT count(*) FROM customer") == ["300"])
        #expect(
            try database.rows(
                "SELECT data_type FROM information_schema.columns WHERE table_name = 'purchase' AND column_name = 'amount'"
            ) == ["numeric"])
    }

    @Test func anUnreachableServerIsAnEnvironmentErrorWithoutThePassword() async throws {
        let outcome = await seedbed(
            "seed", Repository.root().appendingPathComponent("rules/lending.seed").path, "--target",
            "postgresql://ci:s3cret@127.0.0.1:1/app?connect_timeout=2")
        #expect(outcome.exitCode == 3)
        #expect(!outcome.error.contains("s3cret"))
    }
}
