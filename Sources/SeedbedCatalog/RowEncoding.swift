import SeedbedEngine

/// The canonical bytes of a value, as fingerprints hash them (docs/certificate.md). A tag byte
/// says the type, then the value in a fixed width, big-endian; text is its UTF-8 length (8
/// bytes) and bytes. The same value read from a CSV file, a JSONL file or a database encodes
/// the same way, because it is encoded as the type it is read as, never as the text it was
/// stored as.
enum RowEncoding {
    static func append(_ column: ColumnBuffer, at index: Int, to bytes: inout [UInt8]) {
        if column.nulls[index] {
            bytes.append(0x00)
            return
        }
        switch column.values {
        case .int(let values):
            bytes.append(0x01)
            append(UInt64(bitPattern: values[index]), to: &bytes)
        case .decimal(let values, _):
            bytes.append(0x02)
            append(UInt64(bitPattern: values[index]), to: &bytes)
        case .float(let values):
            bytes.append(0x03)
            var value = values[index]
            // One spelling per value: -0 is 0, and every NaN is the quiet NaN.
            if value == 0 { value = 0 }
            append(value.isNaN ? 0x7FF8_0000_0000_0000 : value.bitPattern, to: &bytes)
        case .text(let values):
            append(text: values[index], to: &bytes)
        case .bool(let values):
            bytes.append(0x05)
            bytes.append(values[index] ? 1 : 0)
        case .date(let values):
            bytes.append(0x06)
            let days = UInt32(bitPattern: values[index])
            for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: days >> shift)) }
        case .timestamp(let values):
            bytes.append(0x07)
            append(UInt64(bitPattern: values[index]), to: &bytes)
        case .uuid(let values):
            bytes.append(0x08)
            append(values[index].high, to: &bytes)
            append(values[index].low, to: &bytes)
        }
    }

    static func append(text: String, to bytes: inout [UInt8]) {
        bytes.append(0x04)
        let utf8 = text.utf8
        append(UInt64(utf8.count), to: &bytes)
        bytes.append(contentsOf: utf8)
    }

    static func append(_ value: UInt64, to bytes: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}
