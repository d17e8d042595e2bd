import CSQLite
import SeedbedEngine
import SeedbedSpec

/// A bulk load into one SQLite table: one prepared `INSERT` reused for every row, inside the
/// transaction the caller opened.
///
/// Each batch is first encoded column by column into a row-major table of cells (numbers as
/// they are, text forms into one byte buffer), then every row is bound from the cells without
/// copying (SQLITE_STATIC) and stepped: the per-type loops stay tight and no value is boxed.
final class SQLiteLoader: TableLoader {
    /// How one column's values are bound, chosen once from the engine type and the declared type.
    enum Encoding: Equatable {
        case integer
        /// Decimals as REAL (`value / 10^scale`), exact when read back and rounded to the scale;
        /// fixed-point magnitudes from 2^50 (about 15 digits) fall back to text, since a double's
        /// error times 10^scale could then round to a neighbour.
        case decimalReal(scale: Int)
        /// Decimals as text with exactly their scale, for columns of TEXT affinity.
        case decimalText(scale: Int)
        case real
        case text
        case bool
        case date
        case timestamp
        case uuid
    }

    /// One value of the batch, ready to bind.
    private enum Cell {
        case null
        case integer(Int64)
        case real(Double)
        /// `count` bytes of the text buffer from `offset`.
        case text(offset: Int, count: Int)
    }

    private let database: SQLiteDatabase
    private let statement: SQLiteStatement
    private let table: TableName
    private let columns: [LoadColumn]
    private let encodings: [Encoding]
    private var cells: ContiguousArray<Cell> = []
    private var text: ContiguousArray<UInt8> = []
    private var loaded = 0

    init(database: SQLiteDatabase, table: TableName, columns: [LoadColumn]) throws(StoreError) {
        let names = columns.map { SQLIdentifier.quote($0.name) }.joined(separator: ", ")
        let parameters = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let sql =
            columns.isEmpty
            ? "INSERT INTO \(table.sql) DEFAULT VALUES" : "INSERT INTO \(table.sql) (\(names)) VALUES (\(parameters))"
        do {
            statement = try SQLiteStatement(connection: database.connection, sql: sql)
        } catch {
            throw StoreError(
                .schema, "cannot load table '\(table)' of \(database.path): \(error.message)", table: table.description)
        }
        self.database = database
        self.table = table
        self.columns = columns
        encodings = columns.map(Self.encoding)
    }

    static func encoding(for column: LoadColumn) -> Encoding {
        switch column.type {
        case .int: .integer
        case .decimal(let scale):
            SQLiteAffinity(declared: column.declaredType) == .text
                ? .decimalText(scale: scale) : .decimalReal(scale: scale)
        case .float: .real
        case .text: .text
        case .bool: .bool
        case .date: .date
        case .timestamp: .timestamp
        case .uuid: .uuid
        }
    }

    func write(_ batch: RowBatch, keys: (Int) -> String) throws(StoreError) {
        guard batch.columns.count == columns.count else {
            throw StoreError(
                .schema,
                "a batch for table '\(table)' has \(batch.columns.count) columns; the load writes \(columns.count)",
                table: table.description)
        }
        let width = columns.count
        guard batch.count > 0 else { return }
        // Taken out of the object while filled, so writes go straight to uniquely held storage.
        var cells = self.cells
        var text = self.text
        self.cells = []
        self.text = []
        defer {
            self.cells = cells
            self.text = text
        }
        cells.removeAll(keepingCapacity: true)
        cells.append(contentsOf: repeatElement(.null, count: batch.count * max(width, 1)))
        text.removeAll(keepingCapacity: true)
        // Never empty, so the buffer always has a base address to bind empty strings from.
        text.append(0)
        for (index, column) in batch.columns.enumerated() {
            try encode(column, at: index, count: batch.count, keys: keys, into: &cells, text: &text)
        }
        let failure = cells.withUnsafeBufferPointer { cells -> (row: Int, error: SQLiteError)? in
            text.withUnsafeBufferPointer { text -> (row: Int, error: SQLiteError)? in
                guard let textBase = text.baseAddress else { return nil }
                for row in 0..<batch.count {
                    for column in 0..<width {
                        switch cells[row * width + column] {
                        case .null: statement.bindNull(at: column)
                        case .integer(let value): statement.bind(value, at: column)
                        case .real(let value): statement.bind(value, at: column)
                        case .text(let offset, let count):
                            statement.bindText(textBase + offset, count: count, at: column)
                        }
                    }
                    do throws(SQLiteError) {
                        _ = try statement.step()
                    } catch {
                        statement.reset()
                        statement.clearBindings()
                        return (row, error)
                    }
                    statement.reset()
                }
                // The bindings point into `text`, which the next batch rewrites.
                statement.clearBindings()
                return nil
            }
        }
        if let failure {
            let key = keys(failure.row)
            throw StoreError(
                .database, "loading table '\(table)' failed at row key \(key): \(failure.error.message)",
                table: table.description, rowKey: key, constraint: failure.error.constraint)
        }
        loaded += batch.count
    }

