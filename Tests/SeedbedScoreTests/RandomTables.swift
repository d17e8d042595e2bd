import SeedbedTestSupport

@testable import SeedbedScore

/// Random tables for property tests: a few numeric and categorical columns with nulls,
/// rebuilt identically from a seed.
enum RandomTables {
    static func table(seed: UInt64, rows: Int? = nil) throws -> MetricTable {
        var random = SeedbedTestSupport.SplitMix64(state: seed)
        let rowCount = rows ?? Int.random(in: 1...60, using: &random)
        let numericCount = Int.random(in: 1...3, using: &random)
        let categoricalCount = Int.random(in: 0...2, using: &random)
        var names: [String] = []
        var columns: [MetricColumn] = []
        for i in 0..<numericCount {
            let spread = Double(Int.random(in: 0...50, using: &random))
            let whole = Bool.random(using: &random)
            names.append("n\(i)")
            columns.append(
                .numeric(
                    (0..<rowCount).map { _ in
                        if Int.random(in: 0..<10, using: &random) == 0 { return nil }
                        let value = Double.random(in: 0...spread, using: &random)
                        return whole ? value.rounded() : value
                    }))
        }
        for i in 0..<categoricalCount {
            let categories = Int.random(in: 1...5, using: &random)
            names.append("c\(i)")
            columns.append(
                .categorical(
                    (0..<rowCount).map { _ in
                        Int.random(in: 0..<10, using: &random) == 0
                            ? nil : "v\(Int.random(in: 0..<categories, using: &random))"
                    }))
        }
        return try MetricTable(names: names, columns: columns)
    }

    /// A table with the same columns as `table`, new values and `rows` rows.
    static func sibling(of table: MetricTable, seed: UInt64, rows: Int) throws -> MetricTable {
        var random = SeedbedTestSupport.SplitMix64(state: seed ^ 0xA5A5)
        let columns: [MetricColumn] = table.columns.map { column in
            switch column {
            case .numeric:
                .numeric(
                    (0..<rows).map { _ in
                        Bool.random(using: &random) ? nil : Double(Int.random(in: -5...60, using: &random))
                    })
            case .categorical:
                .categorical(
                    (0..<rows).map { _ in
                        Bool.random(using: &random) ? nil : "v\(Int.random(in: 0...6, using: &random))"
                    })
            }
        }
        return try MetricTable(names: table.names, columns: columns)
    }
}
