import Testing

@testable import SeedbedSpec

extension PrinterTests {
    /// A file whose only rule requires `expression`, in canonical layout.
    static func rule(_ expression: String) -> String {
        "dataset d\n\nrule R\n  require \(expression)\n"
    }

    @Test(
        "parentheses the tree needs are kept",
        arguments: [
            "(a + b) * c", "a - (b - c)", "a / (b * c)", "a % (b % c)", "not (a and b)", "(a = b) = c",
            "a = (b = c)", "(a or b) and c", "a and (b or c)", "(not a) = b", "-(a + b)", "-(-a)", "-(-5)", "-(5)",
            "(a between 1 and 2) = true", "(a is null) is not null", "(a in { 1 }) = b", "(a matches \"x\") != b",
            "a between (b between 1 and 2) and c", "a + (b = c)", "-(a * b)", "(a and b) between 1 and 2",
        ])
    func neededParenthesesAreKept(_ expression: String) {
        #expect(Self.format(Self.rule(expression)) == Self.rule(expression))
    }

    @Test(
        "expressions that need no parentheses round-trip exactly",
        arguments: [
            "a + b * c", "a - b - c", "a * b / c % d", "a or b and c", "a and b or c", "not a = b", "not not a",
            "-a * b", "a * -5", "a - -5", "-5 + a", "a between b + 1 and c - 1 and d", "a not between 1 and 2",
            "a not in { 1, \"x\", null }", "a is not null", "lower(a) matches \"^[a-z]+$\"", "f(a or b, not c)",
            "-f(x)", "customer.age >= 18", "years_between(birth_date, as_of()) < 35",
        ])
    func expressionsRoundTrip(_ expression: String) {
        #expect(Self.format(Self.rule(expression)) == Self.rule(expression))
    }

    @Test(
        "parentheses the tree does not need are dropped",
        arguments: [
            ("((a))", "a"), ("(a and b) or c", "a and b or c"), ("a + (b * c)", "a + b * c"),
            ("(a + b) + c", "a + b + c"), ("not (a = b)", "not a = b"), ("(-a) * b", "-a * b"),
            ("- - a", "-(-a)"), ("f((a))", "f(a)"), ("(a) between (1) and (2)", "a between 1 and 2"),
        ])
    func redundantParenthesesAreDropped(_ written: String, _ printed: String) {
        #expect(Self.format(Self.rule(written)) == Self.rule(printed))
    }

    @Test("a negated number stays a negation, and a negative number stays a literal")
    func negatedNumbers() {
        let negation = ParsedSpec.parse(SourceFile(name: "t.seed", text: Self.rule("-(5)")))
        let literal = ParsedSpec.parse(SourceFile(name: "t.seed", text: Self.rule("-5")))
        #expect(negation.syntax.rules.first?.body.withoutRanges().kind == .negate(Expr(.literal(.number(.integer(5))))))
        #expect(literal.syntax.rules.first?.body.kind == .literal(.number(.integer(-5))))
        #expect(SpecPrinter.format(negation) == Self.rule("-(5)"))
        #expect(SpecPrinter.format(literal) == Self.rule("-5"))
    }

    @Test("a percentage next to a remainder keeps both meanings")
    func percentAndRemainder() {
        #expect(Self.format(Self.rule("a = 10% % 3")) == Self.rule("a = 10% % 3"))
        #expect(Self.format(Self.rule("a = 10 %3")) == Self.rule("a = 10 % 3"))
    }
}
