import Foundation
import Testing

@testable import SeedbedSpec

/// Input no one writes on purpose: broken encodings, megabyte lines, absurd nesting. Each
/// must give its one expected diagnostic at its place, never a crash or a stack overflow,
/// and never a flood of output.
@Suite("Hostile input")
struct HostileInputTests {
    /// Five lines declaring table `t`; a rule appended to it starts on line 6.
    static let header = "dataset d\ntable t {\n  rows 5\n  id int key\n}\n"
    static let rulePrefix = "rule R require "

    static func check(_ text: String) -> CheckResult {
        Checker().check(source: text, file: "hostile.seed")
    }

    static func check(bytes: [UInt8]) -> CheckResult {
        Checker().check(SourceFile(name: "hostile.seed", bytes: bytes))
    }

    /// A rule on line 6 whose condition is `condition`.
    static func checkRule(_ condition: String) -> CheckResult {
        check(header + rulePrefix + condition + "\n")
    }

    /// The column of the `n`th (1-based) occurrence of `needle` in a rule's line.
    static func column(ofOccurrence n: Int, of needle: String, in condition: String) -> Int {
        var index = condition.startIndex
        for _ in 1..<n {
            guard let found = condition.range(of: needle, range: index..<condition.endIndex) else { return 0 }
            index = found.upperBound
        }
        guard let found = condition.range(of: needle, range: index..<condition.endIndex) else { return 0 }
        return rulePrefix.count + condition.distance(from: condition.startIndex, to: found.lowerBound) + 1
    }

    // MARK: - Encodings

    @Test func invalidByteInTheMiddleIsReportedAtItsPlace() {
        var bytes = Array("dataset d\ntable t {\n  rows 5\n  id int key ".utf8)
        bytes.append(0xFF)
        bytes += Array("\n}\n".utf8)
        let result = Self.check(bytes: bytes)
        #expect(result.summaries == ["4:14: error: the file is not valid UTF-8 (byte 0xFF)"])
    }

    @Test func truncatedSequenceAtTheEndIsReportedAtItsFirstByte() {
        // "café" with the second byte of 'é' (0xC3 0xA9) cut off.
        let bytes = Array("dataset d\n# café".utf8).dropLast()
        let result = Self.check(bytes: Array(bytes))
        #expect(result.summaries == ["2:6: error: the file is not valid UTF-8 (byte 0xC3)"])
    }

    @Test func nulBytesAreOneUnexpectedCharacterAndAreNotPrinted() {
        let result = Self.check("dataset d\0\0\n" + Self.header.dropFirst("dataset d\n".count))
        #expect(result.summaries == ["1:10: error: unexpected character U+0000"])
        #expect(!result.rendered.contains("\0"))
    }

    @Test func byteOrderMarkIsSkippedSilently() {
        let result = Self.check("\u{FEFF}" + ValidSpec.text)
        #expect(result.summaries.isEmpty)
    }

    @Test func byteOrderMarkDoesNotCountAsAColumn() {
        let result = Self.check("\u{FEFF}dataset d version 1\n")
        #expect(result.summaries == [#"1:19: error: expected a version string such as "1.0.0", found '1'"#])
        #expect(result.rendered.contains(" 1 | dataset d version 1\n"))
    }

    @Test func crlfLineEndingsCheckClean() {
        let result = Self.check(ValidSpec.text.replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(result.summaries.isEmpty)
    }

    @Test func crlfLineEndingsKeepColumnsRight() {
        let text = (Self.header + Self.rulePrefix + "t.idd > 1\n").replacingOccurrences(of: "\n", with: "\r\n")
        let result = Self.check(text)
        #expect(result.summaries == ["6:18: error: table 't' has no column 'idd'"])
        #expect(!result.rendered.contains("\r"))
    }

    // MARK: - Megabyte lines

    static let megabyte = 1 << 20

    @Test func megabyteStringLiteralIsQuotedShortly() {
        let result = Self.checkRule("t.id = \"" + String(repeating: "a", count: Self.megabyte) + "\"")
        let shown = "\"" + String(repeating: "a", count: 39) + "…"
        #expect(result.summaries == ["6:16: error: cannot compare t.id (int) with \(shown) (text)"])
        #expect(result.rendered.count < 2_000)
    }

    @Test func megabyteIdentifierIsRefused() {
        let result = Self.checkRule("t." + String(repeating: "a", count: Self.megabyte) + " > 0")
        #expect(
            result.summaries == [
                "6:18: error: this name is \(Self.megabyte) characters long, more than the limit of 128"
            ])
        #expect(result.rendered.count < 2_000)
    }

    @Test func megabyteSumIsTooDeepAndRenderedAsAWindow() throws {
        let condition = "a" + String(repeating: " + a", count: Self.megabyte / 4) + " > 0"
        let result = Self.checkRule(condition)
        let column = Self.column(ofOccurrence: Parser.maximumDepth + 1, of: "+", in: condition)
        #expect(result.summaries == ["6:\(column): error: expression nested too deeply"])

        let rendered = result.rendered
        #expect(rendered.count < 2_000)
        // The window around the caret must still put the caret under a '+'.
        let lines = rendered.split(separator: "\n").map { Array(String($0).unicodeScalars) }
        let caretLine = try #require(lines.first { $0.contains("^") })
        let sourceLine = try #require(lines.first { $0.starts(with: " 6 | ".unicodeScalars) })
        let caret = try #require(caretLine.firstIndex(of: "^"))
        #expect(sourceLine[caret] == "+")
    }

