import SeedbedSpec
import SeedbedStores
import Testing

/// Tables whose CHECKs the translation cases read. The PostgreSQL columns are `format_type`'s
/// output for the table the cases were recorded from (PostgreSQL 15, `pg_get_constraintdef`).
enum CheckFixtures {
    static let postgresLoan = TableSchema(
        name: TableName("loan"),
        columns: [
            ColumnSchema(name: "id", declaredType: "bigint", isNullable: false),
            ColumnSchema(name: "amount", declaredType: "numeric(12,2)"),
            ColumnSchema(name: "limit", declaredType: "numeric(12,2)"),
            ColumnSchema(name: "ltv", declaredType: "numeric(5,3)"),
            ColumnSchema(name: "status", declaredType: "character varying(20)"),
            ColumnSchema(name: "product", declaredType: "text"),
            ColumnSchema(name: "term", declaredType: "integer"),
            ColumnSchema(name: "rate", declaredType: "double precision"),
            ColumnSchema(name: "disbursed", declaredType: "date"),
            ColumnSchema(name: "created_at", declaredType: "timestamp with time zone"),
            ColumnSchema(name: "updated_at", declaredType: "timestamp without time zone"),
            ColumnSchema(name: "active", declaredType: "boolean"),
            ColumnSchema(name: "name", declaredType: "text"),
            ColumnSchema(name: "code", declaredType: "character(3)"),
            ColumnSchema(name: "MixedCase", declaredType: "integer"),
            ColumnSchema(name: "score", declaredType: "smallint"),
            ColumnSchema(name: "ref", declaredType: "uuid"),
            ColumnSchema(name: "doc", declaredType: "jsonb"),
            ColumnSchema(name: "total", declaredType: "numeric(12,2)", isGenerated: true),
        ])

    static let sqliteLoan = TableSchema(
        name: TableName("loan"),
        columns: [
            ColumnSchema(name: "id", declaredType: "INTEGER"),
            ColumnSchema(name: "amount", declaredType: "NUMERIC(18,2)"),
            ColumnSchema(name: "limit", declaredType: "NUMERIC(18,2)"),
            ColumnSchema(name: "rate", declaredType: "REAL"),
            ColumnSchema(name: "term", declaredType: "INTEGER"),
            ColumnSchema(name: "status", declaredType: "TEXT"),
            ColumnSchema(name: "active", declaredType: "BOOLEAN"),
            ColumnSchema(name: "disbursed", declaredType: "DATE"),
            ColumnSchema(name: "created_at", declaredType: "TIMESTAMP"),
            ColumnSchema(name: "Loan Ref", declaredType: "UUID"),
            ColumnSchema(name: "raw", declaredType: "BLOB"),
        ])
}

