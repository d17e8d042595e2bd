import SeedbedScore
import SeedbedSpec
import Testing

@Suite("Scorecard: rule conformance on rows with planted violations")
struct ScorecardConformanceTests {
    static let lending = """
        dataset t
          as of 2026-01-01
        table customer {
          rows 4
          id       int   key
          age      int   uniform(18, 90)
          segment  text  one of { retail: 90%, premium: 10% }
        }
        table loan {
          rows per customer poisson(1.3)
          id           int         key
          customer_id  int         references customer.id
          product      text        one of { home: 0.5, car: 0.3, student: 0.2 }
          ltv          decimal(3)  uniform(0.05, 1.10)
          status       text        one of { approved: 0.7, declined: 0.3 }
          disbursed    date        uniform(2020-01-01, 2025-12-31)  nullable 10%
        }
        rule ELIG-001 eligibility "Borrowers are adults"
          require customer.age >= 18
        rule ELIG-002 eligibility "Home loans need an LTV of at most 95%"
          when loan.product = "home"
          require loan.ltv <= 0.95
        rule CO-003 co-occurrence "Student loans go to applicants under 35"
          when loan.product = "student"
          require customer.age < 35
        rule IMP-004 impossible "A declined loan is never disbursed"
          forbid loan.status = "declined" and loan.disbursed is not null
        rule GAP-005 eligibility "Premium customers are at least 25"
          when customer.segment = "premium"
          require customer.age >= 25
        scenario EDGE-LTV "Home loans right at the LTV limit"
          count 2 of loan
          where loan.product = "home" and loan.ltv between 0.94 and 0.95
        scenario STUDENT "Student loans"
          share 25% of loan
          where loan.product = "student"
        """

    static func spec(_ text: String) throws -> SpecFile {
        let checked = Checker().check(source: text, file: "t.seed")
        let messages = checked.diagnostics.filter { $0.severity == .error }.map(\.message)
        try #require(messages.isEmpty, "\(messages)")
        return checked.syntax
    }

    static func numbers(_ values: [Double?]) -> [SQLValue] { values.map { $0.map(SQLValue.number) ?? .null } }
    static func texts(_ values: [String?]) -> [SQLValue] { values.map { $0.map(SQLValue.text) ?? .null } }

    /// Customer 2 is 16; loans 2 and 7 are home loans above 95%; loan 3 is a student loan of a
    /// 40-year-old; loans 4 and 8 are declined yet disbursed; loan 6 has no parent row (its
    /// customer's age is null, so CO-003 is unknown for it, not broken). No customer is premium.
    static func conformance() throws -> RuleConformance {
        let conformance = RuleConformance(spec: try spec(lending))
        #expect(conformance.tableOrder == ["customer", "loan"])
        conformance.add(
            table: "customer",
            columns: [
                "id": numbers([1, 2, 3, 4]), "age": numbers([30, 16, 40, 50]),
                "segment": texts(["retail", "retail", "retail", "retail"]),
            ], keys: ["1", "2", "3", "4"])
        let day = CivilDate.days(year: 2022, month: 2, day: 2) ?? 0
        // Two batches, so parents found in one batch serve the next.
        conformance.add(
            table: "loan",
            columns: [
                "id": numbers([1, 2, 3, 4]), "customer_id": numbers([1, 1, 3, 1]),
                "product": texts(["home", "home", "student", "student"]), "ltv": numbers([0.94, 0.99, 0.5, 0.5]),
                "status": texts(["approved", "approved", "approved", "declined"]),
                "disbursed": [.date(day), .null, .null, .date(day)],
            ], keys: ["1", "2", "3", "4"])
        conformance.add(
            table: "loan",
            columns: [
                "id": numbers([5, 6, 7, 8]), "customer_id": numbers([2, 99, 4, 4]),
                "product": texts(["home", "student", "home", "car"]), "ltv": numbers([0.95, 0.3, 1.0, 0.2]),
                "status": texts(["declined", "approved", "approved", "declined"]),
                "disbursed": [.null, .null, .null, .date(day)],
            ], keys: ["5", "6", "7", "8"])
        return conformance
    }

