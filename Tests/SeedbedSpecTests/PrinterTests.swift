import Foundation
import Testing

@testable import SeedbedSpec

@Suite("Spec printer")
struct PrinterTests {
    // MARK: - The language reference's example

    @Test("the language reference's example formats to the committed snapshot")
    func referenceExampleMatchesSnapshot() throws {
        let formatted = Self.format(try Self.fixture("lending.seed"))
        try Self.expectSnapshot(formatted, named: "lending.seed")
    }

    @Test("formatting the formatted example changes nothing")
    func formattingIsIdempotent() throws {
        let once = Self.format(try Self.fixture("lending.seed"))
        #expect(Self.format(once) == once)
    }

    @Test("the formatted example parses to the same tree as the original")
    func formattingKeepsTheTree() throws {
        let source = try Self.fixture("lending.seed")
        let original = ParsedSpec.parse(SourceFile(name: "lending.seed", text: source))
        let formatted = ParsedSpec.parse(SourceFile(name: "lending.seed", text: SpecPrinter.format(original)))
        #expect(formatted.syntax.withoutRanges() == original.syntax.withoutRanges())
    }

    // MARK: - Layout

    @Test("a tree built in code prints in the canonical layout")
    func printsABuiltTree() {
        let spec = SpecFile(
            dataset: DatasetDecl(name: Identifier("d"), seed: Located(7)),
            items: [
                .table(
                    TableDecl(
                        name: Identifier("t"), rows: Located(.fixed(250_000)),
                        columns: [
                            ColumnDecl(
                                name: Identifier("id"), type: TypeName(name: Identifier("int")),
                                modifiers: [Located(.key)]),
                            ColumnDecl(
                                name: Identifier("amount"),
                                type: TypeName(name: Identifier("decimal"), scale: Located(2)),
                                generator: Located(
                                    .distribution(
                                        .call(
                                            Identifier("uniform"),
                                            [
                                                Argument(value: .number(.integer(0))),
                                                Argument(value: .number(.decimal(1e-5))),
                                            ])))),
                        ])),
                .scenario(
                    ScenarioDecl(
                        id: Identifier("S-1"), quota: Located(.count(3)), table: Identifier("t"),
                        condition: Expr(
                            .isNull(Expr(.column(table: nil, column: Identifier("amount"))), negated: false)))),
            ])
        #expect(
            SpecPrinter.print(spec) == """
                dataset d
                  seed 7

                table t {
                  rows 250_000
                  id      int         key
                  amount  decimal(2)  uniform(0, 0.00001)
                }

                scenario S-1
                  count 3 of t
                  where amount is null

                """)
    }

    @Test("dataset clauses and table members print in the grammar's order, with their comments")
    func clausesAreReordered() {
        let source = """
            dataset d
              profile "p.json"  # the baseline
              seed 7
              version "1.0"
            table t {
              correlate a, b 0.5   # strong
              a int
              rows 100
              b int
            }
            """
        #expect(
            Self.format(source) == """
                dataset d
                  version "1.0"
                  seed 7
                  profile "p.json"  # the baseline

                table t {
                  rows 100
                  a  int
                  b  int
                  correlate a, b 0.5  # strong
                }

                """)
    }

    @Test("a rule or scenario written on one line gets a line per clause")
    func clausesGetTheirOwnLines() {
        let source = #"""
            dataset d rule R-1 co-occurrence "t" when a = 1 forbid b = 2 scenario S "s" share 0.5% of t where a > 0
            """#
        #expect(
            Self.format(source) == #"""
                dataset d

                rule R-1 co-occurrence "t"
                  when a = 1
                  forbid b = 2

                scenario S "s"
                  share 0.5% of t
                  where a > 0

                """#)
    }

    // MARK: - Names and literals

    @Test("reserved words and names that are not plain identifiers are backquoted; others are not")
    func namesAreBackquotedWhenNeeded() {
        let source = """
            dataset `table`
            table `key` {
              `rows` int references `in`.`first name`
              `age` int = `min` + min(`age`, 1)
            }
            """
        #expect(
            Self.format(source) == """
                dataset `table`

                table `key` {
                  `rows`  int  references `in`.`first name`
                  age     int  = `min` + min(age, 1)
                }

                """)
    }

    @Test(
        "integers of five digits or more are grouped by thousands",
        arguments: [
            ("1000", "1000"), ("9999", "9999"), ("10000", "10_000"), ("1_0000", "10_000"), ("-123456", "-123_456"),
            ("9223372036854775807", "9_223_372_036_854_775_807"),
        ])
    func bigIntegers(_ written: String, _ printed: String) {
        #expect(Self.format("dataset d seed \(written)") == "dataset d\n  seed \(printed)\n")
    }

    @Test(
        "decimals print in plain digits, never with an exponent",
        arguments: [
            (1e-5, "0.00001"), (1.5e-7, "0.00000015"), (0.95, "0.95"), (3.0, "3.0"), (-2.5e-3, "-0.0025"),
            (1e16, "10000000000000000.0"), (1.2345678e20, "123456780000000000000.0"),
        ])
    func tinyAndHugeDecimals(_ value: Double, _ printed: String) {
        #expect(SpecPrinter.plainDecimal(value) == printed)
        // Read back, the plain digits are the same number.
        let parsed = ParsedSpec.parse(SourceFile(name: "t.seed", text: "dataset d rule R require \(printed)"))
        #expect(parsed.syntax.rules.first?.body.kind == .literal(.number(.decimal(value))))
    }

    @Test("numbers, strings, dates and one-of values print in their canonical spelling")
    func literals() {
        let source = #"""
            dataset d
            table t {
              a text one of { retail: 90%, "say \"hi\" \\ there": 9.5%, `漢`: 0.5% }  nullable 0.10
              b timestamp uniform(2026-01-01T09:30:00+01:00, 2026-01-02T00:00:00.250Z)  min -5
            }
            """#
        #expect(
            Self.format(source) == #"""
                dataset d

                table t {
                  a  text       one of { "retail": 90%, "say \"hi\" \\ there": 9.5%, "漢": 0.5% }  nullable 0.1
                  b  timestamp  uniform(2026-01-01T08:30:00Z, 2026-01-02T00:00:00.25Z)  min -5
                }

                """#)
    }

    // MARK: - Helpers

    /// Formats spec text, expecting it to parse without errors.
    static func format(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> String {
        let parsed = ParsedSpec.parse(SourceFile(name: "t.seed", text: text))
        #expect(parsed.diagnostics.isEmpty, "\(parsed.diagnostics)", sourceLocation: sourceLocation)
        return SpecPrinter.format(parsed)
    }

    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    static func fixture(_ name: String) throws -> String {
        try String(contentsOf: testsDirectory.appendingPathComponent("Fixtures/\(name)"), encoding: .utf8)
    }

    /// Compares text with `Snapshots/NAME`; with `SEEDBED_RECORD_SNAPSHOTS=1` in the environment,
    /// writes the text there instead (then review the diff and commit it).
    static func expectSnapshot(
        _ text: String, named name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        let url = testsDirectory.appendingPathComponent("Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["SEEDBED_RECORD_SNAPSHOTS"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "differs from Snapshots/\(name)", sourceLocation: sourceLocation)
    }
}
