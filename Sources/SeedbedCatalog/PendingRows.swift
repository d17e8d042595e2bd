import SeedbedEngine
import SeedbedSpec
import SeedbedStores

/// Rows of one catalog table gathered column by column, then written with the store's bulk
/// loader (prepared INSERTs on SQLite, COPY on PostgreSQL) rather than one statement per row.
///
/// Each column is one typed array appended in place (the arrays of both kinds are kept side by
/// side, the unused one empty), so adding a value costs an append and no enum repacking.
struct PendingRows {
    let table: TableName
    let columns: [LoadColumn]
    private let isInteger: [Bool]
    private var texts: [ContiguousArray<String>]
    private var integers: [ContiguousArray<Int64>]
    private var nulls: [ContiguousArray<Bool>]
    private(set) var count = 0

    /// - Parameter columns: each column's name and whether it is an integer (BIGINT) or text.
    init(table: String, columns: [(name: String, integer: Bool)]) {
        self.table = TableName(table)
        self.columns = columns.map {
            LoadColumn(name: $0.name, type: $0.integer ? .int : .text, declaredType: $0.integer ? "BIGINT" : "TEXT")
        }
        isInteger = columns.map(\.integer)
        texts = Array(repeating: [], count: columns.count)
        integers = Array(repeating: [], count: columns.count)
        nulls = Array(repeating: [], count: columns.count)
    }

    mutating func append(_ column: Int, _ value: String?) {
        texts[column].append(value ?? "")
        nulls[column].append(value == nil)
    }

    mutating func append(_ column: Int, _ value: Int64?) {
        integers[column].append(value ?? 0)
        nulls[column].append(value == nil)
    }

    /// Closes the row the appends since the last call made.
    mutating func endRow() {
        count += 1
    }

    /// Writes the gathered rows inside the open transaction and starts empty again, keeping the
    /// arrays' capacity for the next batch.
    mutating func flush(to database: any Database) throws(StoreError) {
        guard count > 0 else { return }
        var buffers: [ColumnBuffer] = []
        buffers.reserveCapacity(columns.count)
        for (index, column) in columns.enumerated() {
            var buffer = ColumnBuffer(name: column.name, type: column.type, capacity: 0)
            buffer.values = isInteger[index] ? .int(integers[index]) : .text(texts[index])
            buffer.nulls = nulls[index]
            buffers.append(buffer)
        }
        let loader = try database.makeLoader(table: table, columns: columns)
        try loader.write(RowBatch(table: table.name, columns: buffers, count: count)) { "\($0 + 1) of the batch" }
        _ = try loader.finish()
        buffers = []
        for index in columns.indices {
            texts[index].removeAll(keepingCapacity: true)
            integers[index].removeAll(keepingCapacity: true)
            nulls[index].removeAll(keepingCapacity: true)
        }
        count = 0
    }
}
