/// SDMetrics CategoryAdherence: the share of synthetic values that are categories of the real
/// column, for categories and booleans.
public enum CategoryAdherence {
    /// - Returns: a score in [0, 1]; `nil` when there is no synthetic value. A synthetic null
    ///   adheres exactly when the real column has a null.
    /// - Complexity: O(n + m) expected.
    public static func score(real: [String?], synthetic: [String?]) -> Double? {
        guard !synthetic.isEmpty else { return nil }
        var categories = Set<String>()
        var realHasNull = false
        for value in real {
            if let value { categories.insert(value) } else { realHasNull = true }
        }
        let adhering = synthetic.count { value in value.map(categories.contains) ?? realHasNull }
        return Double(adhering) / Double(synthetic.count)
    }

    /// The score over codes in `0..<codeCount` shared by both sides (null has a code of its
    /// own), as the quality report has them already: no string is hashed again.
    static func score(real: [Int32], synthetic: [Int32], codeCount: Int) -> Double? {
        guard !synthetic.isEmpty else { return nil }
        var isReal = [Bool](repeating: false, count: codeCount)
        for code in real { isReal[Int(code)] = true }
        let adhering = synthetic.count { isReal[Int($0)] }
        return Double(adhering) / Double(synthetic.count)
    }
}
