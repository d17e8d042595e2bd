import SeedbedSpec
import SeedbedStores
import Testing

/// A translated rule's text is spec text: in a spec that declares the table, it parses back to the
/// same tree, checks without an error, and is what `seedbed fmt` prints for it.
@Suite("translated rules read as spec text")
struct CheckPrinterTests {
    static let cases: [(Dialect, String)] =
        CheckTranslationTests.postgresCases.map { (.postgres, $0.0) }
        + CheckTranslationTests.sqliteCases.map { (.sqlite, $0.0) }
        + CheckEvaluationTests.conditions.map { (.sqlite, $0) }

    @Test("printed, parsed, checked and formatted back", arguments: cases)
    func roundTrip(dialect: Dialect, expression: String) throws {
        let table = dialect == .postgres ? CheckFixtures.postgresLoan : CheckFixtures.sqliteLoan
        let rule = try #require(
            CheckTranslator(dialect: dialect).translate(CheckConstraint(name: "c", expression: expression), of: table)
                .rule)
        let clause = String(CheckTranslation.specText(of: rule).dropFirst("db:c: ".count))
        let ruleText = "rule DB-C\n  " + clause + "\n"
        let source = "dataset checks\n\n" + Self.spec(declaring: table, dialect: dialect) + "\n" + ruleText
        let result = Checker().check(source: source, file: "check.seed")
        let errors = result.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.isEmpty, "\(source)\n\(errors)")
        let parsed = try #require(result.syntax.rules.first)
        #expect(parsed.body.withoutRanges() == rule.body, "\(clause)")
        // The formatter aligns the table's columns its own way; the rule it prints as it came.
        #expect(SpecPrinter.format(result.parsed).hasSuffix("\n\n" + ruleText), "\(clause)")
    }

    /// The table as a spec declares it: every column whose type the spec language has.
    static func spec(declaring table: TableSchema, dialect: Dialect) -> String {
        var lines = ["table \(table.name.name) {", "  rows 10"]
        let columns = table.columns.filter { !$0.isGenerated }.compactMap { column in
            dialect.valueType(forDeclared: column.declaredType).map { (name(column.name), $0.description) }
        }
        let width = columns.map(\.0.count).max() ?? 0
        for (name, type) in columns {
            lines.append("  " + name + String(repeating: " ", count: width - name.count + 2) + type + " nullable 10%")
        }
        return lines.joined(separator: "\n") + "\n}\n"
    }

    private static func name(_ name: String) -> String {
        name.allSatisfy { $0.isLetter || $0 == "_" } ? name : "`\(name)`"
    }
}
