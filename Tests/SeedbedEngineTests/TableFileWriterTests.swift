import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedEngine

@Suite("CSV and JSONL output")
struct TableFileWriterTests {
    /// Four rows covering quoting, nulls, the empty string, scales, dates and timestamps.
    static func batch() -> RowBatch {
        var id = ColumnBuffer(name: "id", type: .int, capacity: 4)
        var amount = ColumnBuffer(name: "amount", type: .decimal(scale: 2), capacity: 4)
        var note = ColumnBuffer(name: "note", type: .text, capacity: 4)
        var day = ColumnBuffer(name: "day", type: .date, capacity: 4)
        var at = ColumnBuffer(name: "at", type: .timestamp, capacity: 4)
        var flag = ColumnBuffer(name: "flag", type: .bool, capacity: 4)
        id.values = .int([1, -2, 30_000_000_000, 4])
        amount.values = .decimal([12_345, -5, 0, 100], scale: 2)
        note.values = .text(["plain", "a, \"quoted\"\nline", "", "ignored"])
        note.nulls = [false, false, false, true]
        day.values = .date([0, 20_454, -1, 0])
        day.nulls = [false, false, false, true]
        at.values = .timestamp([0, 1_767_261_600_123_456, 86_399_000_000, 0])
        flag.values = .bool([true, false, true, false])
        return RowBatch(table: "t", columns: [id, amount, note, day, at, flag], count: 4)
    }

    func written(_ format: TextFormat) throws -> String {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("t.\(format.fileExtension)").path
        let batch = Self.batch()
        let writer = try TableFileWriter(path: path, columns: batch.columns.map(\.name), format: format)
        try writer.write(batch)
        #expect(!FileManager.default.fileExists(atPath: path), "only the .partial file exists before finish")
        try writer.finish()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    @Test func csvFollowsRFC4180() throws {
        #expect(
            try written(.csv) == """
                id,amount,note,day,at,flag
                1,123.45,plain,1970-01-01,1970-01-01T00:00:00Z,true
                -2,-0.05,"a, ""quoted""
                line",2026-01-01,2026-01-01T10:00:00.123456Z,false
                30000000000,0.00,"",1969-12-31,1970-01-01T23:59:59Z,true
                4,1.00,,,1970-01-01T00:00:00Z,false

                """)
    }

    @Test func jsonlEscapesAndQuotesDates() throws {
        let lines = try written(.jsonl).split(separator: "\n")
        #expect(
            lines[1]
                == #"{"id":-2,"amount":-0.05,"note":"a, \"quoted\"\nline","day":"2026-01-01","at":"2026-01-01T10:00:00.123456Z","flag":false}"#
        )
        #expect(lines[3] == #"{"id":4,"amount":1.00,"note":null,"day":null,"at":"1970-01-01T00:00:00Z","flag":false}"#)
        for line in lines {
            #expect(try JSONSerialization.jsonObject(with: Data(line.utf8)) is [String: Any])
        }
    }

    @Test(arguments: [
        (1e-05, "0.00001"), (1.5e20, "150000000000000000000"), (2.0, "2"), (-0.25, "-0.25"), (1.0e-7, "0.0000001"),
    ])
    func doublesNeverUseExponents(value: Double, text: String) {
        #expect(FieldEncoder.plainDouble(value) == text)
    }

    @Test func uuidsPrintCanonically() {
        var random = RowRandom(key: 1, row: 1)
        let uuid = UUIDValue(random: &random).description
        #expect(uuid.count == 36)
        #expect(uuid.split(separator: "-").map(\.count) == [8, 4, 4, 4, 12])
        #expect(Array(uuid)[14] == "4")
        #expect("89ab".contains(Array(uuid)[19]))
    }
}
