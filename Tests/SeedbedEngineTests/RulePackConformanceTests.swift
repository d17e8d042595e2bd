import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// The engine's contract, judged on what it wrote: each rule pack is generated to CSV, read
/// back with the strict reader, and checked by SeedbedSpec's `RuleEvaluator`, which shares
/// nothing with the generator.
@Suite("Rule packs: generated data conforms to the spec")
struct RulePackConformanceTests {
    struct Pack: Sendable, CustomTestStringConvertible {
        var file: String
        /// `--rows` for the tables with a fixed count; children follow their parents.
        var rows: [String: Int]
        var testDescription: String { file }
    }

    /// Row counts chosen so each pack's tables together hold at least 100,000 rows. At the
    /// packs' own seeds they make:
    /// - lending: 44,000 customers, 57,007 loans: 101,007 rows;
    /// - insurance: 16,000 policyholders, 27,237 policies, 51,945 coverages, 7,852 claims: 103,034 rows;
    /// - clinical: 10,600 patients, 23,539 encounters, 37,584 diagnoses, 30,087 prescriptions: 101,810 rows.
    static let packs = [
        Pack(file: "lending.seed", rows: ["customer": 44_000]),
        Pack(file: "insurance.seed", rows: ["policyholder": 16_000]),
        Pack(file: "clinical.seed", rows: ["patient": 10_600]),
    ]

    static func spec(_ file: String) throws -> CheckResult {
        let url = Repository.root().appendingPathComponent("rules").appendingPathComponent(file)
        return try Conformance.checked(try String(contentsOf: url, encoding: .utf8), file: "rules/\(file)")
    }

    @Test(
        "every row obeys every rule, scenarios are exact, references hold, negative rows break one rule each",
        arguments: packs)
    func packConforms(_ pack: Pack) throws {
        let checked = try Self.spec(pack.file)
        let folder = try TemporaryDirectory()
        var options = Generation.Options()
        options.rows = pack.rows
        options.negative = true
        options.shard = Shard(index: 1, count: 1)
        let (summary, data) = try Conformance.generate(checked, options: options, into: folder)
        let conformance = Conformance(data: data)

        let total = data.tables.values.reduce(0) { $0 + $1.rows.count }
        #expect(total >= 100_000, "\(pack.file) made \(total) rows; raise its --rows")
        for table in summary.tables {
            #expect(data.tables[table.table]?.rows.count == table.rows, "\(table.table): summary and file disagree")
        }
        conformance.expectConformance(summary: summary)
    }
}