@Suite("CHECK constraints become spec rules")
struct CheckTranslationTests {
    /// `pg_get_constraintdef` outputs (outer `CHECK (…)` removed) and the rule each becomes.
    static let postgresCases: [(String, String)] = [
        ("(amount > (0)::numeric)", "require loan.amount > 0"),
        ("(amount <= (\"limit\" * (2)::numeric))", "require loan.amount <= loan.limit * 2"),
        (
            "((status)::text = ANY ((ARRAY['approved'::character varying, 'declined'::character varying, 'review'::character varying])::text[]))",
            "require loan.status in { \"approved\", \"declined\", \"review\" }"
        ),
        ("(product = ANY (ARRAY['home'::text, 'car'::text]))", "require loan.product in { \"home\", \"car\" }"),
        ("((status)::text = 'x'::text)", "require loan.status = \"x\""),
        ("((ltv >= 0.0) AND (ltv <= 1.0))", "require loan.ltv >= 0.0 and loan.ltv <= 1.0"),
        ("(disbursed IS NOT NULL)", "require loan.disbursed is not null"),
        ("(NOT (active AND (disbursed IS NULL)))", "require not (loan.active and loan.disbursed is null)"),
        ("(disbursed >= '2020-01-01'::date)", "require loan.disbursed >= 2020-01-01"),
        ("(length(name) > 0)", "require length(loan.name) > 0"),
        ("((term >= 1) AND (term <= 360))", "require loan.term >= 1 and loan.term <= 360"),
        ("((term < 100) OR (term > 200))", "require loan.term < 100 or loan.term > 200"),
        ("(product <> 'payday'::text)", "require loan.product != \"payday\""),
        ("(term > '-1'::integer)", "require loan.term > -1"),
        (
            "((rate >= ('-0.5'::numeric)::double precision) AND (rate < ('100'::numeric)::double precision))",
            "require loan.rate >= -0.5 and loan.rate < 100"
        ),
        ("(amount >= '-1.5'::numeric)", "require loan.amount >= -1.5"),
        (
            "(created_at >= '2020-01-01 00:00:00+00'::timestamp with time zone)",
            "require loan.created_at >= 2020-01-01T00:00:00Z"
        ),
        (
            "(updated_at < '2030-01-01 12:30:00'::timestamp without time zone)",
            "require loan.updated_at < 2030-01-01T12:30:00Z"
        ),
        ("(active = true)", "require loan.active = true"),
        ("active", "require loan.active"),
        (
            "(((status)::text <> 'declined'::text) OR (disbursed IS NULL))",
            "require loan.status != \"declined\" or loan.disbursed is null"
        ),
        ("(term = ANY (ARRAY[12, 24, 36]))", "require loan.term in { 12, 24, 36 }"),
        ("(\"MixedCase\" <> 3)", "require loan.MixedCase != 3"),
        (
            "((amount - \"limit\") < ((1000 + term))::numeric)",
            "require loan.amount - loan.limit < 1000 + loan.term"
        ),
        ("((term % 12) = 0)", "require loan.term % 12 = 0"),
        ("((amount / (term)::numeric) > (10)::numeric)", "require loan.amount / loan.term > 10"),
        ("(lower(name) = name)", "require lower(loan.name) = loan.name"),
        ("(abs(rate) <= (1)::double precision)", "require abs(loan.rate) <= 1"),
        ("(code = ANY (ARRAY['ABC'::bpchar, 'DEF'::bpchar]))", "require loan.code in { \"ABC\", \"DEF\" }"),
        ("((score >= '-5'::integer) AND (score <= 5))", "require loan.score >= -5 and loan.score <= 5"),
        (
            "((disbursed >= '2020-01-01'::date) AND (disbursed <= '2025-12-31'::date))",
            "require loan.disbursed >= 2020-01-01 and loan.disbursed <= 2025-12-31"
        ),
        ("(active IS TRUE)", "require loan.active is not null and loan.active = true"),
        ("(active IS NOT TRUE)", "require loan.active is null or loan.active = false"),
        ("(name <> ''::text)", "require loan.name != \"\""),
        ("(name = 'it''s'::text)", "require loan.name = \"it's\""),
        ("((- amount) < (0)::numeric)", "require -loan.amount < 0"),
        (
            "((amount > (0)::numeric) OR ((amount < (0)::numeric) AND (term > 1)))",
            "require loan.amount > 0 or loan.amount < 0 and loan.term > 1"
        ),
        ("(char_length(name) < 100)", "require length(loan.name) < 100"),
        ("(upper((code)::text) = (code)::text)", "require upper(loan.code) = loan.code"),
        ("(rate > (0.5)::double precision)", "require loan.rate > 0.5"),
        ("(amount > ('1000000000000'::bigint)::numeric)", "require loan.amount > 1_000_000_000_000"),
        ("(((term)::numeric / (2)::numeric) > (1)::numeric)", "require loan.term / 2 > 1"),
        (
            "((ltv > (0)::numeric) AND (NOT (active IS NULL)))",
            "require loan.ltv > 0 and not loan.active is null"
        ),
        ("(term <> ALL (ARRAY[1, '-2'::integer, 3]))", "require loan.term not in { 1, -2, 3 }"),
        (
            "(ref <> '0A000000-0000-0000-0000-000000000000'::uuid)",
            "require loan.ref != \"0a000000-0000-0000-0000-000000000000\""
        ),
        (
            "(amount = ANY (ARRAY[1.5, (2)::numeric, '-3.25'::numeric]))",
            "require loan.amount in { 1.5, 2, -3.25 }"
        ),
        (
            "((created_at >= '2020-01-01 00:00:00+00'::timestamp with time zone) AND (created_at <= '2020-12-31 21:59:59.5+02'::timestamp with time zone))",
            "require loan.created_at >= 2020-01-01T00:00:00Z and loan.created_at <= 2020-12-31T19:59:59.5Z"
        ),
        ("(NOT active)", "require not loan.active"),
        ("CHECK ((amount > (0)::numeric)) NOT VALID", "require loan.amount > 0"),
        ("CHECK ((term > 0)) NO INHERIT", "require loan.term > 0"),
        (
            "((((term + 1) * 2) <= 100) AND ((term - '-1'::integer) > 0))",
            "require (loan.term + 1) * 2 <= 100 and loan.term - -1 > 0"
        ),
        (
            "(((amount > (0)::numeric) AND (amount < 0.001)) OR (amount = (0)::numeric))",
            "require loan.amount > 0 and loan.amount < 0.001 or loan.amount = 0"
        ),
    ]

