import SeedbedSpec

// The pass behind `RuleMining`: what it counts per row, in fixed-size tables.

/// The range of a numeric column over some rows.
struct ValueRange {
    var count = 0
    var min = Double.infinity
    var max = -Double.infinity

    mutating func add(_ value: Double) {
        count += 1
        if value < min { min = value }
        if value > max { max = value }
    }
}

/// A categorical column a rule may start from: its frequent categories by profile order.
struct ConditionColumn {
    let index: Int
    let type: ValueType
    /// The category keys, most frequent first (as the profile names them, integers normalised).
    let values: [String]
    let lookup: [String: Int]

    /// The value's position in `values`; -1 for another value, `nil` for a null.
    func code(_ value: SourceValue) -> Int? {
        guard let key = Self.key(value, type: type) else { return nil }
        return lookup[key] ?? -1
    }

    /// A value as a category key: integers by value (`007` is `7`), booleans in lower case,
    /// text as the profile counted it.
    static func key(_ value: SourceValue, type: ValueType) -> String? {
        switch type {
        case .int:
            guard let number = ColumnAccumulator.number(value), let integer = Int64(exactly: number) else {
                return ColumnAccumulator.categoryKey(value)
            }
            return String(integer)
        case .bool:
            return ColumnAccumulator.categoryKey(value)?.lowercased()
        default:
            return ColumnAccumulator.categoryKey(value)
        }
    }

    /// The literal a rule compares the column with.
    func literal(_ position: Int) -> Literal {
        let key = values[position]
        switch type {
        case .int: return .number(.integer(Int(key) ?? 0))
        case .bool: return .bool(key == "true")
        default: return .string(key)
        }
    }
}

/// A numeric column a rule may bound, with its profiled marginal.
struct TargetColumn {
    let index: Int
    let type: ValueType
    let marginal: NumericMarginal
    let grid: BoundGrid
}

/// Counts over two categorical columns, for never-seen pairs.
struct PairTable {
    let first: Int
    let second: Int
    /// Rows where both columns have a value.
    var rows = 0
    /// Per category of the first column, rows where the second has a value; and vice versa.
    var firstTotals: [Int]
    var secondTotals: [Int]
    /// `joint[a * secondCount + b]`: rows with both categories.
    var joint: [Int]

    init(first: Int, second: Int, firstCount: Int, secondCount: Int) {
        self.first = first
        self.second = second
        firstTotals = Array(repeating: 0, count: firstCount)
        secondTotals = Array(repeating: 0, count: secondCount)
        joint = Array(repeating: 0, count: firstCount * secondCount)
    }
}

struct MiningScan {
    let conditions: [ConditionColumn]
    let targets: [TargetColumn]
    let minSupport: Int
    var rows = 0
    /// Per condition column, the rows of each of its categories.
    var valueCounts: [[Int]]
    /// Per condition column, rows with a value.
    var conditionRows: [Int]
    /// `ranges[offsets[c] + v * targets.count + t]`: the target's range where condition `c` is `v`.
    var ranges: [ValueRange]
    let offsets: [Int]
    var global: [ValueRange]
    var pairs: [PairTable]

    init(table: SourceTable, profile: TableProfile, excluded: Set<Int>, minSupport: Int) {
        self.minSupport = minSupport
        var conditions: [ConditionColumn] = []
        var targets: [TargetColumn] = []
        for (index, column) in table.columns.enumerated() where !excluded.contains(index) {
            guard let columnProfile = profile.column(named: column.name), columnProfile.shapeOnly == nil,
                let type = columnProfile.valueType
            else { continue }
            if let condition = Self.condition(index, type: type, profile: columnProfile, minSupport: minSupport),
                conditions.count < RuleMining.maximumConditionColumns
            {
                conditions.append(condition)
            }
            if type.isNumeric, let marginal = columnProfile.numeric,
                marginal.max > marginal.min, targets.count < RuleMining.maximumTargetColumns
            {
                targets.append(
                    TargetColumn(
                        index: index, type: type, marginal: marginal,
                        grid: BoundGrid(low: marginal.min, high: marginal.max, type: type)))
            }
        }
        self.conditions = conditions
        self.targets = targets
        valueCounts = conditions.map { Array(repeating: 0, count: $0.values.count) }
        conditionRows = Array(repeating: 0, count: conditions.count)
        var offsets: [Int] = []
        var total = 0
        for condition in conditions {
            offsets.append(total)
            total += condition.values.count * targets.count
        }
        self.offsets = offsets
        ranges = Array(repeating: ValueRange(), count: total)
        global = Array(repeating: ValueRange(), count: targets.count)
        var pairs: [PairTable] = []
        for first in conditions.indices {
            for second in conditions.indices where second > first {
                pairs.append(
                    PairTable(
                        first: first, second: second, firstCount: conditions[first].values.count,
                        secondCount: conditions[second].values.count))
            }
        }
        self.pairs = pairs
    }

    /// A categorical column with at least one category of `minSupport` rows in the profile.
    private static func condition(
        _ index: Int, type: ValueType, profile: ColumnProfile, minSupport: Int
    ) -> ConditionColumn? {
        guard [.text, .int, .bool].contains(type), let categories = profile.categories else { return nil }
        var values: [String] = []
        for category in categories.counts where category.count >= minSupport {
            let key: String
            switch type {
            case .int:
                guard let integer = Int64(category.value) else { continue }
                key = String(integer)
            case .bool: key = category.value.lowercased()
            default:
                // A line break would end the commented-out rule early; a string cannot hold one.
                guard !category.value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else { continue }
                key = category.value
            }
            if !values.contains(key) { values.append(key) }
            if values.count == RuleMining.maximumValuesPerColumn { break }
        }
        guard !values.isEmpty else { return nil }
        let lookup = Dictionary(values.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        return ConditionColumn(index: index, type: type, values: values, lookup: lookup)
    }

    // MARK: - The pass

    mutating func add(_ batch: SourceBatch) {
        var codes = [Int?](repeating: nil, count: conditions.count)
        var numbers = [Double?](repeating: nil, count: targets.count)
        rows += batch.rowCount
        for row in 0..<batch.rowCount {
            for (c, condition) in conditions.enumerated() {
                codes[c] =
                    condition.index < batch.columns.count ? condition.code(batch.columns[condition.index][row]) : nil
            }
            for (t, target) in targets.enumerated() {
                let number =
                    target.index < batch.columns.count
                    ? ColumnAccumulator.number(batch.columns[target.index][row]) : nil
                numbers[t] = number
                if let number { global[t].add(number) }
            }
            for (c, code) in codes.enumerated() {
                guard let code else { continue }
                conditionRows[c] += 1
                guard code >= 0 else { continue }
                valueCounts[c][code] += 1
                let base = offsets[c] + code * targets.count
                for (t, number) in numbers.enumerated() where targets[t].index != conditions[c].index {
                    if let number { ranges[base + t].add(number) }
                }
            }
            for p in pairs.indices {
                guard let a = codes[pairs[p].first], let b = codes[pairs[p].second] else { continue }
                pairs[p].rows += 1
                if a >= 0 { pairs[p].firstTotals[a] += 1 }
                if b >= 0 { pairs[p].secondTotals[b] += 1 }
                if a >= 0, b >= 0 { pairs[p].joint[a * pairs[p].secondTotals.count + b] += 1 }
            }
        }
    }
}
