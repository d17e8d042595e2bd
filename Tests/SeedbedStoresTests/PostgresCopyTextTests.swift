import SeedbedEngine
import SeedbedSpec
import Testing

@testable import SeedbedStores

@Suite("COPY text forms, without a server")
struct PostgresCopyTextTests {
    func parse<T>(_ text: String, _ parser: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        Array(text.utf8).withUnsafeBufferPointer { parser($0) }
    }

    @Test func decimalsKeepTheirScaleAndRejectWhatDoesNotFit() {
        #expect(parse("12.5", { PostgresCopyReader.decimal($0, scale: 2) }) == 1250)
        #expect(parse("-0.05", { PostgresCopyReader.decimal($0, scale: 2) }) == -5)
        #expect(parse("1.2300", { PostgresCopyReader.decimal($0, scale: 2) }) == 123)
        #expect(parse("1.2345", { PostgresCopyReader.decimal($0, scale: 2) }) == nil)
        #expect(parse("-9223372036854775808", { PostgresCopyReader.decimal($0, scale: 0) }) == Int64.min)
        #expect(parse("9223372036854775808", { PostgresCopyReader.decimal($0, scale: 0) }) == nil)
        #expect(parse("92233720368547758.08", { PostgresCopyReader.decimal($0, scale: 3) }) == nil)
        for bad in ["", "-", ".", "1e5", "NaN", "1.2.3", "12a"] {
            #expect(parse(bad, { PostgresCopyReader.decimal($0, scale: 2) }) == nil, "\(bad)")
        }
    }

    @Test func timestampsTakeAnyOffsetAndEra() {
        #expect(parse("1970-01-01 00:00:00+00", PostgresCopyReader.timestamp) == 0)
        #expect(parse("1970-01-01 05:30:00+05:30", PostgresCopyReader.timestamp) == 0)
        #expect(parse("1969-12-31 16:00:00.5-08", PostgresCopyReader.timestamp) == 500_000)
        #expect(parse("1970-01-01T00:00:01Z", PostgresCopyReader.timestamp) == 1_000_000)
        #expect(parse("1970-01-02", PostgresCopyReader.timestamp) == 86_400_000_000)
        #expect(parse("0001-01-01 00:00:00+00 BC", PostgresCopyReader.timestamp) == -62_167_219_200_000_000)
        for bad in ["infinity", "2024-02-30 00:00:00", "2024-01-01 25:00:00", "2024-01-01 00:00:00.1234567", "x"] {
            #expect(parse(bad, PostgresCopyReader.timestamp) == nil, "\(bad)")
        }
    }

    @Test func datesRoundTripThroughTheWriter() {
        for days in [-1_000_000, -719_528, -1, 0, 19_782, 2_932_896] {
            var writer = PostgresCopyWriter(forms: [], capacity: 32)
            writer.appendDate(days: days, era: true)
            let text = String(decoding: writer.bytes, as: UTF8.self)
            #expect(parse(text, PostgresCopyReader.date) == days, "\(text)")
        }
    }

    @Test func escapesAreUndone() {
        let text = "a\\\\b\\tc\\nd\\re\\x41\\101\\N"
        #expect(
            parse(text, { String(decoding: PostgresCopyReader.unescaped($0), as: UTF8.self) }) == "a\\b\tc\nd\reAAN")
        var writer = PostgresCopyWriter(forms: [], capacity: 32)
        writer.appendEscaped("\\N\t")
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "\\\\N\\t")
    }

    @Test func checkDefinitionsLoseTheirWrapping() {
        #expect(PostgresDatabase.checkExpression("CHECK ((a > 0))") == "a > 0")
        #expect(PostgresDatabase.checkExpression("CHECK ((a > 0) AND (b < 1)) NOT VALID") == "(a > 0) AND (b < 1)")
        #expect(PostgresDatabase.checkExpression("CHECK ((name <> ')('::text))") == "name <> ')('::text")
    }

    @Test func copyContextLinesAreFound() {
        #expect(PostgresCopyLoader.line(in: "COPY t, line 42, column amount: \"x\"") == 42)
        #expect(PostgresCopyLoader.line(in: "SQL statement") == nil)
        #expect(PostgresCopyLoader.column(in: "COPY t, line 42, column amount: \"x\"") == "amount")
    }
}
