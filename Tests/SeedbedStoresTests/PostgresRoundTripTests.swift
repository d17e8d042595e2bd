import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("PostgreSQL round trips through COPY")
struct PostgresRoundTripTests {
    static let texts: [String?] = [
        "plain", "", nil, "it's \"quoted\"", "tab\there", "new\nline", "carriage\rreturn", "back\\slash",
        "\\N", "ünïcödé 日本語 🌱", " leading and trailing ", "\\\t\n\\N\r",
    ]

    @Test func textKeepsEveryCharacterAndTellsEmptyFromNull() throws {
        let db = try PostgresTestDatabase()
        try db.psql("CREATE TABLE t (id int PRIMARY KEY, body text)")
        let columns = [
            LoadColumn(name: "id", type: .int, declaredType: "integer"),
            LoadColumn(name: "body", type: .text, declaredType: "text"),
        ]
        var batch = TestBatch(columns, rows: Self.texts.count)
        batch.set(0, Self.texts.indices.map { Int64($0) })
        batch.set(1, Self.texts)
        let database = try db.connect()
        try database.beginTransaction()
        let loader = try database.makeLoader(table: TableName("t"), columns: columns)
        try loader.write(batch.batch) { "k\($0)" }
        #expect(try loader.finish() == Self.texts.count)
        try database.commit()

        // What the server holds, seen through psql: nulls and empty strings differ.
        #expect(try db.rows("SELECT body IS NULL, length(body) FROM t ORDER BY id").prefix(3) == ["f|5", "f|0", "t|"])
        #expect(try db.psql("SELECT body FROM t WHERE id = 8") == "\\N\n")

        var read: [String?] = []
        try database.read(table: TableName("t"), columns: [columns[1]], batchSize: 5) { batch in
            read += batch.columns[0].texts.prefix(batch.count)
        }
        #expect(read == Self.texts)
    }

