import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

@Suite("Strict CSV reader (test support)")
struct CSVReaderTests {
    @Test func nullIsAnEmptyUnquotedFieldAndTheEmptyStringIsQuoted() throws {
        #expect(try CSVReader.records(in: "a,,\"\",b\n") == [["a", nil, "", "b"]])
        #expect(try CSVReader.records(in: ",\n") == [[nil, nil]])
        #expect(try CSVReader.records(in: "\"\"") == [[""]])
    }

    @Test func quotedFieldsHoldQuotesCommasAndLineBreaks() throws {
        let text = "\"say \"\"hi\"\"\",\"a,b\",\"two\nlines\",\"crlf\r\ninside\",\"\"\"\"\n"
        #expect(try CSVReader.records(in: text) == [["say \"hi\"", "a,b", "two\nlines", "crlf\r\ninside", "\""]])
    }

    @Test func recordsEndWithLFOrCRLFAndTheLastLineBreakIsOptional() throws {
        let expected: [[String?]] = [["a", "b"], ["c", "d"]]
        #expect(try CSVReader.records(in: "a,b\nc,d\n") == expected)
        #expect(try CSVReader.records(in: "a,b\r\nc,d\r\n") == expected)
        #expect(try CSVReader.records(in: "a,b\nc,d") == expected)
        #expect(try CSVReader.records(in: "a,b\r\nc,d") == expected)
    }

    @Test func emptyLinesAreRecordsOfOneNullButTheFinalLineBreakIsNot() throws {
        #expect(try CSVReader.records(in: "") == [])
        #expect(try CSVReader.records(in: "\n") == [[nil]])
        #expect(try CSVReader.records(in: "x\n\n") == [["x"], [nil]])
        #expect(try CSVReader.records(in: "x\n\ny\n") == [["x"], [nil], ["y"]])
        #expect(try CSVReader.records(in: "a,") == [["a", nil]])
    }

    @Test func fieldsKeepSpacesAndUnicode() throws {
        #expect(try CSVReader.records(in: " a , b \n") == [[" a ", " b "]])
        #expect(try CSVReader.records(in: "Zoë,\"Ünïcødé, ✓\"\n") == [["Zoë", "Ünïcødé, ✓"]])
    }

    /// Malformed input and where the reader says it breaks (line, byte column).
    static let malformed: [(text: String, line: Int, column: Int)] = [
        ("ab\"c\n", 1, 3),  // a quote inside an unquoted field
        ("x\n\"a\"b,c\n", 2, 4),  // text after the closing quote
        ("x\n\"a\" ,c\n", 2, 4),  // even a space
        ("a,\"open\nnever closed\n", 1, 3),  // unterminated: reported where it opens
        ("a\rb\n", 1, 2),  // a bare carriage return
        ("a,b\r", 1, 4),  // a carriage return at the end, without its line feed
        ("\"x\ny\"z\n", 2, 3),  // lines are counted inside quoted fields
    ]

