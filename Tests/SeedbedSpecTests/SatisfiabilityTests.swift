import Testing

@testable import SeedbedSpec

/// A spec checked by the satisfiability analysis alone.
struct Analyzed {
    let source: SourceFile
    let diagnostics: [Diagnostic]

    init(_ text: String) {
        source = SourceFile(name: "t.seed", text: text)
        let parsed = ParsedSpec.parse(source)
        #expect(parsed.diagnostics.map(\.message) == [], "the test spec must parse")
        diagnostics = SatisfiabilityAnalysis.diagnose(parsed.syntax)
    }

    var messages: [String] { diagnostics.map(\.message) }
    var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    func location(_ range: SourceRange?) -> String {
        range.map {
            let location = source.location(of: $0.start)
            return "\(location.line):\(location.column)"
        } ?? "-"
    }

    /// `line:column: message`, one per diagnostic.
    var located: [String] { diagnostics.map { "\(location($0.range)): \($0.message)" } }

    func notes(_ diagnostic: Diagnostic) -> [String] {
        diagnostic.notes.map { "\(location($0.range)): \($0.message)" }
    }
}

@Suite("Satisfiability analysis")
struct SatisfiabilityTests {
    static let lending = """
        # rules/lending.seed: a retail lending book
        dataset lending
          version "1.4.0"
          as of 2026-01-01              # the reference date for date arithmetic
          seed 42                       # default seed; --seed overrides it
          profile "profiles/lending.json"   # optional production baseline

        table customer {
          rows 10_000
          id          int         key
          name        text        fake person.name                 pii
          email       text        fake internet.email  unique      pii
          birth_date  date        uniform(1940-01-01, 2007-12-31)  quasi-identifier
          age         int         = years_between(birth_date, as_of())
          sex         text        one of { "F": 0.51, "M": 0.49 }  quasi-identifier
          postcode    text        pattern "[0-9]{4}"               quasi-identifier
          income      decimal(2)  lognormal(median: 65000, sigma: 0.6)  min 0
          segment     text        one of { retail: 90%, premium: 10% }
        }

        table loan {
          rows per customer poisson(1.3)
          id           int         key
          customer_id  int         references customer.id
          product      text        one of { home: 0.55, car: 0.25, personal: 0.18, student: 0.02 }
          amount       decimal(2)  lognormal(median: 28000, sigma: 0.9)  min 1000
          ltv          decimal(3)  uniform(0.05, 1.10)
          status       text        one of { approved: 0.7, declined: 0.2, review: 0.1 }  sensitive
          disbursed    date        uniform(2020-01-01, 2025-12-31)  nullable 10%
          correlate amount, ltv 0.4
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

        scenario EDGE-LTV "Home loans right at the LTV limit"
          share 0.5% of loan
          where loan.product = "home" and loan.ltv between 0.94 and 0.95

        """

    @Test func theLendingExampleHasNoFindings() {
        #expect(Analyzed(Self.lending).diagnostics == [])
    }

    @Test func aRuleOutsideItsColumnsDomainIsAnErrorAtTheRequirement() throws {
        let spec = Analyzed(
            """
            dataset d
            table customer {
              rows 10
              age int uniform(0, 17)
            }
            rule ELIG-001 require age >= 18
            """)
        #expect(spec.located == ["6:23: rule ELIG-001 can never hold: no row can have age >= 18"])
        let error = try #require(spec.errors.first)
        #expect(spec.notes(error) == ["4:11: customer.age is always between 0 and 17 (uniform(0, 17))"])
    }

    // MARK: - Rules together

    static let twoColumns = """
        dataset d
        table t {
          rows 10
          x int uniform(0, 100)
          y decimal(2) uniform(0, 100)
          p text one of { a: 0.5, b: 0.3, c: 0.2 }
          n int uniform(0, 5) nullable 10%
          name text fake person.name
        }

        """

