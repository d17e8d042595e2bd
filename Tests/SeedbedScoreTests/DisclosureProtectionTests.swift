import Foundation
import SeedbedSpec
import Testing

@testable import SeedbedScore

@Suite("DisclosureProtection")
struct DisclosureProtectionTests {
    /// Real rows: a zip code and an age the attacker knows, a disease they want.
    static let real: MetricTable = {
        do {
            return try MetricTable([
                "zip": .categorical(["A", "A", "B", "C", "B"]), "age": .numeric([10, 20, 30, 40, nil]),
                "disease": .categorical(["flu", "cold", "flu", "flu", "cold"]),
            ])
        } catch { fatalError("\(error)") }
    }()

    static let synthetic: MetricTable = {
        do {
            return try MetricTable([
                "zip": .categorical(["A", "A", "A", "A", "A", "B", "B", "B"]),
                "age": .numeric([11, 11, 12, 19, 21, 100, nil, nil]),
                "disease": .categorical(["flu", "cold", "flu", "cold", "cold", "flu", "cold", "flu"]),
            ])
        } catch { fatalError("\(error)") }
    }()

    @Test("by hand: ages cut at 13, 16, …, 37; three real rows matched; SDMetrics 0.32.0 agrees")
    func handComputed() throws {
        // Bins over the real range 10…40, closed on the right: 10 and 11 and 12 in bin 0, 19 in
        // bin 2 (16, 19], 20 and 21 in bin 3, 30 in bin 6, 40 and 100 in bin 9, null its own.
        // Real (A, 0, flu): generated (A, 0) rows are flu, cold, flu: 2/3.
        // Real (A, 3, cold): the one generated (A, 3) row is cold: 1. (19 is (A, 2), no match.)
        // Real (B, 6) and (C, 9): no generated row, skipped.
        // Real (B, null, cold): generated (B, null) rows are cold and flu: 1/2.
        // cap = 1 − (2/3 + 1 + 1/2) / 3 = 5/18; baseline = 1 − 1/2 (flu, cold); score = 5/9.
        let result = try DisclosureProtection.measure(
            real: Self.real, synthetic: Self.synthetic, known: ["zip", "age"], sensitive: ["disease"])
        #expect(result.matchedRows == 3)
        #expect(result.realRows == 5)
        #expect(result.capProtection == 1 - (2.0 / 3 + 1 + 0.5) / 3)
        #expect(result.baselineProtection == 0.5)
        #expect(result.score == (1 - (2.0 / 3 + 1 + 0.5) / 3) / 0.5)
        // SDMetricsReference.py: {'score': 0.5555555555555556, 'cap_protection': 0.2777777777777778,
        // 'baseline_protection': 0.5}
        #expect(result.score == 0.5555555555555556)
        #expect(result.capProtection == 0.2777777777777778)
    }

    @Test("pandas.cut's edges: the real range, its low end moved by 0.1%, or widened around one value")
    func edges() {
        #expect(DisclosureProtection.cutEdges([10, nil, 40, 20]) == (1...9).map { Double($0) * 3 + 10 })
        #expect(DisclosureProtection.bin(19, DisclosureProtection.cutEdges([10, 40])) == 2)
        #expect(DisclosureProtection.bin(19.000001, DisclosureProtection.cutEdges([10, 40])) == 3)
        #expect(DisclosureProtection.bin(-1e300, DisclosureProtection.cutEdges([10, 40])) == 0)
        #expect(DisclosureProtection.bin(1e300, DisclosureProtection.cutEdges([10, 40])) == 9)
        #expect(DisclosureProtection.bin(nil, DisclosureProtection.cutEdges([10, 40])) == nil)
        // numpy.linspace's i * step + start, over 5 ± 0.1% (and ±0.001 around zero).
        let low: Double = 5 - 0.001 * 5
        let high: Double = 5 + 0.001 * 5
        let step: Double = (high - low) / 10
        let expected: [Double] = (1...9).map { Double($0) * step + low }
        #expect(DisclosureProtection.cutEdges([5, 5]) == expected)
        let zeroStep: Double = (0.001 - -0.001) / 10
        #expect(DisclosureProtection.cutEdges([0]).first == zeroStep + -0.001)
        #expect(DisclosureProtection.cutEdges([nil]).isEmpty)
    }

    @Test("one real value: SDMetrics 0.32.0 gives cap 0.5, score 1")
    func oneRealValue() throws {
        let real = try MetricTable(["x": .numeric([5, 5, 5, 5]), "s": .categorical(["a", "b", "a", "b"])])
        let synthetic = try MetricTable([
            "x": .numeric([5, 4.9999, 5.0001, 5.004, 4.996]), "s": .categorical(["a", "a", "b", "b", "a"]),
        ])
        let result = try DisclosureProtection.measure(real: real, synthetic: synthetic, known: ["x"], sensitive: ["s"])
        #expect(result.capProtection == 0.5)
        #expect(result.score == 1)
    }