    @Test("PostgreSQL's printed CHECKs", arguments: postgresCases)
    func postgres(expression: String, expected: String) {
        let check = CheckConstraint(name: "c", expression: expression)
        let translation = CheckTranslator(dialect: .postgres).translate(check, of: CheckFixtures.postgresLoan)
        #expect(Self.text(translation) == "db:c: " + expected)
    }

    /// CHECKs as people write them in SQLite.
    static let sqliteCases: [(String, String)] = [
        ("amount > 0", "require loan.amount > 0"),
        ("AMOUNT>0 and Term >= 12", "require loan.amount > 0 and loan.term >= 12"),
        ("status IN ('approved', 'declined')", "require loan.status in { \"approved\", \"declined\" }"),
        ("status not in ('x')", "require loan.status not in { \"x\" }"),
        ("term BETWEEN 1 AND 360", "require loan.term between 1 and 360"),
        ("term NOT BETWEEN -5 AND +5", "require loan.term not between -5 and 5"),
        (
            "status == 'a' OR status != 'b' OR status <> 'c'",
            "require loan.status = \"a\" or loan.status != \"b\" or loan.status != \"c\""
        ),
        ("disbursed IS NOT NULL", "require loan.disbursed is not null"),
        ("disbursed NOTNULL or status ISNULL", "require loan.disbursed is not null or loan.status is null"),
        ("disbursed not null", "require loan.disbursed is not null"),
        ("active IN (0, 1)", "require loan.active in { false, true }"),
        ("active = TRUE", "require loan.active = true"),
        ("disbursed >= '2020-01-01'", "require loan.disbursed >= 2020-01-01"),
        ("created_at >= '2020-01-01'", "require loan.created_at >= 2020-01-01T00:00:00Z"),
        ("'2020-01-01' > created_at", "require 2020-01-01T00:00:00Z > loan.created_at"),
        ("created_at < '2030-06-01 12:00:00.25'", "require loan.created_at < 2030-06-01T12:00:00.25Z"),
        ("amount <= \"limit\" * 2", "require loan.amount <= loan.limit * 2"),
        ("[amount] <= `limit` / 2.0", "require loan.amount <= loan.limit / 2.0"),
        ("amount / rate > 1", "require loan.amount / loan.rate > 1"),
        ("loan.amount > 0", "require loan.amount > 0"),
        ("status IN (\"a\", \"b\")", "require loan.status in { \"a\", \"b\" }"),
        ("length(status) BETWEEN 1 AND 20", "require length(loan.status) between 1 and 20"),
        ("max(amount, \"limit\") < 1e6", "require max(loan.amount, loan.limit) < 1000000.0"),
        (
            "\"Loan Ref\" IS NULL OR \"Loan Ref\" <> ''",
            "require loan.`Loan Ref` is null or loan.`Loan Ref` != \"\""
        ),
        ("(((amount > 0)))", "require loan.amount > 0"),
        ("amount > 0 -- positive\n /* and more */ AND term > 0", "require loan.amount > 0 and loan.term > 0"),
        ("NOT (status = 'a' AND amount > 0x10)", "require not (loan.status = \"a\" and loan.amount > 16)"),
        ("amount = CAST(term AS REAL) * 2", "require loan.amount = loan.term * 2"),
        ("term % 2 = 0", "require loan.term % 2 = 0"),
        ("active", "require loan.active"),
    ]

    @Test("SQLite CHECKs as written", arguments: sqliteCases)
    func sqlite(expression: String, expected: String) {
        let check = CheckConstraint(name: "loan_check_1", expression: expression)
        let translation = CheckTranslator(dialect: .sqlite).translate(check, of: CheckFixtures.sqliteLoan)
        #expect(Self.text(translation) == "db:loan_check_1: " + expected)
    }