    @Test func contradictingRulesAreNamedTogetherButAnUnrelatedRuleIsNot() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A require x > 10
                rule B require x != 7
                rule C require x < 5
                """)
        #expect(spec.located == ["12:16: rules A and C contradict each other"])
        let error = try #require(spec.errors.first)
        #expect(spec.notes(error) == ["10:16: rule A requires x > 10", "12:16: rule C requires x < 5"])
    }

    @Test func aConditionalContradictionOnlyRulesOutTheConditionSoItIsAWarning() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A when p = "a" require x > 10
                rule B when p = "a" require x < 5
                """)
        #expect(spec.errors == [])
        #expect(spec.located == ["10:13: rules A and B together can only hold by never having p = \"a\""])
        let warning = try #require(spec.warnings.first)
        #expect(
            spec.notes(warning) == [
                "10:29: rule A requires x > 10 when p = \"a\"", "11:29: rule B requires x < 5 when p = \"a\"",
            ])
    }

    @Test func aRuleThatForbidsAnotherRulesConditionMakesItNeverApply() {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A forbid p = "a"
                rule B when p = "a" require x > 5
                """)
        #expect(spec.located == ["11:13: rule B never applies: rule A rules out p = \"a\""])
    }

    @Test func aConditionThatCanNeverHoldIsAWarning() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A when x > 200 require y > 0
                rule B when p = "a" require x > 200
                """)
        #expect(
            spec.located == [
                "10:13: rule A never applies: no row can have x > 200",
                "11:13: rule B can only hold by never having p = \"a\"",
            ])
        let first = try #require(spec.warnings.first)
        #expect(spec.notes(first) == ["4:9: t.x is always between 0 and 100 (uniform(0, 100))"])
    }

    @Test func forbiddingEveryValueOfACategoricalIsAContradiction() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule R1 forbid p = "a"
                rule R2 forbid p = "b"
                rule R3 forbid p = "c"
                """)
        #expect(spec.located == ["12:16: rules R1, R2 and R3 contradict each other"])
    }

    @Test func aValueWithWeightZeroIsNeverDrawn() {
        let spec = Analyzed(
            """
            dataset d
            table t {
              rows 10
              p text one of { a: 0.5, b: 0.5, c: 0 }
            }
            rule R1 forbid p = "a"
            rule R2 forbid p = "c"
            rule R3 forbid p = "b"
            """)
        #expect(spec.messages == ["rules R1 and R3 contradict each other"])
    }

    // MARK: - Nulls

    @Test func forbiddingIsNotNullOnAColumnThatIsNeverNullCanNeverHold() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A forbid x is not null
                rule B forbid n is not null
                rule C forbid x is null
                rule D require name is null
                """)
        #expect(
            spec.located == [
                "10:15: rule A can never hold: every row has x is not null",
                "13:16: rule D can never hold: no row can have name is null",
            ])
        #expect(spec.notes(spec.errors[0]) == ["4:9: t.x is always between 0 and 100 (uniform(0, 100))"])
        #expect(spec.notes(spec.errors[1]) == ["8:13: t.name is never null (fake person.name)"])
    }

    @Test func aComparisonWithNullIsUnknownSoNullsSatisfyARequire() {
        let nullable = Analyzed(Self.twoColumns + "rule A require n > 5")
        #expect(nullable.diagnostics == [])
        let notNull = Analyzed(Self.twoColumns + "rule A require x > 100")
        #expect(notNull.messages == ["rule A can never hold: no row can have x > 100"])
        // Unknown does not satisfy a `when` either.
        let condition = Analyzed(Self.twoColumns + "rule A when n > 5 require x > 1")
        #expect(condition.messages == ["rule A never applies: no row can have n > 5"])
    }

    @Test func aNullInAnInListMakesTheOtherValuesUnknown() {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A require p not in { "a", "b", "c", null }
                rule B forbid p not in { "z", null }
                rule C require p in { "z", null }
                """)
        #expect(spec.messages == ["rule A can never hold: no row can have p not in { \"a\", \"b\", \"c\", null }"])
    }

    // MARK: - Operators

    @Test(
        "in, not in, between and not between narrow a domain",
        arguments: [
            ("require p in { \"z\" }", true),
            ("require p in { \"a\", \"z\" }", false),
            ("require p not in { \"a\", \"b\", \"c\" }", true),
            ("require p not in { \"a\", \"b\" }", false),
            ("require x between 101 and 200", true),
            ("require x between 100 and 200", false),
            ("require x not between 0 and 100", true),
            ("require x not between 0 and 99", false),
            ("require x between 50 and 10", true),
            ("forbid x between -5 and 100", true),
            ("require y > 3 and y < 4", false),
            ("require x > 3 and x < 4", true),
            ("require x >= 3 and x <= 3", false),
            ("require x * 2 > 1000", true),
            ("require x * 2 > 150", false),
            ("require x + 1 > 101", true),
            ("require 10 - x > 10", true),
            ("require -x <= -100", false),
            ("require y * 0.1 > 10.5", true),
            ("require y * 0.1 >= 10", false),
            ("require x < y", false),
            ("require not (x >= 0)", true),
            ("require x = 1 or x = 200", false),
            ("require x = 150 or p = \"z\"", true),
        ])
    func operatorsNarrowTheDomain(rule: String, contradicts: Bool) {
        let spec = Analyzed(Self.twoColumns + "rule A " + rule)
        #expect(spec.errors.count == (contradicts ? 1 : 0), "\(rule): \(spec.messages)")
    }

    @Test func aLongChainOfArithmeticIsInvertedInLinearTime() {
        // 100 levels deep: looking at a side twice per level would take 2^100 steps.
        let chain = "x" + String(repeating: " + 1", count: 100)
        let spec = Analyzed(Self.twoColumns + "rule A require \(chain) > 200")
        // Messages quote at most 300 characters of source, so the expression is cut short.
        #expect(spec.messages.count == 1)
        #expect(spec.messages.first?.hasPrefix("rule A can never hold: no row can have x + 1 + 1") == true)
    }

    // MARK: - Dates and derived columns

    @Test func datesAreComparedAndShownAsDates() throws {
        let spec = Analyzed(
            """
            dataset d
            table t {
              rows 10
              d date uniform(2020-01-01, 2020-12-31)
            }
            rule A require d >= 2021-01-01
            rule B require d > 2020-12-30
            """)
        #expect(spec.located == ["6:16: rule A can never hold: no row can have d >= 2021-01-01"])
        #expect(
            spec.notes(try #require(spec.errors.first)) == [
                "4:10: t.d is always between 2020-01-01 and 2020-12-31 (uniform(2020-01-01, 2020-12-31))"
            ])
    }

    static let children = """
        dataset d as of 2026-01-01
        table customer {
          rows 10
          birth_date date uniform(2010-01-01, 2015-06-30)
          age int = years_between(birth_date, as_of())
        }

        """

    @Test func aDerivedAgeFollowsTheBirthDates() throws {
        let spec = Analyzed(Self.children + "rule ELIG-001 require customer.age >= 18")
        #expect(spec.messages == ["rule ELIG-001 can never hold: no row can have customer.age >= 18"])
        #expect(
            spec.notes(try #require(spec.errors.first)) == [
                "5:11: customer.age is always between 10 and 16 (= years_between(birth_date, as_of()))"
            ])
        #expect(Analyzed(Self.children + "rule A require customer.age >= 16").diagnostics == [])
    }

    @Test func withoutAnAsOfDateADerivedAgeIsUnknown() {
        let spec = Analyzed(
            Self.children.replacingAll("dataset d as of 2026-01-01", with: "dataset d")
                + "rule ELIG-001 require customer.age >= 18")
        #expect(spec.diagnostics == [])
    }
}

/// A small deterministic generator, so the scale test is the same on every run.
struct LinearCongruential {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
