/// The text of a diagnostic, with a fix to suggest where one is known.
///
/// Every message Seedbed shows about a spec is a named member below, so wording stays
/// consistent and each one is easy to find and test (swift-syntax keeps its parser
/// messages the same way).
public struct DiagnosticMessage: Sendable, Hashable {
    public var text: String
    public var help: String?

    public init(_ text: String, help: String? = nil) {
        self.text = Self.capped(text)
        self.help = help.map(Self.capped)
    }

    /// The most characters a message or help shows. Messages quote what the user wrote, and
    /// hostile input (a 1 MB run of `a.a.a…` after `fake`) must not make a 1 MB message.
    public static let maximumLength = 300

    private static func capped(_ text: String) -> String {
        guard text.unicodeScalars.count > maximumLength else { return text }
        var shown = String.UnicodeScalarView(text.unicodeScalars.prefix(maximumLength - 1))
        shown.append("…")
        return String(shown)
    }
}

extension DiagnosticMessage {
    // MARK: - Files

    static func invalidUTF8(byte: UInt8) -> Self {
        Self(
            "the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))",
            help: "save the spec as UTF-8 text")
    }
    static let emptyFile = Self("the spec is empty", help: "start it with 'dataset NAME'")
    static func fileTooLarge(bytes: Int, limit: Int) -> Self {
        Self("the spec is \(bytes) bytes, more than the limit of \(limit)", help: "split it into several files")
    }
    static let tooManyErrors = Self("too many errors; stopped reporting this file")

    // MARK: - Lexical

    static func unexpectedCharacter(_ scalar: Unicode.Scalar) -> Self {
        let shown =
            scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            : "'\(Character(scalar))'"
        if let help = characterHelp[scalar] { return Self("unexpected character \(shown)", help: help) }
        return Self(
            "unexpected character \(shown)",
            help: scalar.isASCII ? nil : "names use ASCII letters, digits and '_'; write other names in backquotes")
    }
    /// What a character the language has no use for was most likely meant to be: look-alikes
    /// that word processors substitute, and operators of other languages.
    private static let characterHelp: [Unicode.Scalar: String] = {
        var help: [Unicode.Scalar: String] = [:]
        let lookalikes: [Unicode.Scalar: String] = [
            "\u{2265}": ">=", "\u{2264}": "<=", "\u{2260}": "!=", "\u{2212}": "-", "\u{2013}": "-", "\u{00D7}": "*",
            "\u{00F7}": "/", "\u{201C}": "\"", "\u{201D}": "\"", "\u{201E}": "\"", "&": "and", "|": "or", "!": "not",
        ]
        for (scalar, ascii) in lookalikes { help[scalar] = "write '\(ascii)'" }
        help["["] = "a pattern is a string: write pattern \"[0-9]{4}\" or matches \"[0-9]{4}\""
        help["]"] = help["["]
        help["'"] = "strings are written in double quotes: \"home\""
        return help
    }()
    static let unterminatedString = Self("unterminated string", help: "close it with '\"' on the same line")
    static func unknownEscape(_ escape: String) -> Self {
        Self(
            "unknown escape '\(escape)' in a string",
            help: "strings know only '\\\"' and '\\\\'; write '\\\\' for a backslash")
    }
    static let unterminatedQuotedName = Self("unterminated quoted name", help: "close it with '`' on the same line")
    static func nameTooLong(length: Int, limit: Int) -> Self {
        Self("this name is \(length) characters long, more than the limit of \(limit)")
    }
    static let emptyQuotedName = Self("a quoted name cannot be empty")
    static let misplacedUnderscore = Self("'_' may only stand between digits", help: "write 10_000, not 10__000 or 10_")
    static let numberOutOfRange = Self("number out of range")
    static func invalidDate(_ text: String) -> Self {
        Self("'\(text)' is not a date in the calendar", help: "dates are YYYY-MM-DD")
    }
    static func invalidTimestamp(_ text: String) -> Self {
        Self(
            "'\(text)' is not a valid timestamp",
            help: "timestamps are YYYY-MM-DDTHH:MM:SS with Z or an offset such as +01:00")
    }

    // MARK: - Syntax

    static func expected(_ what: String, found: String) -> Self { Self("expected \(what), found \(found)") }
    static func reservedWord(_ word: String) -> Self {
        Self("'\(word)' is a reserved word", help: "write it in backquotes to use it as a name: `\(word)`")
    }
    static let missingDataset = Self(
        "the spec does not start with 'dataset NAME'", help: "add 'dataset NAME' as the first item")
    static let datasetNotFirst = Self(
        "'dataset' must come before every table, rule and scenario", help: "move it to the top of the file")
    static let duplicateDataset = Self("a spec has one 'dataset'", help: "put each dataset in a file of its own")
    static func duplicateClause(_ clause: String) -> Self { Self("'\(clause)' is given twice") }
    static func unknownRuleKind(_ kind: String) -> Self {
        Self("unknown rule kind '\(kind)'", help: "the kinds are eligibility, co-occurrence and impossible")
    }
    static let expressionTooDeep = Self(
        "expression nested too deeply",
        help: "split it into several rules, or use 'in { … }' for a list of values")
    static let missingRequirement = Self(
        "a rule needs 'require EXPR' or 'forbid EXPR'", help: "add 'require …' or 'forbid …' after the rule's header")
    static let unclosedParenthesis = Self("this '(' is not closed")
    static let literalExpected = Self("expected a literal: a number, string, date, timestamp, true, false or null")

