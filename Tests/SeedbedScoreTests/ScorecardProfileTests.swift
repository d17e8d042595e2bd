import SeedbedSpec
import Testing

@testable import SeedbedScore

@Suite("Scorecard: fidelity against a profile, gates")
struct ScorecardProfileTests {
    @Test func ksAgainstTheQuantileFunction() {
        // Uniform on [0, 10]: at 4 the generated CDF is 1 and the profile's 0.4.
        #expect(ProfileComparison.ksComplement(quantiles: [0, 10], synthetic: [1, 2, 3, 4]) == 0.4)
        #expect(ProfileComparison.ksComplement(quantiles: [0, 5, 10], synthetic: [2.5, 7.5]) == 0.75)
        // Tied quantiles are a jump: a point mass at 5 matches generated fives exactly.
        #expect(ProfileComparison.ksComplement(quantiles: [5, 5, 5], synthetic: [5, 5]) == 1)
        #expect(ProfileComparison.ksComplement(quantiles: [5, 5, 5], synthetic: [4]) == 0)
        #expect(ProfileComparison.ksComplement(quantiles: [0, 10], synthetic: []) == nil)
    }

    @Test func tvAgainstFrequenciesWithOther() {
        // Profile a .6, b .2, other .2; generated a .4, b .2, c (other) .4.
        let withOther = ProfileComparison.tvComplement(
            counts: [("a", 6), ("b", 2)], otherRows: 2, synthetic: ["a", "a", "b", "c", "c"])
        #expect(abs((withOther ?? 0) - 0.8) < 1e-12)
        // Without other, an unlisted generated value counts fully.
        let without = ProfileComparison.tvComplement(
            counts: [("a", 8), ("b", 2)], otherRows: 0, synthetic: ["a", "a", "b", "c", "c"])
        #expect(abs((without ?? 0) - 0.6) < 1e-12)
    }

    @Test func spearmanWithMidRanks() {
        #expect(ProfileComparison.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
        #expect(ProfileComparison.spearman([1, 2, 3, 4], [40, 30, 20, 10]) == -1)
        let tied = ProfileComparison.spearman([1, 2, 2, 3], [1, 2, 3, 4])
        #expect(abs((tied ?? 0) - 4.5 / 22.5.squareRoot()) < 1e-12)
        #expect(ProfileComparison.spearman([1, 1, 1], [1, 2, 3]) == nil)
        #expect(ProfileComparison.spearman([1, nil, 3], [1, 2, nil]) == nil)
    }

    static func table() throws -> ScorecardTable {
        var id = ScorecardTable.Column(name: "id")
        id.isKey = true
        var name = ScorecardTable.Column(name: "name")
        name.isPII = true
        var age = ScorecardTable.Column(name: "age")
        age.isQuasiIdentifier = true
        let data = try MetricTable([
            "id": .numeric([1, 2, 3, 4]), "name": .categorical(["a", "b", "c", "d"]),
            "age": .numeric([1, 2, 3, 4]), "score": .numeric([10, 20, 30, 40]),
            "tier": .categorical(["x", "x", "y", "z"]),
        ])
        return ScorecardTable(
            name: "t",
            columns: [id, name, age, ScorecardTable.Column(name: "score"), ScorecardTable.Column(name: "tier")],
            data: data)
    }

    @Test func profileFidelityComparesWhatTheProfileKeeps() throws {
        var scorecard = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        let profile = Scorecard.ProfileBaseline(tables: [
            "t": .init(
                marginals: [
                    "age": .numeric(quantiles: [0, 10], scale: 1),
                    "score": .numeric(quantiles: [10, 40], scale: 1),
                    "id": .numeric(quantiles: [0, 1], scale: 1),
                ],
                rankCorrelations: [("age", "score", 0.9), ("id", "age", 1)])
        ])
        scorecard.measureFidelity([try Self.table()], profile: profile, baseline: "p.json")
        let fidelity = try #require(scorecard.fidelity)
        let table = try #require(fidelity.tables.first)
        // Keys and PII are never compared; tier has no marginal in the profile.
        #expect(table.columns.map(\.column) == ["age", "score"])
        #expect(table.columns.map(\.score) == [0.4, 0.75])
        #expect(table.pairs.map(\.score) == [0.95])
        #expect(table.columnShapes == 0.575)
        #expect(table.overall == (0.575 + 0.95) / 2)
        #expect(scorecard.notes == ["fidelity: the profile of 't' has no comparable marginal for tier; not compared"])
    }

    @Test func gatesTakeTheWorstTableAndSayWhatWasNotMeasured() throws {
        var scorecard = Scorecard(
            dataset: "d", spec: "s.seed",
            conformance: .init(
                rules: [
                    .init(
                        id: "R", kind: nil, title: nil, table: "t", hasCondition: false, checked: 4, fired: 4,
                        violations: 1, examples: ["2"])
                ], scenarios: []))
        try scorecard.measureDiagnostics([try Self.table()])
        try scorecard.measurePrivacy([try Self.table()], real: nil, against: nil, seed: 0)
        let policy = try GatePolicy(
            parsing: SourceFile(
                name: "p.yml",
                text: """
                    gates:
                      conformance.violations: "= 0"
                      validity.key_uniqueness: "= 1"
                      privacy.k_anonymity: ">= 1"
                      privacy.mia_auc: "<= 0.6"
                    """))
        scorecard.apply(policy)
        #expect(scorecard.gates.map(\.passed) == [false, true, true, false])
        #expect(scorecard.gates.map(\.value) == [1, 1, 1, nil])
        #expect(scorecard.gates.last?.reason == "needs --privacy-against SOURCE")
        #expect(
            scorecard.verdict == "FAILED: 2 of 4 gates: conformance.violations = 0; privacy.mia_auc <= 0.6")
        #expect(scorecard.conformance.rate == 0.75)
    }

    @Test func markupEscapesText() {
        #expect(
            Scorecard.escaped("<a href=\"x\">'&'</a>\u{1}")
                == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;\u{FFFD}")
    }
}
