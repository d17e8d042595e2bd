import Testing

@testable import SeedbedCommands

/// The baseline's number and date fast paths give what the general parses give, to the bit,
/// and leave every other spelling to them.
@Suite("Reading baseline numbers")
struct ScoreRealNumberTests {
    @Test("plain decimals parse as Double(text) does, bit for bit")
    func plainDecimals() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var spellings = [
            "0", "-0", "-0.00", "42", "007", "123.45", "-9876.5", "0.1", "999999999999999",
        ]
        for _ in 0..<20_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let whole = Int(state >> 40 % 10_000_000)
            let cents = Int(state >> 8 % 100)
            spellings.append("\(state & 1 == 0 ? "-" : "")\(whole).\(cents < 10 ? "0" : "")\(cents)")
        }
        for text in spellings {
            let fast = ScoreRealColumn.plainDecimal(text)
            #expect(fast?.bitPattern == Double(text)?.bitPattern, "\(text)")
        }
    }

    @Test("other spellings are left to the general parse")
    func otherSpellings() {
        for text in [
            "", "-", "5.", ".5", "+5", "1e3", " 7", "1.2.3", "1234567890123456", "1.000000000000001", "nan", "0x10",
        ] {
            #expect(ScoreRealColumn.plainDecimal(text) == nil, "\(text)")
        }
        #expect(ScoreRealColumn.number(" 7 ") == 7)
        #expect(ScoreRealColumn.number("1e3") == 1000)
    }

    @Test("dates: the byte path and the general one agree")
    func dates() {
        #expect(ScoreRealColumn.date("1970-01-02") == 1)
        #expect(ScoreRealColumn.date("2024-02-29") == 19_782)
        #expect(ScoreRealColumn.date("2023-02-29") == nil)
        #expect(ScoreRealColumn.date("2024-1-05") == ScoreRealColumn.date("2024-01-05"))
        #expect(ScoreRealColumn.date("2024/01/05") == nil)
    }
}
