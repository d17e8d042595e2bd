/// The rows of a table grouped by their quasi-identifier tuple: ARX's equivalence classes,
/// exact (no generalisation, no suppression), with null as a value of its own.
struct EquivalenceClasses {
    /// The class of each row, dense in `0..<count`.
    let classOfRow: [Int32]
    /// The number of rows in each class.
    let sizes: [Int]

    var count: Int { sizes.count }

    init(_ table: MetricTable, quasiIdentifiers: [String]) throws(MetricError) {
        classOfRow = try RowCodes([(table, "synthetic")], columns: quasiIdentifiers).codes[0]
        var sizes: [Int] = []
        for code in classOfRow {
            if Int(code) == sizes.count { sizes.append(0) }
            sizes[Int(code)] += 1
        }
        self.sizes = sizes
    }
}
