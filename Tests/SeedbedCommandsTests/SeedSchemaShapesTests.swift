import Foundation
import SeedbedStores
import SeedbedTestSupport
import Testing

/// Schemas that trip loaders: a self-reference pointing forward, a table named `order`, column
/// names differing in case, a composite key, into both databases.
@Suite("seedbed seed: schema shapes")
struct SeedSchemaShapesTests {
    static let spec = """
        dataset org
        table employee {
          rows 50
          id          int   key
          manager_id  int   references employee.id  nullable 20%
          Name        text  fake person.name
        }
        table order {
          rows per employee uniform(0, 3)
          id           int   key
          employee_id  int   references employee.id
          amount       decimal(2)  uniform(1, 100)
        }
        """

    static let schema = """
        CREATE TABLE employee (id INTEGER PRIMARY KEY, manager_id INTEGER REFERENCES employee (id), "name" TEXT NOT NULL);
        CREATE TABLE "order" (id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL REFERENCES employee (id),
          "Amount" NUMERIC(7,2) CHECK ("Amount" > 0), line INTEGER NOT NULL, UNIQUE (employee_id, line))
        """

    @Test func sqlite() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("org.seed", Self.spec)
        let path = folder.url.appendingPathComponent("org.db").path
        let database = try SQLiteDatabase(path: path, create: true)
        for statement in Self.schema.split(separator: ";") { try database.execute(String(statement)) }
        let outcome = await seedbed("seed", spec, "--target", path)
        #expect(outcome.exitCode == 2)
        // `line` is half of a composite unique key the spec does not declare: Seedbed cannot
        // make the pair unique, so it says so instead of failing in the middle of the load.
        #expect(
            outcome.error.contains("'order.line'") && outcome.error.contains("(employee_id, line)"), "\(outcome.error)")
        try database.execute("DROP TABLE \"order\"")
        try database.execute(
            "CREATE TABLE \"order\" (id INTEGER PRIMARY KEY, employee_id INTEGER NOT NULL REFERENCES employee (id), \"Amount\" NUMERIC(7,2) CHECK (\"Amount\" > 0))"
        )
        let loaded = await seedbed("seed", spec, "--target", path)
        #expect(loaded.exitCode == 0, "\(loaded.error)")
        #expect(try database.rowCount(of: TableName("employee")) == 50)
        #expect(try database.rowCount(of: TableName("order")) > 0)
    }

    @Test func postgres() async throws {
        let database = try PostgresTestDatabase()
        try database.psql(
            Self.schema.replacingOccurrences(of: ", line INTEGER NOT NULL, UNIQUE (employee_id, line)", with: ""))
        let folder = try TemporaryDirectory()
        let spec = try folder.write("org.seed", Self.spec)
        let outcome = await seedbed("seed", spec, "--target", database.uri)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(
            try database.rows("SELECT count(*), count(manager_id) > 0, bool_or(manager_id > id) FROM employee") == [
                "50|t|t"
            ])
        #expect(try database.rows("SELECT count(*) > 0 FROM \"order\" WHERE \"Amount\" > 0") == ["t"])
    }

    /// A cycle through a nullable column whose foreign keys are not deferrable: made deferrable for
    /// the load inside its transaction, checked, and left NOT DEFERRABLE as it was.
    @Test func postgresCycleOfNonDeferrableKeys() async throws {
        let database = try PostgresTestDatabase()
        try database.psql(
            """
            CREATE TABLE dept (id bigint PRIMARY KEY, head_id bigint);
            CREATE TABLE person (id bigint PRIMARY KEY, dept_id bigint NOT NULL REFERENCES dept (id));
            ALTER TABLE dept ADD CONSTRAINT dept_head FOREIGN KEY (head_id) REFERENCES person (id);
            """)
        let folder = try TemporaryDirectory()
        let spec = try folder.write(
            "cycle.seed",
            """
            dataset cycle
            table dept {
              rows 20
              id       int  key
              head_id  int  references person.id  nullable 30%
            }
            table person {
              rows 100
              id       int  key
              dept_id  int  references dept.id
            }
            """)
        let outcome = await seedbed("seed", spec, "--target", database.uri)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(try database.rows("SELECT count(*), count(head_id) > 0 FROM dept") == ["20|t"])
        #expect(try database.rows("SELECT count(*) FROM person") == ["100"])
        #expect(try database.rows("SELECT condeferrable FROM pg_constraint WHERE conname = 'dept_head'") == ["f"])
    }
}
