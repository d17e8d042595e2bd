import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedEngine

/// The conformance checks themselves, on hand-written datasets: a clean one passes, and each
/// planted defect is reported by the check meant to catch it (so a passing rule pack is not a
/// check that looked at nothing).
@Suite("Conformance checks catch planted defects")
struct ConformanceTests {
    static let spec = """
        dataset planted
          as of 2026-01-01
        table customer {
          rows 3
          id   int  key
          age  int  uniform(18, 90)
        }
        table loan {
          rows per customer one of { 1: 1.0 }
          id           int         key
          customer_id  int         references customer.id
          amount       decimal(2)  uniform(1, 100)
          ltv          decimal(2)  = amount / 100
        }
        rule R1 require customer.age >= 18
        rule R2 forbid loan.amount > 50 and customer.age < 21
        scenario S count 1 of loan where loan.amount = 7
        """

    static let customers = "id,age\n1,30\n2,19\n3,40\n"
    static let loans = "id,customer_id,amount,ltv\n1,1,7.00,0.07\n2,2,20.00,0.20\n3,3,60.00,0.60\n"
    static let lineage = "table,key,kind,id\nloan,1,scenario,S\nloan,5,negative,R2\n"
    /// Customer 2 is 19: a loan of 60 breaks R2 (through the parent), and nothing else.
    static let negativeLoans = "id,customer_id,amount,ltv\n5,2,60.00,0.60\n"

    /// Reads a dataset written by hand (any file may be replaced to plant a defect).
    func dataset(
        customers: String = Self.customers, loans: String = Self.loans, lineage: String = Self.lineage,
        negativeLoans: String = Self.negativeLoans
    ) throws -> GeneratedDataset {
        let folder = try TemporaryDirectory()
        try folder.write("customer.csv", customers)
        try folder.write("loan.csv", loans)
        try folder.write("_lineage.csv", lineage)
        try folder.write("negative/loan.csv", negativeLoans)
        let checked = try Conformance.checked(Self.spec, file: "planted.seed")
        return try GeneratedDataset(directory: folder.url.path, spec: checked.syntax)
    }

    static let summary: GenerationSummary = {
        var summary = GenerationSummary()
        var loan = TableSummary(table: "loan")
        loan.negativeRows = ["R2": 1]
        // R1 reads only customers, whose ages all come from uniform(18, 90): no row can break it.
        var customer = TableSummary(table: "customer")
        customer.unbreakable = ["R1": 10]
        summary.negative = [customer, loan]
        return summary
    }()

    /// Expects `check` to record issues, each mentioning one of `texts`.
    func expectReported(
        _ texts: String..., sourceLocation: Testing.SourceLocation = #_sourceLocation, _ check: () throws -> Void
    ) throws {
        try withKnownIssue(sourceLocation: sourceLocation) {
            try check()
        } matching: { issue in
            issue.comments.contains { comment in texts.contains { comment.rawValue.contains($0) } }
        }
    }

    @Test func aCleanDatasetPasses() throws {
        Conformance(data: try dataset()).expectConformance(summary: Self.summary)
    }

    @Test func lookupsFollowReferencesToParentRows() throws {
        let data = try dataset()
        let loan = try #require(data.row(of: "loan", is: .number(3)))
        let lookup = data.lookup(for: loan, of: "loan")
        #expect(lookup("customer", "age") == .number(40))
        #expect(lookup("loan", "amount") == .number(60))
        #expect(lookup(nil, "ltv") == .number(0.6))
        #expect(data.anchor(of: data.spec.rules[1]) == "loan")
        let orphan: [String: SQLValue] = ["id": .number(9), "customer_id": .number(42)]
        #expect(data.lookup(for: orphan, of: "loan")("customer", "age") == .null)
    }

    @Test func aBrokenRuleIsReportedWithItsKeys() throws {
        let loans = Self.loans.replacingOccurrences(of: "2,2,20.00,0.20", with: "2,2,70.00,0.70")
        let conformance = Conformance(data: try dataset(loans: loans))
        try expectReported("rule R2 is broken by 1 of 3 rows of loan, keys 2") { conformance.expectRulesHold() }
    }