    // MARK: - Names

    static func unknownTable(_ name: String) -> Self { Self("unknown table '\(name)'") }
    static func unknownColumn(_ name: String, table: String) -> Self {
        Self("table '\(table)' has no column '\(name)'")
    }
    static func duplicateTable(_ name: String) -> Self { Self("table '\(name)' is declared twice") }
    static func duplicateColumn(_ name: String, table: String) -> Self {
        Self("column '\(name)' is declared twice in table '\(table)'")
    }
    static func duplicateID(_ id: String) -> Self {
        Self("ID '\(id)' is used twice", help: "give every rule and scenario its own ID")
    }
    static func previousDeclaration(_ name: String) -> Self { Self("'\(name)' is first declared here") }
    static func unqualifiedColumn(_ name: String) -> Self {
        Self("a rule reads columns as TABLE.COLUMN, not '\(name)'")
    }
    static func unrelatedTables(_ a: String, _ b: String) -> Self {
        Self(
            "'\(a)' and '\(b)' are not linked by references",
            help: "a rule or scenario may read one table and the tables it references")
    }
    static func ambiguousParent(child: String, parent: String, via columns: [String]) -> Self {
        Self(
            "'\(child)' reaches '\(parent)' through \(columns.count) references (\(columns.joined(separator: ", "))), so '\(parent).…' is ambiguous"
        )
    }
    static func notInScope(_ table: String, scope: String) -> Self {
        Self("'\(table)' is neither '\(scope)' nor a table it references")
    }
    static let ruleReadsNoColumn = Self("the rule reads no column, so it constrains nothing")

    // MARK: - Tables and columns

