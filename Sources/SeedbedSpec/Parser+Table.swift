extension Parser {
    /// Words that begin a column modifier.
    static let modifierWords: Set<String> = [
        "key", "unique", "references", "nullable", "min", "max", "pii", "sensitive", "quasi",
    ]

    mutating func parseTable() throws(Abort) -> TableDecl {
        let keyword = advance()
        let name = try parseName("a table name")
        let open: SourceRange
        if let brace = consume(.leftBrace) {
            open = brace.range
        } else {
            // `table customer` with its `{` left out: say so, then read the body anyway, so its
            // columns are known and the rules that read them are not reported too.
            let abort = fail(expected: "'{'")
            if atEnd || current.word.map(Parser.itemWords.contains) == true { throw abort }
            open = name.range
        }
        var table = TableDecl(name: name, rows: nil, columns: [], headerRange: keyword.range.union(open))
        while !atEnd, !current.isPunctuation(.rightBrace) {
            if let word = current.word, Parser.itemWords.contains(word) {
                report(.expected("'}' to close table '\(name.name)'", found: describe(current)), at: insertionPoint)
                table.closeRange = SourceRange(start: previousEnd, end: previousEnd)
                return table
            }
            let start = index
            do throws(Abort) {
                try parseTableMember(into: &table)
            } catch {
                if index == start { advance() }
                recoverToTableMember(from: start)
                // A `rows` clause among the skipped tokens is not missing, only unread.
                if tokens[start..<index].contains(where: { $0.isWord("rows") }) { damagedRows.insert(name.name) }
            }
        }
        guard let close = consume(.rightBrace) else {
            // The file ended inside the table; keep what was read.
            _ = fail(expected: "'}' to close table '\(name.name)'")
            table.closeRange = SourceRange(start: previousEnd, end: previousEnd)
            return table
        }
        table.closeRange = close.range
        return table
    }

    private mutating func parseTableMember(into table: inout TableDecl) throws(Abort) {
        if let keyword = consume(word: "rows") {
            let rows: RowCount
            do throws(Abort) {
                rows = try parseRowCount()
            } catch {
                damagedRows.insert(table.name.name)
                throw error
            }
            if table.rows != nil { report(.duplicateClause("rows"), at: keyword.range) }
            table.rows = Located(rows, range: keyword.range.union(SourceRange(start: previousEnd, end: previousEnd)))
        } else if let keyword = consume(word: "correlate") {
            let first = try parseName("a column name")
            try expect(.comma)
            let second = try parseName("a column name")
            let coefficient = try parseNumber("a correlation between -1 and 1")
            table.correlations.append(
                Correlation(
                    first: first, second: second, coefficient: coefficient,
                    range: keyword.range.union(SourceRange(start: previousEnd, end: previousEnd))))
        } else {
            table.columns.append(try parseColumn(in: table.name.name))
        }
    }

    private mutating func parseRowCount() throws(Abort) -> RowCount {
        if consume(word: "per") != nil {
            let parent = try parseName("the parent table's name")
            guard let distribution = try parseDistribution() else {
                throw fail(expected: "a distribution of children per parent, such as poisson(1.3)")
            }
            return .perParent(parent, distribution)
        }
        return .fixed(try parseInteger("a number of rows, or 'per PARENT DISTRIBUTION'").value)
    }

    private mutating func parseColumn(in table: String) throws(Abort) -> ColumnDecl {
        // `when timestamp …`: a column named with an expression keyword. Say it is reserved,
        // as for modifier words, rather than that a column name was expected.
        if let word = current.word, Parser.structuralWords.contains(word), !Parser.itemWords.contains(word),
            peek().word.map(ValueType.names.contains) == true
        {
            report(.reservedWord(word), at: current.range)
            return try parseColumnBody(named: Identifier(word, range: advance().range), in: table)
        }
        // A column starts here, so whatever stands here is the mistake: the caret goes under it.
        let name = try parseName("a column name, 'rows', 'correlate' or '}'", at: current.range)
        return try parseColumnBody(named: name, in: table)
    }

    private mutating func parseColumnBody(named name: Identifier, in table: String) throws(Abort) -> ColumnDecl {
        do throws(Abort) {
            let type = try parseTypeName()
            let generator = try parseGenerator()
            var modifiers: [Located<Modifier>] = []
            while let modifier = try parseModifier(generatorAllowed: generator == nil && modifiers.isEmpty) {
                modifiers.append(modifier)
            }
            return ColumnDecl(
                name: name, type: type, generator: generator, modifiers: modifiers,
                range: name.range.union(SourceRange(start: previousEnd, end: previousEnd)))
        } catch {
            damagedNames.insert("\(table).\(name.name)")
            throw error
        }
    }

    private mutating func parseTypeName() throws(Abort) -> TypeName {
        guard case .identifier(let name, quoted: false) = current.kind, !Parser.reservedWords.contains(name),
            !startsGenerator
        else {
            throw fail(expected: "a type (int, decimal, float, text, bool, date, timestamp or uuid)")
        }
        let identifier = Identifier(name, range: advance().range)
        guard let open = consume(.leftParen) else { return TypeName(name: identifier) }
        let scale = try parseInteger("a scale such as 2")
        let close = try expect(.rightParen)
        return TypeName(name: identifier, scale: Located(scale.value, range: open.range.union(close.range)))
    }

    // MARK: - Generators

    /// Whether a generator starts here (`uniform(`, `one of`, `from profile`): where a type
    /// belongs, that means the type was left out, not that the type is called `uniform`.
    private var startsGenerator: Bool {
        switch current.word {
        case "uniform", "normal", "lognormal", "poisson": peek().isPunctuation(.leftParen)
        case "one": peek().isWord("of")
        case "from": peek().isWord("profile")
        default: false
        }
    }

    private mutating func parseGenerator() throws(Abort) -> Located<Generator>? {
        let start = current.range
        func located(_ generator: Generator, _ parser: Parser) -> Located<Generator> {
            Located(generator, range: start.union(SourceRange(start: parser.previousEnd, end: parser.previousEnd)))
        }
        if consume(.equal) != nil {
            return located(.derived(try parseExpression()), self)
        }
        if current.isWord("from"), peek().isWord("profile") {
            advance()
            advance()
            return located(.fromProfile, self)
        }
        if consume(word: "fake") != nil {
            let first = try parseName("a provider such as person.name")
            var parts = [first.name]
            var range = first.range
            while consume(.dot) != nil {
                let part = try parseName("the rest of the provider's name")
                parts.append(part.name)
                range = range.union(part.range)
            }
            // Joined once: growing the name part by part is quadratic in a hostile `a.a.a.…`.
            return located(.fake(Identifier(parts.joined(separator: "."), range: range)), self)
        }
        if consume(word: "pattern") != nil {
            return located(.pattern(try parseString("a pattern string such as \"[0-9]{4}\"")), self)
        }
        if consume(word: "sequence") != nil {
            let arguments = current.isPunctuation(.leftParen) ? try parseArguments() : []
            return located(.sequence(arguments), self)
        }
        if let distribution = try parseDistribution() {
            return located(.distribution(distribution), self)
        }
        return nil
    }

    /// `NAME(ARGUMENTS)` or `one of { … }`; `nil` when neither starts here.
    mutating func parseDistribution() throws(Abort) -> Distribution? {
        if current.isWord("one"), peek().isWord("of") {
            advance()
            advance()
            return .oneOf(try parseChoices())
        }
        guard case .identifier(let name, quoted: false) = current.kind, !Parser.reservedWords.contains(name),
            peek().isPunctuation(.leftParen)
        else { return nil }
        let identifier = Identifier(name, range: advance().range)
        return .call(identifier, try parseArguments())
    }

    private mutating func parseArguments() throws(Abort) -> [Argument] {
        try expect(.leftParen)
        var arguments: [Argument] = []
        while !current.isPunctuation(.rightParen) {
            let start = current.range
            var label: Identifier?
            if case .identifier(let name, _) = current.kind, peek().isPunctuation(.colon) {
                label = Identifier(name, range: advance().range)
                advance()
            }
            let value = try parseLiteral()
            arguments.append(
                Argument(
                    label: label, value: value, range: start.union(SourceRange(start: previousEnd, end: previousEnd))))
            guard consume(.comma) != nil else { break }
        }
        try expect(.rightParen)
        return arguments
    }

    private mutating func parseChoices() throws(Abort) -> [Choice] {
        try expect(.leftBrace)
        var choices: [Choice] = []
        while !current.isPunctuation(.rightBrace) {
            let start = current.range
            let value: Literal
            if case .identifier(let name, let quoted) = current.kind,
                quoted || !["true", "false", "null"].contains(name)
            {
                // `one of { retail: 90%, premium: 10% }`: a bare word is a text value.
                advance()
                value = .string(name)
            } else {
                value = try parseLiteral()
            }
            var weight: NumberLiteral?
            if consume(.colon) != nil {
                weight = try parseNumber("a weight such as 0.3 or 30%")
            } else if case .number = current.kind {
                // `premium 0.1`: the weight is there, its ':' is not.
                throw fail(expected: "':' before the weight")
            }
            choices.append(
                Choice(
                    value: value, weight: weight, range: start.union(SourceRange(start: previousEnd, end: previousEnd)))
            )
            guard consume(.comma) != nil else { break }
        }
        try expect(.rightBrace)
        return choices
    }

    // MARK: - Modifiers

    /// The next modifier, or `nil` where the column ends (at the next column, `rows`,
    /// `correlate`, `}` or an item).
    private mutating func parseModifier(generatorAllowed: Bool) throws(Abort) -> Located<Modifier>? {
        // `max decimal(1) …` on a line of its own declares a column named with a reserved word
        // (reported by parseName), not a `max` bound of the column above.
        if current.startsLine, peek().word.map(ValueType.names.contains) == true { return nil }
        if skipMisspeltWord(generatorAllowed: generatorAllowed) { return nil }
        let start = current
        let modifier: Modifier
        switch current.word {
        case "key": advance(); modifier = .key
        case "unique": advance(); modifier = .unique
        case "pii": advance(); modifier = .pii
        case "sensitive": advance(); modifier = .sensitive
        case "quasi":
            // `quasi` is not reserved: without a touching `-` it is the next column's name.
            guard peek().isPunctuation(.minus), peek().touchesPrevious else { return nil }
            let range = gluedRange() ?? start.range
            guard file.text(range) == "quasi-identifier" else {
                report(.expected("'quasi-identifier'", found: "'\(file.text(range))'"), at: range)
                throw Abort()
            }
            modifier = .quasiIdentifier
        case "references":
            advance()
            let table = try parseName("TABLE.COLUMN")
            try expect(.dot)
            let column = try parseName("the referenced column's name")
            modifier = .references(table: table, column: column)
        case "nullable":
            advance()
            modifier = .nullable(try parseNumber("the share of nulls, such as 10%"))
        case "min":
            advance()
            modifier = .min(try parseLiteral())
        case "max":
            advance()
            modifier = .max(try parseLiteral())
        default:
            // A token the lexer rejected ends the column; the table skips it without a second error.
            // A line that does not go on with a modifier starts the next member of the table.
            if atEnd || current.isPunctuation(.rightBrace) || current.kind == .invalid || current.startsLine {
                return nil
            }
            if case .identifier = current.kind { return nil }
            throw fail(
                expected:
                    "a modifier (key, unique, references, nullable, min, max, pii, quasi-identifier, sensitive) or the next column"
            )
        }
        return Located(modifier, range: start.range.union(SourceRange(start: previousEnd, end: previousEnd)))
    }

    /// Words that begin a generator or spell a modifier, for suggestions.
    static let generatorWords = [
        "uniform", "normal", "lognormal", "poisson", "one of", "from profile", "fake", "pattern", "sequence",
    ]
    static let modifierSpellings = [
        "key", "unique", "references", "nullable", "min", "max", "pii", "quasi-identifier", "sensitive",
    ]

    /// Reports a word on a column's line that is not a modifier (`uniqe`), and skips the rest
    /// of the line so a misspelt generator (`fak internet.email`) gives one error, not three.
    /// A word that starts a line, or is followed by a type, begins the next column instead.
    private mutating func skipMisspeltWord(generatorAllowed: Bool) -> Bool {
        guard case .identifier(let name, quoted: false) = current.kind, !Parser.modifierWords.contains(name),
            !Parser.itemWords.contains(name), !current.startsLine, peek().word.map(ValueType.names.contains) != true
        else { return false }
        if generatorAllowed {
            report(
                .unknownGeneratorOrModifier(name), at: current.range,
                help: Suggestions.help(for: name, in: Parser.generatorWords + Parser.modifierSpellings))
        } else {
            let help = Suggestions.help(for: name, in: Parser.modifierSpellings)
            report(.unknownModifier(name), at: current.range, help: help)
        }
        repeat { advance() } while !atEnd && !current.startsLine && !current.isPunctuation(.rightBrace)
        return true
    }
}
