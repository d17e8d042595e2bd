/// The text of a diagnostic, with a fix to suggest where one is known.
///
/// Every message Seedbed shows about a spec is a named member below, so wording stays
/// consistent and each one is easy to find and test (swift-syntax keeps its parser
/// messages the same way).
public struct DiagnosticMessage: Sendable, Hashable {
    public var text: String
    public var help: String?

    public init(_ text: String, help: String? = nil) {
        self.text = text
        self.help = help
    }
}

extension DiagnosticMessage {
    // MARK: - Files

    static func invalidUTF8(byte: UInt8) -> Self {
        Self("the file is not valid UTF-8 (byte 0x\(String(byte, radix: 16, uppercase: true)))",
            help: "save the spec as UTF-8 text")
    }
    static let emptyFile = Self("the spec is empty", help: "start it with 'dataset NAME'")
    static func fileTooLarge(bytes: Int, limit: Int) -> Self {
        Self("the spec is \(bytes) bytes, more than the limit of \(limit)", help: "split it into several files")
    }
    static let tooManyErrors = Self("too many errors; stopped reporting this file")

    // MARK: - Lexical

    static func unexpectedCharacter(_ scalar: Unicode.Scalar) -> Self {
        let shown = scalar.value < 0x20 || scalar.value == 0x7F
            ? "U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))"
            : "'\(Character(scalar))'"
        return Self("unexpected character \(shown)",
            help: scalar.isASCII ? nil : "names use ASCII letters, digits and '_'; write other names in backquotes")
    }
    static let unterminatedString = Self("unterminated string", help: "close it with '\"' on the same line")
    static func unknownEscape(_ escape: String) -> Self {
        Self("unknown escape '\(escape)' in a string", help: "strings know only '\\\"' and '\\\\'; write '\\\\' for a backslash")
    }
    static let unterminatedQuotedName = Self("unterminated quoted name", help: "close it with '`' on the same line")
    static let emptyQuotedName = Self("a quoted name cannot be empty")
    static let misplacedUnderscore = Self("'_' may only stand between digits", help: "write 10_000, not 10__000 or 10_")
    static let numberOutOfRange = Self("number out of range")
    static func invalidDate(_ text: String) -> Self {
        Self("'\(text)' is not a date in the calendar", help: "dates are YYYY-MM-DD")
    }
    static func invalidTimestamp(_ text: String) -> Self {
        Self("'\(text)' is not a valid timestamp", help: "timestamps are YYYY-MM-DDTHH:MM:SS with Z or an offset such as +01:00")
    }

    // MARK: - Syntax

    static func expected(_ what: String, found: String) -> Self { Self("expected \(what), found \(found)") }
    static func reservedWord(_ word: String) -> Self {
        Self("'\(word)' is a reserved word", help: "write it in backquotes to use it as a name: `\(word)`")
    }
    static let missingDataset = Self("the spec does not start with 'dataset NAME'", help: "add 'dataset NAME' as the first item")
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
    static let literalExpected = Self("expected a literal: a number, string, date, timestamp, true, false or null")

    // MARK: - Names

    static func unknownTable(_ name: String) -> Self { Self("unknown table '\(name)'") }
    static func unknownColumn(_ name: String, table: String) -> Self { Self("table '\(table)' has no column '\(name)'") }
    static func duplicateTable(_ name: String) -> Self { Self("table '\(name)' is declared twice") }
    static func duplicateColumn(_ name: String, table: String) -> Self {
        Self("column '\(name)' is declared twice in table '\(table)'")
    }
    static func duplicateID(_ id: String) -> Self { Self("ID '\(id)' is used twice", help: "give every rule and scenario its own ID") }
    static func previousDeclaration(_ name: String) -> Self { Self("'\(name)' is first declared here") }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
