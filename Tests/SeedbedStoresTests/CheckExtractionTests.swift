import Foundation
import PropertyBased
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("CHECKs read from SQLite's CREATE TABLE text")
struct CheckExtractionTests {
    private func checks(_ sql: String, table: String = "t") -> [CheckConstraint] {
        SQLiteCreateTable.checkConstraints(in: sql, table: table)
    }

    @Test func tableAndColumnChecksNamedAndUnnamed() {
        let sql = """
            CREATE TABLE loan (
              id INTEGER PRIMARY KEY,
              amount NUMERIC(18,2) NOT NULL CHECK (amount > 0),
              ltv REAL CONSTRAINT ltv_range CHECK (ltv BETWEEN 0 AND 1.5),
              status TEXT DEFAULT ('new') CHECK(status IN ('new', 'done')),
              CONSTRAINT amount_cap CHECK (amount <= 1000000),
              CHECK ((ltv < 1) OR (status = 'done'))
            )
            """
        #expect(
            checks(sql, table: "loan") == [
                CheckConstraint(name: "loan_check_1", expression: "amount > 0"),
                CheckConstraint(name: "ltv_range", expression: "ltv BETWEEN 0 AND 1.5"),
                CheckConstraint(name: "loan_check_2", expression: "status IN ('new', 'done')"),
                CheckConstraint(name: "amount_cap", expression: "amount <= 1000000"),
                CheckConstraint(name: "loan_check_3", expression: "(ltv < 1) OR (status = 'done')"),
            ])
    }

    @Test func quotesCommentsAndStringsHideNothing() {
        let sql = #"""
            CREATE TABLE "odd(table" ( -- CHECK (not this)
              "check" INT CHECK ("check" > 0), /* CHECK (nor this) */
              [CHECK (x)] TEXT DEFAULT 'CHECK (no)' CHECK ([CHECK (x)] <> 'a)b'),
              `x``y` INT CONSTRAINT "named ""one""" CHECK (`x``y` IN (1, 2) /* ) */),
              note TEXT CHECK (note <> 'it''s -- not a comment')
            ) WITHOUT ROWID
            """#
        #expect(
            checks(sql) == [
                CheckConstraint(name: "t_check_1", expression: "\"check\" > 0"),
                CheckConstraint(name: "t_check_2", expression: "[CHECK (x)] <> 'a)b'"),
                CheckConstraint(name: "named \"one\"", expression: "`x``y` IN (1, 2) /* ) */"),
                CheckConstraint(name: "t_check_3", expression: "note <> 'it''s -- not a comment'"),
            ])
    }

    @Test func nestedParenthesesAndWhiteSpaceAsSQLiteReportsThem() {
        let sql = "create temp table if not exists main.t(a int check(\n  ((a + (1)) * 2) > (0)  \n))"
        #expect(checks(sql) == [CheckConstraint(name: "t_check_1", expression: "((a + (1)) * 2) > (0)")])
    }

    @Test func aNameCoversTheConstraintsAfterItAsInSQLite() throws {
        // SQLite names every constraint after `CONSTRAINT x` in a column definition, and in a run
        // of table constraints up to a comma; the last column's name carries into that run.
        let sql = """
            CREATE TABLE t(a INT CONSTRAINT c1 NOT NULL CHECK (a <> 1) CHECK (a <> 2),
              b INT CHECK (b <> 3),
              c INT CONSTRAINT c3 UNIQUE,
              CHECK (c <> 4) CONSTRAINT c4 CHECK (c <> 5),
              CHECK (c <> 6))
            """
        #expect(
            checks(sql).map(\.name) == ["c1", "c1_2", "t_check_1", "c3", "c4", "t_check_2"])
        // SQLite agrees: the check after `c INT CONSTRAINT c3 UNIQUE,` fails as c3.
        let database = try CheckSQLite()
        try database.execute(sql)
        #expect(throws: CheckSQLite.Failure(message: "CHECK constraint failed: c3")) {
            try database.execute("INSERT INTO t VALUES (0, 0, 4)")
        }
        #expect(throws: CheckSQLite.Failure(message: "CHECK constraint failed: c <> 6")) {
            try database.execute("INSERT INTO t VALUES (0, 0, 6)")
        }
    }

    @Test func namesAreDistinct() {
        let sql =
            "CREATE TABLE t(a INT, CONSTRAINT t_check_1 CHECK (a > 0), CHECK (a < 9), CONSTRAINT t_check_1 CHECK (a <> 5))"
        #expect(checks(sql).map(\.name) == ["t_check_1", "t_check_2", "t_check_1_2"])
    }

    @Test(
        "no checks in text that is not a CREATE TABLE with definitions",
        arguments: [
            "CREATE TABLE t AS SELECT 1 AS a", "CREATE VIEW v AS SELECT 1 WHERE 1 CHECK", "", "CREATE TABLE t(",
            "CREATE TABLE t(a INT CHECK (a > 0", "CREATE TABLE t(a INT CHECK", "CHECK (a > 0)",
        ])
    func nothingToRead(sql: String) {
        #expect(checks(sql) == [])
    }

    /// What SQLite itself reports when each check fails is the name, or for an unnamed check the
    /// expression text, of the check `SQLiteCreateTable` read.
    @Test func everyFailureSQLiteReportsMapsToTheCheckThatFailed() throws {
        let sql = """
            CREATE TABLE t(a INT CONSTRAINT c1 NOT NULL CHECK (a <> 1) CHECK(  a <> 2 ),
              b INT CHECK (b <> 3 /* three */),
              CHECK (b <> 4) CONSTRAINT "c 2" CHECK (b <> 5),
              CHECK (a <> 6 -- six
              ))
            """
        let database = try CheckSQLite()
        try database.execute(sql)
        let found = checks(sql)
        #expect(found.map(\.name) == ["c1", "c1_2", "t_check_1", "t_check_2", "c 2", "t_check_3"])
        // SQLite reports both checks named c1 as c1: the message leads to the first of them.
        let failing = [(1, 0, 0), (2, 0, 0), (0, 3, 2), (0, 4, 3), (0, 5, 4), (6, 0, 5)]
        for (a, b, index) in failing {
            var reported = ""
            do throws(CheckSQLite.Failure) {
                try database.execute("INSERT INTO t VALUES (\(a), \(b))")
            } catch {
                reported = error.message.replacingOccurrences(of: "CHECK constraint failed: ", with: "")
            }
            let check = SQLiteCreateTable.check(reportedAs: reported, among: found)
            #expect(check == found[index], "SQLite reported '\(reported)'")
        }
    }

    // MARK: - Hostile text

    private static let fragments = [
        "CREATE", " TABLE ", "t", "(", ")", ",", "CHECK", " CHECK (", "CONSTRAINT ", "'", "''", "\"", "`", "[", "]",
        "--", "/*", "*/", "\n", " ", "a > 0", "AND", "::", "x'00'", "é", "😀", "\u{0}", "NOT NULL", "IN (1, 2)",
        "0x", "1e", ".5", "?", "$1", ":a", "@b", "E'\\''",
    ]

    @Test func randomTextNeverCrashes() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            let text = (0..<Int.random(in: 0...40, using: &random)).map { _ in
                Self.fragments.randomElement(using: &random) ?? ""
            }.joined()
            Self.assertWellBehaved(text)
        }
    }

    @Test func mutatedStatementsNeverCrash() async {
        let statements = [
            "CREATE TABLE loan (id INTEGER PRIMARY KEY, amount NUMERIC CHECK (amount > 0), status TEXT CONSTRAINT s CHECK (status IN ('a', 'b')), CHECK (amount < 10 OR status = 'b'))",
            "CREATE TABLE \"t\"([a] INT CHECK ([a] BETWEEN -1 AND 1) /* c */, `b` TEXT DEFAULT 'x' CHECK (length(`b`) > 0), CONSTRAINT \"c\" CHECK (a <> 0 AND b NOT NULL))",
        ]
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var random = SplitMix64(state: seed)
            var bytes = Array((statements.randomElement(using: &random) ?? "").utf8)
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                let at = Int.random(in: 0...bytes.count, using: &random)
                let length = Int.random(in: 0...min(8, bytes.count - at), using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes.removeSubrange(at..<at + length)
                case 1:
                    bytes.insert(contentsOf: Array((Self.fragments.randomElement(using: &random) ?? "").utf8), at: at)
                default: bytes.insert(contentsOf: Array(bytes[at..<at + length]), at: at)
                }
            }
            Self.assertWellBehaved(String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Reading checks from `text` and translating them never crashes, every expression is a part of
    /// the text, and names are distinct.
    private static func assertWellBehaved(_ text: String) {
        let found = SQLiteCreateTable.checkConstraints(in: text, table: "t")
        #expect(Set(found.map(\.name)).count == found.count, "\(text)")
        for check in found {
            #expect(check.expression.isEmpty || text.contains(check.expression), "\(text)")
            for dialect in [Dialect.sqlite, .postgres] {
                let table = dialect == .sqlite ? CheckFixtures.sqliteLoan : CheckFixtures.postgresLoan
                _ = CheckTranslator(dialect: dialect).translate(check, of: table)
            }
        }
        for dialect in [Dialect.sqlite, .postgres] {
            let table = dialect == .sqlite ? CheckFixtures.sqliteLoan : CheckFixtures.postgresLoan
            _ = CheckTranslator(dialect: dialect).translate(CheckConstraint(name: "x", expression: text), of: table)
        }
    }
}
