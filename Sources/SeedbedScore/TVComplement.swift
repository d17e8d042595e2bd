/// SDMetrics TVComplement: 1 minus the total variation distance between the category
/// frequencies, for categories and booleans.
///
/// Nulls are dropped. As in SDMetrics' `get_frequencies`, a category seen only in the
/// synthetic data gets a pseudo-count of 1e-6 in the real data, so it adds its whole synthetic
/// share to the distance.
public enum TVComplement {
    /// - Returns: a score in [0, 1], 1 when every category has the same share; `nil` when
    ///   either side has no non-null value.
    /// - Complexity: O(n + m) expected.
    public static func score(real: [String?], synthetic: [String?]) -> Double? {
        var codebook = ValueCodebook()
        let realCodes = codebook.encode(.categorical(real))
        let syntheticCodes = codebook.encode(.categorical(synthetic))
        return score(real: realCodes, synthetic: syntheticCodes, codeCount: Int(codebook.count), null: codebook.null)
    }

    /// The score over codes in `0..<codeCount`, skipping the null code.
    static func score(real: [Int32], synthetic: [Int32], codeCount: Int, null: Int32?) -> Double? {
        var realCounts = [Double](repeating: 0, count: codeCount)
        var syntheticCounts = [Double](repeating: 0, count: codeCount)
        for code in real where code != null { realCounts[Int(code)] += 1 }
        for code in synthetic where code != null { syntheticCounts[Int(code)] += 1 }
        var realTotal = realCounts.reduce(0, +)
        let syntheticTotal = syntheticCounts.reduce(0, +)
        guard realTotal > 0, syntheticTotal > 0 else { return nil }
        for code in 0..<codeCount where realCounts[code] == 0 && syntheticCounts[code] > 0 {
            realCounts[code] = 1e-6
            realTotal += 1e-6
        }
        var variation = 0.0
        for code in 0..<codeCount where realCounts[code] > 0 {
            variation += abs(syntheticCounts[code] / syntheticTotal - realCounts[code] / realTotal)
        }
        // Shares that cancel exactly can leave the sum a rounding error above 2.
        return Swift.max(0, 1 - 0.5 * variation)
    }
}