    @Test func everyPlantedViolationIsCountedWithItsKeys() throws {
        let report = try Self.conformance().report(lineage: [
            ("loan", "EDGE-LTV"), ("loan", "EDGE-LTV"), ("loan", "STUDENT"), ("loan", "STUDENT"),
        ])
        let rules = report.rules.map { ($0.id, $0.table, $0.checked, $0.fired, $0.violations, $0.examples) }
        #expect(rules.map(\.0) == ["ELIG-001", "ELIG-002", "CO-003", "IMP-004", "GAP-005"])
        #expect(rules.map(\.1) == ["customer", "loan", "loan", "loan", "customer"])
        #expect(rules.map(\.2) == [4, 8, 8, 8, 4])
        #expect(rules.map(\.3) == [4, 4, 3, 8, 0])
        #expect(rules.map(\.4) == [1, 2, 1, 2, 0])
        #expect(rules.map(\.5) == [["2"], ["2", "7"], ["3"], ["4", "8"], []])
        #expect(
            report.rules.map(\.kind) == ["eligibility", "eligibility", "co-occurrence", "impossible", "eligibility"])
        #expect(report.violations == 6)
        #expect(report.rate == 26.0 / 32.0)
        #expect(report.coverageGaps.map(\.id) == ["GAP-005"])
    }

    @Test func scenarioQuotasAreCountedOnTheRowsAndTheLineage() throws {
        let report = try Self.conformance().report(lineage: [
            ("loan", "EDGE-LTV"), ("loan", "EDGE-LTV"), ("loan", "STUDENT"), ("loan", "STUDENT"),
            ("customer", "EDGE-LTV"),
        ])
        let scenarios = report.scenarios.map { ($0.id, $0.quota, $0.satisfying, $0.lineage, $0.isMet) }
        #expect(scenarios.map(\.0) == ["EDGE-LTV", "STUDENT"])
        // 25% of the 8 loans read is 2; three loans are student loans.
        #expect(scenarios.map(\.1) == [2, 2])
        #expect(scenarios.map(\.2) == [2, 3])
        #expect(scenarios.map(\.3) == [2, 2])
        #expect(scenarios.map(\.4) == [true, false])
        #expect(report.unmetScenarios == 1)
        // Without lineage only the rows count; with a lineage short of the quota, it is unmet.
        #expect(try Self.conformance().report(lineage: nil).scenarios.map(\.isMet) == [true, false])
        #expect(try Self.conformance().report(lineage: []).scenarios.map(\.lineage) == [0, 0])
        #expect(try Self.conformance().report(lineage: []).scenarios.map(\.isMet) == [false, false])
    }

    @Test func rulesReadGrandparentsThroughTheReferencesChain() throws {
        let spec = try Self.spec(
            """
            dataset chain
            table region {
              rows 2
              id       int   key
              country  text  one of { US: 50%, DE: 50% }
            }
            table customer {
              rows 2
              id         int  key
              region_id  int  references region.id
            }
            table loan {
              rows 3
              id           int   key
              customer_id  int   references customer.id
              currency     text  one of { USD: 50%, EUR: 50% }
            }
            rule CUR-1 eligibility "US customers borrow in dollars"
              when region.country = "US"
              require loan.currency = "USD"
            """)
        let conformance = RuleConformance(spec: spec)
        conformance.add(
            table: "region", columns: ["id": Self.numbers([10, 20]), "country": Self.texts(["US", "DE"])],
            keys: ["10", "20"])
        conformance.add(
            table: "customer", columns: ["id": Self.numbers([1, 2]), "region_id": Self.numbers([20, 10])],
            keys: ["1", "2"])
        conformance.add(
            table: "loan",
            columns: [
                "id": Self.numbers([100, 101, 102]), "customer_id": Self.numbers([1, 2, 2]),
                "currency": Self.texts(["EUR", "EUR", "USD"]),
            ], keys: ["100", "101", "102"])
        let rule = try #require(conformance.report(lineage: nil).rules.first)
        #expect(rule.table == "loan")
        #expect(rule.checked == 3)
        #expect(rule.fired == 2)
        #expect(rule.violations == 1)
        #expect(rule.examples == ["101"])
    }

    @Test func examplesStopAtFive() throws {
        let spec = try Self.spec(
            """
            dataset few
            table t {
              rows 7
              n  int  uniform(0, 10)
            }
            rule R-1 impossible "No negatives"
              forbid t.n < 0
            """)
        let conformance = RuleConformance(spec: spec)
        conformance.add(
            table: "t", columns: ["n": Self.numbers([-1, -2, 3, -4, -5, -6, -7])],
            keys: (1...7).map(String.init))
        let rule = try #require(conformance.report(lineage: nil).rules.first)
        #expect(rule.violations == 6)
        #expect(rule.examples == ["1", "2", "4", "5", "6"])
    }
}
