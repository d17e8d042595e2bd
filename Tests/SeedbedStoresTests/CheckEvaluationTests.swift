import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

/// A translated rule judges rows as the database judges them: SQLite accepts a row into a table
/// with the CHECK exactly when `RuleEvaluator` finds the rule unbroken, nulls included.
@Suite("translated CHECKs agree with SQLite")
struct CheckEvaluationTests {
    /// A column of the test table: its SQL values (as SQL text, `NULL` included) and the value
    /// rules see for each.
    struct Column {
        var name: String
        var declared: String
        var values: [(sql: String, value: SQLValue)]
    }

    static let columns: [Column] = [
        Column(
            name: "amount", declared: "NUMERIC(18,2)",
            values: [
                ("-1", .number(-1)), ("0", .number(0)), ("0.5", .number(0.5)), ("1", .number(1)),
                ("10", .number(10)), ("25.25", .number(25.25)), ("100", .number(100)),
            ]),
        Column(
            name: "limit", declared: "NUMERIC(18,2)",
            values: [("0", .number(0)), ("0.25", .number(0.25)), ("5", .number(5)), ("50", .number(50))]),
        Column(
            name: "rate", declared: "REAL",
            values: [("0.0", .number(0)), ("0.5", .number(0.5)), ("2.0", .number(2)), ("-4.0", .number(-4))]),
        Column(
            name: "term", declared: "INTEGER",
            values: [
                ("-3", .number(-3)), ("0", .number(0)), ("1", .number(1)), ("3", .number(3)),
                ("12", .number(12)), ("150", .number(150)), ("360", .number(360)), ("361", .number(361)),
            ]),
        Column(
            name: "status", declared: "TEXT",
            values: [
                ("'a'", .text("a")), ("'b'", .text("b")), ("'A'", .text("A")), ("''", .text("")),
                ("'ab'", .text("ab")),
            ]),
        Column(name: "active", declared: "BOOLEAN", values: [("0", .bool(false)), ("1", .bool(true))]),
        Column(
            name: "disbursed", declared: "DATE",
            values: [
                ("'2019-12-31'", .date(18_261)), ("'2020-01-01'", .date(18_262)),
                ("'2020-01-02'", .date(18_263)),
            ]),
        Column(
            name: "created_at", declared: "TIMESTAMP",
            values: [
                ("'2019-12-31 23:59:59'", .timestamp(1_577_836_799_000_000)),
                ("'2020-01-01 00:00:00'", .timestamp(1_577_836_800_000_000)),
                ("'2020-01-01 00:00:00.5'", .timestamp(1_577_836_800_500_000)),
                ("'2020-01-02 11:59:59.999999'", .timestamp(1_577_966_399_999_999)),
                ("'2020-01-02 12:00:00'", .timestamp(1_577_966_400_000_000)),
            ]),
    ]

    static let conditions = [
        "amount > 0",
        "amount <= \"limit\" * 2",
        "amount - \"limit\" >= -0.75",
        "status IN ('a', 'b')",
        "status NOT IN ('a', 'ab')",
        "term BETWEEN 1 AND 360",
        "term NOT BETWEEN 2 AND 12",
        "disbursed IS NOT NULL OR status = 'a'",
        "NOT (active AND disbursed IS NULL)",
        "active = 1 OR term > 100",
        "disbursed >= '2020-01-01'",
        "disbursed <> '2020-01-02' AND disbursed > '2019-12-31'",
        "created_at >= '2020-01-01' AND created_at < '2020-01-02 12:00:00'",
        "'2020-01-01' > created_at OR created_at >= '2020-01-01 00:00:00.5'",
        "length(status) BETWEEN 1 AND 1",
        "max(amount, \"limit\") < 50",
        "amount / rate > 1",
        "term % 3 = 0",
        "lower(status) = status",
        "abs(term) < 5 OR -amount > 0",
        "(amount > 0) = (term > 0)",
        "status IN (\"a\", \"ab\")",
        "status BETWEEN 'A' AND 'a' OR status > 'ab'",
    ]

    static var table: TableSchema {
        TableSchema(
            name: TableName("loan"),
            columns: columns.map { ColumnSchema(name: $0.name, declaredType: $0.declared) })
    }

    @Test("SQLite and the rule evaluator give every row the same verdict", arguments: conditions)
    func sameVerdicts(condition: String) throws {
        let rule = try #require(
            CheckTranslator(dialect: .sqlite).translate(
                CheckConstraint(name: "c", expression: condition), of: Self.table
            ).rule)
        let database = try CheckSQLite()
        let definitions = Self.columns.map { "\(SQLIdentifier.quote($0.name)) \($0.declared)" }
        try database.execute("CREATE TABLE loan (\(definitions.joined(separator: ", ")), CHECK (\(condition)))")
        var random = SplitMix64(state: 0xC0FFEE)
        let evaluator = RuleEvaluator(asOf: nil)
        var verdicts: Set<Bool> = []
        for _ in 0..<400 {
            // A null in about one value in five.
            let row = Self.columns.map { column in
                Int.random(in: 0..<5, using: &random) == 0
                    ? ("NULL", SQLValue.null) : column.values.randomElement(using: &random) ?? ("NULL", .null)
            }
            var accepted = true
            do throws(CheckSQLite.Failure) {
                try database.execute("INSERT INTO loan VALUES (\(row.map(\.0).joined(separator: ", ")))")
            } catch {
                #expect(error.message.hasPrefix("CHECK constraint failed"), "\(error.message)")
                accepted = false
            }
            let broken = evaluator.isViolated(rule) { table, column in
                guard table == "loan", let index = Self.columns.firstIndex(where: { $0.name == column }) else {
                    return .null
                }
                return row[index].1
            }
            #expect(accepted == !broken, "\(condition) on (\(row.map(\.0).joined(separator: ", ")))")
            verdicts.insert(accepted)
        }
        // The rows exercise both outcomes, so agreement means something.
        #expect(verdicts == [true, false], "\(condition): every row got the same verdict")
    }
}
