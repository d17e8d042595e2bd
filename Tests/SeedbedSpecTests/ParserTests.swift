import Testing

@testable import SeedbedSpec

@Suite("Spec parser")
struct ParserTests {
    @Test func parsesADatasetHeader() {
        let parsed = ParsedSpec.parse(
            SourceFile(name: "t.seed", text: "dataset d version \"1.0.0\" as of 2026-01-01 seed 7"))
        #expect(parsed.diagnostics.isEmpty)
        #expect(parsed.syntax.dataset?.name.name == "d")
        #expect(parsed.syntax.dataset?.seed?.value == 7)
        #expect(parsed.syntax.dataset?.asOf?.value == CivilDate.days(year: 2026, month: 1, day: 1))
    }
}
