import SeedbedSpec
import Testing

@Suite("Rule evaluation with SQL nulls")
struct RuleEvaluatorTests {
    static let spec = """
        dataset d as of 2026-01-01
        table customer {
          rows 10
          id int key
          birth date uniform(1950-01-01, 2000-12-31)
          age int = years_between(birth, as_of())
          name text fake person.name
        }
        table loan {
          rows per customer poisson(1)
          customer_id int references customer.id
          product text one of { home, car }
          ltv decimal(2) uniform(0.1, 1.1) nullable 5%
        }
        rule A require customer.age >= 18
        rule B when loan.product = "home" require loan.ltv <= 0.95
        rule C forbid loan.product = "car" and customer.name matches "Z.*"
        rule D when loan.ltv not between 0.2 and 0.9 forbid loan.product in { "car" }
        """

    let rules = Checker().check(source: Self.spec, file: "t.seed").syntax.rules
    let evaluator = RuleEvaluator(asOf: CivilDate.days(year: 2026, month: 1, day: 1))

    func violated(_ id: String, _ row: [String: SQLValue]) -> Bool {
        let rule = rules.first { $0.id.name == id }!
        return evaluator.isViolated(rule) { table, column in row["\(table ?? "").\(column)"] ?? .null }
    }

    @Test func requireIsBrokenOnlyByFalse() {
        #expect(violated("A", ["customer.age": .number(17)]))
        #expect(!violated("A", ["customer.age": .number(18)]))
        #expect(!violated("A", ["customer.age": .null]))
    }

    @Test func whenMustBeTrueForTheRuleToApply() {
        #expect(violated("B", ["loan.product": .text("home"), "loan.ltv": .number(0.96)]))
        #expect(!violated("B", ["loan.product": .text("car"), "loan.ltv": .number(0.96)]))
        #expect(!violated("B", ["loan.product": .null, "loan.ltv": .number(0.96)]))
        #expect(!violated("B", ["loan.product": .text("home"), "loan.ltv": .null]))
    }

    @Test func forbidIsBrokenOnlyByTrue() {
        #expect(violated("C", ["loan.product": .text("car"), "customer.name": .text("Zoe Adams")]))
        #expect(!violated("C", ["loan.product": .text("car"), "customer.name": .text("Ann Adams")]))
        #expect(!violated("C", ["loan.product": .text("car"), "customer.name": .null]))
    }

    @Test func notBetweenAndInFollowSQL() {
        #expect(violated("D", ["loan.ltv": .number(0.95), "loan.product": .text("car")]))
        #expect(!violated("D", ["loan.ltv": .number(0.5), "loan.product": .text("car")]))
        #expect(!violated("D", ["loan.ltv": .null, "loan.product": .text("car")]))
        #expect(!violated("D", ["loan.ltv": .number(0.95), "loan.product": .text("home")]))
    }

    @Test func functionsFollowTheCalendar() throws {
        let column = try #require(
            Checker().check(source: Self.spec, file: "t.seed").syntax.tables[0].column(named: "age"))
        guard case .derived(let expr)? = column.generator?.value else { throw CancellationError() }
        func age(born: Int) -> SQLValue { evaluator.evaluate(expr) { _, _ in .date(born) } }
        #expect(age(born: CivilDate.days(year: 2008, month: 1, day: 1)!) == .number(18))
        #expect(age(born: CivilDate.days(year: 2008, month: 1, day: 2)!) == .number(17))
        #expect(age(born: CivilDate.days(year: 2000, month: 2, day: 29)!) == .number(25))
    }
}
