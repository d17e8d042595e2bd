import Testing

@testable import SeedbedScore

/// SDMetrics Diagnostic Report metrics. Values marked "SDMetrics 0.32.0" were also computed by
/// SDMetrics 0.32.0 with SDMetricsReference.py and agree.
@Suite("Diagnostics")
struct DiagnosticsTests {
    @Test(
        "BoundaryAdherence counts a synthetic null out of bounds when the real column has none (SDMetrics 0.32.0: 0.4)")
    func boundaryAdherence() {
        #expect(BoundaryAdherence.score(real: [1, 5, 3], synthetic: [0, 1, 5, 6, nil]) == 0.4)
    }

    @Test("BoundaryAdherence drops synthetic nulls when the real column has nulls")
    func boundaryAdherenceNullable() {
        #expect(BoundaryAdherence.score(real: [1, 5, nil], synthetic: [0, 1, nil, nil]) == 0.5)
        #expect(BoundaryAdherence.score(real: [nil], synthetic: [1]) == nil)
        #expect(BoundaryAdherence.score(real: [1, nil], synthetic: [nil]) == nil)
    }

    @Test("CategoryAdherence accepts a null only when the real column has one (SDMetrics 0.32.0: 0.75)")
    func categoryAdherence() {
        #expect(CategoryAdherence.score(real: ["a", "b", nil], synthetic: ["a", "c", nil, "b"]) == 0.75)
        #expect(CategoryAdherence.score(real: ["a", "b"], synthetic: ["a", "c", nil, "b"]) == 0.5)
        #expect(CategoryAdherence.score(real: ["a"], synthetic: []) == nil)
    }

    @Test("KeyUniqueness counts repeats after the first and null keys (SDMetrics 0.32.0: 0.5)")
    func keyUniqueness() throws {
        #expect(try KeyUniqueness.score(keys: [.numeric([1, 2, 2, nil, 3, nil])]) == 0.5)
    }

    @Test("KeyUniqueness on a composite key: a null part is fine, all parts null is not")
    func compositeKeyUniqueness() throws {
        let keys: [MetricColumn] = [.numeric([1, 1, 2, nil, 1]), .categorical(["a", "b", nil, nil, "a"])]
        // Row 3 is all null; row 4 repeats row 0.
        #expect(try KeyUniqueness.score(keys: keys) == 0.6)
        #expect(throws: MetricError.self) { try KeyUniqueness.score(keys: []) }
    }

    @Test("ReferentialIntegrity: the share of foreign keys with a parent (SDMetrics 0.32.0: 0.6)")
    func referentialIntegrity() throws {
        let score = try ReferentialIntegrity.score(
            foreignKey: [.numeric([1, 2, 4, 5, 3])], parentKey: [.numeric([1, 2, 3])], ignoringNullKeys: false)
        #expect(score == 0.6)
    }

    @Test("ReferentialIntegrity: a null foreign key is dropped for an optional relationship, an orphan otherwise")
    func referentialIntegrityNulls() throws {
        let child: [MetricColumn] = [.categorical(["p1", nil, "p9", "p2"])]
        let parent: [MetricColumn] = [.categorical(["p1", "p2"])]
        #expect(try ReferentialIntegrity.score(foreignKey: child, parentKey: parent, ignoringNullKeys: true) == 2 / 3)
        #expect(try ReferentialIntegrity.score(foreignKey: child, parentKey: parent, ignoringNullKeys: false) == 0.5)
        #expect(throws: MetricError.self) {
            try ReferentialIntegrity.score(foreignKey: child, parentKey: [.numeric([1])], ignoringNullKeys: true)
        }
    }
}