    @Test("no real tuple among the generated rows, or one sensitive value: no score, as SDMetrics' NaN")
    func undefined() throws {
        let real = try MetricTable(["k": .categorical(["x", "y"]), "s": .categorical(["a", "a"])])
        let synthetic = try MetricTable(["k": .categorical(["x", "z"]), "s": .categorical(["a", "b"])])
        let oneValue = try DisclosureProtection.measure(
            real: real, synthetic: synthetic, known: ["k"], sensitive: ["s"])
        #expect(oneValue.baselineProtection == 0)
        #expect(oneValue.capProtection == 0)
        #expect(oneValue.score == nil)
        let disjoint = try MetricTable(["k": .categorical(["q"]), "s": .categorical(["b"])])
        let unmatched = try DisclosureProtection.measure(
            real: disjoint, synthetic: synthetic, known: ["k"], sensitive: ["s"])
        #expect(unmatched.matchedRows == 0)
        #expect(unmatched.capProtection == nil)
        #expect(unmatched.score == nil)
    }

    @Test(
        "a copy of the real rows discloses everything its keys determine; several sensitive columns multiply the baseline"
    )
    func copies() throws {
        let real = try MetricTable([
            "k": .categorical(["x", "x", "y", "z"]), "s": .categorical(["a", "b", "a", "c"]),
            "t": .numeric([1, 1, 2, nil]),
        ])
        let result = try DisclosureProtection.measure(real: real, synthetic: real, known: ["k"], sensitive: ["s", "t"])
        // Shares: x rows 1/2 each, y 1, z 1: mean 3/4. Baseline over 3 × 3 (1, 2 and null's bins).
        #expect(result.capProtection == 1 - (0.5 + 0.5 + 1 + 1) / 4)
        #expect(result.baselineProtection == 1 - 1.0 / 9)
        #expect(result.score == (1 - (0.5 + 0.5 + 1 + 1) / 4) / (1 - 1.0 / 9))
    }

    @Test("a column numeric on one side and categorical on the other is refused")
    func kindMismatch() throws {
        let real = try MetricTable(["k": .numeric([1]), "s": .categorical(["a"])])
        let synthetic = try MetricTable(["k": .categorical(["1"]), "s": .categorical(["a"])])
        #expect(throws: MetricError.self) {
            try DisclosureProtection.measure(real: real, synthetic: synthetic, known: ["k"], sensitive: ["s"])
        }
    }

    @Test("the scorecard measures it from the spec's tags, gates it, and writes it under privacy")
    func inTheScorecard() throws {
        var zip = ScorecardTable.Column(name: "zip")
        zip.isQuasiIdentifier = true
        var age = ScorecardTable.Column(name: "age")
        age.isQuasiIdentifier = true
        var disease = ScorecardTable.Column(name: "disease")
        disease.isSensitive = true
        let table = ScorecardTable(name: "patient", columns: [zip, age, disease], data: Self.synthetic)
        var scorecard = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        try scorecard.measurePrivacy([table], real: ["patient": Self.real], against: "real/", seed: 1)
        scorecard.apply(
            try GatePolicy(
                parsing: SourceFile(name: "p.yml", text: "gates:\n  privacy.disclosure_protection: \">= 0.5\"\n")))
        #expect(scorecard.gates.map(\.value) == [0.5555555555555556])
        #expect(scorecard.passed)

        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(scorecard.json().utf8)) as? [String: Any])
        let privacy = try #require(document["privacy"] as? [String: Any])
        #expect(privacy["disclosure_protection"] as? Double == 0.5555555555555556)
        let tables = try #require(privacy["tables"] as? [String: Any])
        let entries = try #require(tables["disclosure_protection"] as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(entries.first?["table"] as? String == "patient")
        #expect(entries.first?["known"] as? [String] == ["zip", "age"])
        #expect(entries.first?["sensitive"] as? [String] == ["disease"])
        #expect(entries.first?["cap_protection"] as? Double == 0.2777777777777778)
        #expect(entries.first?["baseline_protection"] as? Double == 0.5)
        #expect(entries.first?["matched_rows"] as? Int == 3)
        #expect(entries.first?["real_rows"] as? Int == 5)

        // Without the source, the gate fails and says what it needs.
        var alone = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        try alone.measurePrivacy([table], real: nil, against: nil, seed: 1)
        #expect(alone.gateValues().reasons["privacy.disclosure_protection"] == "needs --privacy-against SOURCE")
    }
}
