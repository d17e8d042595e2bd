extension ColumnBuffer {
    /// A row's value as the output files spell it (`null` for null), for messages and lineage keys.
    public func text(at row: Int) -> String {
        if nulls[row] { return "null" }
        var bytes = ByteBuffer(capacity: 64)
        switch values {
        case .int(let values): FieldEncoder.putInteger(values[row], to: &bytes)
        case .decimal(let values, let scale): FieldEncoder.putDecimal(values[row], scale: scale, to: &bytes)
        case .float(let values): return FieldEncoder.plainDouble(values[row])
        case .text(let values): return values[row]
        case .bool(let values): return values[row] ? "true" : "false"
        case .date(let values): FieldEncoder.putDate(Int(values[row]), to: &bytes)
        case .timestamp(let values): FieldEncoder.putTimestamp(values[row], to: &bytes)
        case .uuid(let values): return values[row].description
        }
        return String(decoding: bytes.bytes, as: UTF8.self)
    }
}
