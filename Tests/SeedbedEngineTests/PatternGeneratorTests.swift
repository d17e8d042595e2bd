import Foundation
import SeedbedEngine
import SeedbedSpec
import Testing

@Suite("Pattern generator and matcher")
struct PatternGeneratorTests {
    static func generator(_ pattern: String) throws -> PatternGenerator {
        try PatternGenerator(try PatternSyntax.parse(pattern))
    }

    /// NSRegularExpression as an independent oracle, anchored to the whole string.
    static func oracle(_ pattern: String) throws -> NSRegularExpression {
        var body = Substring(pattern)
        if body.hasPrefix("^") { body = body.dropFirst() }
        if body.hasSuffix("$"), !body.hasSuffix("\\$") { body = body.dropLast() }
        return try NSRegularExpression(pattern: "^(?:\(body))$")
    }

    static func oracleMatches(_ regex: NSRegularExpression, _ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static let patterns = [
        "[A-Z]{2}[0-9]{4}", "[0-9]{4}", "(ab|cd)[0-9]", "[a-z]+@[a-z]{2,5}\\.(com|org)", "\\d{3}-\\d{4}",
        "[^0-9]{3}", ".{2,4}", "(foo|bar)?x", "\\w+\\s\\w+", "[A-Z][a-z]*", "\\.\\*\\[x\\]", "^ab?c$",
        "(?:[a-f0-9]{2}:){5}[a-f0-9]{2}", "[^a-z ]+", "((a|b)c){1,3}",
    ]

    @Test("random strings match their pattern, by the matcher and by NSRegularExpression", arguments: patterns)
    func randomStringsMatch(_ pattern: String) throws {
        let generator = try Self.generator(pattern)
        let regex = try Self.oracle(pattern)
        var lengths = Set<Int>()
        for row in 0..<500 as Range<UInt64> {
            var random = RowRandom(key: 21, row: row)
            let text = generator.string(&random)
            lengths.insert(text.unicodeScalars.count)
            #expect(generator.matches(text), "\(text)")
            #expect(Self.oracleMatches(regex, text), "\(text)")
            // Printable ASCII, or a tab where the pattern names one (`\s`).
            #expect(text.unicodeScalars.allSatisfy { ($0.value >= 0x20 && $0.value <= 0x7E) || $0 == "\t" })
        }
        if pattern == ".{2,4}" { #expect(lengths == [2, 3, 4]) }
    }

    @Test func repetitionCountsAndBranchesAreEquallyLikely() throws {
        let generator = try Self.generator("(a|bb|ccc)[0-9]{1,3}")
        var prefixes: [Character: Int] = [:]
        var digitCounts: [Int: Int] = [:]
        for row in 0..<30_000 as Range<UInt64> {
            var random = RowRandom(key: 5, row: row)
            let text = generator.string(&random)
            prefixes[text.first ?? " ", default: 0] += 1
            digitCounts[text.filter(\.isNumber).count, default: 0] += 1
        }
        for count in prefixes.values { #expect(abs(Double(count) / 30_000 - 1.0 / 3) < 0.01) }
        for count in digitCounts.values { #expect(abs(Double(count) / 30_000 - 1.0 / 3) < 0.01) }
    }

    @Test(
        "counts and the enumeration are exact and injective",
        arguments: [("[A-Z]{2}[0-9]{4}", 6_760_000), ("[0-9]{4}", 10_000), ("(ab|cd)[0-9]", 20)] as [(String, UInt64)])
    func enumerationIsInjective(_ pattern: String, expected: UInt64) throws {
        let generator = try Self.generator(pattern)
        let regex = try Self.oracle(pattern)
        #expect(generator.count == expected)
        var seen = Set<String>()
        for index in 0..<min(expected, 100_000) {
            let text = try #require(generator.string(at: index))
            #expect(seen.insert(text).inserted, "\(text) appears twice")
            if index % 97 == 0 || expected <= 10_000 {
                #expect(generator.matches(text))
                #expect(Self.oracleMatches(regex, text))
            }
        }
        #expect(generator.string(at: expected) == nil)
        if expected <= 100_000 {
            // Injective onto a set of `count` strings: every string of the pattern was produced.
            #expect(seen.count == Int(expected))
        }
    }

    @Test func unambiguousPatternsAreCounted() throws {
        #expect(try Self.generator("[A-Z]{1,3}[0-9]{2}").count == (26 + 676 + 17_576) * 100)
        #expect(try Self.generator("[0-9]{1,3}").count == 1110)
        #expect(try Self.generator("(foo|bar)?x").count == 3)
        #expect(try Self.generator("a{2,5}").count == 4)
        #expect(try Self.generator("(ab|c)").count == 2)
        #expect(try Self.generator("()*").count == 1)
        #expect(try Self.generator("[^ -~]?").count == 1)
    }

    @Test func ambiguousOrHugePatternsAreNotCounted() throws {
        #expect(try Self.generator("(a|ab)(c|bc)").count == nil)  // "abc" twice
        #expect(try Self.generator("a|a").count == nil)
        #expect(try Self.generator("a*a").count == nil)
        #expect(try Self.generator("(a|ab)*").count == nil)
        #expect(try Self.generator("(a|ab)*").string(at: 0) == nil)
        let huge = try Self.generator("[a-z]{20}")
        #expect(huge.count == nil)
        // Still unambiguous: the enumeration goes on over every UInt64 index.
        let strings = [0, 1, UInt64.max - 1, UInt64.max].compactMap { huge.string(at: $0) }
        #expect(Set(strings).count == 4)
        #expect(strings.allSatisfy { huge.matches($0) })
    }

    @Test func patternsThatProduceNothingAreRejected() throws {
        #expect(throws: PatternGeneratorError.self) { try Self.generator("[^ -~]") }
        #expect(throws: PatternGeneratorError.self) { try Self.generator("x[^ -~]{2}") }
        // A branch that produces nothing is dropped, not chosen.
        let generator = try Self.generator("[^ -~]|ok")
        var random = RowRandom(key: 1, row: 1)
        #expect(generator.string(&random) == "ok")
    }

    // MARK: - Matcher

    /// `(a*)*` and `(a?){3}` written as nodes: the spec parser treats a group as transparent and
    /// so rejects a quantifier on a quantified group, but the matcher must still handle one.
    static func repeated(_ node: PatternNode, _ min: Int, _ max: Int) -> PatternNode {
        .repetition(node, min: min, max: max, open: false)
    }

    static let starOfStarThenB = PatternNode.sequence([repeated(repeated(.literal("a"), 0, 8), 0, 8), .literal("b")])
    static let threeOptionalsThenB = PatternNode.sequence([
        repeated(repeated(.literal("a"), 0, 1), 3, 3), .literal("b"),
    ])

    @Test func matcherOnTrickyInputs() throws {
        let cases: [(String, String, Bool)] = [
            ("a{2,3}", "a", false), ("a{2,3}", "aa", true), ("a{2,3}", "aaaa", false),
            ("(a|ab)(c|bcd)(d*)", "abcd", true), ("(a|ab)(c|bcd)(d*)", "abcdd", true), ("(a|ab)(c|bcd)", "abd", false),
            ("[^abc]", "\n", true), (".", "\n", false), (".", "é", true), ("", "", true), ("x?", "", true),
            ("x?", "xx", false), ("\\d+\\.\\d{2}", "12.50", true), ("\\d+\\.\\d{2}", "12x50", false),
            ("\\S+", "no space", false), ("[a-z]{100}", String(repeating: "q", count: 100), true),
            ("[a-z]{100}", String(repeating: "q", count: 99), false), ("(ab|a)(bc|c)", "abc", true),
            ("^\\$[0-9]+$", "$12", true), ("((ab)|c){2}", "cab", true), ("((ab)|c){2}", "abab", true),
        ]
        for (pattern, text, expected) in cases {
            let matcher = PatternMatcher(try PatternSyntax.parse(pattern))
            #expect(matcher.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            if !text.contains("é") {
                #expect(Self.oracleMatches(try Self.oracle(pattern), text) == expected, "oracle: \(pattern)")
            }
        }
        let nested: [(PatternNode, String, String, Bool)] = [
            (Self.threeOptionalsThenB, "(a?){3}b", "b", true), (Self.threeOptionalsThenB, "(a?){3}b", "aaab", true),
            (Self.threeOptionalsThenB, "(a?){3}b", "aaaab", false), (Self.starOfStarThenB, "(a*)*b", "aaab", true),
            (Self.starOfStarThenB, "(a*)*b", "", false),
        ]
        for (node, pattern, text, expected) in nested {
            #expect(PatternMatcher(node).matches(text) == expected, "\(pattern) on \(text.debugDescription)")
            #expect(Self.oracleMatches(try Self.oracle(pattern), text) == expected, "oracle: \(pattern)")
        }
    }

    @Test func pathologicalPatternsFinishQuickly() throws {
        let nested = PatternMatcher(Self.starOfStarThenB)
        #expect(!nested.matches(String(repeating: "a", count: 10_000)))
        #expect(!nested.matches(String(repeating: "a", count: 40)))
        let counted = PatternMatcher(
            .sequence([
                Self.repeated(Self.repeated(Self.repeated(.literal("a"), 0, 1), 100, 100), 100, 100), .literal("b"),
            ]))
        #expect(!counted.matches(String(repeating: "a", count: 500)))
        #expect(counted.matches(String(repeating: "a", count: 500) + "b"))
        let alternatives = PatternMatcher(try PatternSyntax.parse("(a|aa|aaa){1,1000}c"))
        #expect(alternatives.matches(String(repeating: "a", count: 2000) + "c"))
        #expect(!alternatives.matches(String(repeating: "a", count: 2000)))
    }
}
