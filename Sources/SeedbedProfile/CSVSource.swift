import Foundation

/// A CSV file, or a folder of them (`*.csv`, one table each, named after the file).
///
/// The first record of each file names the columns. Every field is read as text and the
/// profiler infers the types; an empty field is a null.
public struct CSVSource: ProfileSource {
    /// The files, one per table, sorted by name.
    public let files: [String]
    public let displayName: String
    /// Rows handed to the profiler at a time.
    static let batchSize = 4096

    /// - Parameter path: a `.csv` file or a folder holding `.csv` files.
    /// - Throws: `ProfileError.unreadable` when the path is missing or the folder has no CSV file.
    public init(path: String) throws(ProfileError) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ProfileError(.unreadable, at: path, "no such file or folder")
        }
        displayName = (path as NSString).lastPathComponent
        guard isDirectory.boolValue else {
            files = [path]
            return
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        files = entries.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
            .map { (path as NSString).appendingPathComponent($0) }
        if files.isEmpty {
            throw ProfileError(.unreadable, at: path, "the folder holds no *.csv file")
        }
    }

    /// The table a file holds: its name without the extension.
    static func tableName(of file: String) -> String {
        ((file as NSString).lastPathComponent as NSString).deletingPathExtension
    }

    public func tables() throws(ProfileError) -> [SourceTable] {
        var tables: [SourceTable] = []
        for file in files {
            var reader = try CSVRecordReader(path: file)
            defer { reader.close() }
            let header = try Self.header(from: &reader, file: file)
            tables.append(SourceTable(name: Self.tableName(of: file), columns: header.map { SourceColumn(name: $0) }))
        }
        return tables
    }

    public func scan(_ table: SourceTable, _ body: (SourceBatch) throws(ProfileError) -> Void) throws(ProfileError) {
        guard let file = files.first(where: { Self.tableName(of: $0) == table.name }) else {
            throw ProfileError(.unreadable, at: displayName, "no file holds table '\(table.name)'")
        }
        var reader = try CSVRecordReader(path: file)
        defer { reader.close() }
        let width = try Self.header(from: &reader, file: file).count
        var columns = Self.emptyColumns(width)
        while let record = try reader.next() {
            guard record.count == width else {
                throw ProfileError(
                    .malformedInput, at: "\(file):\(reader.recordLine)",
                    "\(record.count) field\(record.count == 1 ? "" : "s") where the header has \(width)",
                    fix: "quote fields that contain commas, and give every row one field per column")
            }
            for (index, field) in record.enumerated() {
                columns[index].append(field.isEmpty ? .null : .text(field))
            }
            if columns[0].count == Self.batchSize {
                try body(SourceBatch(columns: columns))
                columns = Self.emptyColumns(width)
            }
        }
        if !columns[0].isEmpty { try body(SourceBatch(columns: columns)) }
    }

    private static func emptyColumns(_ width: Int) -> [[SourceValue]] {
        Array(
            repeating: {
                var c: [SourceValue] = []; c.reserveCapacity(batchSize); return c
            }(), count: width)
    }

    private static func header(from reader: inout CSVRecordReader, file: String) throws(ProfileError) -> [String] {
        guard let header = try reader.next() else {
            throw ProfileError(
                .malformedInput, at: "\(file):1", "the file is empty",
                fix: "the first line must name the columns")
        }
        var seen: Set<String> = []
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                throw ProfileError(
                    .malformedInput, at: "\(file):\(reader.recordLine)",
                    "column \(index + 1) of the header has no name",
                    fix: "name every column in the first line")
            }
            if !seen.insert(trimmed).inserted {
                throw ProfileError(
                    .malformedInput, at: "\(file):\(reader.recordLine)", "the header names column '\(trimmed)' twice",
                    fix: "give every column a distinct name")
            }
        }
        return header.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
