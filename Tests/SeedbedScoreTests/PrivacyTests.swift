import Testing

@testable import SeedbedScore

@Suite("Privacy metrics")
struct PrivacyTests {
    /// The 4-anonymous inpatient table of Machanavajjhala et al., "l-Diversity: Privacy Beyond
    /// k-Anonymity" (2007), Figure 2: the third class is all Cancer (the homogeneity attack).
    static func inpatients(classes: Int = 3) throws -> MetricTable {
        let zip = [
            "130**", "130**", "130**", "130**", "1485*", "1485*", "1485*", "1485*", "130**", "130**", "130**", "130**",
        ]
        let age = ["<30", "<30", "<30", "<30", ">=40", ">=40", ">=40", ">=40", "3*", "3*", "3*", "3*"]
        let condition = [
            "Heart Disease", "Heart Disease", "Viral Infection", "Viral Infection", "Cancer", "Heart Disease",
            "Viral Infection", "Viral Infection", "Cancer", "Cancer", "Cancer", "Cancer",
        ]
        let rows = classes * 4
        return try MetricTable([
            "zip": .categorical(Array(zip.prefix(rows))), "age": .categorical(Array(age.prefix(rows))),
            "condition": .categorical(Array(condition.prefix(rows))),
        ])
    }

    @Test("k-anonymity of the textbook table is 4, with three classes")
    func kAnonymityTextbook() throws {
        let result = try #require(try KAnonymity.measure(Self.inpatients(), quasiIdentifiers: ["zip", "age"]))
        #expect(result == KAnonymity.Result(k: 4, classCount: 3, rowsInSmallestClasses: 12))
    }