    @Test func everyTypeComesBackExactly() throws {
        let db = try PostgresTestDatabase()
        try db.psql(
            """
            CREATE TABLE every (
              id bigint PRIMARY KEY, small numeric(12,2), fine numeric(18,6), whole numeric(10,0),
              ratio double precision, flag boolean, day date, at timestamptz, local timestamp, ident uuid,
              flag_int smallint)
            """)
        let columns = [
            LoadColumn(name: "id", type: .int, declaredType: "bigint"),
            LoadColumn(name: "small", type: .decimal(scale: 2), declaredType: "numeric(12,2)"),
            LoadColumn(name: "fine", type: .decimal(scale: 6), declaredType: "numeric(18,6)"),
            LoadColumn(name: "whole", type: .decimal(scale: 0), declaredType: "numeric(10,0)"),
            LoadColumn(name: "ratio", type: .float, declaredType: "double precision"),
            LoadColumn(name: "flag", type: .bool, declaredType: "boolean"),
            LoadColumn(name: "day", type: .date, declaredType: "date"),
            LoadColumn(name: "at", type: .timestamp, declaredType: "timestamp with time zone"),
            LoadColumn(name: "local", type: .timestamp, declaredType: "timestamp without time zone"),
            LoadColumn(name: "ident", type: .uuid, declaredType: "uuid"),
            LoadColumn(name: "flag_int", type: .bool, declaredType: "smallint"),
        ]
        let uuid = UUIDValue("0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9")!
        var batch = TestBatch(columns, rows: 4)
        batch.set(0, [Int64.max, Int64.min, 0, -1] as [Any?])
        batch.set(1, [Int64(1234567), Int64(-5), Int64(0), nil] as [Any?])
        batch.set(2, [Int64(1), Int64(-999_999_999_999), Int64(123_456_789), Int64(1_000_000)] as [Any?])
        batch.set(3, [Int64(42), Int64(-7), nil, Int64(0)] as [Any?])
        batch.set(4, [0.1, -1.5e-300, Double.greatestFiniteMagnitude, 1.0 / 3.0] as [Any?])
        batch.set(5, [true, false, nil, true] as [Any?])
        // 1969-12-31, 1900-03-01, 0044-03-15 BC (astronomical -43), 2024-02-29.
        let days: [Int32] = [-1, -25_508, -735_160, 19_782]
        batch.set(6, days as [Any?])
        // Microseconds before and after 1970, and a leap day with every digit of the fraction.
        let micros: [Int64] = [-1, 1_709_164_805_123_456, -2_208_988_800_000_000, 0]
        batch.set(7, micros as [Any?])
        batch.set(8, micros as [Any?])
        batch.set(9, [uuid, UUIDValue(high: 0, low: 0), nil, UUIDValue(high: .max, low: .max)] as [Any?])
        batch.set(10, [true, false, nil, false] as [Any?])

        let database = try db.connect()
        try database.beginTransaction()
        let loader = try database.makeLoader(table: TableName("every"), columns: columns)
        try loader.write(batch.batch) { "\($0)" }
        #expect(try loader.finish() == 4)
        try database.commit()

        // The server's own text for each value, in id order.
        let stored = try db.rows(
            "SET TimeZone = 'UTC'; SELECT small, fine, whole, day, at, local, ident, flag_int FROM every ORDER BY id")
        #expect(
            stored == [
                "-0.05|-999999.999999|-7|1900-03-01|2024-02-29 00:00:05.123456+00|2024-02-29 00:00:05.123456|"
                    + "00000000-0000-0000-0000-000000000000|0",
                "|1.000000|0|2024-02-29|1970-01-01 00:00:00+00|1970-01-01 00:00:00|"
                    + "ffffffff-ffff-ffff-ffff-ffffffffffff|0",
                "0.00|123.456789||0044-03-15 BC|1900-01-01 00:00:00+00|1900-01-01 00:00:00||",
                "12345.67|0.000001|42|1969-12-31|1969-12-31 23:59:59.999999+00|1969-12-31 23:59:59.999999|"
                    + "0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9|1",
            ])
        #expect(try db.psql("SELECT ratio::text FROM every WHERE id = 0") == "1.7976931348623157e+308\n")

        var batches: [RowBatch] = []
        try database.read(table: TableName("every"), columns: columns, batchSize: 10) { batches.append($0) }
        let back = try #require(batches.first)
        #expect(batches.count == 1 && back.count == 4)
        // Row order from a heap table after one COPY is insertion order.
        #expect(back.columns[0].ints(4) == [Int64.max, Int64.min, 0, -1])
        #expect(back.columns[1].ints(4) == [1_234_567, -5, 0, nil])
        #expect(back.columns[2].ints(4) == [1, -999_999_999_999, 123_456_789, 1_000_000])
        #expect(back.columns[3].ints(4) == [42, -7, nil, 0])
        guard case .float(let floats) = back.columns[4].values else { throw Failure("not floats") }
        #expect(Array(floats.prefix(4)) == [0.1, -1.5e-300, Double.greatestFiniteMagnitude, 1.0 / 3.0])
        guard case .bool(let flags) = back.columns[5].values else { throw Failure("not booleans") }
        #expect(
            Array(flags.prefix(4)) == [true, false, false, true]
                && back.columns[5].nulls.prefix(4) == [false, false, true, false])
        guard case .date(let dates) = back.columns[6].values else { throw Failure("not dates") }
        #expect(Array(dates.prefix(4)) == days)
        #expect(back.columns[7].ints(4) == micros.map { $0 })
        #expect(back.columns[8].ints(4) == micros.map { $0 })
        guard case .uuid(let uuids) = back.columns[9].values else { throw Failure("not UUIDs") }
        #expect(uuids[0] == uuid && uuids[3] == UUIDValue(high: .max, low: .max) && back.columns[9].nulls[2])
        guard case .bool(let integerFlags) = back.columns[10].values else { throw Failure("not booleans") }
        #expect(Array(integerFlags.prefix(2)) == [true, false])
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
