/// A recursive-descent parser for the spec language (see SPEC-LANGUAGE.md).
///
/// A syntax error abandons the construct being read and skips to the next place where
/// parsing can sensibly resume: the next column inside a table, otherwise the next item
/// (`dataset`, `table`, `rule`, `scenario`). So one run reports every error in a file.
struct Parser {
    /// Thrown after a diagnostic has been recorded, to unwind to a recovery point.
    struct Abort: Error {}

    let file: SourceFile
    let tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    var damagedNames: Set<String> = []
    /// Tables whose `rows` clause had a syntax error.
    var damagedRows: Set<String> = []
    /// Current expression nesting, bounded so hostile input cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 128

    /// Words that name items; parsing resumes at them after an error.
    static let itemWords: Set<String> = ["dataset", "table", "rule", "scenario"]
    /// Words with a fixed role in expressions and clauses; never a name unless backquoted.
    static let structuralWords: Set<String> =
        itemWords.union([
            "when", "require", "forbid", "where", "and", "or", "not", "between", "in", "is", "null",
            "true", "false", "matches",
        ])
    /// Words that would make a column declaration ambiguous if they were also names.
    static let columnWords: Set<String> = [
        "rows", "correlate", "key", "unique", "references", "nullable", "min", "max", "pii", "sensitive", "fake",
        "pattern", "sequence",
    ]
    /// Every reserved word: written in backquotes when used as a name.
    static let reservedWords = structuralWords.union(columnWords)

    init(file: SourceFile, tokens: [Token]) {
        self.file = file
        self.tokens = tokens
    }

    // MARK: - Token access

    var current: Token { tokens[index] }

    func peek(_ ahead: Int = 1) -> Token { tokens[Swift.min(index + ahead, tokens.count - 1)] }

    var atEnd: Bool { current.kind == .endOfFile }

