import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("SQLite: introspection")
struct SQLiteIntrospectionTests {
    static let schema = """
        CREATE TABLE customer (
          id INTEGER PRIMARY KEY,
          email TEXT NOT NULL UNIQUE,
          name TEXT DEFAULT 'n/a',
          referrer_id INTEGER REFERENCES customer(id)
        );
        CREATE TABLE "Loan Book" (
          "Loan ID" INTEGER NOT NULL,
          "Branch" varchar(10) NOT NULL,
          customer_id INTEGER NOT NULL REFERENCES Customer DEFERRABLE INITIALLY DEFERRED,
          amount NUMERIC(12,2) CHECK (amount > 0),
          doubled NUMERIC GENERATED ALWAYS AS (amount * 2) VIRTUAL,
          shout TEXT GENERATED ALWAYS AS (upper("Branch")) STORED,
          PRIMARY KEY ("Loan ID", "Branch")
        );
        CREATE TABLE payment (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          loan_id INTEGER, branch TEXT, seq INT,
          -- a comment that says REFERENCES x DEFERRABLE INITIALLY DEFERRED
          note TEXT DEFAULT 'REFERENCES', -- so does this default
          FOREIGN KEY (loan_id, branch) REFERENCES "loan book"("Loan ID", "Branch") NOT DEFERRABLE INITIALLY DEFERRED,
          UNIQUE (loan_id, seq)
        );
        CREATE UNIQUE INDEX payment_branch_seq ON payment(branch, seq);
        CREATE UNIQUE INDEX payment_positive_seq ON payment(seq) WHERE seq > 0;
        CREATE UNIQUE INDEX payment_lower_branch ON payment(lower(branch));
        CREATE INDEX payment_note ON payment(note);
        CREATE TABLE "order" ("select" TEXT);
        CREATE TABLE code (id INTEGER PRIMARY KEY, label TEXT) WITHOUT ROWID;
        CREATE TABLE _seedbed_lineage (x);
        """

    @Test func readsEveryKindOfConstraint() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        let schema = try database.introspect()
        // sqlite_sequence (made by AUTOINCREMENT) and _seedbed_lineage are left out.
        #expect(schema.tables.map(\.name.name) == ["customer", "Loan Book", "payment", "order", "code"])

        let customer = TableSchema(
            name: TableName("customer"),
            columns: [
                ColumnSchema(name: "id", declaredType: "INTEGER", isNullable: false, isIdentity: true),
                ColumnSchema(name: "email", declaredType: "TEXT", isNullable: false),
                ColumnSchema(name: "name", declaredType: "TEXT", defaultValue: "'n/a'"),
                ColumnSchema(name: "referrer_id", declaredType: "INTEGER"),
            ],
            primaryKey: ["id"],
            foreignKeys: [
                ForeignKey(
                    name: "fk_customer_1", columns: ["referrer_id"], referencedTable: TableName("customer"),
                    referencedColumns: ["id"])
            ],
            uniqueKeys: [["email"]])
        #expect(schema.table(named: "customer") == customer)

        let loans = TableSchema(
            name: TableName("Loan Book"),
            columns: [
                ColumnSchema(name: "Loan ID", declaredType: "INTEGER", isNullable: false),
                ColumnSchema(name: "Branch", declaredType: "varchar(10)", isNullable: false),
                ColumnSchema(name: "customer_id", declaredType: "INTEGER", isNullable: false),
                ColumnSchema(name: "amount", declaredType: "NUMERIC(12,2)"),
                ColumnSchema(name: "doubled", declaredType: "NUMERIC", isGenerated: true),
                ColumnSchema(name: "shout", declaredType: "TEXT", isGenerated: true),
            ],
            primaryKey: ["Loan ID", "Branch"],
            foreignKeys: [
                // `REFERENCES Customer` without columns: the parent's primary key, its spelling.
                ForeignKey(
                    name: "fk_Loan Book_1", columns: ["customer_id"], referencedTable: TableName("customer"),
                    referencedColumns: ["id"], isDeferrable: true)
            ],
            checks: [CheckConstraint(name: "Loan Book_check_1", expression: "amount > 0")])
        #expect(schema.table(named: "Loan Book") == loans)
        #expect(
            schema.table(named: "Loan Book")?.writableColumns.map(\.name) == [
                "Loan ID", "Branch", "customer_id", "amount",
            ])

        let payment = try #require(schema.table(named: "payment"))
        #expect(
            payment.columns.first
                == ColumnSchema(name: "id", declaredType: "INTEGER", isNullable: false, isIdentity: true))
        #expect(
            payment.foreignKeys == [
                ForeignKey(
                    name: "fk_payment_1", columns: ["loan_id", "branch"], referencedTable: TableName("Loan Book"),
                    referencedColumns: ["Loan ID", "Branch"])
            ])
        // The UNIQUE constraint and the plain unique index; not the partial or expression index.
        #expect(payment.uniqueKeys == [["loan_id", "seq"], ["branch", "seq"]])

        #expect(
            schema.table(named: "order")
                == TableSchema(name: TableName("order"), columns: [ColumnSchema(name: "select", declaredType: "TEXT")]))
        // In a WITHOUT ROWID table an INTEGER PRIMARY KEY is an ordinary column the load must give.
        let code = try #require(schema.table(named: "code"))
        #expect(code.columns[0] == ColumnSchema(name: "id", declaredType: "INTEGER", isNullable: false))
        #expect(code.primaryKey == ["id"] && code.uniqueKeys.isEmpty)
        #expect(schema.tables.filter { !$0.checks.isEmpty }.map(\.name.name) == ["Loan Book"])
    }

    @Test func foreignKeysAreNamedInDeclarationOrder() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(
            in: folder,
            """
            CREATE TABLE a (id INTEGER PRIMARY KEY);
            CREATE TABLE b (id INTEGER PRIMARY KEY);
            CREATE TABLE link (
              a_id INTEGER REFERENCES a(id) DEFERRABLE INITIALLY DEFERRED,
              b_id INTEGER REFERENCES b(id),
              parent INTEGER, FOREIGN KEY (parent) REFERENCES link(a_id) DEFERRABLE INITIALLY IMMEDIATE
            );
            """)
        let link = try #require(try database.introspect().table(named: "link"))
        #expect(link.foreignKeys.map(\.name) == ["fk_link_1", "fk_link_2", "fk_link_3"])
        #expect(link.foreignKeys.map(\.referencedTable.name) == ["a", "b", "link"])
        #expect(link.foreignKeys.map(\.isDeferrable) == [true, false, false])
    }

    @Test func tokensSkipStringsIdentifiersAndComments() {
        let tokens = SQLiteTokens(
            "CREATE TABLE \"x(\" ([a,] int /* ) , */ REFERENCES \"p\"\"q\" DEFERRABLE INITIALLY DEFERRED, 'it''s' -- ,\n) WITHOUT ROWID"
        )
        #expect(tokens.deferredReferences == [true])
        #expect(tokens.isWithoutRowid)
        #expect(!SQLiteTokens("CREATE TABLE t (without_rowid int, rowid int)").isWithoutRowid)
    }
}
