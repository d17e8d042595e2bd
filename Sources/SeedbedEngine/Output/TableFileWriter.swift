/// Writes one table's batches to `DIR/TABLE.csv` or `DIR/TABLE.jsonl`.
public final class TableFileWriter {
    public let format: TextFormat
    private let output: FileOutput
    private let columnCount: Int
    /// For JSONL, each column's `{"name":` or `,"name":`.
    private var keys = ByteBuffer(capacity: 256)
    private var keyEnds: [Int] = [0]
    /// One batch's typed values and nulls (see `StagedColumn`).
    private var staging = ByteBuffer(capacity: 1 << 16)
    /// One batch's lines, handed to the file at once.
    private var lines = ByteBuffer(capacity: 1 << 18)
    public private(set) var rowsWritten = 0

    /// Opens the file and, for CSV, writes the header row.
    public init(path: String, columns: [String], format: TextFormat) throws(GenerationError) {
        self.format = format
        columnCount = columns.count
        output = try FileOutput(path: path)
        switch format {
        case .csv:
            var header = ByteBuffer(capacity: 256)
            for (index, name) in columns.enumerated() {
                if index > 0 {
                    header.reserve(1)
                    header.put(UInt8(ascii: ","))
                }
                FieldEncoder.putCSVText(name, to: &header)
            }
            header.reserve(1)
            header.put(UInt8(ascii: "\n"))
            try output.write(header.bytes)
        case .jsonl:
            for (index, name) in columns.enumerated() {
                keys.reserve(1)
                keys.put(index == 0 ? UInt8(ascii: "{") : UInt8(ascii: ","))
                FieldEncoder.putJSONString(name, to: &keys)
                keys.reserve(1)
                keys.put(UInt8(ascii: ":"))
                keyEnds.append(keys.count)
            }
        }
    }

    public func write(_ batch: RowBatch) throws(GenerationError) {
        let rows = batch.count
        let columns = batch.columns.prefix(columnCount)
        // Each column's values are copied once into memory this writer owns, so the row loop
        // reads them through plain offsets instead of unpacking an enum per value.
        staging.removeAll()
        var staged: [StagedColumn] = []
        var texts: [ContiguousArray<String>] = []
        for column in columns {
            staged.append(StagedColumn(column, rows: rows, into: &staging, texts: &texts))
        }
        lines.removeAll()
        Self.encode(
            rows: rows, columns: staged, texts: texts, format: format, staging: staging, keys: keys, keyEnds: keyEnds,
            into: &lines)
        try output.write(lines.bytes)
        rowsWritten += rows
    }

    /// Writes the batch row by row, with separators (CSV) or keys (JSONL).
    private static func encode(
        rows: Int, columns: [StagedColumn], texts: [ContiguousArray<String>], format: TextFormat,
        staging: borrowing ByteBuffer, keys: borrowing ByteBuffer, keyEnds: [Int], into out: inout ByteBuffer
    ) {
        let base = UnsafeRawPointer(staging.base)
        let csv = format == .csv
        columns.withUnsafeBufferPointer { columns in
            for row in 0..<rows {
                for (index, column) in columns.enumerated() {
                    if csv {
                        if index > 0 {
                            out.reserve(1)
                            out.put(UInt8(ascii: ","))
                        }
                    } else {
                        let length = keyEnds[index + 1] - keyEnds[index]
                        out.reserve(length)
                        out.copy(from: keys.base + keyEnds[index], count: length)
                    }
                    if base.load(fromByteOffset: column.nulls + row, as: Bool.self) {
                        if !csv { FieldEncoder.putNull(&out) }
                        continue
                    }
                    let at = column.values + row * column.kind.stride
                    switch column.kind {
                    case .int:
                        FieldEncoder.putInteger(base.loadUnaligned(fromByteOffset: at, as: Int64.self), to: &out)
                    case .decimal(let scale):
                        FieldEncoder.putDecimal(
                            base.loadUnaligned(fromByteOffset: at, as: Int64.self), scale: scale, to: &out)
                    case .float:
                        FieldEncoder.putText(
                            FieldEncoder.plainDouble(base.loadUnaligned(fromByteOffset: at, as: Double.self)), to: &out)
                    case .bool:
                        FieldEncoder.putText(base.load(fromByteOffset: at, as: Bool.self) ? "true" : "false", to: &out)
                    case .date:
                        out.reserve(12)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                        FieldEncoder.putDate(Int(base.loadUnaligned(fromByteOffset: at, as: Int32.self)), to: &out)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                    case .timestamp:
                        out.reserve(1)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                        FieldEncoder.putTimestamp(base.loadUnaligned(fromByteOffset: at, as: Int64.self), to: &out)
                        out.reserve(1)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                    case .uuid:
                        out.reserve(1)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                        let uuid = UUIDValue(
                            high: base.loadUnaligned(fromByteOffset: at, as: UInt64.self),
                            low: base.loadUnaligned(fromByteOffset: at + 8, as: UInt64.self))
                        FieldEncoder.putUUID(uuid, to: &out)
                        out.reserve(1)
                        if !csv { out.put(UInt8(ascii: "\"")) }
                    case .text(let slot):
                        if csv {
                            FieldEncoder.putCSVText(texts[slot][row], to: &out)
                        } else {
                            FieldEncoder.putJSONString(texts[slot][row], to: &out)
                        }
                    }
                }
                out.reserve(2)
                if !csv {
                    if columns.isEmpty { out.put(UInt8(ascii: "{")) }
                    out.reserve(2)
                    out.put(UInt8(ascii: "}"))
                }
                out.put(UInt8(ascii: "\n"))
            }
        }
    }