    /// End offset of the last token consumed.
    var previousEnd: Int { index > 0 ? tokens[index - 1].range.end : 0 }

    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if !atEnd { index += 1 }
        return token
    }

    mutating func consume(word: String) -> Token? {
        guard current.isWord(word) else { return nil }
        return advance()
    }

    mutating func consume(_ punctuation: Punctuation) -> Token? {
        guard current.isPunctuation(punctuation) else { return nil }
        return advance()
    }

    @discardableResult
    mutating func expect(_ punctuation: Punctuation) throws(Abort) -> Token {
        guard let token = consume(punctuation) else { throw fail(expected: "'\(punctuation.rawValue)'") }
        return token
    }

    @discardableResult
    mutating func expect(word: String) throws(Abort) -> Token {
        guard let token = consume(word: word) else { throw fail(expected: "'\(word)'") }
        return token
    }

    /// Records `expected …, found …` at the current token and returns the error to throw.
    ///
    /// A token the lexer could not read has been reported already: a second error about it
    /// would only repeat the first, so the construct is abandoned silently.
    mutating func fail(expected what: String) -> Abort {
        fail(expected: what, at: insertionPoint)
    }

    mutating func fail(expected what: String, at range: SourceRange) -> Abort {
        if current.kind != .invalid { report(.expected(what, found: describe(current)), at: range) }
        return Abort()
    }

    /// Where something missing belongs: at the current token, unless that token starts a new
    /// line (or is the end of the file). Then the user left it out at the end of the line
    /// before (`nullable` without its share), and the caret goes there rather than under
    /// the next column or item.
    var insertionPoint: SourceRange {
        guard index > 0, current.startsLine || atEnd else { return current.range }
        return SourceRange(start: previousEnd, end: previousEnd)
    }

    mutating func report(_ message: DiagnosticMessage, at range: SourceRange, help: String? = nil) {
        diagnostics.append(.error(message, at: range, help: help))
    }

    /// How a token is named in `found …`.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return "the end of the file"
        case .string: return "a string"
        default:
            var text = file.text(token.range)
            if text.unicodeScalars.count > 40 { text = String(text.unicodeScalars.prefix(40)) + "…" }
            return "'\(text)'"
        }
    }

    // MARK: - Names

    /// A name being declared or referred to. Structural words are taken as a missing name;
    /// other reserved words are reported and accepted, so parsing goes on.
    mutating func parseName(_ what: String, at place: SourceRange? = nil) throws(Abort) -> Identifier {
        guard case .identifier(let name, let quoted) = current.kind else {
            throw fail(expected: what, at: place ?? insertionPoint)
        }
        if !quoted {
            if Parser.structuralWords.contains(name) { throw fail(expected: what, at: place ?? insertionPoint) }
            if Parser.columnWords.contains(name) { report(.reservedWord(name), at: current.range) }
        }
        return Identifier(name, range: advance().range)
    }

    /// A rule or scenario ID (`ELIG-001`): adjacent letters, digits and `-`, which the lexer
    /// splits into several tokens.
    mutating func parseID(_ what: String) throws(Abort) -> Identifier {
        guard let range = gluedRange(), !Parser.structuralWords.contains(file.text(range)) else {
            throw fail(expected: what)
        }
        let text = file.text(range)
        if text.hasPrefix("-") || text.hasSuffix("-") || text.contains("_") {
            report(
                .expected(what, found: "'\(text)'"), at: range,
                help: "IDs are letters, digits and '-', such as ELIG-001")
        }
        return Identifier(text, range: range)
    }

    /// Consumes a run of touching identifier, number and `-` tokens, such as `ELIG-001` or
    /// `co-occurrence`, and returns its range.
    mutating func gluedRange() -> SourceRange? {
        func isPart(_ token: Token) -> Bool {
            switch token.kind {
            case .identifier(_, quoted: false), .number(.integer), .date: true
            case .punctuation(.minus): true
            default: false
            }
        }
        guard isPart(current), !current.isPunctuation(.minus) else { return nil }
        let start = advance().range
        var end = start
        while isPart(current), current.touchesPrevious {
            end = advance().range
        }
        return start.union(end)
    }

    // MARK: - Literals

    /// A literal, with a leading `-` allowed on numbers.
    mutating func parseLiteral() throws(Abort) -> Literal {
        if current.isPunctuation(.minus), case .number(let number) = peek().kind {
            advance()
            advance()
            return .number(number.negated)
        }
        switch current.kind {
        case .number(let number): advance(); return .number(number)
        case .string(let text): advance(); return .string(text)
        case .date(let days): advance(); return .date(days)
        case .timestamp(let micros): advance(); return .timestamp(micros)
        case .identifier("true", quoted: false): advance(); return .bool(true)
        case .identifier("false", quoted: false): advance(); return .bool(false)
        case .identifier("null", quoted: false): advance(); return .null
        default:
            if current.kind != .invalid { report(.literalExpected, at: insertionPoint) }
            throw Abort()
        }
    }

    /// A number, with a leading `-` allowed.
    mutating func parseNumber(_ what: String) throws(Abort) -> NumberLiteral {
        let negative = consume(.minus) != nil
        guard case .number(let number) = current.kind else { throw fail(expected: what) }
        advance()
        return negative ? number.negated : number
    }

    mutating func parseInteger(_ what: String) throws(Abort) -> Located<Int> {
        let start = current.range
        guard case .integer(let value) = try parseNumber(what) else {
            report(.expected(what, found: "'\(file.text(start.union(tokens[index - 1].range)))'"), at: start)
            throw Abort()
        }
        return Located(value, range: start.union(tokens[index - 1].range))
    }

    mutating func parseString(_ what: String) throws(Abort) -> Located<String> {
        guard case .string(let text) = current.kind else { throw fail(expected: what) }
        return Located(text, range: advance().range)
    }

    // MARK: - Recovery

    /// Skips to the next item keyword.
    mutating func recoverToItem() {
        while !atEnd, !(current.word.map(Parser.itemWords.contains) ?? false) { advance() }
    }

    /// Inside a table: skips to the next line that starts with a name or `}`, or to an item.
    ///
    /// Braces opened since the member began at `memberStart` (a `one of {` cut short, the
    /// `{4}` of an unquoted pattern) are skipped with their `}`, which must not end the table.
    /// Inside them a line still begins the next column when it reads `NAME TYPE`.
    mutating func recoverToTableMember(from memberStart: Int) {
        var depth = 0
        for token in tokens[memberStart..<index] {
            if token.isPunctuation(.leftBrace) { depth += 1 }
            if token.isPunctuation(.rightBrace) { depth = Swift.max(0, depth - 1) }
        }
        while !atEnd {
            if let word = current.word, Parser.itemWords.contains(word) { return }
            if current.startsLine, case .identifier = current.kind,
                depth == 0 || peek().word.map(ValueType.names.contains) == true
            {
                return
            }
            if current.isPunctuation(.rightBrace) {
                if depth == 0 { return }
                depth -= 1
            } else if current.isPunctuation(.leftBrace) {
                depth += 1
            }
            advance()
        }
    }
}

// MARK: - File and items

extension Parser {
    mutating func parseFile() -> SpecFile {
        var dataset: DatasetDecl?
        var items: [Item] = []
        if atEnd {
            // At 1:1 rather than the end: a file of comments or blank lines has no other place.
            report(.emptyFile, at: SourceRange(start: file.textStart, end: file.textStart))
            return SpecFile(dataset: nil, items: [])
        }
        let startsWithDataset = current.isWord("dataset")
        let firstToken = current.range
        while !atEnd {
            let start = index
            do throws(Abort) {
                switch current.word {
                case "dataset":
                    let declaration = try parseDataset()
                    if dataset != nil {
                        report(.duplicateDataset, at: declaration.headerRange)
                    } else {
                        // Keep a misplaced header, so `as_of()` and `from profile` are not reported too.
                        dataset = declaration
                        if !items.isEmpty { report(.datasetNotFirst, at: declaration.headerRange) }
                    }
                case "table": items.append(.table(try parseTable()))
                case "rule": items.append(.rule(try parseRule()))
                case "scenario": items.append(.scenario(try parseScenario()))
                default:
                    // Here the token itself is the mistake, so the caret goes under it.
                    let expected = "'table', 'rule', 'scenario' or the end of the file"
                    if let word = current.word, let help = Suggestions.help(for: word, in: Parser.itemWords.sorted()) {
                        report(.expected(expected, found: describe(current)), at: current.range, help: help)
                        throw Abort()
                    }
                    throw fail(expected: expected, at: current.range)
                }
            } catch {
                if index == start { advance() }
                recoverToItem()
            }
        }
        // When the first token is itself an error (`datasett d`, a stray character), that error
        // says what is wrong there; a second one at the same place would not add to it.
        let firstTokenReported = tokens[0].kind == .invalid || diagnostics.contains { $0.range == firstToken }
        if dataset == nil, !startsWithDataset, !firstTokenReported { report(.missingDataset, at: firstToken) }
        return SpecFile(dataset: dataset, items: items)
    }