    static let unsupportedCases: [(Dialect, String, String)] = [
        (.postgres, "(name ~~ 'A%'::text)", "uses LIKE, which the spec language has no form of"),
        (
            .postgres, "(code ~ '^[A-Z]{3}$'::text)",
            "uses a regular expression match (~), which the spec language has no form of"
        ),
        (.postgres, "((created_at)::date >= disbursed)", "casts a timestamp to 'date', which drops the time of day"),
        (.postgres, "(COALESCE(term, 0) >= 0)", "calls coalesce(), which the spec language has no equivalent of"),
        (
            .postgres, "((status)::text IS DISTINCT FROM 'x'::text)",
            "uses IS DISTINCT FROM, which the spec language has no form of"
        ),
        (.postgres, "(disbursed < CURRENT_DATE)", "depends on the current time (CURRENT_DATE), which changes"),
        (
            .postgres, "\nCASE\n    WHEN active THEN (term > 0)\n    ELSE true\nEND",
            "uses CASE, which the spec language has no form of"
        ),
        (
            .postgres, "(GREATEST(term, 1) = term)",
            "calls greatest(), which ignores nulls where the spec language's max and min do not"
        ),
        (.postgres, "((term / 2) > 1)", "divides integers, whose quotient SQL truncates"),
        (.postgres, "(term >= ALL (ARRAY[5, 6]))", "uses '>= ALL', which the spec language has no form of"),
        (
            .postgres, "(((status)::text || 'x'::text) <> 'yx'::text)",
            "uses the operator '||', which the spec language has no form of"
        ),
        (.postgres, "(disbursed > ('2020-01-01'::date + 1))", "applies '+' to a date"),
        (.postgres, "((amount)::integer > 5)", "casts a number to 'integer', which rounds"),
        (.postgres, "(doc IS NOT NULL)", "reads 'doc', whose type 'jsonb' the spec language has no type for"),
        (.postgres, "(total > (0)::numeric)", "reads the generated column 'total', which the database computes"),
        (.postgres, "(nothing > 0)", "names no column 'nothing' of loan"),
        (.postgres, "(other.term > 0)", "reads 'other.term', a column of another table"),
        (.postgres, "(status > 5)", "compares a text with the number 5"),
        (.postgres, "(disbursed > 'soon'::text)", "compares a date with a text"),
        (.postgres, "(term)", "the condition is an integer, not true or false"),
        (
            .postgres, "(term = ANY (ARRAY[1, NULL::integer]))",
            "compares with NULL, which is never true (IS NULL tests for null)"
        ),
        (.sqlite, "status NOT IN ('a', NULL)", "compares with NULL, which is never true (IS NULL tests for null)"),
        (.sqlite, "amount = NULL", "compares with NULL, which is never true (IS NULL tests for null)"),
        (.sqlite, "amount + NULL > 0", "applies '+' to NULL, which is always null"),
        (.sqlite, "length(\"Loan Ref\") = 36", "applies length() to a uuid"),
        (
            .postgres, "((status)::text > 'm'::text)",
            "orders text with '>', which PostgreSQL does by the column's collation"
        ),
        (
            .postgres, "((name >= 'a'::text) AND (name <= 'z'::text))",
            "orders text with '>=', which PostgreSQL does by the column's collation"
        ),
        (.sqlite, "status LIKE 'a%'", "uses LIKE, which the spec language has no form of"),
        (.sqlite, "status GLOB '[a-z]*'", "uses GLOB, which the spec language has no form of"),
        (.sqlite, "status NOT GLOB '*x'", "uses GLOB, which the spec language has no form of"),
        (.sqlite, "typeof(amount) = 'integer'", "calls typeof(), which the spec language has no equivalent of"),
        (
            .sqlite, "amount / 2 > 1",
            "divides without a real operand: SQLite truncates the quotient of integers, and its numeric columns hold whole numbers as integers"
        ),
        (
            .sqlite, "created_at > '2020-01-01'",
            "compares a timestamp with the date '2020-01-01', which SQLite does as text; write '2020-01-01 00:00:00'"
        ),
        (
            .sqlite, "created_at > '2020-01-01T10:00:00Z'",
            "compares a timestamp with '2020-01-01T10:00:00Z', which SQLite does as text: write 'YYYY-MM-DD HH:MM:SS' in UTC"
        ),
        (.sqlite, "disbursed >= '2020-1-1'", "compares a date with '2020-1-1', which is not a YYYY-MM-DD date"),
        (.sqlite, "disbursed <= created_at", "compares a date with a timestamp, which SQLite does as text"),
        (.sqlite, "status > 5", "compares a text with the number 5"),
        (.sqlite, "term", "the condition is an integer, not true or false"),
        (.sqlite, "raw IS NOT NULL", "reads 'raw', whose type 'BLOB' the spec language has no type for"),
        (
            .sqlite, "status IS 'a'",
            "uses IS with a value (nulls compare equal there), which the spec language has no form of"
        ),
        (.sqlite, "status IN (SELECT 1)", "uses a subquery"),
        (.sqlite, "term IN ()", "uses an empty IN list"),
        (.sqlite, "term IN (1, amount)", "lists something other than constants in IN"),
        (.sqlite, "active IN (0, 1, 2)", "compares a boolean with the number 2"),
        (.sqlite, "status = 'x' COLLATE NOCASE", "uses COLLATE, which the spec language has no form of"),
        (
            .sqlite, "CAST(disbursed AS DATE) > 0",
            "casts to 'date', which SQLite makes a number or text by the name's affinity"
        ),
        (.sqlite, "amount > 0 AND", "cannot read the condition: it ends too early"),
        (.sqlite, "status = 'unterminated", "the condition's text ends inside a quoted 'unterminated'"),
        (.sqlite, "", "the condition is empty"),
        (.sqlite, "amount % 2 = 0", "takes a remainder of numbers that are not integers"),
        (.sqlite, "amount > ?", "cannot read the condition: unexpected '?'"),
    ]