    static func missingRows(_ table: String) -> Self {
        Self(
            "table '\(table)' does not say how many rows it has",
            help: "add 'rows 1_000', or 'rows per PARENT poisson(1.5)' for a child table")
    }
    static func unknownType(_ name: String) -> Self { Self("unknown type '\(name)'") }
    static func scaleOnNonDecimal(_ name: String) -> Self { Self("only decimal takes a scale, not '\(name)'") }
    static let scaleOutOfRange = Self("a decimal's scale is between 0 and 18")
    static func unknownDistribution(_ name: String) -> Self { Self("unknown distribution '\(name)'") }
    static func distributionNeedsNumbers(_ name: String, type: ValueType) -> Self {
        Self("\(name) makes numbers, but the column is \(type)")
    }
    static func generatorTypeMismatch(_ generator: String, type: ValueType, expected: String) -> Self {
        Self("\(generator) makes \(expected), but the column is \(type)")
    }
    static func argumentCount(_ name: String, expected: String) -> Self { Self("\(name) takes \(expected)") }
    static func unknownArgument(_ label: String, of name: String) -> Self { Self("\(name) has no argument '\(label)'") }
    static func missingArgument(_ label: String, of name: String) -> Self { Self("\(name) needs '\(label): …'") }
    static func argumentType(_ what: String, expected: String) -> Self { Self("\(what) must be \(expected)") }
    static func emptyRange(low: String, high: String) -> Self {
        Self("the range is empty: \(low) is above \(high)", help: "write the lower bound first")
    }
    static let emptyOneOf = Self("'one of' needs at least one value")
    static func duplicateChoice(_ value: String) -> Self { Self("\(value) is listed twice") }
    static let mixedWeights = Self("give every value a weight, or none (for equal shares)")
    static func weightsDoNotSumToOne(_ sum: String) -> Self {
        Self("the weights sum to \(sum), not 1", help: "adjust the weights, or leave them all out for equal shares")
    }
    static let negativeWeight = Self("a weight cannot be negative")
    static let nullChoice = Self("'one of' cannot list null", help: "use 'nullable P' for a share of nulls")
    static func unknownProvider(_ name: String) -> Self { Self("unknown provider '\(name)'") }
    static let profileNotDeclared = Self(
        "'from profile' needs a profile", help: "add 'profile \"profiles/NAME.json\"' to the dataset header")
    static func invalidPattern(_ reason: String) -> Self { Self("invalid pattern: \(reason)") }
    static func unknownModifier(_ name: String) -> Self {
        Self(
            "unknown modifier '\(name)'",
            help: "the modifiers are key, unique, references, nullable, min, max, pii, quasi-identifier and sensitive")
    }
    static func unknownGeneratorOrModifier(_ name: String) -> Self {
        Self(
            "'\(name)' is neither a generator nor a modifier",
            help: "after the type comes a generator (uniform, one of, fake, pattern, = EXPR, …), then modifiers")
    }
    static func duplicateModifier(_ name: String) -> Self { Self("'\(name)' is given twice") }
    static let twoKeys = Self("a table has one key column", help: "mark the other column 'unique'")
    static func keyDeclaredHere(_ column: String) -> Self { Self("'\(column)' is the key") }
    static let nullableKey = Self("a key is never null", help: "remove 'nullable', or 'key'")
    static func shareOutOfRange(_ what: String) -> Self { Self("\(what) must be between 0 and 1") }
    static func referenceTargetNotUnique(_ target: String) -> Self {
        Self(
            "'\(target)' is neither a key nor unique, so it cannot be referenced",
            help: "mark '\(target)' as 'key' or 'unique'")
    }
    static func referenceTypeMismatch(_ column: ValueType, target: ValueType) -> Self {
        Self("the column is \(column) but the column it references is \(target)")
    }
    static let referenceWithGenerator = Self(
        "a referencing column takes its values from its parent's rows", help: "remove the generator")
    static func boundTypeMismatch(_ modifier: String, type: ValueType) -> Self {
        Self("'\(modifier)' needs a value of the column's type (\(type))")
    }
    static func boundsOnUnordered(_ type: ValueType) -> Self {
        Self("\(type) values have no order, so 'min' and 'max' do not apply")
    }
    static func minAboveMax(_ low: String, _ high: String) -> Self { Self("min \(low) is above max \(high)") }
    static func rowsPerWithoutReference(child: String, parent: String) -> Self {
        Self(
            "table '\(child)' has rows per '\(parent)' but no column that references it",
            help: "add a column such as '\(parent)_id int references \(parent).id'")
    }
    static func countDistributionRequired(_ name: String) -> Self {
        Self(
            "\(name) cannot count children",
            help: "use poisson(L), uniform(A, B) or one of { N: W, … } with whole numbers")
    }
    static func referenceCycle(_ tables: [String]) -> Self {
        if tables.count == 2, let table = tables.first {
            return Self(
                "table '\(table)' references itself and the reference is not nullable",
                help: "make the reference nullable, such as 'nullable 10%', so the first rows have no parent")
        }
        return Self(
            "tables \(tables.joined(separator: " → ")) reference each other and no nullable column breaks the cycle",
            help: "make one of these references nullable, such as 'nullable 10%'")
    }
    static func referenceInCycle(_ column: String, _ parent: String) -> Self {
        Self("'\(column)' references '\(parent)' and is not nullable")
    }
    static func rowsPerCycle(_ tables: [String]) -> Self {
        Self("'rows per' goes round in a circle: \(tables.joined(separator: " → "))")
    }
    static func derivedCycle(_ columns: [String]) -> Self {
        Self("derived columns depend on each other: \(columns.joined(separator: " → "))")
    }
    static func correlationNeedsNumbers(_ column: String) -> Self {
        Self("'\(column)' is not numeric, so it cannot be correlated")
    }
    static let correlationWithItself = Self("a column cannot be correlated with itself")
    static let correlationOutOfRange = Self("a rank correlation is between -1 and 1")
    static let derivedCorrelation = Self("a derived column follows its expression, so it cannot be correlated")
    static let firstCorrelation = Self("first correlated here")
    static func duplicateCorrelation(_ a: String, _ b: String) -> Self {
        Self("'\(a)' and '\(b)' are correlated twice")
    }

    // MARK: - Expressions

    static func unknownFunction(_ name: String) -> Self { Self("unknown function '\(name)'") }
    static func functionArity(_ name: String, _ count: Int) -> Self {
        Self("\(name)() takes \(count) argument\(count == 1 ? "" : "s")")
    }
    static func argumentTypeMismatch(function: String, expected: String, found: String) -> Self {
        Self("\(function)() needs \(expected), not \(found)")
    }
    static func cannotCompare(_ a: String, _ b: String) -> Self { Self("cannot compare \(a) with \(b)") }
    static func arithmeticNeedsNumbers(_ op: String, found: String, isTemporal: Bool) -> Self {
        Self(
            "'\(op)' needs numbers, not \(found)",
            help: isTemporal ? "for dates use days_between(a, b) or years_between(a, b)" : nil)
    }
    static func conditionNotBoolean(_ found: String) -> Self { Self("a condition must be true or false, not \(found)") }
    static let comparisonWithNull = Self(
        "a comparison with null is never true", help: "use 'is null' or 'is not null'")
    static func matchesNeedsText(_ found: String) -> Self { Self("'matches' needs text, not \(found)") }
    static let asOfMissing = Self(
        "as_of() needs the dataset's 'as of' date", help: "add 'as of 2026-01-01' to the dataset header")
    static func derivedTypeMismatch(_ found: String, column: ValueType) -> Self {
        Self("the expression gives \(found), but the column is \(column)")
    }

    // MARK: - Scenarios

    static func countAboveRows(_ count: Int, rows: Int) -> Self {
        Self("the scenario asks for \(count) rows, but the table has \(rows)")
    }
    static func shareRoundsToZero(_ rows: Int) -> Self {
        Self(
            "the share rounds to 0 of the table's \(rows) rows, so the scenario makes no row",
            help: "raise the share, or use 'count N'")
    }
    static let nonPositiveQuota = Self("a scenario needs at least one row")
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
