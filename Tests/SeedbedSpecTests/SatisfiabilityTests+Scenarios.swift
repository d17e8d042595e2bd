import Testing

@testable import SeedbedSpec

extension SatisfiabilityTests {
    // MARK: - Tables

    @Test func aChildRuleContradictsItsParentsRule() {
        let spec = Analyzed(
            Self.children + """
                table visit {
                  rows per customer poisson(2)
                  id int key
                  customer_id int references customer.id
                }
                rule A require customer.age >= 12
                rule B require customer.age < 11 or visit.id is null
                """)
        #expect(spec.messages == ["rules A and B contradict each other"])
    }

    @Test func rulesOfSiblingTablesDoNotContradict() {
        // Retail customers only have cards and premium ones only loans: valid, not a contradiction.
        let spec = Analyzed(
            """
            dataset d
            table customer {
              rows 10
              id int key
              segment text one of { retail: 0.5, premium: 0.5 }
            }
            table loan {
              rows per customer poisson(1)
              id int key
            }
            table card {
              rows per customer poisson(1)
              id int key
            }
            rule A forbid customer.segment = "retail" and loan.id is not null
            rule B forbid customer.segment = "premium" and card.id is not null
            """)
        #expect(spec.diagnostics == [])
    }

    @Test func aParentBehindANullableReferenceMayBeMissing() {
        func spec(_ nullable: String) -> Analyzed {
            Analyzed(
                """
                dataset d
                table customer {
                  rows 10
                  id int key
                  age int uniform(18, 90)
                }
                table loan {
                  rows 10
                  id int key
                  customer_id int references customer.id \(nullable)
                }
                rule A forbid loan.id is not null and customer.age is not null
                """)
        }
        #expect(spec("").messages.count == 1)
        #expect(spec("nullable 5%").diagnostics == [])
    }

    @Test func aColumnDerivedFromAParentThatMayBeMissingMayBeNull() {
        func spec(_ nullable: String) -> Analyzed {
            Analyzed(
                """
                dataset d
                table customer {
                  rows 10
                  id int key
                  age int uniform(18, 90)
                }
                table loan {
                  rows 10
                  id int key
                  customer_id int references customer.id \(nullable)
                  borrower_age int = customer.age
                }
                rule A require loan.borrower_age is null
                """)
        }
        #expect(spec("").messages == ["rule A can never hold: no row can have loan.borrower_age is null"])
        #expect(spec("nullable 5%").diagnostics == [])
    }

    // MARK: - Scenarios

    @Test func aScenarioThatContradictsARuleNamesIt() throws {
        let spec = Analyzed(
            Self.twoColumns + """
                rule A require x <= 50
                rule B require y <= 50
                scenario S share 50% of t where x > 60 and y > 10
                """)
        #expect(spec.located == ["12:33: scenario S contradicts rule A"])
        #expect(spec.notes(try #require(spec.errors.first)) == ["10:16: rule A requires x <= 50"])
    }

    @Test func aScenarioWhoseConditionCanNeverHoldIsAnError() throws {
        let spec = Analyzed(Self.twoColumns + "scenario S count 2 of t where p = \"z\"")
        #expect(spec.located == ["10:31: scenario S can never happen: no row of t can have p = \"z\""])
        #expect(
            spec.notes(try #require(spec.errors.first)) == [
                "6:10: t.p is always one of \"a\", \"b\", \"c\" (one of { \"a\": 0.5, \"b\": 0.3, \"c\": 0.2 })"
            ])
    }

    @Test func aScenarioThatHoldsForEveryRowLeavesNoRoomForTheOthers() {
        let all = Analyzed(Self.twoColumns + "scenario S share 10% of t where x >= 0")
        #expect(
            all.messages == [
                "scenario S's condition holds for every row of t, so the rows outside its quota (share 10%) cannot avoid it"
            ])
        let withRule = Analyzed(Self.twoColumns + "rule A require x > 50\nscenario S count 3 of t where x > 40")
        #expect(
            withRule.messages == [
                "scenario S's condition holds for every row of t that obeys rule A, so the rows outside its quota (count 3) cannot avoid it"
            ])
        #expect(Analyzed(Self.twoColumns + "scenario S share 100% of t where x >= 0").diagnostics == [])
        #expect(Analyzed(Self.twoColumns + "scenario S count 10 of t where x >= 0").diagnostics == [])
        #expect(Analyzed(Self.twoColumns + "scenario S share 10% of t where n >= 0").diagnostics == [])
    }

    // MARK: - Scale

    @Test func hundredsOfConditionalRulesFinishWithoutFalseErrors() {
        // Every rule holds on the row where all columns are 50, so any error would be false.
        var generator = LinearCongruential(seed: 7)
        var text = "dataset d\ntable t {\n  rows 100\n"
        for column in 0..<20 { text += "  c\(column) int uniform(0, 100)\n" }
        text += "}\n"
        for index in 0..<300 {
            let i = generator.next(20)
            let j = generator.next(20)
            let k = generator.next(20)
            let low = generator.next(51)
            let high = 50 + generator.next(51)
            let cut = generator.next(101)
            switch index % 4 {
            case 0: text += "rule R\(index) when c\(i) > \(cut) require c\(j) between \(low) and \(high)\n"
            case 1: text += "rule R\(index) when c\(i) <= \(cut) forbid c\(j) < \(low) or c\(k) > \(high)\n"
            case 2: text += "rule R\(index) when c\(i) != \(cut) and c\(k) >= \(low) require c\(j) <= \(high)\n"
            default: text += "rule R\(index) when c\(i) in { \(cut), 50 } require c\(j) >= \(low) or c\(k) < 0\n"
            }
        }
        let spec = Analyzed(text)
        #expect(spec.errors == [])
    }
}