    @Test("what has no spec form is unsupported, with the reason", arguments: unsupportedCases)
    func unsupported(dialect: Dialect, expression: String, reason: String) {
        let table = dialect == .postgres ? CheckFixtures.postgresLoan : CheckFixtures.sqliteLoan
        let translation = CheckTranslator(dialect: dialect).translate(
            CheckConstraint(name: "c", expression: expression), of: table)
        #expect(translation == .unsupported(reason: reason))
    }

    @Test func exactTreeOfATranslatedRule() throws {
        let check = CheckConstraint(name: "loan_amount_check", expression: "(amount > (0)::numeric)")
        let rule = try #require(
            CheckTranslator(dialect: .postgres).translate(check, of: CheckFixtures.postgresLoan).rule)
        let column = Expr(.column(table: Identifier("loan"), column: Identifier("amount")))
        let expected = RuleDecl(
            id: Identifier("db:loan_amount_check"), requirement: .require,
            body: Expr(.binary(.greater, column, Expr(.literal(.number(.integer(0)))))))
        #expect(rule == expected)
        #expect(CheckTranslation.specText(of: rule) == "db:loan_amount_check: require loan.amount > 0")
    }

    @Test func literalsTakeTheTypeOfTheColumnTheyMeet() throws {
        let translator = CheckTranslator(dialect: .postgres)
        let rule = try #require(
            translator.translate(
                CheckConstraint(name: "d", expression: "('2020-01-02'::date <= disbursed)"),
                of: CheckFixtures.postgresLoan
            ).rule)
        guard case .binary(.lessOrEqual, let literal, _) = rule.body.kind else {
            Issue.record("not a comparison: \(rule.body)")
            return
        }
        #expect(literal.kind == .literal(.date(18_263)))
    }

    @Test func specNamesAndTypesWinWhenTheSpecDeclaresTheTable() throws {
        let spec = TableDecl(
            name: Identifier("Loan"), rows: nil,
            columns: [
                ColumnDecl(name: Identifier("Amount"), type: TypeName(name: Identifier("decimal"))),
                ColumnDecl(name: Identifier("status"), type: TypeName(name: Identifier("date"))),
            ])
        let translator = CheckTranslator(dialect: .sqlite)
        let amount = translator.translate(
            CheckConstraint(name: "a", expression: "amount > 0"), of: CheckFixtures.sqliteLoan, spec: spec)
        #expect(Self.text(amount) == "db:a: require Loan.Amount > 0")
        // The spec says `status` holds dates, so the constant is one.
        let status = translator.translate(
            CheckConstraint(name: "s", expression: "status >= '2021-03-04'"), of: CheckFixtures.sqliteLoan, spec: spec)
        #expect(Self.text(status) == "db:s: require Loan.status >= 2021-03-04")
    }

    @Test func deeplyNestedOrLongConditionsAreRefusedNotCrashed() {
        let translator = CheckTranslator(dialect: .sqlite)
        let nested = String(repeating: "(", count: 5_000) + "amount > 0" + String(repeating: ")", count: 5_000)
        let chain = (0..<3_000).map { _ in "amount > 0" }.joined(separator: " AND ")
        let negations = String(repeating: "NOT ", count: 5_000) + "active"
        for expression in [nested, chain, negations] {
            let translation = translator.translate(
                CheckConstraint(name: "n", expression: expression), of: CheckFixtures.sqliteLoan)
            #expect(translation.rule == nil)
        }
        let fine = (0..<50).map { _ in "amount > 0" }.joined(separator: " AND ")
        #expect(
            translator.translate(CheckConstraint(name: "n", expression: fine), of: CheckFixtures.sqliteLoan).rule != nil
        )
    }

    static func text(_ translation: CheckTranslation) -> String {
        switch translation {
        case .rule(let rule): CheckTranslation.specText(of: rule)
        case .unsupported(let reason): "unsupported: " + reason
        }
    }
}
