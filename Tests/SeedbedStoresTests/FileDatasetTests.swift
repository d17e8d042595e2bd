import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("FileDataset: reading back what seedbed generate wrote")
struct FileDatasetTests {
    static let columns = [
        LoadColumn(name: "n", type: .int, declaredType: ""),
        LoadColumn(name: "d", type: .decimal(scale: 2), declaredType: ""),
        LoadColumn(name: "f", type: .float, declaredType: ""),
        LoadColumn(name: "s", type: .text, declaredType: ""),
        LoadColumn(name: "b", type: .bool, declaredType: ""),
        LoadColumn(name: "day", type: .date, declaredType: ""),
        LoadColumn(name: "ts", type: .timestamp, declaredType: ""),
        LoadColumn(name: "u", type: .uuid, declaredType: ""),
    ]

    static let uuid = UUIDValue(high: 0x0f8e_2c1a_93b4_4d6e, low: 0x8a7b_5c3d_2e1f_0a9b)

    /// Every type, nulls, the empty string and text that needs quoting, as the batch written.
    static let cells: [[Cell]] = [
        [.int(7), .int(-9), .null, .int(Int64.max)],
        [.decimal(1_250), .decimal(-5), .decimal(0), .null],
        [.float(0.25), .float(-1_000_000), .null, .float(1e-7)],
        [.text("a,b"), .text(""), .null, .text("say \"hi\"\nthere ✓")],
        [.bool(true), .bool(false), .null, .bool(true)],
        [.date(19_782), .date(-719_162), .null, .date(0)],
        [.timestamp(1_709_287_200_000_000), .timestamp(-1), .null, .timestamp(1_500_000)],
        [.uuid(uuid), .null, .uuid(UUIDValue(high: 0, low: 0)), .uuid(uuid)],
    ]

    static func readAll(_ dataset: FileDataset, _ table: String, batchSize: Int = 3) throws -> (
        cells: [[Cell]], batches: [Int]
    ) {
        var cells = Array(repeating: [Cell](), count: columns.count)
        var batches: [Int] = []
        try dataset.read(table: table, columns: columns, batchSize: batchSize) { batch in
            batches.append(batch.count)
            for index in batch.columns.indices { cells[index] += batch.columns[index].cells(count: batch.count) }
        }
        return (cells, batches)
    }

    @Test(arguments: TextFormat.allCases)
    func valuesWrittenByTheEngineReadBackExactly(format: TextFormat) throws {
        let folder = try TemporaryDirectory()
        let writer = try TableFileWriter(
            path: folder.url.appendingPathComponent("t.\(format.fileExtension)").path,
            columns: Self.columns.map(\.name), format: format)
        let buffers = zip(Self.columns, Self.cells).map { ColumnBuffer(name: $0.name, type: $0.type, cells: $1) }
        try writer.write(RowBatch(table: "t", columns: buffers, count: 4))
        try writer.finish()
        let dataset = try FileDataset(directory: folder.url.path)
        #expect(try dataset.hasTable("t"))
        #expect(try !dataset.hasTable("other"))
        let read = try Self.readAll(dataset, "t")
        #expect(read.cells == Self.cells)
        #expect(read.batches == [3, 1])
    }

    /// The header's order need not be the order asked; extra columns are skipped.
    @Test func columnsAreFoundByName() throws {
        let folder = try TemporaryDirectory()
        try folder.write("t.csv", "extra,s,n\r\nx,\"\",5\r\n\r\ny,,\n")
        let dataset = try FileDataset(directory: folder.url.path)
        var cells: [[Cell]] = []
        try dataset.read(
            table: "t",
            columns: [
                LoadColumn(name: "n", type: .int, declaredType: ""),
                LoadColumn(name: "s", type: .text, declaredType: ""),
            ], batchSize: 10
        ) { batch in cells = batch.columns.map { $0.cells(count: batch.count) } }
        #expect(cells == [[.int(5), .null], [.text(""), .null]])
    }

