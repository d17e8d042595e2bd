import CSQLite

/// Rows inserted into one SQLite table as the caller makes them, straight from its values,
/// inside the transaction the caller opened: a prepared `INSERT` of `rowsPerStatement` rows
/// (`VALUES (…), (…), …`), stepped each time that many rows are set.
///
/// For callers whose rows come one by one (the catalog's test results): no column arrays and no
/// batch of thousands. A row's values are noted as cells (texts copied once into one byte
/// buffer) and bound when the statement runs, without copying (SQLITE_STATIC). Several rows per
/// statement share one run of SQLite's program: with 8, storing a row costs about 40% less than
/// with one. A value that stays the same for many rows is set once with `keep` (SQLite copies it,
/// and bindings outlive each run of the statement) and costs nothing after.
///
/// A parameter is bound only when its value differs from what it was bound to for the last run:
/// bindings outlive each run, and most columns of most rows (NULLs, small integers, constants,
/// texts of the same length at the same place) are as they were.
///
/// Rows reach the table when their statement runs, not at `endRow`: a caller whose later rows
/// reference earlier ones under enforced foreign keys uses one row per statement.
///
/// The statement is `INSERT OR FAIL`: a row that breaks a constraint stops the statement with
/// the rows before it kept, and the caller rolls its transaction back. The default (`ABORT`)
/// would undo just the statement, so SQLite keeps a statement journal for every statement of
/// several rows: a copy of each page it touches, written to a temporary file (for a 976k-test
/// ingest, 143k page copies, 586 MB, to a file in `/var/tmp`).
public final class SQLiteRowInserter {
    /// One value of a gathered row, ready to bind.
    private enum Cell {
        case null
        case integer(Int64)
        /// `count` bytes of `bytes` from `offset`.
        case text(offset: Int, count: Int)
        /// Bytes that live as long as the program (a `StaticString`).
        case constant(UnsafePointer<UInt8>, count: Int)
    }

    /// What a parameter was last bound to.
    private enum Bound: Equatable {
        case unknown
        case null
        case integer(Int64)
        /// `count` bytes at an address (SQLITE_STATIC: read when the statement runs).
        case text(UnsafePointer<UInt8>, count: Int)
    }

    /// The statement for `rowsPerStatement` rows.
    private let statement: SQLiteStatement
    /// The statement for one row, for the rows left when `flush` is called early.
    private let single: SQLiteStatement
    private let table: String
    private let path: String
    private let width: Int
    public let rowsPerStatement: Int
    // The per-value state is reached many times a row: accesses are not checked for exclusivity
    // at run time (the class is used by one thread, and no access spans a call that could make
    // another), which took an eighth of the writer's time.
    // The cells, the kept columns and the bindings are fixed in size: buffers of their own, which
    // a write does not check for a second owner as an array's does (1.5% of the writing thread).
    /// The gathered rows' cells, row after row.
    private let cells: UnsafeMutableBufferPointer<Cell>
    /// The columns set once for every row (`keep`), which are not bound per row.
    private let kept: UnsafeMutableBufferPointer<Bool>
    /// The gathered rows' texts, one after another (never empty, so it always has an address).
    @exclusivity(unchecked) private var bytes: ContiguousArray<UInt8> = [0]
    /// What each parameter of `statement`, then of `single`, is bound to.
    private let bound: UnsafeMutableBufferPointer<Bound>
    /// Rows gathered since the statement last ran.
    @exclusivity(unchecked) private var gathered = 0
    /// Rows inserted.
    public private(set) var count = 0
    /// Parameters bound so far (not those bound as they were already).
    @exclusivity(unchecked) private(set) var bindings = 0

    /// Prepares `INSERT OR FAIL INTO table (columns…) VALUES (?…), …` for `rowsPerStatement` rows.
    public init(database: SQLiteDatabase, table: String, columns: [String], rowsPerStatement: Int = 1)
        throws(StoreError)
    {
        let names = columns.map(SQLIdentifier.quote).joined(separator: ", ")
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let rows = max(1, rowsPerStatement)
        let insert = "INSERT OR FAIL INTO \(SQLIdentifier.quote(table)) (\(names)) VALUES "
        do {
            statement = try SQLiteStatement(
                connection: database.connection,
                sql: insert + Array(repeating: row, count: rows).joined(separator: ", "))
            single = try SQLiteStatement(connection: database.connection, sql: insert + row)
        } catch {
            throw StoreError(
                .schema, "cannot load table '\(table)' of \(database.path): \(error.message)", table: table)
        }
        self.table = table
        path = database.path
        width = columns.count
        self.rowsPerStatement = rows
        cells = .allocate(capacity: rows * columns.count)
        cells.initialize(repeating: .null)
        kept = .allocate(capacity: columns.count)
        kept.initialize(repeating: false)
        bound = .allocate(capacity: (rows + 1) * columns.count)
        bound.initialize(repeating: .unknown)
        bytes.reserveCapacity(4096)
    }

    deinit {
        // No binding may outlive the buffers it points into.
        statement.clearBindings()
        single.clearBindings()
        cells.deallocate()
        kept.deallocate()
        bound.deallocate()
    }

    // MARK: - The current row

    /// Sets a column of the current row.
    public func set(_ column: Int, _ value: Int64?) {
        cells[gathered * width + column] = value.map(Cell.integer) ?? .null
    }

