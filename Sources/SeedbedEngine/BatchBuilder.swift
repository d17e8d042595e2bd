import SeedbedSpec

/// Collects made rows and turns them into typed column buffers, a batch at a time.
///
/// Each value is stored as it arrives in a typed staging slot (a `Double` for numbers, dates,
/// timestamps and bools; the value itself only for text), so finishing a batch runs one tight
/// conversion loop per column instead of switching over boxed values (measured: a quarter of
/// the time to memory went to the boxed values).
struct BatchBuilder {
    /// Where a column's values are staged.
    private enum Slot {
        case number
        case bool
        /// Position among the table's text columns.
        case text(Int)
        case uuid
    }

    let table: TableModel
    let capacity: Int
    private(set) var count = 0
    private let width: Int
    private let slots: [Slot]
    private let textWidth: Int
    private let hasUUID: Bool
    /// `[row · width + column]`, for every column (text and uuid slots unused).
    private var numbers: ContiguousArray<Double>
    private var nulls: ContiguousArray<Bool>
    /// `[row · textWidth + text slot]`.
    private var texts: ContiguousArray<RowValue>
    private var uuids: [UUIDValue] = []
    private var buffers: [ColumnBuffer]

    init(table: TableModel, capacity: Int) {
        self.table = table
        self.capacity = capacity
        width = table.columns.count
        var textWidth = 0
        slots = table.columns.map { column in
            switch column.type {
            case .text:
                defer { textWidth += 1 }
                return .text(textWidth)
            case .bool: return .bool
            case .uuid: return .uuid
            default: return .number
            }
        }
        self.textWidth = textWidth
        hasUUID = table.columns.contains { $0.type == .uuid }
        numbers = ContiguousArray(repeating: 0, count: capacity * width)
        nulls = ContiguousArray(repeating: false, count: capacity * width)
        texts = ContiguousArray(repeating: .null, count: capacity * textWidth)
        if hasUUID { uuids.reserveCapacity(capacity * width) }
        buffers = table.columns.map { ColumnBuffer(name: $0.name, type: $0.type, capacity: capacity) }
    }

    var isFull: Bool { count == capacity }

    mutating func append(_ row: MadeRow) {
        let base = count * width
        let textBase = count * textWidth
        let (width, slots) = (width, slots)
        // Through buffers: the staging arrays are this builder's alone, and checking that per
        // value showed in profiles.
        row.values.values.withUnsafeBufferPointer { values in
            numbers.withUnsafeMutableBufferPointer { numbers in
                nulls.withUnsafeMutableBufferPointer { nulls in
                    texts.withUnsafeMutableBufferPointer { texts in
                        for column in 0..<width {
                            // One switch per value: `==` on a row value compares its whole payload.
                            var number = 0.0
                            var isTrue = false
                            var isNull = false
                            switch values[column] {
                            case .null: isNull = true
                            case .number(let x): number = x
                            case .bool(let b): isTrue = b
                            case .text: break
                            }
                            nulls[base + column] = isNull
                            switch slots[column] {
                            case .number: numbers[base + column] = number
                            case .bool: numbers[base + column] = isTrue ? 1 : 0
                            case .text(let slot): texts[textBase + slot] = values[column]
                            case .uuid: break
                            }
                        }
                    }
                }
            }
        }
        if hasUUID { uuids.append(contentsOf: row.uuids) }
        count += 1
    }

    /// The batch so far, as typed columns; the builder starts over.
    mutating func finish() -> RowBatch {
        // Taken out while filled: filling reads the staging through `self`, and writing into
        // `self.buffers` at the same time would make Swift copy the whole builder per column.
        var buffers = self.buffers
        self.buffers = []
        for column in 0..<width {
            fill(&buffers[column], column: column)
        }
        self.buffers = buffers
        let batch = RowBatch(table: table.name, columns: buffers, count: count)
        uuids.removeAll(keepingCapacity: true)
        count = 0
        return batch
    }

    private func fill(_ buffer: inout ColumnBuffer, column: Int) {
        let (width, count) = (width, count)
        var nulls = buffer.nulls
        buffer.nulls = []
        self.nulls.withUnsafeBufferPointer { staged in
            for row in 0..<count { nulls[row] = staged[row * width + column] }
        }
        buffer.nulls = nulls
        numbers.withUnsafeBufferPointer { numbers in
            func number(_ row: Int) -> Double { numbers[row * width + column] }
            switch buffer.values {
            case .int(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = Int64(number(row)) }
                buffer.values = .int(array)
            case .decimal(var array, let scale):
                buffer.values = .int([])
                let factor = pow10(scale)
                for row in 0..<count { array[row] = Int64((number(row) * factor).rounded()) }
                buffer.values = .decimal(array, scale: scale)
            case .float(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = number(row) }
                buffer.values = .float(array)
            case .date(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = Int32(clamping: Int(number(row))) }
                buffer.values = .date(array)
            case .timestamp(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = Int64(number(row)) }
                buffer.values = .timestamp(array)
            case .bool(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = number(row) != 0 }
                buffer.values = .bool(array)
            case .text(var array):
                buffer.values = .int([])
                if case .text(let slot) = slots[column] {
                    for row in 0..<count { array[row] = Self.text(texts[row * textWidth + slot]) }
                }
                buffer.values = .text(array)
            case .uuid(var array):
                buffer.values = .int([])
                for row in 0..<count { array[row] = uuids[row * width + column] }
                buffer.values = .uuid(array)
            }
        }
    }

    static func text(_ value: RowValue) -> String {
        switch value {
        case .null: ""
        case .text(let s): s
        case .bool(let b): b ? "true" : "false"
        case .number(let x): x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x)
        }
    }
}
