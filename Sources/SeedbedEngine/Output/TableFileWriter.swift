/// Writes one table's batches to `DIR/TABLE.csv` or `DIR/TABLE.jsonl`.
public final class TableFileWriter {
    public let format: TextFormat
    private let output: FileOutput
    private var encoded: [EncodedColumn] = []
    private var line: [UInt8] = []
    private var keys: [[UInt8]] = []
    public private(set) var rowsWritten = 0

    /// Opens the file and, for CSV, writes the header row.
    public init(path: String, columns: [String], format: TextFormat) throws(GenerationError) {
        self.format = format
        output = try FileOutput(path: path)
        encoded = Array(repeating: EncodedColumn(), count: columns.count)
        switch format {
        case .csv:
            var header: [UInt8] = []
            for (index, name) in columns.enumerated() {
                if index > 0 { header.append(UInt8(ascii: ",")) }
                FieldEncoder.appendCSVText(name, to: &header)
            }
            header.append(UInt8(ascii: "\n"))
            try output.write(header)
        case .jsonl:
            keys = columns.enumerated().map { index, name in
                var key: [UInt8] = index == 0 ? [UInt8(ascii: "{")] : [UInt8(ascii: ",")]
                FieldEncoder.appendJSONString(name, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
        }
    }

    public func write(_ batch: RowBatch) throws(GenerationError) {
        for (index, column) in batch.columns.enumerated() {
            FieldEncoder.encode(column, count: batch.count, format: format, into: &encoded[index])
        }
        line.removeAll(keepingCapacity: true)
        for row in 0..<batch.count {
            for index in encoded.indices {
                if format == .csv {
                    if index > 0 { line.append(UInt8(ascii: ",")) }
                } else {
                    line.append(contentsOf: keys[index])
                }
                let field = encoded[index]
                line.append(contentsOf: field.bytes[field.offsets[row]..<field.offsets[row + 1]])
            }
            if format == .jsonl { line.append(UInt8(ascii: encoded.isEmpty ? "{" : "}")) }
            if format == .jsonl && encoded.isEmpty { line.append(UInt8(ascii: "}")) }
            line.append(UInt8(ascii: "\n"))
        }
        try output.write(line)
        rowsWritten += batch.count
    }

    /// Finishes the file and moves it into place.
    public func finish() throws(GenerationError) {
        try output.commit()
    }
}
