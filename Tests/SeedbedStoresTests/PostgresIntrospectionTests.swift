import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("PostgreSQL introspection")
struct PostgresIntrospectionTests {
    static let ddl = """
        CREATE SCHEMA billing;
        CREATE SCHEMA shadow;
        CREATE TABLE customer (
          id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
          email varchar(80) NOT NULL UNIQUE,
          referrer bigint REFERENCES customer (id) DEFERRABLE,
          born date CHECK (born > '1900-01-01'),
          score numeric(5,2) DEFAULT 0 CONSTRAINT score_range CHECK (score BETWEEN 0 AND 100),
          dropped_later int);
        ALTER TABLE customer DROP COLUMN dropped_later;
        CREATE TABLE "Loan Book" (
          branch int, number int, "Amount" numeric(12,2) NOT NULL,
          doubled numeric GENERATED ALWAYS AS ("Amount" * 2) STORED,
          status text CONSTRAINT status_known CHECK (status IN ('open', 'closed') OR status IS NULL),
          PRIMARY KEY (branch, number));
        CREATE TABLE payment (
          id serial PRIMARY KEY, branch int, number int, paid_at timestamptz,
          FOREIGN KEY (branch, number) REFERENCES "Loan Book" (branch, number));
        CREATE UNIQUE INDEX payment_once ON payment (branch, number, paid_at);
        CREATE UNIQUE INDEX payment_partial ON payment (paid_at) WHERE paid_at IS NOT NULL;
        CREATE TABLE "order" (only_column text);
        CREATE TABLE billing.invoice (id int PRIMARY KEY, customer_id bigint REFERENCES public.customer (id));
        CREATE TABLE shadow.customer (id int);
        CREATE DOMAIN money_amount AS numeric(10,2) NOT NULL;
        CREATE TABLE fee (amount money_amount);
        """

    @Test func readsTablesColumnsKeysAndChecks() throws {
        let db = try PostgresTestDatabase()
        try db.psql(Self.ddl)
        let schema = try db.connect().introspect()

        // Visible tables first by name, then the others with their schema.
        #expect(
            schema.tables.map(\.name) == [
                TableName("Loan Book"), TableName("customer"), TableName("fee"), TableName("order"),
                TableName("payment"), TableName(schema: "billing", "invoice"), TableName(schema: "shadow", "customer"),
            ])

        let customer = try #require(schema.table(named: "customer"))
        #expect(customer.name == TableName("customer"))
        #expect(
            customer.columns == [
                ColumnSchema(
                    name: "id", declaredType: "bigint", isNullable: false, isGenerated: false, isIdentity: true),
                ColumnSchema(name: "email", declaredType: "character varying(80)", isNullable: false),
                ColumnSchema(name: "referrer", declaredType: "bigint"),
                ColumnSchema(name: "born", declaredType: "date"),
                ColumnSchema(name: "score", declaredType: "numeric(5,2)", defaultValue: "0"),
            ])
        #expect(customer.primaryKey == ["id"])
        #expect(customer.uniqueKeys == [["email"]])
        #expect(
            customer.foreignKeys == [
                ForeignKey(
                    name: "customer_referrer_fkey", columns: ["referrer"], referencedTable: TableName("customer"),
                    referencedColumns: ["id"], isDeferrable: true)
            ])
        #expect(
            customer.checks == [
                CheckConstraint(name: "customer_born_check", expression: "born > '1900-01-01'::date"),
                CheckConstraint(
                    name: "score_range", expression: "(score >= (0)::numeric) AND (score <= (100)::numeric)"),
            ])
        #expect(customer.writableColumns.map(\.name) == ["email", "referrer", "born", "score"])

        let loans = try #require(schema.table(named: "Loan Book"))
        #expect(loans.primaryKey == ["branch", "number"])
        #expect(loans.columns.map(\.name) == ["branch", "number", "Amount", "doubled", "status"])
        #expect(loans.columns[2].isNullable == false && loans.columns[0].isNullable == false)
        #expect(loans.columns[3].isGenerated && loans.columns[3].defaultValue == nil)
        #expect(
            loans.checks == [
                CheckConstraint(
                    name: "status_known",
                    expression: "(status = ANY (ARRAY['open'::text, 'closed'::text])) OR (status IS NULL)")
            ])

        let payment = try #require(schema.table(named: "payment"))
        #expect(
            payment.foreignKeys == [
                ForeignKey(
                    name: "payment_branch_number_fkey", columns: ["branch", "number"],
                    referencedTable: TableName("Loan Book"), referencedColumns: ["branch", "number"])
            ])
        // The partial unique index is not a key.
        #expect(payment.uniqueKeys == [["branch", "number", "paid_at"]])
        #expect(payment.columns[0].defaultValue == "nextval('payment_id_seq'::regclass)")
        #expect(!payment.columns[0].isIdentity)

        let order = try #require(schema.table(named: "order"))
        #expect(order.columns == [ColumnSchema(name: "only_column", declaredType: "text")])

        let invoice = try #require(schema.tables.first { $0.name == TableName(schema: "billing", "invoice") })
        #expect(invoice.foreignKeys.map(\.referencedTable) == [TableName("customer")])

        // A domain is described by its base type and its NOT NULL.
        let fee = try #require(schema.table(named: "fee"))
        #expect(fee.columns == [ColumnSchema(name: "amount", declaredType: "numeric(10,2)", isNullable: false)])
    }

    @Test func searchPathDecidesWhichTablesAreUnqualified() throws {
        let db = try PostgresTestDatabase()
        try db.psql(Self.ddl)
        try db.psql("ALTER DATABASE \(db.database.name) SET search_path = billing, shadow, public")
        let schema = try db.connect().introspect()
        // shadow.customer now hides public.customer, and billing.invoice needs no schema.
        #expect(schema.table(named: "customer")?.name == TableName("customer"))
        #expect(schema.table(named: "customer")?.columns.map(\.name) == ["id"])
        #expect(schema.table(named: "invoice")?.name == TableName("invoice"))
        #expect(schema.tables.contains { $0.name == TableName(schema: "public", "customer") })
        let invoice = try #require(schema.table(named: "invoice"))
        #expect(invoice.foreignKeys.first?.referencedTable == TableName(schema: "public", "customer"))
    }

    @Test func anEmptyDatabaseHasNoTables() throws {
        let db = try PostgresTestDatabase()
        #expect(try db.connect().introspect().tables.isEmpty)
    }
}
