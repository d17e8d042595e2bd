import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// Small specs that once broke the engine's contract, each judged like the rule packs: written
/// to CSV, read back, checked by the spec's evaluator.
@Suite("Generation regressions")
struct GenerationRegressionTests {
    /// Generates `source` with `--negative` and runs every conformance check on what was written.
    func expectConforms(_ source: String, rows: [String: Int] = [:]) throws {
        let checked = try Conformance.checked(source)
        let folder = try TemporaryDirectory()
        var options = Generation.Options()
        options.rows = rows
        options.negative = true
        let (summary, data) = try Conformance.generate(checked, options: options, into: folder)
        Conformance(data: data).expectConformance(summary: summary)
    }

    /// A `uuid` key referenced from another table: the referencing column was written as the
    /// nil UUID (00000000-…) in every row, because the writer takes uuid columns from the row's
    /// own drawn UUIDs and a reference never set one.
    @Test func uuidReferencesHoldTheParentsKey() throws {
        try expectConforms(
            """
            dataset uuids
              seed 5
            table account {
              rows 300
              id    uuid  key
              tier  text  one of { basic, gold }
            }
            table event {
              rows per account poisson(2)
              id       int   key
              account  uuid  references account.id
              amount   int   uniform(1, 100)
            }
            rule U1 when account.tier = "gold" require event.amount >= 50
            """)
    }
}

// MARK: - Known failures (disabled until the engine changes; see each reason)

extension GenerationRegressionTests {
    /// The checker accepts reference cycles that a nullable column breaks, a self-reference
    /// included; the engine recurses without end on them (a stack overflow kills the process).
    @Test func referenceCyclesBrokenByANullableColumnGenerate() throws {
        try expectConforms(
            """
            dataset cycles
              seed 3
            table employee {
              rows 2000
              id       int  key
              manager  int  references employee.id  nullable 30%
            }
            table a {
              rows 2000
              id    int  key
              b_id  int  references b.id  nullable 50%
            }
            table b {
              rows 2000
              id    int  key
              a_id  int  references a.id
            }
            """)
    }

    /// 990 of the pattern's 1,000 strings obey the rule, for 500 rows: the spec is satisfiable.
    @Test func uniquePatternColumnsMeetRulesExcludingSomeStrings() throws {
        try expectConforms(
            """
            dataset numbers
              seed 4
            table policy {
              rows 500
              id      int   key
              number  text  pattern "P[0-9]{3}"  unique
            }
            rule P1 forbid policy.number matches "P00[0-9]"
            """)
    }

    /// K1 cannot be broken alone (x > 5 breaks K2 too), so the negative rows made for K1 are left
    /// out and the rows for K2 follow.
    @Test func lineageNamesKeylessRowsByTheirWrittenPosition() throws {
        try expectConforms(
            """
            dataset keyless
              seed 9
            table reading {
              rows 100
              sensor  text  one of { a, b }
              x       int   uniform(0, 10)
            }
            rule K1 forbid reading.x > 5
            rule K2 forbid reading.x > 3
            """)
    }

    /// Children of parents with x ≤ 5 cannot obey K and are left out (about a quarter).
    /// A share of a `rows per` table counts the rows written, not the rows planned.
    @Test
    func scenarioSharesCountTheRowsWritten() throws {
        let checked = try Conformance.checked(
            """
            dataset skipped
              seed 2
            table parent {
              rows 1000
              id  int  key
              x   int  uniform(0, 30)
            }
            table child {
              rows per parent poisson(2)
              id         int  key
              parent_id  int  references parent.id
              v          int  uniform(5, 10)
            }
            rule K forbid child.v >= parent.x
            scenario S share 10% of child where child.v = 7
            """)
        let folder = try TemporaryDirectory()
        let (_, data) = try Conformance.generate(checked, options: Generation.Options(), into: folder)
        Conformance(data: data).expectScenariosExact()
    }
}
