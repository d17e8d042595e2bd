import SeedbedEngine
import SeedbedSpec

/// A column filled one value at a time as a reader decodes rows, then handed over whole as a
/// batch's typed `ColumnBuffer`: values go straight into the array their type uses.
struct ColumnBuilder {
    let name: String
    let type: ValueType
    let capacity: Int
    private var nulls: ContiguousArray<Bool> = []
    /// int, decimal (fixed point) and timestamp (microseconds) values.
    private var integers: ContiguousArray<Int64> = []
    private var doubles: ContiguousArray<Double> = []
    private var strings: ContiguousArray<String> = []
    private var bools: ContiguousArray<Bool> = []
    private var days: ContiguousArray<Int32> = []
    private var uuids: ContiguousArray<UUIDValue> = []

    init(name: String, type: ValueType, capacity: Int) {
        self.name = name
        self.type = type
        self.capacity = capacity
        reserve()
    }

    private mutating func reserve() {
        nulls.reserveCapacity(capacity)
        switch type {
        case .int, .decimal, .timestamp: integers.reserveCapacity(capacity)
        case .float: doubles.reserveCapacity(capacity)
        case .text: strings.reserveCapacity(capacity)
        case .bool: bools.reserveCapacity(capacity)
        case .date: days.reserveCapacity(capacity)
        case .uuid: uuids.reserveCapacity(capacity)
        }
    }

    mutating func appendNull() {
        nulls.append(true)
        switch type {
        case .int, .decimal, .timestamp: integers.append(0)
        case .float: doubles.append(0)
        case .text: strings.append("")
        case .bool: bools.append(false)
        case .date: days.append(0)
        case .uuid: uuids.append(UUIDValue(high: 0, low: 0))
        }
    }

    /// An int, a decimal as fixed point, or a timestamp in microseconds.
    mutating func append(integer value: Int64) {
        nulls.append(false)
        integers.append(value)
    }

    mutating func append(double value: Double) {
        nulls.append(false)
        doubles.append(value)
    }

    mutating func append(text value: String) {
        nulls.append(false)
        strings.append(value)
    }

    mutating func append(bool value: Bool) {
        nulls.append(false)
        bools.append(value)
    }

    /// Days since 1970-01-01.
    mutating func append(days value: Int32) {
        nulls.append(false)
        days.append(value)
    }

    mutating func append(uuid value: UUIDValue) {
        nulls.append(false)
        uuids.append(value)
    }

    /// The values appended so far as a column buffer; the builder starts over empty.
    mutating func take() -> ColumnBuffer {
        var buffer = ColumnBuffer(name: name, type: type, capacity: 0)
        buffer.nulls = nulls
        switch type {
        case .int: buffer.values = .int(integers)
        case .decimal(let scale): buffer.values = .decimal(integers, scale: scale)
        case .timestamp: buffer.values = .timestamp(integers)
        case .float: buffer.values = .float(doubles)
        case .text: buffer.values = .text(strings)
        case .bool: buffer.values = .bool(bools)
        case .date: buffer.values = .date(days)
        case .uuid: buffer.values = .uuid(uuids)
        }
        self = ColumnBuilder(name: name, type: type, capacity: capacity)
        return buffer
    }
}
