import Foundation

/// l-diversity as ARX defines it, per sensitive column, over the equivalence classes of the
/// quasi-identifiers.
///
/// - Distinct l-diversity: every class holds at least l distinct sensitive values; the table's
///   l is the fewest in any class.
/// - Entropy l-diversity: every class has `H(sensitive) ≥ log l` (Shannon entropy, ARX's default
///   estimator); the table's l is `exp` of the smallest class entropy, so it is comparable with
///   the distinct l and never above it.
public enum LDiversity {
    public struct Result: Sendable, Hashable {
        public var column: String
        public var distinctL: Int
        public var entropyL: Double
    }

    /// - Returns: one result per sensitive column, in the order given; empty for a table
    ///   without rows. Null is a sensitive value of its own.
    /// - Throws: `MetricError.missingColumn` for an unknown column.
    /// - Complexity: O(n (q + s)) expected.
    public static func measure(
        _ table: MetricTable, quasiIdentifiers: [String], sensitive: [String]
    ) throws(MetricError) -> [Result] {
        guard table.rowCount > 0 else { return [] }
        let classes = try EquivalenceClasses(table, quasiIdentifiers: quasiIdentifiers)
        var results: [Result] = []
        for name in sensitive {
            var codebook = ValueCodebook()
            let values = codebook.encode(try table.column(name, role: "synthetic"))
            // Count (class, value) cells once; each class's distinct count and entropy follow.
            var cells: [Int64: Int] = [:]
            for (row, value) in values.enumerated() {
                cells[Int64(classes.classOfRow[row]) << 32 | Int64(value), default: 0] += 1
            }
            var distinct = [Int](repeating: 0, count: classes.count)
            var entropy = [Double](repeating: 0, count: classes.count)
            for (cell, count) in cells {
                let classIndex = Int(cell >> 32)
                let share = Double(count) / Double(classes.sizes[classIndex])
                distinct[classIndex] += 1
                entropy[classIndex] -= share * log(share)
            }
            let smallestEntropy = Swift.max(0, entropy.min() ?? 0)
            results.append(Result(column: name, distinctL: distinct.min() ?? 0, entropyL: exp(smallestEntropy)))
        }
        return results
    }
}