    /// Finishes the file and moves it into place.
    public func finish() throws(GenerationError) {
        try output.commit()
    }
}

/// Where one column of a batch lies in the writer's staging buffer: its nulls (a byte per row)
/// and its typed values (fixed width per row), or its place among the batch's text columns.
private struct StagedColumn {
    enum Kind {
        case int
        case decimal(scale: Int)
        case float
        case bool
        case date
        case timestamp
        case uuid
        /// Index into the batch's text columns.
        case text(Int)

        var stride: Int {
            switch self {
            case .int, .decimal, .float, .timestamp: 8
            case .date: 4
            case .bool: 1
            case .uuid: 16
            case .text: 0
            }
        }
    }

    var kind: Kind
    /// Byte offsets in the staging buffer.
    var nulls: Int
    var values: Int

    init(_ column: ColumnBuffer, rows: Int, into staging: inout ByteBuffer, texts: inout [ContiguousArray<String>]) {
        func stage(_ bytes: UnsafeRawBufferPointer, count: Int) -> Int {
            precondition(bytes.count >= count, "a column holds fewer values than its batch has rows")
            let offset = staging.count
            staging.append(UnsafeRawBufferPointer(rebasing: bytes.prefix(count)))
            return offset
        }
        nulls = column.nulls.withUnsafeBytes { stage($0, count: rows) }
        switch column.values {
        case .int(let values):
            kind = .int
            self.values = values.withUnsafeBytes { stage($0, count: rows * 8) }
        case .decimal(let values, let scale):
            kind = .decimal(scale: scale)
            self.values = values.withUnsafeBytes { stage($0, count: rows * 8) }
        case .float(let values):
            kind = .float
            self.values = values.withUnsafeBytes { stage($0, count: rows * 8) }
        case .bool(let values):
            kind = .bool
            self.values = values.withUnsafeBytes { stage($0, count: rows) }
        case .date(let values):
            kind = .date
            self.values = values.withUnsafeBytes { stage($0, count: rows * 4) }
        case .timestamp(let values):
            kind = .timestamp
            self.values = values.withUnsafeBytes { stage($0, count: rows * 8) }
        case .uuid(let values):
            kind = .uuid
            precondition(values.count >= rows, "a column holds fewer values than its batch has rows")
            // Half by half, rather than trusting the struct's layout.
            self.values = staging.count
            for uuid in values.prefix(rows) {
                withUnsafeBytes(of: uuid.high) { staging.append($0) }
                withUnsafeBytes(of: uuid.low) { staging.append($0) }
            }
        case .text(let values):
            kind = .text(texts.count)
            texts.append(values)
            self.values = 0
        }
    }
}
