/// Dense integer codes for values, shared between the tables being compared, so grouping,
/// counting and equality work on `Int32` arrays instead of strings or optionals.
///
/// Null is a value of its own (SDMetrics groups with `dropna=False`, ARX treats a missing
/// value as one more value), with its own code. A numeric NaN counts as null.
struct ValueCodebook {
    /// How many strings are looked up by comparison before the dictionary: most categorical
    /// columns have a handful of values, and comparing short strings costs far less than
    /// hashing them (hashing was most of encoding a million-row column).
    static let recentLimit = 16

    private var recent: [(value: String, code: Int32)] = []
    private var strings: [String: Int32] = [:]
    private var numbers: [UInt64: Int32] = [:]
    private var nullCode: Int32?
    /// How many distinct codes have been handed out.
    private(set) var count: Int32 = 0

    /// The code of every value of `column`, adding values not seen before.
    mutating func encode(_ column: MetricColumn) -> [Int32] {
        switch column {
        case .numeric(let values): values.map { code(of: $0) }
        case .categorical(let values): values.map { code(of: $0) }
        }
    }

    mutating func code(of value: String?) -> Int32 {
        guard let value else { return codeOfNull() }
        if strings.isEmpty {
            for entry in recent where entry.value == value { return entry.code }
            if recent.count < Self.recentLimit {
                defer { count += 1 }
                recent.append((value, count))
                return count
            }
            // Too many values to compare one by one: every string so far moves to the dictionary.
            for entry in recent { strings[entry.value] = entry.code }
        }
        if let code = strings[value] { return code }
        defer { count += 1 }
        strings[value] = count
        return count
    }

    mutating func code(of value: Double?) -> Int32 {
        guard let value, !value.isNaN else { return codeOfNull() }
        // -0.0 and 0.0 are equal numbers with different bits.
        let key = (value == 0 ? 0.0 : value).bitPattern
        if let code = numbers[key] { return code }
        defer { count += 1 }
        numbers[key] = count
        return count
    }

    private mutating func codeOfNull() -> Int32 {
        if let nullCode { return nullCode }
        defer { count += 1 }
        nullCode = count
        return count
    }

    /// The code null has been given, if any null was seen.
    var null: Int32? { nullCode }
}

/// Codes for whole rows over several columns: two rows get the same code exactly when they
/// agree on every column. Built column by column, so the cost is one hash per value.
struct RowCodes {
    private(set) var codes: [[Int32]]

    /// Codes for the rows of each table in `tables` over `columns`, comparable across tables.
    /// - Throws: `MetricError` for a missing column or one whose kind differs between tables.
    init(_ tables: [(table: MetricTable, role: String)], columns: [String]) throws(MetricError) {
        codes = tables.map { [Int32](repeating: 0, count: $0.table.rowCount) }
        var pairCodes: [Int64: Int32] = [:]
        for name in columns {
            var codebook = ValueCodebook()
            var firstKind: String?
            var columnCodes: [[Int32]] = []
            for (table, role) in tables {
                let column = try table.column(name, role: role)
                if let firstKind, firstKind != column.kindName {
                    throw .kindMismatch(name, expected: firstKind, found: column.kindName)
                }
                firstKind = column.kindName
                columnCodes.append(codebook.encode(column))
            }
            // Combine the codes so far with this column's: a new dense code per distinct pair.
            pairCodes.removeAll(keepingCapacity: true)
            var next: Int32 = 0
            for t in codes.indices {
                for row in codes[t].indices {
                    let key = Int64(codes[t][row]) << 32 | Int64(columnCodes[t][row])
                    if let code = pairCodes[key] {
                        codes[t][row] = code
                    } else {
                        pairCodes[key] = next
                        codes[t][row] = next
                        next += 1
                    }
                }
            }
        }
    }
}
