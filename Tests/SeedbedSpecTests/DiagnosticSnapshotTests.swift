import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// The exact text `seedbed check` prints for each kind of diagnostic, kept as snapshots in
/// `Snapshots/diagnostics/KIND.txt`. Re-record with `SEEDBED_RECORD_SNAPSHOTS=1` and read the
/// diff: the caret must sit under the mistake and the message must say what to do.
@Suite("Diagnostic snapshots")
struct DiagnosticSnapshotTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var kind: String
        var source: String
        var testDescription: String { kind }
    }

    static let header = """
        dataset lending
          as of 2026-01-01

        """

    static let customer = """
        table customer {
          rows 1_000
          id     int   key
          email  text  fake internet.email  unique  pii
          age    int   uniform(18, 90)
        }

        """

    static let cases: [Case] = [
        Case(
            kind: "lexical",
            source: header + """
                table customer {
                  rows 1_000
                  id        int   key
                  postcode  text  pattern "[0-9]{4}
                }

                """),
        Case(
            kind: "syntax-recovery",
            source: header + """
                table customer {
                  rows 1_000
                  id     int   key
                  phone  text  fake phone.number  nullable
                  age    int   uniform(18, 90)
                }

                rule ELIG-001 eligibility "Customers are adults"
                  require customer.age >= 18 and

                """),
        Case(
            kind: "unknown-name",
            source: header + customer + """

                rule ELIG-001 eligibility "Customers are adults"
                  require customer.agee >= 18

                """),
        Case(
            kind: "duplicate",
            source: header + """
                table customer {
                  rows 1_000
                  id     int   key
                  email  text  fake internet.email  pii
                  age    int   uniform(18, 90)
                  email  text  fake internet.email  pii
                }

                """),
        Case(
            kind: "type-mismatch",
            source: header + customer + """

                rule ELIG-001 eligibility "Customers are adults"
                  require customer.age = "adult"

                """),
        Case(
            kind: "weights",
            source: header + """
                table loan {
                  rows 1_000
                  id       int   key
                  product  text  one of { home: 0.55, car: 0.25, personal: 0.18 }
                }

                """),
        Case(
            kind: "reserved-word",
            source: header + """
                table reading {
                  rows 1_000
                  id   int         key
                  max  decimal(1)  uniform(0, 40)
                }

                """),
        Case(
            kind: "reference-cycle",
            source: header + """
                table employee {
                  rows 100
                  id             int  key
                  department_id  int  references department.id
                }

                table department {
                  rows 10
                  id          int  key
                  manager_id  int  references employee.id
                }

                """),
        Case(
            kind: "warning",
            source: header + customer + """

                scenario EDGE-OLD "The oldest customers"
                  share 0.01% of customer where customer.age >= 89

                """),
        Case(
            kind: "unsatisfiable-rule",
            source: header + """
                table applicant {
                  rows 1_000
                  id   int  key
                  age  int  uniform(0, 17)
                }

                rule ELIG-001 eligibility "Applicants are adults"
                  require applicant.age >= 18

                """),
        Case(
            kind: "contradiction",
            source: header + customer + """
                rule ELIG-001 eligibility "Customers are adults"
                  require customer.age >= 18

                rule RET-002 eligibility "Retirement accounts start at 67"
                  require customer.age >= 67

                rule YOUTH-003 eligibility "Youth accounts end at 25"
                  require customer.age <= 25

                """),
        Case(
            kind: "scenario-contradiction",
            source: header + customer + """
                rule ELIG-001 eligibility "Customers are adults"
                  require customer.age >= 21

                scenario EDGE-MINOR "A customer at the legal minimum"
                  count 5 of customer
                  where customer.age = 18

                """),
    ]

    @Test("each kind of diagnostic renders as its snapshot", arguments: cases)
    func rendersAsSnapshot(_ snapshot: Case) {
        let result = Checker().check(source: snapshot.source, file: "lending.seed")
        #expect(!result.diagnostics.isEmpty)
        let path = Repository.root().appendingPathComponent("Tests/SeedbedSpecTests/Snapshots/diagnostics")
            .appendingPathComponent("\(snapshot.kind).txt").path
        Snapshot.expect(result.rendered, matches: path)
    }
}
