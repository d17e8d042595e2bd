/// SDMetrics' DCR distance between rows, made into coordinates so that a k-d tree can search it.
///
/// SDMetrics (`dcr_utils.py`) measures each column as
/// - numbers: `min(|x - y| / range, 1)`, with the range (max - min) of the reference data, or
///   `1[x ≠ y]` when that range is 0;
/// - categories: `1[x ≠ y]`;
/// - null against a value: 1; null against null: 0;
///
/// and a row's distance is the mean over the columns. Every case above is `min(|a - b|, 1)` for
/// a suitable coordinate: a number becomes `(x - min) / range`, a category (or a number in a column of
/// range 0) becomes twice its code, so two different codes are at least 2 apart, and null
/// becomes a coordinate far from every other. The distance is then a clipped L1 norm, which a
/// k-d tree bounds per coordinate exactly.
struct DistanceSpace {
    private enum Encoding {
        case scaled(low: Double, range: Double)
        case coded
    }

    /// Far from every scaled value and code, so null is at distance 1 from any value.
    static let nullCoordinate = 1e300

    let columns: [String]
    private let encodings: [Encoding]

    var dimensions: Int { columns.count }

    /// - Parameter rangeSources: the tables whose values fix each numeric column's range (the
    ///   reference data, as in SDMetrics).
    init(columns: [String], rangeSources: [(table: MetricTable, role: String)]) throws(MetricError) {
        guard !columns.isEmpty else {
            throw MetricError(.invalidArgument, "a distance needs at least one column to compare")
        }
        self.columns = columns
        var encodings: [Encoding] = []
        for name in columns {
            var low = Double.infinity
            var high = -Double.infinity
            var numeric = false
            for (table, role) in rangeSources {
                guard case .numeric(let values) = try table.column(name, role: role) else { continue }
                numeric = true
                for case let value? in values where !value.isNaN {
                    low = Swift.min(low, value)
                    high = Swift.max(high, value)
                }
            }
            encodings.append(numeric && high > low ? .scaled(low: low, range: high - low) : .coded)
        }
        self.encodings = encodings
    }

    /// The coordinates of every row of each table, comparable across the tables.
    /// - Throws: `MetricError` for a missing column or one whose kind differs between tables.
    func coordinates(of tables: [(table: MetricTable, role: String)]) throws(MetricError) -> [PointSet] {
        var points = tables.map { PointSet(dimensions: dimensions, count: $0.table.rowCount) }
        for (dimension, name) in columns.enumerated() {
            var codebook = ValueCodebook()
            var kind: String?
            for (t, (table, role)) in tables.enumerated() {
                let column = try table.column(name, role: role)
                if let kind, kind != column.kindName {
                    throw .kindMismatch(name, expected: kind, found: column.kindName)
                }
                kind = column.kindName
                switch (encodings[dimension], column) {
                case (.scaled(let low, let range), .numeric(let values)):
                    // Offset by the minimum first, so a coordinate difference rounds like
                    // SDMetrics' |x - y| / range does on ordinary values.
                    for (row, value) in values.enumerated() {
                        let coordinate = value.flatMap { $0.isNaN ? nil : ($0 - low) / range } ?? Self.nullCoordinate
                        points[t].set(row: row, dimension: dimension, coordinate)
                    }
                default:
                    for (row, code) in codebook.encode(column).enumerated() {
                        let isNull = code == codebook.null
                        points[t].set(row: row, dimension: dimension, isNull ? Self.nullCoordinate : 2 * Double(code))
                    }
                }
            }
        }
        return points
    }
}

/// Rows as points, row-major in one flat buffer.
struct PointSet {
    let dimensions: Int
    let count: Int
    private(set) var coordinates: ContiguousArray<Double>

    init(dimensions: Int, count: Int) {
        self.dimensions = dimensions
        self.count = count
        coordinates = ContiguousArray(repeating: 0, count: dimensions * count)
    }

    mutating func set(row: Int, dimension: Int, _ value: Double) {
        coordinates[row * dimensions + dimension] = value
    }

    /// The points at `indices`, in that order.
    func subset(_ indices: [Int]) -> PointSet {
        var result = PointSet(dimensions: dimensions, count: indices.count)
        for (newRow, row) in indices.enumerated() {
            for d in 0..<dimensions {
                result.coordinates[newRow * dimensions + d] = coordinates[row * dimensions + d]
            }
        }
        return result
    }
}
