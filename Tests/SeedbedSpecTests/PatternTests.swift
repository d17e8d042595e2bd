import SeedbedSpec
import Testing

@Suite("Pattern subset")
struct PatternTests {
    @Test(arguments: [
        ("[0-9]{4}", "0042", true), ("[0-9]{4}", "042", false), ("[0-9]{0,8}", "123456789", false),
        ("[0-9]*", "123456789012", true), ("a+b", "aaaaaaaaaaaaaaab", true), ("(ab|cd)[0-9]", "cd7", true),
        ("(ab|cd)[0-9]", "ac7", false), ("[^a-c]x", "dx", true), ("[^a-c]x", "bx", false), ("\\d\\.\\d", "1.5", true),
        ("^[A-Z]{2}$", "AB", true), ("colou?r", "color", true), ("(?:x|y){2,3}", "xyx", true),
        ("(?:x|y){2,3}", "x", false),
    ])
    func matching(pattern: String, text: String, expected: Bool) {
        #expect(PatternMatcher.matches(text, pattern: pattern) == expected)
    }

    @Test func quantifiedGroupsParseButDoubleQuantifiersDoNot() throws {
        #expect(PatternMatcher.matches("aaab", pattern: "(a*)*b"))
        #expect(PatternMatcher.matches("aa", pattern: "(a?){3}"))
        #expect(throws: PatternSyntaxError.self) { try PatternSyntax.parse("a**") }
    }

    @Test func pathologicalPatternsFinish() {
        #expect(!PatternMatcher.matches(String(repeating: "a", count: 2_000), pattern: "(a*)*b"))
    }

    @Test(arguments: [
        ("[0-9", "'[' is never closed with ']' at character 1"), ("a{2,1}", "the count {2,1} is empty at character 2"),
        ("*a", "'*' has nothing to repeat at character 1"),
        ("(?=a)", "lookarounds and other '(?' groups are not supported at character 2"),
        ("a\\1", "the escape '\\1' is not supported at character 3"),
        ("a{5000}", "counts above 1000 are not supported at character 2"),
        ("(ab", "expected ')' to close the group at character 4"), ("ab)", "unmatched ')' at character 3"),
    ])
    func errorsSayWhatAndWhere(pattern: String, message: String) {
        #expect(throws: PatternSyntaxError.self) { try PatternSyntax.parse(pattern) }
        do {
            _ = try PatternSyntax.parse(pattern)
        } catch {
            #expect(error.description == message)
        }
    }

    @Test func openQuantifiersAreMarked() throws {
        #expect(try PatternSyntax.parse("a*") == .repetition(.literal("a"), min: 0, max: 8, open: true))
        #expect(try PatternSyntax.parse("a{2,}") == .repetition(.literal("a"), min: 2, max: 10, open: true))
        #expect(try PatternSyntax.parse("a{2,4}") == .repetition(.literal("a"), min: 2, max: 4, open: false))
    }
}
