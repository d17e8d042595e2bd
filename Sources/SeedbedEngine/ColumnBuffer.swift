public import SeedbedSpec

/// The values of one column for a batch of rows, stored by type: no boxing per value.
public struct ColumnBuffer: Sendable {
    public enum Values: Sendable {
        case int(ContiguousArray<Int64>)
        /// Fixed point: the value times 10^scale, so output has exactly its scale.
        case decimal(ContiguousArray<Int64>, scale: Int)
        case float(ContiguousArray<Double>)
        case text(ContiguousArray<String>)
        case bool(ContiguousArray<Bool>)
        /// Days since 1970-01-01.
        case date(ContiguousArray<Int32>)
        /// Microseconds since 1970-01-01T00:00:00Z.
        case timestamp(ContiguousArray<Int64>)
        case uuid(ContiguousArray<UUIDValue>)
    }

    public var name: String
    public var values: Values
    /// `true` where the row's value is null (the typed slot then holds a placeholder).
    public var nulls: ContiguousArray<Bool>

    public init(name: String, type: ValueType, capacity: Int) {
        self.name = name
        nulls = ContiguousArray(repeating: false, count: capacity)
        switch type {
        case .int: values = .int(ContiguousArray(repeating: 0, count: capacity))
        case .decimal(let scale): values = .decimal(ContiguousArray(repeating: 0, count: capacity), scale: scale)
        case .float: values = .float(ContiguousArray(repeating: 0, count: capacity))
        case .text: values = .text(ContiguousArray(repeating: "", count: capacity))
        case .bool: values = .bool(ContiguousArray(repeating: false, count: capacity))
        case .date: values = .date(ContiguousArray(repeating: 0, count: capacity))
        case .timestamp: values = .timestamp(ContiguousArray(repeating: 0, count: capacity))
        case .uuid: values = .uuid(ContiguousArray(repeating: UUIDValue(high: 0, low: 0), count: capacity))
        }
    }
}

/// A UUID as two 64-bit halves (RFC 9562 byte order: `high` holds the first 8 bytes).
public struct UUIDValue: Hashable, Sendable, CustomStringConvertible {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// A version 4 (random) UUID from 122 random bits.
    public init(random: inout RowRandom) {
        high = (random.next() & ~0xF000) | 0x4000
        low = (random.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
    }

    /// Parses the canonical 8-4-4-4-12 form.
    public init?(_ text: String) {
        let hex = text.utf8.filter { $0 != UInt8(ascii: "-") }
        guard text.utf8.count == 36, hex.count == 32 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (position, byte) in hex.enumerated() {
            guard let digit = byte.hexValue else { return nil }
            if position < 16 { high = high << 4 | UInt64(digit) } else { low = low << 4 | UInt64(digit) }
        }
        self.init(high: high, low: low)
    }

    public var description: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(36)
        appendHex(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical 8-4-4-4-12 lowercase form.
    public func appendHex(to bytes: inout some RangeReplaceableCollection<UInt8>) {
        let digits: StaticString = "0123456789abcdef"
        for (index, shift) in stride(from: 124, through: 0, by: -4).enumerated() {
            if index == 8 || index == 12 || index == 16 || index == 20 { bytes.append(UInt8(ascii: "-")) }
            let word = shift >= 64 ? high >> (shift - 64) : low >> shift
            bytes.append(digits.utf8Start[Int(word & 0xF)])
        }
    }
}

extension UInt8 {
    fileprivate var hexValue: UInt8? {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): self - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): self - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): self - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// A batch of rows of one table, column by column.
public struct RowBatch: Sendable {
    public var table: String
    public var columns: [ColumnBuffer]
    /// How many rows of the buffers are filled.
    public var count: Int

    public init(table: String, columns: [ColumnBuffer], count: Int) {
        self.table = table
        self.columns = columns
        self.count = count
    }
}
