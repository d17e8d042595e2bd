import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import Testing

@Suite struct SchemaMergeTests {
    static let spec = """
        dataset shop
        table customer {
          rows 100
          id     int  key
          name   text fake person.name
        }
        table purchase {
          rows per customer uniform(1, 3)
          id          int      key
          customer_id int      references customer.id
          amount      decimal(2) uniform(1, 500)
        }
        """

    static let schema = DatabaseSchema(tables: [
        TableSchema(
            name: TableName("customer"),
            columns: [
                ColumnSchema(name: "id", declaredType: "INTEGER", isNullable: false),
                ColumnSchema(name: "name", declaredType: "TEXT"),
                ColumnSchema(name: "code", declaredType: "varchar(6)", isNullable: false),
                ColumnSchema(
                    name: "created", declaredType: "TIMESTAMP", isNullable: false, defaultValue: "CURRENT_TIMESTAMP"),
                ColumnSchema(name: "search", declaredType: "TEXT", isGenerated: true),
                ColumnSchema(name: "notes", declaredType: "BLOB"),
            ],
            primaryKey: ["id"], uniqueKeys: [["code"]]),
        TableSchema(
            name: TableName("PURCHASE"),
            columns: [
                ColumnSchema(name: "id", declaredType: "INTEGER", isNullable: false),
                ColumnSchema(name: "customer_id", declaredType: "INTEGER", isNullable: false),
                ColumnSchema(name: "amount", declaredType: "NUMERIC(7,2)", isNullable: false),
                ColumnSchema(name: "discount", declaredType: "NUMERIC(3,2)", isNullable: false),
            ],
            primaryKey: ["id"],
            foreignKeys: [
                ForeignKey(
                    name: "fk", columns: ["customer_id"], referencedTable: TableName("customer"),
                    referencedColumns: ["id"])
            ],
            checks: [
                CheckConstraint(name: "positive", expression: "amount > 0"),
                CheckConstraint(name: "odd", expression: "amount GLOB '*1'"),
            ]),
    ])

    func merge(_ spec: String = spec, schema: DatabaseSchema = schema, create: Bool = false) throws -> SchemaMerge {
        let source = SourceFile(name: "shop.seed", text: spec)
        return try SchemaMerge(
            spec: ParsedSpec.parse(source).syntax, schema: schema, dialect: .sqlite, create: create, source: source)
    }

    @Test func databaseColumnsTheSpecLeavesOutAreGeneratedWithTheirConstraints() throws {
        let merged = try merge()
        let printed = SpecPrinter.print(merged.syntax)
        // SQLite enforces no varchar length: unique text only needs room for every row. The
        // defaulted `created`, the generated `search` and the nullable BLOB are the database's.
        #expect(
            printed.contains(
                """
                table customer {
                  rows 100
                  id    int   key
                  name  text  fake person.name
                  code  text  pattern "[a-z0-9]{12}"  unique
                }
                """))
        #expect(printed.contains("  discount     decimal(2)  min 0 max 9.99\n"))
        #expect(merged.bindings.map(\.table.name) == ["customer", "PURCHASE"])
        #expect(
            merged.bindings[1].loadColumns([("amount", .decimal(scale: 2))]) == [
                LoadColumn(name: "amount", type: .decimal(scale: 2), declaredType: "NUMERIC(7,2)")
            ])
    }

    @Test func checksBecomeRulesTheCheckerAccepts() throws {
        let merged = try merge()
        #expect(merged.databaseRules.map(\.id) == ["db:positive"])
        #expect(merged.warnings.count == 1)
        #expect(merged.warnings[0].contains("'odd'"))
        #expect(merged.warnings[0].contains("GLOB"))
        let parsed = ParsedSpec.parse(SourceFile(name: "shop.seed", text: Self.spec)).amending(merged.syntax)
        let checked = Checker().check(parsed)
        #expect(checked.diagnostics.filter { $0.severity == .error }.isEmpty)
        let model = try GenerationModel(checked: checked)
        #expect(model.table(named: "purchase")?.rules.map(\.id) == ["db:positive"])
    }

    @Test func everyDisagreementIsNamedAtOnce() {
        let spec =
            Self.spec
            .replacingOccurrences(of: "name   text fake person.name", with: "nickname text fake person.name")
            .replacingOccurrences(of: "amount      decimal(2)", with: "amount      date")
            + "\ntable refund {\n  rows 5\n  id int key\n}\n"
        #expect {
            try merge(spec)
        } throws: { error in
            let message = (error as! StoreError).message
            return (error as! StoreError).kind == .schema
                && message.contains(
                    "column 'customer.nickname' (shop.seed:5) of the spec is not in database table 'customer'")
                && message.contains(
                    "column 'purchase.amount' (shop.seed:11): the spec says date but the database says 'NUMERIC(7,2)'")
                && message.contains(
                    "table 'refund' (shop.seed:13) of the spec is not in the database (its tables: PURCHASE, customer)")
        }
    }

    @Test func createBindsMissingTablesWithTheDialectsTypes() throws {
        let merged = try merge(schema: DatabaseSchema(tables: []), create: true)
        #expect(merged.bindings.map(\.exists) == [false, false])
        #expect(merged.bindings[1].declaredTypes["amount"] == "NUMERIC(18,2)")
    }

    @Test func aRequiredColumnSeedbedCannotFillIsAnError() {
        var schema = Self.schema
        schema.tables[0].columns.append(ColumnSchema(name: "photo", declaredType: "BLOB", isNullable: false))
        #expect {
            try merge(schema: schema)
        } throws: { error in
            (error as! StoreError).message.contains(
                "column 'customer.photo' is not in the spec and its type 'BLOB' is not one Seedbed generates")
        }
    }
}
