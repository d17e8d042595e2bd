import SeedbedSpec
import SpecCorpus
import Testing

/// The benchmark's figure is only meaningful if its input is the size it claims and a
/// valid spec (an invalid one would time the error path).
@Suite("Spec corpus")
struct SpecCorpusTests {
    @Test("the spec has exactly the lines asked for", arguments: [1, 150, 10_000])
    func lineCount(_ lines: Int) {
        let text = SpecCorpus.realisticSpec(lines: lines)
        let counted = text.utf8.count { $0 == UInt8(ascii: "\n") }
        // A request below one unit still gets one whole unit: a spec, not a fragment.
        #expect(counted == max(lines, SpecCorpus.realisticSpec(lines: 1).utf8.count { $0 == UInt8(ascii: "\n") }))
    }

    @Test("the 10,000-line spec checks clean")
    func checksClean() {
        let result = Checker().check(source: SpecCorpus.realisticSpec(lines: 10_000), file: "bench.seed")
        #expect(result.diagnostics.map(\.message) == [])
    }

    @Test("the same arguments give the same text")
    func deterministic() {
        #expect(SpecCorpus.realisticSpec(lines: 2_000) == SpecCorpus.realisticSpec(lines: 2_000))
    }
}
