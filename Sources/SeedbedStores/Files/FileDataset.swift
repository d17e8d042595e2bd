import Foundation
public import SeedbedEngine
import SeedbedSpec

/// The files `seedbed generate` wrote (`DIR/TABLE.csv` or `DIR/TABLE.jsonl`, and
/// `DIR/_lineage.csv`), read back typed and streamed: memory holds one batch, never a file.
///
/// Reading is strict: a field spelled otherwise than `generate` spells it (a decimal without
/// its scale, a date that does not exist, `""` in a number column, …) is a `.usage` error
/// naming `file:line:column`, the column, the field and the fix.
public final class FileDataset: DatasetSource {
    public let directory: String

    /// - Throws: a `.usage` error when `directory` is not a directory.
    public init(directory: String) throws(StoreError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw StoreError(
                .usage, "'\(directory)' is not a directory; pass the folder seedbed generate --out wrote")
        }
        self.directory = directory
    }

    public var location: String { directory }

    private func path(_ name: String) -> String { (directory as NSString).appendingPathComponent(name) }

    /// The table's file and its format.
    /// - Throws: a `.usage` error when both a `.csv` and a `.jsonl` file exist for the table.
    func file(of table: String) throws(StoreError) -> (path: String, format: TextFormat)? {
        let found = TextFormat.allCases.map { (path("\(table).\($0.fileExtension)"), $0) }
            .filter { FileManager.default.fileExists(atPath: $0.0) }
        guard found.count <= 1 else {
            throw StoreError(
                .usage,
                "\(directory) holds both \(table).csv and \(table).jsonl; remove the one not from the run to score")
        }
        return found.first.map { (path: $0.0, format: $0.1) }
    }

    public func hasTable(_ table: String) throws(StoreError) -> Bool {
        try file(of: table) != nil
    }

    public func read(
        table: String, columns: [LoadColumn], batchSize: Int, _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError) {
        guard let (path, format) = try file(of: table) else {
            throw StoreError(
                .schema, "\(directory) has no \(table).csv or \(table).jsonl; generate the table with this spec",
                table: table)
        }
        let size = max(1, batchSize)
        var readers = columns.map { FileColumnReader(name: $0.name, type: $0.type, format: format, capacity: size) }
        var count = 0
        func flush() throws(StoreError) {
            guard count > 0 else { return }
            try body(RowBatch(table: table, columns: readers.indices.map { readers[$0].take() }, count: count))
            count = 0
        }
        switch format {
        case .csv:
            var reader = try CSVFieldReader(path: path)
            defer { reader.close() }
            let header = try reader.next()?.map(\.text) ?? []
            let positions = try Self.positions(of: columns, in: header, path: path)
            while let record = try reader.next() {
                guard record.count == header.count else {
                    let first = record[0]
                    throw FieldError.at(
                        path, first.line, first.column,
                        "the record has \(record.count) field\(record.count == 1 ? "" : "s") where the header has \(header.count)",
                        fix: "give every record one field per header name, quoting fields that hold a comma")
                }
                for index in readers.indices { try readers[index].append(record[positions[index]], path: path) }
                count += 1
                if count == size { try flush() }
            }
        case .jsonl:
            var reader = try JSONLineReader(path: path)
            defer { reader.close() }
            while let members = try reader.next() {
                for index in readers.indices {
                    guard let member = members.first(where: { $0.name == columns[index].name }) else {
                        let line = members.first?.field.line
                        throw FieldError.at(
                            path, line ?? 0, 1, "the object has no member '\(columns[index].name)'",
                            fix: "give every line a member for each column of the table (null for no value)")
                    }
                    try readers[index].append(member.field, path: path)
                }
                count += 1
                if count == size { try flush() }
            }
        }
        try flush()
    }

    /// Each wanted column's index in the header.
    private static func positions(of columns: [LoadColumn], in header: [String], path: String) throws(StoreError)
        -> [Int]
    {
        var positions: [Int] = []
        for column in columns {
            guard let index = header.firstIndex(of: column.name) else {
                throw StoreError(
                    .schema,
                    "\(path):1:1: the header has no column '\(column.name)' (it has \(header.joined(separator: ", "))); score the dataset with the spec that generated it"
                )
            }
            positions.append(index)
        }
        return positions
    }

    /// The rows `_lineage.csv` tags; none when the file is absent (a dataset not written by
    /// `seedbed generate`).
    public func lineage() throws(StoreError) -> [LineageEntry] {
        let path = path("_lineage.csv")
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        var reader = try CSVFieldReader(path: path)
        defer { reader.close() }
        let header = try reader.next()?.map(\.text) ?? []
        guard header == LineageEntry.columnNames else {
            throw StoreError(
                .usage,
                "\(path):1:1: the lineage header is '\(header.joined(separator: ","))'; it must be '\(LineageEntry.columnNames.joined(separator: ","))'"
            )
        }
        var entries: [LineageEntry] = []
        while let record = try reader.next() {
            guard record.count == 4 else {
                throw FieldError.at(
                    path, record[0].line, record[0].column, "a lineage record has \(record.count) fields, not 4",
                    fix: "write table,key,kind,id")
            }
            guard let kind = LineageEntry.Kind(rawValue: record[2].text) else {
                throw FieldError.at(
                    path, record[2].line, record[2].column, "the lineage kind '\(record[2].text)' is unknown",
                    fix: "write scenario or negative")
            }
            entries.append(LineageEntry(table: record[0].text, key: record[1].text, kind: kind, id: record[3].text))
        }
        return entries
    }
}
