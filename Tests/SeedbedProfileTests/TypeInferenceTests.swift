import SeedbedProfile
import Testing

@Suite("Type inference")
struct TypeInferenceTests {
    static let cases: [(values: [String], type: String)] = [
        (["1", "-2", "+30"], "int"),
        (["1", "2.5", "3.25"], "decimal(2)"),
        (["0.0", "129.0"], "decimal(1)"),
        (["0.2210000038146972", "0.5"], "float"),
        (["1e5", "2"], "float"),
        (["99999999999999999999"], "float"),
        (["2024-02-29", "1999-12-31"], "date"),
        (["2024-01-01", "2024-01-01T09:30:00Z"], "timestamp"),
        (["2024-01-01 09:30", "2024-01-01T09:30:00.25+02:00"], "timestamp"),
        (["true", "FALSE", "True"], "bool"),
        (["yes", "no"], "text"),
        (["1", "2024-01-01"], "text"),
        (["2024-02-30"], "text"),
        (["12", "1,5"], "text"),
        (["inf", "nan"], "text"),
        ([" 42 ", "7"], "int"),
    ]

    @Test("each column's type", arguments: cases.indices)
    func inferredType(_ index: Int) throws {
        let (values, type) = Self.cases[index]
        let csv = "x\n" + values.map { "\"\($0)\"" }.joined(separator: "\n") + "\n"
        #expect(try profile(csv).tables[0].columns[0].type == type)
    }

    @Test func nullSpellingsAreNullsAndOtherWordsAreValues() throws {
        let csv = "x\n1\n\nNULL\nNA\nN/A\nn/a\nNaN\nnan\n#N/A\nNone\nnull\n2\n"
        let column = try #require(try profile(csv).tables[0].columns.first)
        #expect(column.type == "int")
        // The blank line is skipped, not a null (docs/profile.md): 11 rows, 9 of them null.
        #expect(column.nulls == 9)
        #expect(column.nullRate == 9.0 / 11.0)
        let words = try #require(try profile("x\nnone\nNa\nnone\n").tables[0].columns.first)
        #expect(words.type == "text")
        #expect(words.nulls == 0)
    }

    @Test func anAllNullColumnIsTextWithNoValues() throws {
        let column = try #require(try profile("x,y\n,1\n,2\n").tables[0].columns.first)
        #expect(column.type == "text")
        #expect(column.nullRate == 1)
        #expect(column.numeric == nil && column.categories == nil && column.shape == nil)
    }
}