    func finish() throws(StoreError) -> Int {
        statement.reset()
        statement.clearBindings()
        return loaded
    }

    // MARK: - Encoding a column

    private func encode(
        _ column: ColumnBuffer, at index: Int, count: Int, keys: (Int) -> String,
        into cells: inout ContiguousArray<Cell>, text: inout ContiguousArray<UInt8>
    ) throws(StoreError) {
        let width = columns.count
        let nulls = column.nulls
        switch (column.values, encodings[index]) {
        case (.int(let values), .integer):
            for row in 0..<count where !nulls[row] { cells[row * width + index] = .integer(values[row]) }
        case (.decimal(let values, let scale), .decimalReal(let expected)) where scale == expected:
            for row in 0..<count where !nulls[row] {
                cells[row * width + index] = Self.decimalCell(values[row], scale: scale, text: &text)
            }
        case (.decimal(let values, let scale), .decimalText(let expected)) where scale == expected:
            for row in 0..<count where !nulls[row] {
                let offset = text.count
                SQLiteTextEncoder.appendDecimal(values[row], scale: scale, to: &text)
                cells[row * width + index] = .text(offset: offset, count: text.count - offset)
            }
        case (.float(let values), .real):
            for row in 0..<count where !nulls[row] { cells[row * width + index] = .real(values[row]) }
        case (.bool(let values), .bool):
            for row in 0..<count where !nulls[row] { cells[row * width + index] = .integer(values[row] ? 1 : 0) }
        case (.text(let values), .text):
            for row in 0..<count where !nulls[row] {
                let offset = text.count
                var value = values[row]
                value.withUTF8 { text.append(contentsOf: $0) }
                cells[row * width + index] = .text(offset: offset, count: text.count - offset)
            }
        case (.date(let values), .date):
            for row in 0..<count where !nulls[row] {
                let offset = text.count
                guard SQLiteTextEncoder.appendDate(days: Int(values[row]), to: &text) else {
                    throw outOfRange(column: index, row: row, keys: keys)
                }
                cells[row * width + index] = .text(offset: offset, count: text.count - offset)
            }
        case (.timestamp(let values), .timestamp):
            for row in 0..<count where !nulls[row] {
                let offset = text.count
                guard SQLiteTextEncoder.appendTimestamp(microseconds: values[row], to: &text) else {
                    throw outOfRange(column: index, row: row, keys: keys)
                }
                cells[row * width + index] = .text(offset: offset, count: text.count - offset)
            }
        case (.uuid(let values), .uuid):
            for row in 0..<count where !nulls[row] {
                let offset = text.count
                values[row].appendHex(to: &text)
                cells[row * width + index] = .text(offset: offset, count: text.count - offset)
            }
        default:
            throw StoreError(
                .schema,
                "column '\(columns[index].name)' of table '\(table)' is loaded as \(columns[index].type), but its batch holds other values",
                table: table.description)
        }
    }

    /// REAL when a double holds the value closely enough to round back to it, else exact text.
    /// (The double is within 2^-53 of the value relatively, and so is the product when reading
    /// back: below 2^50 the total error stays under a quarter of the last digit.)
    private static func decimalCell(_ value: Int64, scale: Int, text: inout ContiguousArray<UInt8>) -> Cell {
        if scale == 0 { return .integer(value) }
        guard value.magnitude < 1 << 50, scale < Powers.double.count else {
            let offset = text.count
            SQLiteTextEncoder.appendDecimal(value, scale: scale, to: &text)
            return .text(offset: offset, count: text.count - offset)
        }
        // Both operands are exact doubles, and IEEE division rounds once: the nearest double.
        return .real(Double(value) / Powers.double[scale])
    }

    private func outOfRange(column: Int, row: Int, keys: (Int) -> String) -> StoreError {
        let key = keys(row)
        return StoreError(
            .database,
            "loading table '\(table)' failed at row key \(key): the \(columns[column].type) in column '\(columns[column].name)' is outside the years 0000-9999 that SQLite's date functions read",
            table: table.description, rowKey: key)
    }
}
