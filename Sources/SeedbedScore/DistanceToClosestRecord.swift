/// Distance to closest record (DCR), as SDMetrics defines it: for each row, the distance to
/// the nearest reference row, where the distance is the mean over the columns of a per-column
/// distance in [0, 1] (see `DistanceSpace`). So a DCR is in [0, 1]: 0 is a copy.
public enum DistanceToClosestRecord {
    /// - Parameters:
    ///   - rows: the rows to measure (the synthetic data, usually).
    ///   - reference: the rows to search (the real data); numeric ranges come from it.
    ///   - columns: the columns to compare: every non-key, non-PII column.
    /// - Returns: one distance per row of `rows`, in order; empty when `reference` is empty.
    /// - Throws: `MetricError` for a missing column or one of a different kind on each side.
    /// - Complexity: a k-d tree over `reference`, O(m log m) to build; each query visits a
    ///   small part of it on realistic data, O(m) at worst.
    public static func distances(from rows: MetricTable, to reference: MetricTable, columns: [String])
        throws(MetricError) -> [Double]
    {
        try distances(from: rows, to: reference, columns: columns, rangesFrom: [(reference, "real")])
    }

    static func distances(
        from rows: MetricTable, to reference: MetricTable, columns: [String],
        rangesFrom sources: [(table: MetricTable, role: String)]
    ) throws(MetricError) -> [Double] {
        guard reference.rowCount > 0 else { return [] }
        let space = try DistanceSpace(columns: columns, rangeSources: sources)
        let points = try space.coordinates(of: [(reference, "real"), (rows, "synthetic")])
        return distances(from: points[1], to: NearestNeighborIndex(points[0]))
    }

    /// Mean-per-column distances from each point to the index's nearest point. Queries are
    /// independent, so blocks of them run on every core.
    static func distances(from queries: PointSet, to index: NearestNeighborIndex) -> [Double] {
        let dimensions = queries.dimensions
        let scale = 1 / Double(dimensions)
        let block = 2048
        let blocks = (queries.count + block - 1) / block
        return ParallelMap.map(blocks) { number in
            (number * block..<Swift.min(queries.count, (number + 1) * block)).map { row in
                let start = row * dimensions
                return index.nearestDistance(to: queries.coordinates[start..<start + dimensions]) * scale
            }
        }.flatMap(\.self)
    }
}

/// The median as numpy computes it: the mean of the two middle values for an even count.
func median(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