    /// Sets a text column of the current row (copied once into the rows' buffer).
    public func set(_ column: Int, _ value: String?) {
        guard var value else {
            cells[gathered * width + column] = .null
            return
        }
        let offset = bytes.count
        value.withUTF8 { bytes.append(contentsOf: $0) }
        cells[gathered * width + column] = .text(offset: offset, count: bytes.count - offset)
    }

    /// Sets a text column of the current row from bytes (copied once into the rows' buffer);
    /// NULL for nil.
    public func set(_ column: Int, bytes value: UnsafeBufferPointer<UInt8>?) {
        guard let value else {
            cells[gathered * width + column] = .null
            return
        }
        let offset = bytes.count
        bytes.append(contentsOf: value)
        cells[gathered * width + column] = .text(offset: offset, count: value.count)
    }

    /// Sets a text column of the current row to the 16 lowercase hex digits of `value`.
    public func set(_ column: Int, hex value: UInt64) {
        let offset = bytes.count
        var digits: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &digits) { raw in
            LowercaseHex.write(value, into: raw.bindMemory(to: UInt8.self), at: 0)
            bytes.append(contentsOf: UnsafeRawBufferPointer(raw).bindMemory(to: UInt8.self))
        }
        cells[gathered * width + column] = .text(offset: offset, count: LowercaseHex.count)
    }

    /// Sets a text column of the current row to `parts` joined by `separator`, without making
    /// the joined string; NULL when `parts` is empty.
    public func set(_ column: Int, joining parts: [String], separator: UInt8) {
        guard !parts.isEmpty else {
            cells[gathered * width + column] = .null
            return
        }
        let offset = bytes.count
        for (index, part) in parts.enumerated() {
            if index > 0 { bytes.append(separator) }
            var part = part
            part.withUTF8 { bytes.append(contentsOf: $0) }
        }
        cells[gathered * width + column] = .text(offset: offset, count: bytes.count - offset)
    }

    /// Sets a text column of the current row to a constant (read in place: it lives as long as
    /// the program).
    public func set(_ column: Int, constant: StaticString) {
        cells[gathered * width + column] = .constant(constant.utf8Start, count: constant.utf8CodeUnitCount)
    }

    /// Sets a column for every row from now on; the rows gathered before are inserted first.
    public func keep(_ column: Int, _ value: String) throws(StoreError) {
        try flush()
        kept[column] = true
        for row in 0..<rowsPerStatement { statement.bind(value, at: row * width + column) }
        single.bind(value, at: column)
    }

    /// Ends the current row: every column not kept was set. The rows are inserted when there
    /// are enough for the statement.
    public func endRow() throws(StoreError) {
        gathered += 1
        if gathered == rowsPerStatement { try flush() }
    }

    // MARK: - Running the statement

    /// Inserts the rows gathered.
    public func flush() throws(StoreError) {
        guard gathered > 0 else { return }
        let rows = gathered
        let cells = UnsafeBufferPointer(self.cells)
        let failure = bytes.withUnsafeBufferPointer { bytes -> SQLiteError? in
            // `bytes` is never empty.
            guard let base = bytes.baseAddress else { return nil }
            if rows == rowsPerStatement {
                bind(cells, rows: 0..<rows, to: statement, base: base, perRow: width, slots: 0)
                return run(statement)
            }
            for row in 0..<rows {
                bind(cells, rows: row..<(row + 1), to: single, base: base, perRow: 0, slots: rowsPerStatement * width)
                if let failure = run(single) { return failure }
            }
            return nil
        }
        gathered = 0
        bytes.removeAll(keepingCapacity: true)
        bytes.append(0)
        if let failure {
            let first = count + 1
            throw StoreError(
                .database,
                "SQLite (\(path)): loading table '\(table)' failed in rows \(first)…\(count + rows) of the load: \(failure.message)",
                table: table, constraint: failure.constraint)
        }
        count += rows
    }

    /// Binds the cells of `rows`, row `r`'s columns from parameter `(r - rows.lowerBound) * perRow`,
    /// each unless it is bound to that value already (`bound`, the statement's from `slots`).
    private func bind(
        _ cells: UnsafeBufferPointer<Cell>, rows: Range<Int>, to statement: borrowing SQLiteStatement,
        base: UnsafePointer<UInt8>, perRow: Int, slots: Int
    ) {
        for row in rows {
            let first = (row - rows.lowerBound) * perRow
            for column in 0..<width where !kept[column] {
                let parameter = first + column
                let value: Bound =
                    switch cells[row * width + column] {
                    case .null: .null
                    case .integer(let value): .integer(value)
                    case .text(let offset, let count): .text(base + offset, count: count)
                    case .constant(let text, let count): .text(text, count: count)
                    }
                guard bound[slots + parameter] != value else { continue }
                bound[slots + parameter] = value
                bindings += 1
                switch value {
                case .unknown, .null: statement.bindNull(at: parameter)
                case .integer(let value): statement.bind(value, at: parameter)
                case .text(let text, let count): statement.bindText(text, count: count, at: parameter)
                }
            }
        }
    }

    private func run(_ statement: borrowing SQLiteStatement) -> SQLiteError? {
        defer { statement.reset() }
        do throws(SQLiteError) {
            _ = try statement.step()
            return nil
        } catch {
            return error
        }
    }
}
