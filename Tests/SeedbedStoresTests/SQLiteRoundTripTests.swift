import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("SQLite: load then read back")
struct SQLiteRoundTripTests {
    static let uuid = UUIDValue("0f8e2c1a-93b4-4d6e-8a7b-5c3d2e1f0a9b")

    /// Six rows of every type, with extremes, nulls, and text that breaks naive quoting.
    static let columns: [TestColumn] = [
        TestColumn(name: "id", type: .int, declared: "INTEGER", cells: (1...6).map { .int($0) }),
        TestColumn(
            name: "i", type: .int, declared: "INTEGER",
            cells: [.int(.min), .int(.max), .int(-1), .int(0), .null, .int(42)]),
        TestColumn(
            name: "d0", type: .decimal(scale: 0), declared: "NUMERIC(18,0)",
            cells: [.decimal(.min), .decimal(.max), .decimal(-7), .decimal(0), .null, .decimal(1_000)]),
        TestColumn(
            name: "d1", type: .decimal(scale: 1), declared: "NUMERIC(18,1)",
            cells: [.decimal(-(1 << 50) + 1), .decimal((1 << 50) - 1), .decimal(-5), .decimal(0), .null, .decimal(125)]),
        TestColumn(
            name: "d2", type: .decimal(scale: 2), declared: "NUMERIC(12,2)",
            cells: [.decimal(-123_456_789), .decimal(1_250), .decimal(-1), .decimal(0), .null, .decimal(100_000)]),
        TestColumn(
            name: "d3", type: .decimal(scale: 3), declared: "DECIMAL(10,3)",
            cells: [.decimal(950), .decimal(-1_100), .decimal(1), .decimal(0), .null, .decimal(999_999_999)]),
        TestColumn(
            name: "d4", type: .decimal(scale: 4), declared: "NUMERIC(18,4)",
            cells: [
                .decimal((1 << 50) - 1), .decimal(-98_765_432_109_876), .decimal(1), .decimal(0), .null,
                .decimal(-1),
            ]),
        // A decimal in a TEXT column keeps its exact digits, even past what a double holds.
        TestColumn(
            name: "dt", type: .decimal(scale: 2), declared: "TEXT",
            cells: [.decimal(.min), .decimal(.max), .decimal(-5), .decimal(0), .null, .decimal(1_200)]),
        TestColumn(
            name: "f", type: .float, declared: "REAL",
            cells: [.float(-1.5), .float(1e300), .float(0.1), .float(0), .null, .float(.leastNonzeroMagnitude)]),
        TestColumn(
            name: "t", type: .text, declared: "TEXT",
            cells: [
                .text("it's \"quoted\", isn't it"), .text("tab\there\nnew\r\nline"), .text("back\\slash\\"), .text(""),
                .null,
                .text("ünïcödé 😀 中文 \u{200B}"),
            ]),
        TestColumn(
            name: "b", type: .bool, declared: "BOOLEAN",
            cells: [.bool(true), .bool(false), .bool(true), .bool(false), .null, .bool(true)]),
        TestColumn(
            name: "day", type: .date, declared: "DATE",
            cells: [.date(-25_567), .date(-1), .date(0), .date(2_932_896), .null, .date(-719_162)]),
        TestColumn(
            name: "ts", type: .timestamp, declared: "TIMESTAMP",
            cells: [
                .timestamp(-1), .timestamp(0), .timestamp(1_767_261_600_123_456),
                .timestamp(-2_208_988_800_000_000 + 1),
                .null, .timestamp(86_399_999_999),
            ]),
        TestColumn(
            name: "u", type: .uuid, declared: "UUID",
            cells: [
                .uuid(UUIDValue(high: 0, low: 0)), .uuid(UUIDValue(high: .max, low: .max)),
                .uuid(uuid ?? UUIDValue(high: 1, low: 2)),
                .null, .null, .uuid(UUIDValue(high: 0x0123_4567_89AB_CDEF, low: 0xFEDC_BA98_7654_3210)),
            ]),
    ]

    static let schema = """
        CREATE TABLE every (id INTEGER PRIMARY KEY, i INTEGER, d0 NUMERIC(18,0), d1 NUMERIC(18,1), d2 NUMERIC(12,2),
          d3 DECIMAL(10,3), d4 NUMERIC(18,4), dt TEXT, f REAL, t TEXT, b BOOLEAN, day DATE, ts TIMESTAMP, u UUID)
        """

