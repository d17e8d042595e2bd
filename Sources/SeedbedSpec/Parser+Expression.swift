// Expressions, by precedence from loosest to tightest:
//   or → and → not → compare → sum → product → unary → primary

extension Parser {
    mutating func parseExpression() throws(Abort) -> Expr {
        let expr = try parseOr()
        // An expression cut short by a character the lexer rejected (`age ≥ 18`) is not the
        // one the user wrote; checking what was read would only add confusing errors.
        if current.kind == .invalid { throw Abort() }
        return expr
    }

    /// Counts one more level of nesting, refusing input that would nest past the limit.
    private mutating func nest(at range: SourceRange) throws(Abort) {
        depth += 1
        if depth > Parser.maximumDepth {
            report(.expressionTooDeep, at: range)
            throw Abort()
        }
    }

    /// Parses a left-associative chain. Each link deepens the tree, so it counts as nesting.
    private mutating func parseChain(
        operand: (inout Parser) throws(Abort) -> Expr, operator match: (Token) -> BinaryOperator?
    ) throws(Abort) -> Expr {
        let outerDepth = depth
        defer { depth = outerDepth }
        var lhs = try operand(&self)
        while let op = match(current) {
            try nest(at: current.range)
            advance()
            let rhs = try operand(&self)
            lhs = Expr(.binary(op, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        return lhs
    }

    private mutating func parseOr() throws(Abort) -> Expr {
        try parseChain(operand: { parser throws(Abort) in try parser.parseAnd() }) { $0.isWord("or") ? .or : nil }
    }

    private mutating func parseAnd() throws(Abort) -> Expr {
        try parseChain(operand: { parser throws(Abort) in try parser.parseNot() }) { $0.isWord("and") ? .and : nil }
    }

    private mutating func parseNot() throws(Abort) -> Expr {
        guard let keyword = consume(word: "not") else { return try parseCompare() }
        try nest(at: keyword.range)
        defer { depth -= 1 }
        let operand = try parseNot()
        return Expr(.not(operand), range: keyword.range.union(operand.range))
    }

    private mutating func parseCompare() throws(Abort) -> Expr {
        let lhs = try parseSum()
        if case .punctuation(let punctuation) = current.kind, let op = Parser.comparison[punctuation] {
            advance()
            let rhs = try parseSum()
            return Expr(.binary(op, lhs, rhs), range: lhs.range.union(rhs.range))
        }
        let negated = current.isWord("not") && (peek().isWord("between") || peek().isWord("in"))
        if negated { advance() }
        if consume(word: "between") != nil {
            let low = try parseSum()
            try expect(word: "and")
            let high = try parseSum()
            return Expr(.between(lhs, low: low, high: high, negated: negated), range: lhs.range.union(high.range))
        }
        if consume(word: "in") != nil {
            try expect(.leftBrace)
            var values: [Literal] = []
            repeat {
                if case .identifier(let name, _) = current.kind, !["true", "false", "null"].contains(name) {
                    report(.literalExpected, at: current.range, help: "write text values in quotes: \"\(name)\"")
                    throw Abort()
                }
                values.append(try parseLiteral())
            } while consume(.comma) != nil && !current.isPunctuation(.rightBrace)
            let close = try expect(.rightBrace)
            return Expr(.inList(lhs, values, negated: negated), range: lhs.range.union(close.range))
        }
        if consume(word: "is") != nil {
            let isNot = consume(word: "not") != nil
            let null = try expect(word: "null")
            return Expr(.isNull(lhs, negated: isNot), range: lhs.range.union(null.range))
        }
        if consume(word: "matches") != nil {
            let pattern = try parseString("a pattern string")
            return Expr(.matches(lhs, pattern: pattern), range: lhs.range.union(pattern.range))
        }
        return lhs
    }

    private static let comparison: [Punctuation: BinaryOperator] = [
        .equal: .equal, .notEqual: .notEqual, .less: .less, .lessOrEqual: .lessOrEqual, .greater: .greater,
        .greaterOrEqual: .greaterOrEqual,
    ]

    private mutating func parseSum() throws(Abort) -> Expr {
        try parseChain(operand: { parser throws(Abort) in try parser.parseProduct() }) {
            $0.isPunctuation(.plus) ? .add : $0.isPunctuation(.minus) ? .subtract : nil
        }
    }

    private mutating func parseProduct() throws(Abort) -> Expr {
        try parseChain(operand: { parser throws(Abort) in try parser.parseUnary() }) {
            switch $0.kind {
            case .punctuation(.star): .multiply
            case .punctuation(.slash): .divide
            case .punctuation(.percent): .remainder
            default: nil
            }
        }
    }

    private mutating func parseUnary() throws(Abort) -> Expr {
        guard let minus = consume(.minus) else { return try parsePrimary() }
        // `-3.5` is a negative literal rather than a negation, as in a generator's arguments.
        if case .number(let number) = current.kind {
            return Expr(.literal(.number(number.negated)), range: minus.range.union(advance().range))
        }
        try nest(at: minus.range)
        defer { depth -= 1 }
        let operand = try parseUnary()
        return Expr(.negate(operand), range: minus.range.union(operand.range))
    }

    private mutating func parsePrimary() throws(Abort) -> Expr {
        let token = current
        switch token.kind {
        case .punctuation(.leftParen):
            advance()
            try nest(at: token.range)
            defer { depth -= 1 }
            var inner = try parseOr()
            guard let close = consume(.rightParen) else {
                if current.kind != .invalid {
                    diagnostics.append(
                        .error(
                            .expected("')'", found: describe(current)), at: insertionPoint,
                            notes: [.init(DiagnosticMessage.unclosedParenthesis.text, at: token.range)]))
                }
                throw Abort()
            }
            inner.range = token.range.union(close.range)
            return inner
        case .identifier(let name, let quoted):
            if !quoted, ["true", "false", "null"].contains(name) {
                return Expr(.literal(try parseLiteral()), range: token.range)
            }
            if !quoted, !Parser.structuralWords.contains(name), peek().isPunctuation(.leftParen) {
                return try parseCall()
            }
            let first = try parseName("a column, a value or '('")
            guard consume(.dot) != nil else {
                return Expr(.column(table: nil, column: first), range: first.range)
            }
            let column = try parseName("a column name after '\(first.name).'")
            return Expr(.column(table: first, column: column), range: first.range.union(column.range))
        case .number, .string, .date, .timestamp:
            return Expr(.literal(try parseLiteral()), range: token.range)
        default:
            throw fail(expected: "a column, a value or '('")
        }
    }

    private mutating func parseCall() throws(Abort) -> Expr {
        let nameToken = advance()
        guard case .identifier(let name, _) = nameToken.kind else { throw fail(expected: "a function name") }
        try expect(.leftParen)
        try nest(at: nameToken.range)
        defer { depth -= 1 }
        var arguments: [Expr] = []
        if !current.isPunctuation(.rightParen) {
            repeat { arguments.append(try parseOr()) } while consume(.comma) != nil
        }
        let close = try expect(.rightParen)
        return Expr(
            .call(Identifier(name, range: nameToken.range), arguments), range: nameToken.range.union(close.range))
    }
}