    @Test func megabyteRunInAMessageIsCapped() {
        let path = String(repeating: "a.", count: Self.megabyte / 2) + "a"
        let result = Self.check("dataset d\ntable t {\n  rows 5\n  n text fake \(path)\n}\n")
        #expect(result.diagnostics.count == 1)
        #expect(result.diagnostics.first?.message.count == DiagnosticMessage.maximumLength)
        #expect(result.rendered.count < 2_000)
    }

    // MARK: - Nesting

    @Test func tenThousandNestedParenthesesStopAtTheLimit() {
        let condition = String(repeating: "(", count: 10_000) + "t.id > 1" + String(repeating: ")", count: 10_000)
        let result = Self.checkRule(condition)
        let column = Self.rulePrefix.count + Parser.maximumDepth + 1
        #expect(result.summaries == ["6:\(column): error: expression nested too deeply"])
    }

    @Test func tenThousandNestedNotsStopAtTheLimit() {
        let condition = String(repeating: "not ", count: 10_000) + "t.id > 1"
        let result = Self.checkRule(condition)
        let column = Self.column(ofOccurrence: Parser.maximumDepth + 1, of: "not", in: condition)
        #expect(result.summaries == ["6:\(column): error: expression nested too deeply"])
    }

    @Test func hundredThousandTermOrChainStopsAtTheLimit() {
        let condition = "t.id = 0" + String(repeating: " or t.id = 1", count: 99_999)
        let result = Self.checkRule(condition)
        let column = Self.column(ofOccurrence: Parser.maximumDepth + 1, of: " or", in: condition) + 1
        #expect(result.summaries == ["6:\(column): error: expression nested too deeply"])
    }

    @Test func tenThousandUnclosedBracesGiveTwoErrors() {
        let result = Self.check(
            "dataset d\ntable t {\n  rows 5\n  id int key\n  " + String(repeating: "{", count: 10_000) + "\n")
        #expect(
            result.summaries == [
                "5:3: error: expected a column name, 'rows', 'correlate' or '}', found '{'",
                "5:10003: error: expected '}' to close table 't', found the end of the file",
            ])
    }

    // MARK: - Empty and huge files

    @Test(arguments: ["", "# a comment\n# and another\n", "  \n\t\n   \r\n"])
    func fileWithoutItemsIsEmpty(_ text: String) {
        #expect(Self.check(text).summaries == ["1:1: error: the spec is empty"])
    }

    @Test func fiftyThousandLinesOfJunkAreCapped() {
        let result = Self.check(String(repeating: "$ junk ~\n", count: 50_000))
        #expect(result.diagnostics.count == CheckResult.maximumDiagnostics + 1)
        #expect(result.summaries.first == "1:1: error: unexpected character '$'")
        #expect(result.summaries.last == "100:1: error: too many errors; stopped reporting this file")
    }

    @Test func fileLargerThanTheLimitIsRefusedWhole() {
        let size = ParsedSpec.maximumBytes + 1
        let text = "dataset d\n" + String(repeating: "#", count: size - "dataset d\n".utf8.count)
        let result = Self.check(text)
        #expect(
            result.summaries == [
                "1:1: error: the spec is \(size) bytes, more than the limit of \(ParsedSpec.maximumBytes)"
            ])
    }
}

/// A valid spec exercising most of the language (the example of SPEC-LANGUAGE.md).
enum ValidSpec {
    static let text = """
        # rules/lending.seed: a retail lending book
        dataset lending
          version "1.4.0"
          as of 2026-01-01
          seed 42

        table customer {
          rows 10_000
          id          int         key
          name        text        fake person.name                 pii
          email       text        fake internet.email  unique      pii
          birth_date  date        uniform(1940-01-01, 2007-12-31)  quasi-identifier
          age         int         = years_between(birth_date, as_of())
          sex         text        one of { "F": 0.51, "M": 0.49 }  quasi-identifier
          income      decimal(2)  lognormal(median: 65000, sigma: 0.6)  min 0
          segment     text        one of { retail: 90%, premium: 10% }
        }

        table loan {
          rows per customer poisson(1.3)
          id           int         key
          customer_id  int         references customer.id
          product      text        one of { home: 0.55, car: 0.25, personal: 0.18, student: 0.02 }
          amount       decimal(2)  lognormal(median: 28000, sigma: 0.9)  min 1000
          ltv          decimal(3)  uniform(0.05, 1.10)
          status       text        one of { approved: 0.7, declined: 0.2, review: 0.1 }  sensitive
          disbursed    date        uniform(2020-01-01, 2025-12-31)  nullable 10%
          correlate amount, ltv 0.4
        }

        rule ELIG-001 eligibility "Borrowers are adults"
          require customer.age >= 18

        rule IMP-004 impossible "A declined loan is never disbursed"
          forbid loan.status = "declined" and loan.disbursed is not null

        scenario EDGE-LTV "Home loans right at the LTV limit"
          share 0.5% of loan
          where loan.product = "home" and loan.ltv between 0.94 and 0.95

        """
}