    @Test(arguments: malformed)
    func malformedInputIsRejectedAtItsPlace(_ example: (text: String, line: Int, column: Int)) {
        #expect {
            try CSVReader.records(in: example.text)
        } throws: { error in
            guard let error = error as? CSVError else { return false }
            return error.line == example.line && error.column == example.column
        }
    }

    @Test func invalidUTF8IsRejected() {
        #expect(throws: CSVError.self) { try CSVReader.records(in: [0x61, 0x2C, 0xFF, 0xFE, 0x0A]) }
        #expect(throws: CSVError.self) { try CSVReader.records(in: [0x22, 0xC3, 0x22, 0x0A]) }
    }

    @Test func tablesNeedAHeaderAndRecordsOfItsWidth() throws {
        let table = try CSVTable(text: "id,note\n1,\"a\nb\"\n2,\n")
        #expect(table.header == ["id", "note"])
        #expect(table.rows == [["1", "a\nb"], ["2", nil]])
        #expect(throws: CSVError.self) { try CSVTable(text: "") }
        #expect(throws: CSVError.self) { try CSVTable(text: "id,\n1,2\n") }
        // The short record starts on line 4: the quoted field before it spans two lines.
        #expect(throws: CSVError("the record has 1 fields, but the header names 2", line: 4, column: 1)) {
            try CSVTable(text: "id,note\n1,\"a\nb\"\n3\n")
        }
    }

    /// What the engine's writer makes, read back field by field: quoting, nulls, the empty string.
    @Test func theEngineWriterReadsBackExactly() throws {
        let texts = ["plain", "", "\"", "a,b", "line\nbreak", "cr\rlf\r\n", " spaced ", "é✓", "\"\"", ",", "x"]
        var note = ColumnBuffer(name: "note", type: .text, capacity: texts.count)
        note.values = .text(ContiguousArray(texts))
        note.nulls = ContiguousArray(texts.map { $0 == "x" })
        var id = ColumnBuffer(name: "id", type: .int, capacity: texts.count)
        id.values = .int(ContiguousArray((0..<Int64(texts.count)).map { $0 }))
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("t.csv").path
        let writer = try TableFileWriter(path: path, columns: ["note", "id"], format: .csv)
        try writer.write(RowBatch(table: "t", columns: [note, id], count: texts.count))
        try writer.finish()
        let table = try CSVTable(contentsOfFile: path)
        #expect(table.header == ["note", "id"])
        #expect(table.rows.map { $0[0] } == texts.map { $0 == "x" ? nil : $0 })
        #expect(table.rows.map { $0[1] } == texts.indices.map { String($0) })
    }

    // MARK: - Typed values

    @Test func valuesAreReadInExactlyTheirWrittenForm() {
        #expect(SQLValueParser.value(nil, as: .int) == .null)
        #expect(SQLValueParser.value(nil, as: .text) == .null)
        #expect(SQLValueParser.value("", as: .text) == .text(""))
        #expect(SQLValueParser.value("-42", as: .int) == .number(-42))
        #expect(SQLValueParser.value("0.950", as: .decimal(scale: 3)) == .number(0.95))
        #expect(SQLValueParser.value("-0.05", as: .decimal(scale: 2)) == .number(-0.05))
        #expect(SQLValueParser.value("7", as: .decimal(scale: 0)) == .number(7))
        #expect(SQLValueParser.value("2.5", as: .float) == .number(2.5))
        #expect(SQLValueParser.value("true", as: .bool) == .bool(true))
        #expect(SQLValueParser.value("1970-01-02", as: .date) == .date(1))
        #expect(SQLValueParser.value("2024-02-29", as: .date) == .date(19_782))
        #expect(SQLValueParser.value("1970-01-01T00:00:01Z", as: .timestamp) == .timestamp(1_000_000))
        #expect(SQLValueParser.value("1970-01-01T00:00:00.000001Z", as: .timestamp) == .timestamp(1))
        #expect(SQLValueParser.value("1969-12-31T23:59:59.5Z", as: .timestamp) == .timestamp(-500_000))
        let uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
        #expect(SQLValueParser.value(uuid, as: .uuid) == .text(uuid))
    }

    static let misformatted: [(String, ValueType)] = [
        ("", .int), ("4.0", .int), ("+4", .int), ("1e3", .int), (" 4", .int),
        ("0.95", .decimal(scale: 3)), ("1", .decimal(scale: 2)), ("1.", .decimal(scale: 0)),
        (".50", .decimal(scale: 2)),
        ("1e3", .float), ("nan", .float), ("inf", .float), ("", .float),
        ("True", .bool), ("1", .bool), ("", .bool),
        ("2023-02-29", .date), ("2023-2-01", .date), ("20230201", .date), ("2023-02-01T00:00:00Z", .date),
        ("2023-02-01", .timestamp), ("2023-02-01T24:00:00Z", .timestamp), ("2023-02-01T10:00:00", .timestamp),
        ("2023-02-01T10:00:00.1234567Z", .timestamp), ("2023-02-01T10:00:00.Z", .timestamp),
        ("0F8FAD5B-D9CB-469F-A165-70867728950E", .uuid), ("0f8fad5bd9cb469fa16570867728950e", .uuid),
    ]

    @Test(arguments: misformatted)
    func misformattedValuesAreRejected(_ example: (String, ValueType)) {
        #expect(SQLValueParser.value(example.0, as: example.1) == nil)
    }
}
