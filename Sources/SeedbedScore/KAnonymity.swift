/// k-anonymity as ARX defines it: the rows sharing one quasi-identifier tuple form an
/// equivalence class, and the table is k-anonymous for k up to its smallest class's size.
public enum KAnonymity {
    public struct Result: Sendable, Hashable {
        /// The size of the smallest equivalence class.
        public var k: Int
        /// The number of equivalence classes.
        public var classCount: Int
        /// The number of rows in classes of that smallest size (the rows an attacker can
        /// single out most easily).
        public var rowsInSmallestClasses: Int
    }

    /// - Parameters:
    ///   - table: the table to measure (the synthetic data).
    ///   - quasiIdentifiers: the columns an attacker may know; values match exactly.
    /// - Returns: `nil` for a table without rows. With no quasi-identifier every row is in one
    ///   class, so k is the row count.
    /// - Throws: `MetricError.missingColumn` for an unknown column.
    /// - Complexity: O(n q) expected.
    public static func measure(_ table: MetricTable, quasiIdentifiers: [String]) throws(MetricError) -> Result? {
        let classes = try EquivalenceClasses(table, quasiIdentifiers: quasiIdentifiers)
        guard let k = classes.sizes.min() else { return nil }
        let smallest = classes.sizes.count { $0 == k }
        return Result(k: k, classCount: classes.count, rowsInSmallestClasses: smallest * k)
    }
}
