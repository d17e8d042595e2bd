import SeedbedEngine
import SeedbedSpec
import Testing

@Suite("Negative rows")
struct NegativeRowTests {
    /// Birth dates make every applicant an adult, so breaking the rule needs a value outside the
    /// column's distribution: it must be a plausible one, just across the line.
    @Test func badValuesLieJustOutsideTheDistribution() throws {
        let spec = """
            dataset d
              as of 2026-01-01
              seed 3
            table applicant {
              rows 100
              id          int   key
              birth_date  date  uniform(1940-01-01, 2007-12-31)
              age         int   = years_between(birth_date, as_of())
            }
            rule ELIG-001 require applicant.age >= 18
            """
        let checked = Checker().check(source: spec, file: "d.seed")
        var options = Generation.Options()
        options.negative = true
        let generation = try Generation(model: try GenerationModel(checked: checked), options: options)
        var ages: [Int64] = []
        let summary = try generation.generate(table: 0, negative: true) { batch, _ in
            if case .int(let values) = batch.columns[2].values { ages += values.prefix(batch.count) }
        }
        #expect(summary.negativeRows == ["ELIG-001": 10])
        #expect(ages.count == 10)
        // Within about 5% of the 68-year range beyond the youngest adult: 14 to 17 years old.
        #expect(ages.allSatisfy { (14...17).contains($0) }, "\(ages)")
    }
}

@Suite("Unique text under rules")
struct UniqueTextTests {
    /// 10 pattern strings for 5 rows, and a rule excluding 5 of them: retries take fresh
    /// strings until the construction runs out, and never repeat one or fall back to "".
    @Test func retriesNeverRepeatOrBlankAUniqueValue() throws {
        let spec = """
            dataset d
              seed 2
            table t {
              rows 5
              id    int   key
              code  text  pattern "C[0-9]"  unique
            }
            rule R forbid t.code in { "C0", "C1", "C2", "C3", "C4" }
            """
        let generation = try Generation(
            model: try GenerationModel(checked: Checker().check(source: spec, file: "d.seed")))
        var codes: [String] = []
        do {
            _ = try generation.generate(table: 0) { batch, _ in
                if case .text(let values) = batch.columns[1].values { codes += values.prefix(batch.count) }
            }
        } catch {
            // Running out of strings is a clear error, not a blank or repeated value.
            #expect(error.message.contains("rule R"))
            return
        }
        #expect(codes.count == 5)
        #expect(Set(codes).count == 5)
        #expect(codes.allSatisfy { !["", "C0", "C1", "C2", "C3", "C4"].contains($0) }, "\(codes)")
    }
}