    @Test("k is the smallest class; null is a value of its own")
    func kAnonymitySmallestClass() throws {
        let table = try MetricTable([
            "zip": .categorical(["1", "1", "1", "2", "2", nil]),
            "year": .numeric([1990, 1990, 1990, 1980, 1980, 1980]),
        ])
        let result = try #require(try KAnonymity.measure(table, quasiIdentifiers: ["zip", "year"]))
        #expect(result == KAnonymity.Result(k: 1, classCount: 3, rowsInSmallestClasses: 1))
        #expect(try KAnonymity.measure(table, quasiIdentifiers: ["year"])?.k == 3)
        #expect(try KAnonymity.measure(table, quasiIdentifiers: [])?.k == 6)
        #expect(throws: MetricError.missingColumn("zipcode", in: "synthetic")) {
            try KAnonymity.measure(table, quasiIdentifiers: ["zipcode"])
        }
    }

    @Test("l-diversity of the textbook table is 1: the all-Cancer class")
    func lDiversityHomogeneity() throws {
        let results = try LDiversity.measure(
            Self.inpatients(), quasiIdentifiers: ["zip", "age"], sensitive: ["condition"])
        #expect(results == [LDiversity.Result(column: "condition", distinctL: 1, entropyL: 1)])
    }

    @Test("without the all-Cancer class: distinct l 2, entropy l exp(min(ln 2, 1.5 ln 2)) = 2")
    func lDiversityEntropy() throws {
        let results = try LDiversity.measure(
            Self.inpatients(classes: 2), quasiIdentifiers: ["zip", "age"], sensitive: ["condition"])
        let result = try #require(results.first)
        #expect(result.distinctL == 2)
        #expect(abs(result.entropyL - 2) < 1e-12)
        // The second class alone (1/4, 1/4, 1/2): H = 1.5 ln 2, so entropy l = 2^1.5.
        let second = try MetricTable([
            "q": .categorical(["x", "x", "x", "x"]),
            "s": .categorical(["Cancer", "Heart Disease", "Viral Infection", "Viral Infection"]),
        ])
        let alone = try #require(try LDiversity.measure(second, quasiIdentifiers: ["q"], sensitive: ["s"]).first)
        #expect(alone.distinctL == 3)
        #expect(abs(alone.entropyL - 2.0 * 2.0.squareRoot()) < 1e-12)
    }

    @Test("the exact-match rate counts synthetic rows equal to a real row, null equal to null")
    func exactMatch() throws {
        let real = try MetricTable(["n": .numeric([1, 2, nil]), "c": .categorical(["a", "b", "c"])])
        let synthetic = try MetricTable(["n": .numeric([1, 2, nil, 3]), "c": .categorical(["a", "a", "c", "b"])])
        #expect(try ExactMatch.rate(real: real, synthetic: synthetic, columns: ["n", "c"]) == 0.5)
        #expect(try ExactMatch.rate(real: real, synthetic: synthetic, columns: ["n"]) == 0.75)
        #expect(try ExactMatch.rate(real: synthetic, synthetic: synthetic, columns: ["n", "c"]) == 1)
    }

    static func dcrTables() throws -> (real: MetricTable, synthetic: MetricTable, holdout: MetricTable) {
        (
            try MetricTable(["age": .numeric([20, 30, 40, nil]), "segment": .categorical(["a", "b", "a", "b"])]),
            try MetricTable(["age": .numeric([20, 26, nil, 50]), "segment": .categorical(["a", "a", "b", "c"])]),
            try MetricTable(["age": .numeric([21, 34, 44, 50]), "segment": .categorical(["a", "a", "b", "c"])])
        )
    }

    @Test("DCR: range-normalised, clipped at 1, mean over columns (SDMetrics 0.32.0: [0, 0.15, 0, 0.75])")
    func dcr() throws {
        let (real, synthetic, _) = try Self.dcrTables()
        let distances = try DistanceToClosestRecord.distances(from: synthetic, to: real, columns: ["age", "segment"])
        // (26, a) to (20, a): 6/20 over 2 columns; (50, c) to (40, a): min(10/20, 1) + 1, over 2.
        #expect(distances == [0, 0.15, 0, 0.75])
    }

    @Test("DCROverfittingProtection (SDMetrics 0.32.0: score 1, closer to training 0.5)")
    func overfitting() throws {
        let (real, synthetic, holdout) = try Self.dcrTables()
        let result = try DCROverfittingProtection.measure(
            training: real, holdout: holdout, synthetic: synthetic, columns: ["age", "segment"])
        #expect(result == DCROverfittingProtection.Result(score: 1, closerToTraining: 0.5, closerToHoldout: 0.5))
        let copies = try DCROverfittingProtection.measure(
            training: real, holdout: holdout, synthetic: real, columns: ["age", "segment"])
        #expect(copies?.score == 0)
    }

    @Test("DCRBaselineProtection of copies of the real rows is 0; of other rows, the ratio of medians")
    func baselineProtection() throws {
        let (real, synthetic, _) = try Self.dcrTables()
        let copies = try #require(
            try DCRBaselineProtection.measure(real: real, synthetic: real, columns: ["age", "segment"], seed: 7))
        #expect(copies.score == 0)
        #expect(copies.syntheticMedian == 0)
        let other = try #require(
            try DCRBaselineProtection.measure(real: real, synthetic: synthetic, columns: ["age", "segment"], seed: 7))
        // The synthetic median is that of [0, 0.15, 0, 0.75]: 0.075.
        #expect(abs(other.syntheticMedian - 0.075) < 1e-15)
        #expect(other.score == Swift.min(other.syntheticMedian / other.randomMedian, 1))
        let again = try DCRBaselineProtection.measure(
            real: real, synthetic: synthetic, columns: ["age", "segment"], seed: 7)
        #expect(again == other)
    }

    @Test("the random baseline stays in the real range and categories, whole where the real data is whole")
    func randomBaseline() throws {
        let real = try MetricTable([
            "n": .numeric([10, 20, nil, 15]), "x": .numeric([0.5, 1.5, 1, 1]), "c": .categorical(["a", "b", "b", "a"]),
        ])
        var generator = SplitMix64(seed: 3)
        let random = try DCRBaselineProtection.randomBaseline(like: real, rows: 2_000, using: &generator)
        guard case .numeric(let n) = random["n"], case .numeric(let x) = random["x"],
            case .categorical(let c) = random["c"]
        else {
            Issue.record("columns changed kind")
            return
        }
        #expect(n.allSatisfy { $0.map { $0 >= 10 && $0 <= 20 && $0 == $0.rounded() } ?? true })
        #expect(Set(n.compactMap(\.self)).count == 11)
        let nulls = n.count { $0 == nil }
        #expect(nulls > 350 && nulls < 650)  // 25% of 2,000
        #expect(x.allSatisfy { $0.map { $0 >= 0.5 && $0 < 1.5 } ?? false })
        #expect(Set(c.compactMap(\.self)) == ["a", "b"])
    }

    @Test("AUC and DeLong's standard error on a hand-computed example")
    func rocAUC() throws {
        // Pairs (positive, negative): 3>2, 3>0, 2=2 (½), 2>0, 1<2, 1>0: 4.5 / 6.
        let result = try #require(MembershipInference.rocAUC(positives: [3, 2, 1], negatives: [2, 0]))
        #expect(result.auc == 0.75)
        // V10 = [1, .75, .5], V01 = [.5, 1]: S10 = .0625, S01 = .125; var = .0625/3 + .125/2.
        let se = (0.0625 / 3 + 0.125 / 2).squareRoot()
        #expect(abs(result.standardError - se) < 1e-15)
        #expect(abs(result.lower - (0.75 - 1.959_963_984_540_054 * se)) < 1e-15)
        #expect(result.upper == 1)
        #expect(MembershipInference.rocAUC(positives: [1], negatives: [0, 1]) == nil)
    }

    @Test("the attack finds members that were copied into the synthetic data, and not otherwise")
    func membershipInference() throws {
        let members = try MetricTable(["v": .numeric([0, 10, 20, 30]), "c": .categorical(["a", "b", "a", "b"])])
        let nonMembers = try MetricTable(["v": .numeric([5, 15, 25, 35]), "c": .categorical(["b", "a", "b", "a"])])
        let leaked = try #require(
            try MembershipInference.attack(
                members: members, nonMembers: nonMembers, synthetic: members, columns: ["v", "c"]))
        #expect(leaked.auc == 1)
        #expect(leaked.members == 4 && leaked.nonMembers == 4)
        let fair = try #require(
            try MembershipInference.attack(
                members: members, nonMembers: nonMembers, synthetic: nonMembers, columns: ["v", "c"]))
        #expect(fair.auc == 0)
        #expect(fair.lower <= fair.auc && fair.auc <= fair.upper)
    }

    @Test("a holdout split is a deterministic partition of the rows")
    func split() throws {
        let table = try MetricTable(["i": .numeric((0..<100).map(Double.init))])
        let (training, holdout) = table.split(holdoutFraction: 0.3, seed: 11)
        #expect(training.rowCount == 70 && holdout.rowCount == 30)
        guard case .numeric(let a) = training["i"], case .numeric(let b) = holdout["i"] else { return }
        #expect(Set(a + b).count == 100)
        let again = table.split(holdoutFraction: 0.3, seed: 11)
        #expect(again.holdout == holdout)
    }
}