    @Test func scenarioCountsAndLineageAreBothChecked() throws {
        let extra = Self.loans.replacingOccurrences(of: "2,2,20.00,0.20", with: "2,2,7.00,0.07")
        // The second row is a scenario row the lineage does not list, too.
        try expectReported("scenario S: 2 of 3 rows of loan satisfy its where, not 1", "not in the lineage: 2") {
            Conformance(data: try dataset(loans: extra)).expectScenariosExact()
        }
        let unlisted = Self.lineage.replacingOccurrences(of: "loan,1,scenario,S\n", with: "")
        try expectReported("are not in the lineage: 1") {
            Conformance(data: try dataset(lineage: unlisted)).expectScenariosExact()
        }
        let wrong = Self.lineage.replacingOccurrences(of: "loan,1,scenario,S", with: "loan,3,scenario,S")
        try expectReported("lineage rows do not satisfy it: 3", "not in the lineage: 1") {
            Conformance(data: try dataset(lineage: wrong)).expectScenariosExact()
        }
    }

    @Test func danglingReferencesAndRepeatedKeysAreReported() throws {
        let dangling = Self.loans.replacingOccurrences(of: "3,3,60.00", with: "3,9,60.00")
        try expectReported("reference a missing customer.id through customer_id: 9") {
            Conformance(data: try dataset(loans: dangling)).expectReferentialIntegrity()
        }
        let repeated = Self.customers + "2,50\n"
        try expectReported("customer.id holds 1 repeated values") {
            Conformance(data: try dataset(customers: repeated)).expectReferentialIntegrity()
        }
        // A negative row's key is also a key of the dataset: the lineage could not tell them apart.
        let clash = Self.negativeLoans.replacingOccurrences(of: "5,2,", with: "3,2,")
        try expectReported("loan.id holds 1 repeated values") {
            Conformance(data: try dataset(negativeLoans: clash)).expectReferentialIntegrity()
        }
    }

    @Test func aStaleDerivedColumnIsReported() throws {
        let stale = Self.loans.replacingOccurrences(of: "60.00,0.60", with: "60.00,0.61")
        try expectReported("loan.ltv differs from its expression in 1 rows: 3: 0.61, not 0.6") {
            Conformance(data: try dataset(loans: stale)).expectDerivedColumnsMatch()
        }
    }

    @Test func negativeRowsMustBreakExactlyTheirRule() throws {
        // Customer 1 is 30: this row breaks no rule.
        let harmless = Self.negativeLoans.replacingOccurrences(of: "5,2,", with: "5,1,")
        try expectReported("5 is labelled R2 but breaks []") {
            Conformance(data: try dataset(negativeLoans: harmless)).expectNegativeRowsBreakOneRule(
                summary: Self.summary)
        }
        let unlabelled = Self.lineage.replacingOccurrences(of: "loan,5,negative,R2\n", with: "")
        try expectReported("5 is labelled []", "rule R2 has no negative row", "differ from the files") {
            Conformance(data: try dataset(lineage: unlabelled)).expectNegativeRowsBreakOneRule(summary: Self.summary)
        }
        var unexplained = Self.summary
        unexplained.negative[0].unbreakable = [:]
        try expectReported("rule R1 has no negative row, yet the summary does not call it unbreakable") {
            Conformance(data: try dataset()).expectNegativeRowsBreakOneRule(summary: unexplained)
        }
    }

    @Test func fanOutFarFromItsDistributionIsReported() throws {
        // `one of { 1: 1.0 }` means one loan per customer; three customers share two loans here.
        let sparse = "id,customer_id,amount,ltv\n1,1,7.00,0.07\n2,1,20.00,0.20\n"
        try expectReported("loan: 2 rows for 3 customer rows") {
            Conformance(data: try dataset(loans: sparse)).expectFanOutFollowsDistributions(summary: Self.summary)
        }
    }
}
