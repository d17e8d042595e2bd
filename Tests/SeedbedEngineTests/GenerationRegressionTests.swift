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
