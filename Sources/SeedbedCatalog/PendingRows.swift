import SeedbedEngine
import SeedbedSpec
import SeedbedStores

/// Rows of one catalog table gathered column by column, then written with the store's bulk
/// loader (prepared INSERTs on SQLite, COPY on PostgreSQL) rather than one statement per row.
struct PendingRows {
    private enum Column {
        case text(ContiguousArray<String>)
        case int(ContiguousArray<Int64>)
    }

    let table: TableName
    let columns: [LoadColumn]
    private var values: [Column]
    private var nulls: [ContiguousArray<Bool>]
    private(set) var count = 0

    /// - Parameter columns: each column's name and whether it is an integer (BIGINT) or text.
    init(table: String, columns: [(name: String, integer: Bool)]) {
        self.table = TableName(table)
        self.columns = columns.map {
            LoadColumn(name: $0.name, type: $0.integer ? .int : .text, declaredType: $0.integer ? "BIGINT" : "TEXT")
        }
        values = columns.map { $0.integer ? .int([]) : .text([]) }
        nulls = Array(repeating: [], count: columns.count)
    }

    mutating func append(_ column: Int, _ value: String?) {
        guard case .text(var texts) = values[column] else { return }
        values[column] = .int([])  // hands the array over uniquely while it grows
        texts.append(value ?? "")
        values[column] = .text(texts)
        nulls[column].append(value == nil)
    }

    mutating func append(_ column: Int, _ value: Int64?) {
        guard case .int(var numbers) = values[column] else { return }
        values[column] = .text([])
        numbers.append(value ?? 0)
        values[column] = .int(numbers)
        nulls[column].append(value == nil)
    }

    /// Closes the row the appends since the last call made.
    mutating func endRow() {
        count += 1
    }

    /// Writes the gathered rows inside the open transaction and starts empty again.
    mutating func flush(to database: any Database) throws(StoreError) {
        guard count > 0 else { return }
        var buffers: [ColumnBuffer] = []
        for (index, column) in columns.enumerated() {
            var buffer = ColumnBuffer(name: column.name, type: column.type, capacity: 0)
            switch values[index] {
            case .text(let texts): buffer.values = .text(texts)
            case .int(let numbers): buffer.values = .int(numbers)
            }
            buffer.nulls = nulls[index]
            buffers.append(buffer)
        }
        let loader = try database.makeLoader(table: table, columns: columns)
        try loader.write(RowBatch(table: table.name, columns: buffers, count: count)) { "\($0 + 1) of the batch" }
        _ = try loader.finish()
        values = columns.map { $0.type == .int ? .int([]) : .text([]) }
        nulls = Array(repeating: [], count: columns.count)
        count = 0
    }
}
