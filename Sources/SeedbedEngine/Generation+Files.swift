import Foundation
import SeedbedSpec

/// What `seedbed generate` made.
public struct GenerationSummary: Sendable {
    public var tables: [TableSummary] = []
    /// The `--negative` dataset's tables.
    public var negative: [TableSummary] = []
    public var seconds = 0.0

    public var rows: Int { tables.reduce(0) { $0 + $1.rows } + negative.reduce(0) { $0 + $1.rows } }
}

extension Generation {
    /// Writes this shard's rows to `DIR/TABLE.csv` (or `.jsonl`), the `--negative` rows to
    /// `DIR/negative/`, and the tagged rows to `DIR/_lineage.csv`.
    /// - Parameter progress: told each table's name and rows so far, about once a batch.
    public func write(
        to directory: String, format: TextFormat, progress: ((String, Int) -> Void)? = nil
    ) throws(GenerationError) -> GenerationSummary {
        let start = Date()
        try Self.makeDirectory(directory)
        var summary = GenerationSummary()
        let lineage = try TableFileWriter(
            path: (directory as NSString).appendingPathComponent("_lineage.csv"),
            columns: ["table", "key", "kind", "id"],
            format: .csv)
        func record(_ entries: [LineageEntry]) throws(GenerationError) {
            guard !entries.isEmpty else { return }
            var table = ColumnBuffer(name: "table", type: .text, capacity: entries.count)
            var key = ColumnBuffer(name: "key", type: .text, capacity: entries.count)
            var kind = ColumnBuffer(name: "kind", type: .text, capacity: entries.count)
            var id = ColumnBuffer(name: "id", type: .text, capacity: entries.count)
            table.values = .text(ContiguousArray(entries.map(\.table)))
            key.values = .text(ContiguousArray(entries.map(\.key)))
            kind.values = .text(ContiguousArray(entries.map(\.kind.rawValue)))
            id.values = .text(ContiguousArray(entries.map(\.id)))
            try lineage.write(RowBatch(table: "_lineage", columns: [table, key, kind, id], count: entries.count))
        }
        for (index, table) in model.tables.enumerated() {
            let writer = try TableFileWriter(
                path: (directory as NSString).appendingPathComponent("\(table.name).\(format.fileExtension)"),
                columns: table.columns.map(\.name), format: format)
            summary.tables.append(
                try generate(table: index) { (batch, entries) throws(GenerationError) in
                    try writer.write(batch)
                    try record(entries)
                    progress?(table.name, writer.rowsWritten)
                })
            try writer.finish()
        }
        if options.negative {
            let folder = (directory as NSString).appendingPathComponent("negative")
            try Self.makeDirectory(folder)
            for (index, table) in model.tables.enumerated() where !table.rules.isEmpty {
                let writer = try TableFileWriter(
                    path: (folder as NSString).appendingPathComponent("\(table.name).\(format.fileExtension)"),
                    columns: table.columns.map(\.name), format: format)
                let mainRows = summary.tables[index].rows
                summary.negative.append(
                    try generate(table: index, negative: true, firstRowNumber: mainRows + 1) {
                        (batch, entries) throws(GenerationError) in
                        try writer.write(batch)
                        try record(entries)
                    })
                try writer.finish()
            }
        }
        try lineage.finish()
        summary.seconds = Date().timeIntervalSince(start)
        return summary
    }

    static func makeDirectory(_ path: String) throws(GenerationError) {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw GenerationError("cannot create '\(path)': \(error.localizedDescription)")
        }
    }
}