    mutating func parseDataset() throws(Abort) -> DatasetDecl {
        let keyword = advance()
        let name = try parseName("a dataset name")
        var dataset = DatasetDecl(name: name, headerRange: keyword.range.union(name.range))
        while true {
            let clause = current
            if consume(word: "version") != nil {
                let value = try parseString("a version string such as \"1.0.0\"")
                if dataset.version != nil { report(.duplicateClause("version"), at: clause.range) }
                dataset.version = Located(value.value, range: clause.range.union(value.range))
            } else if consume(word: "as") != nil {
                try expect(word: "of")
                guard case .date(let days) = current.kind else { throw fail(expected: "a date such as 2026-01-01") }
                let value = advance()
                if dataset.asOf != nil { report(.duplicateClause("as of"), at: clause.range) }
                dataset.asOf = Located(days, range: clause.range.union(value.range))
            } else if consume(word: "seed") != nil {
                let value = try parseInteger("a whole number")
                if dataset.seed != nil { report(.duplicateClause("seed"), at: clause.range) }
                dataset.seed = Located(value.value, range: clause.range.union(value.range))
            } else if consume(word: "profile") != nil {
                let value = try parseString("the profile's path as a string")
                if dataset.profile != nil { report(.duplicateClause("profile"), at: clause.range) }
                dataset.profile = Located(value.value, range: clause.range.union(value.range))
            } else {
                return dataset
            }
        }
    }

    mutating func parseRule() throws(Abort) -> RuleDecl {
        let keyword = advance()
        let id = try parseID("a rule ID such as ELIG-001")
        var kind: RuleKind?
        if case .identifier(_, quoted: false) = current.kind,
            !["when", "require", "forbid"].contains(current.word ?? "")
        {
            let start = current.range
            let range = gluedRange() ?? start
            let spelled = file.text(range)
            kind = RuleKind(rawValue: spelled)
            if kind == nil {
                report(
                    .unknownRuleKind(spelled), at: range,
                    help: Suggestions.closest(to: spelled, in: RuleKind.allCases.map(\.rawValue)).map {
                        "did you mean '\($0)'?"
                    })
            }
        }
        var title: String?
        if case .string(let text) = current.kind {
            title = text
            advance()
        }
        let headerRange = keyword.range.union(SourceRange(start: previousEnd, end: previousEnd))
        var condition: Expr?
        var whenKeyword: SourceRange?
        if let when = consume(word: "when") {
            whenKeyword = when.range
            condition = try parseExpression()
        }
        let requirement: RuleDecl.Requirement
        switch current.word {
        case "require": requirement = .require
        case "forbid": requirement = .forbid
        default:
            if current.kind != .invalid { report(.missingRequirement, at: insertionPoint) }
            throw Abort()
        }
        let requirementKeyword = advance().range
        let body = try parseExpression()
        return RuleDecl(
            id: id, kind: kind, title: title, condition: condition, requirement: requirement, body: body,
            headerRange: headerRange, whenKeyword: whenKeyword, requirementKeyword: requirementKeyword)
    }

    mutating func parseScenario() throws(Abort) -> ScenarioDecl {
        let keyword = advance()
        let id = try parseID("a scenario ID such as EDGE-LTV")
        var title: String?
        if case .string(let text) = current.kind {
            title = text
            advance()
        }
        let headerRange = keyword.range.union(SourceRange(start: previousEnd, end: previousEnd))
        let quotaStart = current.range
        let quota: ScenarioDecl.Quota
        if consume(word: "share") != nil {
            quota = .share(try parseNumber("a share such as 0.5% or 0.005"))
        } else if consume(word: "count") != nil {
            quota = .count(try parseInteger("a whole number of rows").value)
        } else {
            throw fail(expected: "'share' or 'count'")
        }
        try expect(word: "of")
        let table = try parseName("a table name")
        let whereKeyword = try expect(word: "where")
        let condition = try parseExpression()
        return ScenarioDecl(
            id: id, title: title, quota: Located(quota, range: quotaStart.union(table.range)), table: table,
            condition: condition, headerRange: headerRange, whereKeyword: whereKeyword.range)
    }
}