    static func readError(_ file: String, _ contents: String, column: LoadColumn) throws -> String {
        let folder = try TemporaryDirectory()
        try folder.write(file, contents)
        let dataset = try FileDataset(directory: folder.url.path)
        let table = String(file.prefix { $0 != "." })
        let error = #expect(throws: StoreError.self) {
            try dataset.read(table: table, columns: [column], batchSize: 10) { _ in }
        }
        let message = error?.message ?? ""
        return message.replacingOccurrences(of: folder.url.path + "/", with: "")
    }

    @Test(arguments: [
        (ValueType.int, "12.5", "t.csv:3:3: column 'x': '12.5' is not an int; write a whole number such as 42"),
        (
            .int, "99999999999999999999",
            "t.csv:3:3: column 'x': '99999999999999999999' is not an int; write a whole number such as 42"
        ),
        (
            .int, "\"\"",
            "t.csv:3:3: column 'x': \"\" is the empty string, not an int; leave the field empty, without quotes, for null"
        ),
        (
            .decimal(scale: 2), "12.5",
            "t.csv:3:3: column 'x': '12.5' is not a decimal(2); write it with exactly 2 digits after the point, as in 12.55"
        ),
        (
            .decimal(scale: 0), "12.0",
            "t.csv:3:3: column 'x': '12.0' is not a decimal(0); write it with exactly 0 digits after the point, as in 12"
        ),
        (.float, "1e", "t.csv:3:3: column 'x': '1e' is not a float; write a finite number such as 0.25"),
        (.float, "nan", "t.csv:3:3: column 'x': 'nan' is not a float; write a finite number such as 0.25"),
        (.bool, "TRUE", "t.csv:3:3: column 'x': 'TRUE' is not a bool; write true or false"),
        (
            .date, "2026-02-29",
            "t.csv:3:3: column 'x': '2026-02-29' is not a date; write an existing day as YYYY-MM-DD, e.g. 2026-03-31"
        ),
        (
            .date, "2026-2-28",
            "t.csv:3:3: column 'x': '2026-2-28' is not a date; write an existing day as YYYY-MM-DD, e.g. 2026-03-31"
        ),
        (
            .timestamp, "2026-03-01 10:00:00",
            "t.csv:3:3: column 'x': '2026-03-01 10:00:00' is not a timestamp; write YYYY-MM-DDTHH:MM:SS[.ffffff]Z in UTC, e.g. 2026-03-31T09:30:00Z"
        ),
        (
            .timestamp, "2026-03-01T10:00:00.1234567Z",
            "t.csv:3:3: column 'x': '2026-03-01T10:00:00.1234567Z' is not a timestamp; write YYYY-MM-DDTHH:MM:SS[.ffffff]Z in UTC, e.g. 2026-03-31T09:30:00Z"
        ),
        (
            .uuid, "0f8e2c1a93b44d6e8a7b5c3d2e1f0a9b",
            "t.csv:3:3: column 'x': '0f8e2c1a93b44d6e8a7b5c3d2e1f0a9b' is not a uuid; write 8-4-4-4-12 hex digits, e.g. 123e4567-e89b-42d3-a456-426614174000"
        ),
        (
            .text, "a\"b",
            "t.csv:3:4: a quote inside an unquoted field; quote the whole field and double the quote inside: \"say \"\"hi\"\"\""
        ),
    ])
    func malformedCSVFieldsNameTheirPlace(type: ValueType, field: String, expected: String) throws {
        let message = try Self.readError(
            "t.csv", "k,x\n1,\n2,\(field)\n", column: LoadColumn(name: "x", type: type, declaredType: ""))
        #expect(message == expected)
    }

    @Test(arguments: [
        (
            "a,b\n1\n",
            "t.csv:2:1: the record has 1 field where the header has 2; give every record one field per header name, quoting fields that hold a comma"
        ),
        (
            "a,b\n1,\"open\n",
            "t.csv:2:3: a quoted field is never closed; add the closing quote, and double any quote inside the field (\"\")"
        ),
        (
            "a,b\n1,\"x\"y\n",
            "t.csv:2:6: text after the closing quote of a field; quote the whole field and double every quote inside it (\"\")"
        ),
        (
            "b,c\n1,2\n",
            "t.csv:1:1: the header has no column 'a' (it has b, c); score the dataset with the spec that generated it"
        ),
    ])
    func malformedCSVRecords(contents: String, expected: String) throws {
        let message = try Self.readError(
            "t.csv", contents, column: LoadColumn(name: "a", type: .text, declaredType: ""))
        #expect(message == expected)
    }

    @Test func invalidUTF8IsNamed() throws {
        let folder = try TemporaryDirectory()
        try folder.write("t.csv", bytes: Array("a\nok\nx".utf8) + [0xFF, 0x0A])
        let dataset = try FileDataset(directory: folder.url.path)
        let error = #expect(throws: StoreError.self) {
            try dataset.read(table: "t", columns: [LoadColumn(name: "a", type: .text, declaredType: "")], batchSize: 1)
            {
                _ in
            }
        }
        #expect(
            error?.message
                == "\(folder.url.path)/t.csv:3:1: bytes that are not UTF-8; write the file as UTF-8, e.g. iconv -f latin1 -t utf-8"
        )
    }

    @Test(arguments: [
        (
            ValueType.int, "{\"x\":\"12\"}",
            "t.jsonl:2:6: column 'x': \"12\" is a JSON string; write an int without quotes"
        ),
        (
            .date, "{\"x\":20260301}",
            "t.jsonl:2:6: column 'x': '20260301' is not a JSON string; write a date as a string in quotes"
        ),
        (
            .text, "{\"x\":true}",
            "t.jsonl:2:6: column 'x': 'true' is not a JSON string; write a text as a string in quotes"
        ),
        (
            .decimal(scale: 2), "{\"x\":1.5}",
            "t.jsonl:2:6: column 'x': '1.5' is not a decimal(2); write it with exactly 2 digits after the point, as in 12.55"
        ),
        (
            .int, "{\"y\":1}",
            "t.jsonl:2:1: the object has no member 'x'; give every line a member for each column of the table (null for no value)"
        ),
        (
            .int, "{\"x\":[1]}",
            "t.jsonl:2:6: a nested object or array; every value must be a string, number, true, false or null; write one flat JSON object per line, as seedbed generate does"
        ),
        (.int, "{\"x\":1,\"x\":2}", "t.jsonl:2:8: the member 'x' appears twice; keep one of them"),
        (
            .int, "{\"x\":1} 2",
            "t.jsonl:2:9: text after the end of the object; write one flat JSON object per line, as seedbed generate does"
        ),
        (.int, "{\"x\":01}", "t.jsonl:2:6: a number with a leading zero; write it without the leading zero"),
        (.text, "{\"é\":1,\"x\":\"a", "t.jsonl:2:12: a string is never closed; add the closing quote"),
    ])
    func malformedJSONLines(type: ValueType, line: String, expected: String) throws {
        let message = try Self.readError(
            "t.jsonl", "{\"x\":null}\n\(line)\n", column: LoadColumn(name: "x", type: type, declaredType: ""))
        #expect(message == expected)
    }

    @Test func jsonEscapesAreDecoded() throws {
        let folder = try TemporaryDirectory()
        try folder.write("t.jsonl", #"{"x":"a\"\\\/\n\u00e9\ud83d\ude00"}"# + "\n\n")
        let dataset = try FileDataset(directory: folder.url.path)
        var cells: [Cell] = []
        try dataset.read(table: "t", columns: [LoadColumn(name: "x", type: .text, declaredType: "")], batchSize: 4) {
            cells += $0.columns[0].cells(count: $0.count)
        }
        #expect(cells == [.text("a\"\\/\né😀")])
    }

    @Test func bothFormatsOfOneTableAreRefused() throws {
        let folder = try TemporaryDirectory()
        try folder.write("t.csv", "a\n")
        try folder.write("t.jsonl", "")
        let dataset = try FileDataset(directory: folder.url.path)
        #expect(throws: StoreError.self) { try dataset.hasTable("t") }
        #expect(throws: StoreError.self) { try FileDataset(directory: folder.url.appendingPathComponent("none").path) }
    }

    @Test func lineageIsRead() throws {
        let folder = try TemporaryDirectory()
        let dataset = try FileDataset(directory: folder.url.path)
        #expect(try dataset.lineage() == [])
        try folder.write("_lineage.csv", "table,key,kind,id\nloan,12,scenario,S1\nloan,\"a,b\",negative,R2\n")
        #expect(
            try dataset.lineage() == [
                LineageEntry(table: "loan", key: "12", kind: .scenario, id: "S1"),
                LineageEntry(table: "loan", key: "a,b", kind: .negative, id: "R2"),
            ])
        try folder.write("_lineage.csv", "table,key,kind,id\nloan,12,made,S1\n")
        let error = #expect(throws: StoreError.self) { try dataset.lineage() }
        #expect(
            error?.message
                == "\(folder.url.path)/_lineage.csv:2:9: the lineage kind 'made' is unknown; write scenario or negative"
        )
    }
}