    @Test func everyTypeReadsBackExactly() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        try database.seed("every", Self.columns)
        let read = try database.readAll("every", Self.columns.map(\.load))
        for (column, values) in zip(Self.columns, read) {
            #expect(values == column.cells, "column \(column.name)")
        }
        #expect(try database.rowCount(of: TableName("every")) == 6)
    }

    /// The forms other tools see: SQLite's own date functions read the dates and timestamps.
    @Test func storedFormsAreWhatSQLiteReads() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        try database.seed("every", Self.columns)
        let rows = try database.rows(
            """
            SELECT typeof(d2), d2, typeof(dt), dt, typeof(b), b, day, date(day), ts, strftime('%Y-%m-%d %H:%M:%f', ts), u,
              typeof(t)
            FROM every ORDER BY id
            """)
        #expect(
            rows[0] == [
                "real", "-1234567.89", "text", "-92233720368547758.08", "integer", "1", "1900-01-01", "1900-01-01",
                "1969-12-31 23:59:59.999999", "1969-12-31 23:59:59.999", "00000000-0000-0000-0000-000000000000", "text",
            ])
        #expect(
            rows[2] == [
                "real", "-0.01", "text", "-0.05", "integer", "1", "1970-01-01", "1970-01-01",
                "2026-01-01 10:00:00.123456", "2026-01-01 10:00:00.123", "0f8e2c1a-93b4-4d6e-8a7b-5c3d2e1f0a9b", "text",
            ])
        #expect(rows[3][0...3] == ["integer", "0", "text", "0.00"])
        #expect(rows[3][6...7] == ["9999-12-31", "9999-12-31"])
        #expect(
            rows[4] == ["null", "NULL", "null", "NULL", "null", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "null"])
        #expect(rows[1][8] == "1970-01-01 00:00:00")
        // The empty string is text, not NULL.
        #expect(try database.rows("SELECT count(*) FROM every WHERE t = ''") == [["1"]])
    }

    /// Every fixed-point value below 2^50 survives REAL storage at scales 0 to 4; larger ones
    /// are bound as text.
    @Test(arguments: 0...4)
    func decimalsSurviveRealStorage(scale: Int) throws {
        var random = SplitMix64(state: UInt64(scale) &+ 0x5EED)
        let cells: [Cell] = (0..<2_000).map { _ in
            // Every magnitude from 1 bit to 50 bits, so small values are as well covered as large.
            let bits = Int(random.next() % 50) + 1
            let magnitude = Int64(random.next() & ((1 << UInt64(bits)) - 1))
            return .decimal(random.next() & 1 == 0 ? magnitude : -magnitude)
        }
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, "CREATE TABLE n (v NUMERIC(18,\(scale)))")
        let column = TestColumn(name: "v", type: .decimal(scale: scale), declared: "NUMERIC(18,\(scale))", cells: cells)
        try database.seed("n", [column])
        #expect(try database.readAll("n", [column.load], batchSize: 512) == [cells])
        #expect(try database.rows("SELECT count(*) FROM n WHERE typeof(v) = 'text'") == [["0"]])
    }

    /// From 2^50 a double could round to a neighbour, so the digits go as text, which a column
    /// without NUMERIC affinity keeps exactly.
    @Test func largeDecimalsAreBoundAsExactText() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, "CREATE TABLE n (v)")
        let cells: [Cell] = [
            .decimal(1 << 50), .decimal((1 << 53) + 1), .decimal(.max), .decimal(.min), .decimal((1 << 50) - 1),
        ]
        let column = TestColumn(name: "v", type: .decimal(scale: 4), declared: "", cells: cells)
        try database.seed("n", [column])
        #expect(try database.readAll("n", [column.load]) == [cells])
        #expect(
            try database.rows("SELECT typeof(v), v FROM n") == [
                ["text", "112589990684.2624"], ["text", "900719925474.0993"], ["text", "922337203685477.5807"],
                ["text", "-922337203685477.5808"], ["real", "112589990684.262"],
            ])
    }

    @Test func decimalEncodingFollowsTheDeclaredAffinity() {
        let column = { (declared: String) in LoadColumn(name: "x", type: .decimal(scale: 2), declaredType: declared) }
        #expect(SQLiteLoader.encoding(for: column("NUMERIC(12,2)")) == .decimalReal(scale: 2))
        #expect(SQLiteLoader.encoding(for: column("varchar(20)")) == .decimalText(scale: 2))
        #expect(SQLiteLoader.encoding(for: column("")) == .decimalReal(scale: 2))
    }

    @Test func batchesAreSplitAndCounted() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, "CREATE TABLE n (v INTEGER)")
        let cells = (0..<10).map { Cell.int(Int64($0)) }
        try database.seed("n", [TestColumn(name: "v", type: .int, declared: "INTEGER", cells: cells)])
        var sizes: [Int] = []
        try database.read(
            table: TableName("n"), columns: [LoadColumn(name: "v", type: .int, declaredType: "INTEGER")], batchSize: 4
        ) { batch in sizes.append(batch.count) }
        #expect(sizes == [4, 4, 2])
    }
}
