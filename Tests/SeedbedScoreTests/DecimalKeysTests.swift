import Testing

@testable import SeedbedScore

/// KSComplement's integer paths (counts for narrow ranges, a narrow radix sort for wide ones)
/// against the general sort of rounded doubles, which SDMetrics agreement was measured on.
@Suite("KSComplement on decimal keys")
struct DecimalKeysTests {
    /// The general path's score: sorted 64-bit keys of the rounded values.
    private func sorted(_ real: [Double?], _ synthetic: [Double?]) -> Double? {
        KSComplement.score(
            sortedReal: KSComplement.prepared(real), sortedSynthetic: KSComplement.prepared(synthetic))
    }

    @Test("whole numbers are counted: the hand-computed 0.6, ties and nulls as before")
    func wholeNumbers() {
        #expect(DecimalKeys.ksComplement(real: [1, 2, 3, 4, 5, nil], synthetic: [2, 3, 4, 6, 8]) == .some(0.6))
        #expect(DecimalKeys.ksComplement(real: [1, 1, 2, 3], synthetic: [1, 3]) == .some(0.75))
        #expect(DecimalKeys.ksComplement(real: [nil, .nan], synthetic: [1]) == .some(nil))
        #expect(
            DecimalKeys.ksComplement(real: [-0.0, 0, 2], synthetic: [0.0, 1]) == .some(sorted([-0.0, 0, 2], [0.0, 1])))
    }

    @Test("values that are not k / 10^s for s ≤ 4 go to the general path")
    func fallsBack() {
        #expect(DecimalKeys.ksComplement(real: [0.1 + 0.2], synthetic: [0.3]) == .none)
        #expect(DecimalKeys.ksComplement(real: [1, 2], synthetic: [1.000_01]) == .none)
        #expect(DecimalKeys.ksComplement(real: [1e300], synthetic: [1]) == .none)
        #expect(DecimalKeys.ksComplement(real: [.infinity], synthetic: [1]) == .none)
        #expect(KSComplement.score(real: [0.1 + 0.2], synthetic: [0.3]) == 1)
    }

    @Test("random decimals of mixed scales, narrow and wide ranges, score as the sort does, to the bit")
    func matchesSorting() {
        var generator = SplitMix64(seed: 7)
        // (values per side, largest key, scale): counted, then radix-sorted (range above 2^20).
        for (count, range, scale) in [(5_000, 300, 0), (20_000, 60_000, 2), (20_000, 1 << 30, 2), (3_000, 999, 1)] {
            func column(_ shift: Int) -> [Double?] {
                (0..<count).map { _ in
                    let draw = generator.next()
                    if draw % 50 == 0 { return nil }
                    let key = Int(draw >> 20 % UInt64(range)) - range / 2 + shift
                    // Some values at a coarser scale, so the common scale is the larger one.
                    let power = draw % 7 == 0 ? 1.0 : [1.0, 10, 100, 1000][scale]
                    return Double(key) / power
                }
            }
            let real = column(0)
            let synthetic = column(range / 10)
            let fast = DecimalKeys.ksComplement(real: real, synthetic: synthetic)
            #expect(fast != .none)
            #expect(fast == .some(sorted(real, synthetic)))
        }
    }

    @Test("a numeric summary finds in one pass what the separate passes found")
    func numericSummary() {
        let values: [Double?] = [3, nil, -0.0, 2.5, .nan, 7]
        let summary = NumericSummary(values)
        #expect(summary.edges(binCount: 10) == Binning.edges(of: values, binCount: 10))
        #expect(summary.isConstant == CorrelationSimilarity.isConstant(values))
        #expect(summary.wholeNumbers == ColumnDistribution.wholeNumbers(values))
        #expect(summary.moments(values) == nil)
        let complete: [Double?] = [1, 2, 4, 8.5]
        let full = NumericSummary(complete)
        #expect(full.moments(complete)?.mean == CorrelationSimilarity.Moments(complete)?.mean)
        #expect(full.moments(complete)?.squares == CorrelationSimilarity.Moments(complete)?.squares)
        #expect(full.wholeNumbers == false)
        #expect(NumericSummary([nil, 4, 4.0]).isConstant)
        #expect(!NumericSummary([nil, nil]).isConstant)
    }
}
