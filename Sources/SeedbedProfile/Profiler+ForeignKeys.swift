import SeedbedSpec

extension Profiler {
    /// A `references` of the spec whose tables and columns the source has.
    struct PlannedForeignKey {
        var childTable: String
        var childColumn: String
        var parentTable: String
        var parentColumn: String
    }

    func plannedForeignKeys(_ scans: [TableScan]) -> [PlannedForeignKey] {
        guard let spec = options.spec else { return [] }
        let has = { (table: String, column: String) in
            scans.contains { $0.table.name == table && $0.table.columns.contains { $0.name == column } }
        }
        var keys: [PlannedForeignKey] = []
        for table in spec.tables {
            for column in table.columns {
                for modifier in column.modifiers {
                    guard case .references(let parent, let parentColumn) = modifier.value,
                        has(table.name.name, column.name.name), has(parent.name, parentColumn.name)
                    else { continue }
                    keys.append(
                        PlannedForeignKey(
                            childTable: table.name.name, childColumn: column.name.name, parentTable: parent.name,
                            parentColumn: parentColumn.name))
                }
            }
        }
        return keys
    }

    /// Public ceiling on the children a parent is counted with under DP (more count as this).
    static let privateFanOutCap = 64

    /// Parents by number of children: one pass collects the parent keys, one counts the
    /// children of each.
    func fanOut(
        _ key: PlannedForeignKey, scans: [TableScan], source: some ProfileSource, budget: PrivacyBudget,
        noise: inout NoiseSource
    ) throws(ProfileError) -> ForeignKeyProfile {
        var children: [String: Int] = [:]
        if let parent = scans.first(where: { $0.table.name == key.parentTable }),
            let index = parent.table.columns.firstIndex(where: { $0.name == key.parentColumn })
        {
            try source.scan(parent.table) { (batch: SourceBatch) throws(ProfileError) in
                for value in batch.columns[index] {
                    if let key = ColumnAccumulator.categoryKey(value) { children[key] = 0 }
                }
            }
        }
        var orphans = 0
        if let child = scans.first(where: { $0.table.name == key.childTable }),
            let index = child.table.columns.firstIndex(where: { $0.name == key.childColumn })
        {
            try source.scan(child.table) { (batch: SourceBatch) throws(ProfileError) in
                for value in batch.columns[index] {
                    guard let key = ColumnAccumulator.categoryKey(value) else { continue }
                    if let count = children[key] { children[key] = count + 1 } else { orphans += 1 }
                }
            }
        }
        let counts = children.values.sorted()
        var histogram: [Int: Int] = [:]
        let statistic = "\(key.childTable).\(key.childColumn):fan-out"
        if options.epsilon != nil {
            let epsilon = budget.epsilon(for: statistic)
            for count in counts { histogram[min(count, Self.privateFanOutCap), default: 0] += 1 }
            // A child row moves its parent to the next bin: two bins change by one.
            for bin in 0...Self.privateFanOutCap {
                histogram[bin] = noisyCount(histogram[bin] ?? 0, epsilon: epsilon, sensitivity: 2, noise: &noise)
            }
            orphans = noisyCount(orphans, epsilon: epsilon, sensitivity: 1, noise: &noise)
        } else {
            let k = max(options.minCount, 1)
            let cap = counts.isEmpty ? 0 : counts[max(counts.count - k, 0)]
            for count in counts { histogram[min(count, cap), default: 0] += 1 }
        }
        let fanOut = histogram.filter { $0.value > 0 }.sorted { $0.key < $1.key }
            .map { FanOutCount(children: $0.key, parents: $0.value) }
        return ForeignKeyProfile(
            child: "\(key.childTable).\(key.childColumn)", parent: "\(key.parentTable).\(key.parentColumn)",
            orphans: orphans, fanOut: fanOut)
    }
}
