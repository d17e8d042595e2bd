import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("SQLite: reading what other tools wrote")
struct SQLiteReadTests {
    static func column(_ name: String, _ type: ValueType) -> LoadColumn {
        LoadColumn(name: name, type: type, declaredType: "")
    }

    /// Values written by hand, as other tools write them, in columns without type affinity so
    /// SQLite keeps each storage class as given.
    @Test func storageClassesThatMeanTheSameValueAreAccepted() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(
            in: folder,
            """
            CREATE TABLE t (n, d, f, b, day, ts, u, s);
            INSERT INTO t VALUES (7, '12.50', 3, 1, '2024-02-29', '2024-03-01 10:00:00', '0F8E2C1A-93B4-4D6E-8A7B-5C3D2E1F0A9B', 12);
            INSERT INTO t VALUES (8.0, 12.5, '2.25', 'true', '2024-03-01 23:59:59', '2024-03-01T10:00:00.5+02:00',
              X'0F8E2C1A93B44D6E8A7B5C3D2E1F0A9B', 1.5);
            INSERT INTO t VALUES ('-9', 12, '-1e3', 'F', '2024-03-01T10:00Z', '2024-03-01', '0f8e2c1a93b44d6e8a7b5c3d2e1f0a9b', 'x');
            INSERT INTO t VALUES ('+10', '0.125', 0.5, 0, NULL, '1969-12-31 23:59:59.9999999Z', NULL, '');
            INSERT INTO t VALUES (NULL, '-0.125', NULL, 't', '0001-01-01', '2024-03-01 10:00:00 -0530', NULL, NULL);
            """)
        let read = try database.readAll(
            "t",
            [
                Self.column("n", .int), Self.column("d", .decimal(scale: 2)), Self.column("f", .float),
                Self.column("b", .bool), Self.column("day", .date), Self.column("ts", .timestamp),
                Self.column("u", .uuid),
                Self.column("s", .text),
            ])
        let uuid = try #require(UUIDValue("0f8e2c1a-93b4-4d6e-8a7b-5c3d2e1f0a9b"))
        let tenAM: Int64 = 1_709_287_200_000_000  // 2024-03-01T10:00:00Z
        #expect(read[0] == [.int(7), .int(8), .int(-9), .int(10), .null])
        // Digits past the scale round half away from zero.
        #expect(read[1] == [.decimal(1_250), .decimal(1_250), .decimal(1_200), .decimal(13), .decimal(-13)])
        #expect(read[2] == [.float(3), .float(2.25), .float(-1_000), .float(0.5), .null])
        #expect(read[3] == [.bool(true), .bool(true), .bool(false), .bool(false), .bool(true)])
        #expect(read[4] == [.date(19_782), .date(19_783), .date(19_783), .null, .date(-719_162)])
        #expect(
            read[5] == [
                .timestamp(tenAM), .timestamp(tenAM - 7_200_000_000 + 500_000), .timestamp(tenAM - 36_000_000_000),
                .timestamp(-1), .timestamp(tenAM + 19_800_000_000),
            ])
        #expect(read[6] == [.uuid(uuid), .uuid(uuid), .uuid(uuid), .null, .null])
        #expect(read[7] == [.text("12"), .text("1.5"), .text("x"), .text(""), .null])
    }

    @Test(arguments: [
        ("n", ValueType.int, "'abc'", "the text 'abc' is not an int"),
        ("n", .int, "1.5", "the real 1.5 is not an int"),
        ("n", .int, "'99999999999999999999'", "the text '99999999999999999999' is not an int"),
        ("n", .decimal(scale: 2), "'12,50'", "the text '12,50' is not a decimal(2)"),
        (
            "n", .decimal(scale: 2), "92233720368547759",
            "the integer 92233720368547759 is out of range for a decimal(2)"
        ),
        ("n", .float, "'nan'", "the text 'nan' is not a float"),
        ("n", .bool, "2", "the number 2.0 is not a bool (0 or 1)"),
        ("n", .bool, "'yes'", "the text 'yes' is not a bool (0/1, 'true'/'false')"),
        ("n", .date, "'2024-02-30'", "the text '2024-02-30' is not a date ('YYYY-MM-DD')"),
        ("n", .date, "'2024-03-01 25:00:00'", "the text '2024-03-01 25:00:00' is not a date ('YYYY-MM-DD')"),
        ("n", .date, "20240301", "the number 20240301 is not a date ('YYYY-MM-DD')"),
        (
            "n", .timestamp, "'2024-03-01 10:00:00+2'",
            "the text '2024-03-01 10:00:00+2' is not a timestamp ('YYYY-MM-DD HH:MM:SS[.ffffff]')"
        ),
        (
            "n", .uuid, "'0f8e2c1a-93b4-4d6e-8a7b-5c3d2e1f0a9'",
            "the text '0f8e2c1a-93b4-4d6e-8a7b-5c3d2e1f0a9' is not a uuid"
        ),
        ("n", .uuid, "X'0102'", "a blob of 2 bytes is not a uuid"),
        ("n", .text, "X'0102'", "a blob is not text"),
        ("n", .text, "CAST(X'41FF42' AS TEXT)", "the text is not valid UTF-8"),
        ("n", .int, "'line\nbreak'", "the text 'line\\nbreak' is not an int"),
    ])
    func valuesThatDoNotFitAreErrorsNamingTheRow(column: String, type: ValueType, value: String, reason: String) throws
    {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(
            in: folder,
            "CREATE TABLE \"Odd Table\" (n); INSERT INTO \"Odd Table\" VALUES (NULL); INSERT INTO \"Odd Table\" VALUES (\(value))"
        )
        #expect {
            _ = try database.readAll("Odd Table", [Self.column(column, type)])
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .schema && error.table == "Odd Table" && error.rowKey == "rowid 2"
                && error.message == "table 'Odd Table', column 'n', rowid 2: \(reason)"
        }
    }

    @Test func rowsOfATableWithoutRowidAreNamedByPosition() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(
            in: folder,
            "CREATE TABLE k (id TEXT PRIMARY KEY, v) WITHOUT ROWID; INSERT INTO k VALUES ('a', 1), ('b', 'x')")
        #expect {
            _ = try database.readAll("k", [Self.column("v", .int)])
        } throws: { error in
            (error as? StoreError)?.message == "table 'k', column 'v', row 2: the text 'x' is not an int"
        }
    }

    @Test func aMissingColumnIsASchemaError() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, "CREATE TABLE k (v)")
        #expect {
            _ = try database.readAll("k", [Self.column("w", .int)])
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .schema && error.message.hasSuffix("has no column 'w'")
        }
    }

    @Test func aMissingTableIsASchemaError() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder)
        #expect {
            _ = try database.readAll("nowhere", [Self.column("w", .int)])
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .schema && error.message.hasPrefix("no table 'nowhere'")
        }
    }

    @Test(arguments: [
        ("12.345", 2, Int64?.some(1_235)), ("-12.345", 2, -1_235), ("12.344999", 2, 1_234), (".5", 1, 5), ("5.", 0, 5),
        ("1.5e2", 2, 15_000), ("+7", 3, 7_000), ("", 2, nil), ("-", 2, nil), (".", 2, nil), ("1.2.3", 2, nil),
        ("12 ", 2, nil), ("92233720368547758.07", 2, .max), ("-92233720368547758.08", 2, .min),
        ("92233720368547758.08", 2, nil),
    ])
    func decimalTextParsing(text: String, scale: Int, expected: Int64?) {
        let parsed = Array(text.utf8).withUnsafeBufferPointer { SQLiteValueDecoder.decimal($0, scale: scale) }
        #expect(parsed == expected)
    }
}
