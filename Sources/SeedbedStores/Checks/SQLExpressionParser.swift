/// Reads a CHECK condition's SQL text into an `SQLExpression`: SQLite's grammar as people write
/// it, and the fully parenthesized, cast-laden text PostgreSQL's `pg_get_constraintdef` prints.
///
/// Operator precedence is SQLite's (`=` binds looser than `<`); PostgreSQL's output parenthesizes
/// every operation, so the difference never shows there. Forms the spec language cannot say
/// (LIKE, CASE, subqueries, …) stop the parse with the reason.
struct SQLExpressionParser {
    let tokens: [SQLToken]
    var index = 0
    /// Nesting, bounded so hostile text cannot exhaust the stack.
    var depth = 0
    static let maximumDepth = 100
    static let maximumTokens = 10_000

    private init(tokens: [SQLToken]) { self.tokens = tokens }

    static func parse(_ text: String, dialect: Dialect) throws(CheckUnsupported) -> SQLExpression {
        var tokens = SQLTokenizer.tokenize(text, dialect: dialect)[...]
        // The whole of `pg_get_constraintdef`'s text reads too: `CHECK (c) [NOT VALID] [NO INHERIT]`
        // (a check not yet validated still holds for every row written).
        if tokens.first?.isWord("CHECK") == true, tokens.dropFirst().first?.isSymbol("(") == true {
            tokens = tokens.dropFirst()
            while tokens.count >= 2, let last = tokens.last, let before = tokens.dropLast().last,
                (before.isWord("NOT") && last.isWord("VALID")) || (before.isWord("NO") && last.isWord("INHERIT"))
            {
                tokens = tokens.dropLast(2)
            }
        }
        guard tokens.count <= maximumTokens else { throw CheckUnsupported("the condition is too long to read") }
        if let open = tokens.first(where: { !$0.isTerminated }) {
            throw CheckUnsupported("the condition's text ends inside a quoted '\(open.text.prefix(20))'")
        }
        guard !tokens.isEmpty else { throw CheckUnsupported("the condition is empty") }
        var parser = SQLExpressionParser(tokens: Array(tokens))
        let expression = try parser.parseOr()
        if parser.index < tokens.count { throw parser.unexpected() }
        return expression
    }

    // MARK: - Tokens

    var current: SQLToken? { index < tokens.count ? tokens[index] : nil }

    func peek(_ ahead: Int) -> SQLToken? { index + ahead < tokens.count ? tokens[index + ahead] : nil }

    mutating func take(word: String) -> Bool {
        guard current?.isWord(word) == true else { return false }
        index += 1
        return true
    }

    mutating func take(symbol: String) -> Bool {
        guard current?.isSymbol(symbol) == true else { return false }
        index += 1
        return true
    }

    mutating func expect(symbol: String) throws(CheckUnsupported) {
        guard take(symbol: symbol) else { throw unexpected(expecting: symbol) }
    }

    func unexpected(expecting expected: String? = nil) -> CheckUnsupported {
        let found = current.map { "'\($0.text.prefix(30))'" }
        switch (expected, found) {
        case (let expected?, let found?):
            return CheckUnsupported("cannot read the condition: expected '\(expected)', found \(found)")
        case (let expected?, nil):
            return CheckUnsupported("cannot read the condition: expected '\(expected)' at its end")
        case (nil, let found?): return CheckUnsupported("cannot read the condition: unexpected \(found)")
        case (nil, nil): return CheckUnsupported("cannot read the condition: it ends too early")
        }
    }

    mutating func nested<T>(_ body: (inout Self) throws(CheckUnsupported) -> T) throws(CheckUnsupported) -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw CheckUnsupported("the condition is nested too deeply") }
        return try body(&self)
    }

    /// A left-associative chain deepens the tree as nesting does; it counts against the same bound.
    private mutating func chained(_ links: inout Int) throws(CheckUnsupported) {
        links += 1
        guard depth + links <= Self.maximumDepth else { throw CheckUnsupported("the condition is nested too deeply") }
    }

    // MARK: - Logic

    mutating func parseOr() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseAnd()
        var links = 0
        while take(word: "OR") {
            try chained(&links)
            result = .or(result, try parseAnd())
        }
        return result
    }

    private mutating func parseAnd() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseNot()
        var links = 0
        while take(word: "AND") {
            try chained(&links)
            result = .and(result, try parseNot())
        }
        return result
    }

    private mutating func parseNot() throws(CheckUnsupported) -> SQLExpression {
        if take(word: "NOT") { return .not(try nested { parser throws(CheckUnsupported) in try parser.parseNot() }) }
        return try parseEquality()
    }

    // MARK: - Comparisons

    private static let patternOperators = ["LIKE", "ILIKE", "GLOB", "REGEXP", "MATCH", "SIMILAR"]

    private mutating func parseEquality() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseRelational()
        var links = 0
        while let token = current {
            try chained(&links)
            if let op = Self.equalityOperators[token.text], token.kind == .symbol {
                index += 1
                result = try comparison(
                    op, result,
                    rightAt: { parser throws(CheckUnsupported) in
                        try parser.parseRelational()
                    })
            } else if token.isWord("IS") {
                index += 1
                result = try parseIs(result)
            } else if token.isWord("ISNULL") || token.isWord("NOTNULL") {
                index += 1
                result = .isNull(result, negated: token.isWord("NOTNULL"))
            } else if token.isWord("NOT"), peek(1)?.isWord("NULL") == true {
                index += 2
                result = .isNull(result, negated: true)
            } else if let keyword = negatablePredicate(at: token.isWord("NOT") ? 1 : 0) {
                let negated = token.isWord("NOT")
                index += negated ? 2 : 1
                switch keyword {
                case "IN": result = .inList(result, try parseInList(), negated: negated)
                case "BETWEEN":
                    let low = try parseRelational()
                    guard take(word: "AND") else { throw unexpected(expecting: "AND") }
                    result = .between(result, low: low, high: try parseRelational(), negated: negated)
                default:
                    throw CheckUnsupported("uses \(keyword), which the spec language has no form of")
                }
            } else {
                break
            }
        }
        return result
    }

    private func negatablePredicate(at ahead: Int) -> String? {
        guard let token = peek(ahead), token.kind == .word else { return nil }
        let keyword = token.text.uppercased()
        return keyword == "IN" || keyword == "BETWEEN" || Self.patternOperators.contains(keyword) ? keyword : nil
    }

    private static let equalityOperators = ["=": "=", "==": "=", "!=": "<>", "<>": "<>"]
    private static let relationalOperators = ["<": "<", "<=": "<=", ">": ">", ">=": ">="]
    /// PostgreSQL's spellings of LIKE and regular expression matches.
    private static let patternSymbols = [
        "~~": "LIKE", "!~~": "NOT LIKE", "~~*": "ILIKE", "!~~*": "NOT ILIKE",
        "~": "a regular expression match (~)", "~*": "a regular expression match (~*)",
        "!~": "a regular expression match (!~)", "!~*": "a regular expression match (!~*)",
    ]

    private mutating func parseRelational() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseAdditive()
        var links = 0
        while let token = current, token.kind == .symbol {
            if let op = Self.relationalOperators[token.text] {
                try chained(&links)
                index += 1
                result = try comparison(
                    op, result,
                    rightAt: { parser throws(CheckUnsupported) in
                        try parser.parseAdditive()
                    })
            } else if let name = Self.patternSymbols[token.text] {
                throw CheckUnsupported("uses \(name), which the spec language has no form of")
            } else {
                break
            }
        }
        return result
    }

    /// The right side of a comparison: an operand, or PostgreSQL's `ANY (ARRAY[…])` / `ALL (…)`.
    private mutating func comparison(
        _ op: String, _ left: SQLExpression,
        rightAt parseOperand: (inout Self) throws(CheckUnsupported) -> SQLExpression
    ) throws(CheckUnsupported) -> SQLExpression {
        guard let quantifier = current,
            quantifier.isWord("ANY") || quantifier.isWord("SOME") || quantifier.isWord("ALL"),
            peek(1)?.isSymbol("(") == true
        else { return .comparison(op, left, try parseOperand(&self)) }
        index += 1
        let isAll = quantifier.isWord("ALL")
        // `x = ANY (list)` is `x IN (list)`; `x <> ALL (list)` is `x NOT IN (list)`.
        guard (op == "=" && !isAll) || (op == "<>" && isAll) else {
            throw CheckUnsupported(
                "uses '\(op) \(quantifier.text.uppercased())', which the spec language has no form of")
        }
        try expect(symbol: "(")
        let array = try parseOr()
        try expect(symbol: ")")
        guard let elements = Self.arrayElements(array) else {
            throw CheckUnsupported("compares with \(quantifier.text.uppercased()) of something other than a list")
        }
        return .inList(left, elements, negated: isAll)
    }

    /// The elements of `ARRAY[…]`, through the casts PostgreSQL puts around it (`(ARRAY[…])::text[]`).
    private static func arrayElements(_ expression: SQLExpression) -> [SQLExpression]? {
        switch expression {
        case .call("array", let elements): elements
        case .cast(let inner, let type) where type.hasSuffix("[]"): arrayElements(inner)
        default: nil
        }
    }

    private mutating func parseIs(_ left: SQLExpression) throws(CheckUnsupported) -> SQLExpression {
        let negated = take(word: "NOT")
        if take(word: "NULL") { return .isNull(left, negated: negated) }
        if take(word: "TRUE") { return .isBoolean(left, true, negated: negated) }
        if take(word: "FALSE") { return .isBoolean(left, false, negated: negated) }
        if current?.isWord("DISTINCT") == true {
            throw CheckUnsupported(
                "uses IS \(negated ? "NOT " : "")DISTINCT FROM, which the spec language has no form of")
        }
        throw CheckUnsupported(
            "uses IS \(negated ? "NOT " : "")with a value (nulls compare equal there), which the spec language has no form of"
        )
    }

    private mutating func parseInList() throws(CheckUnsupported) -> [SQLExpression] {
        try expect(symbol: "(")
        if current?.isWord("SELECT") == true || current?.isWord("WITH") == true {
            throw CheckUnsupported("uses a subquery")
        }
        var elements: [SQLExpression] = []
        if take(symbol: ")") { return elements }
        repeat { elements.append(try parseOr()) } while take(symbol: ",")
        try expect(symbol: ")")
        return elements
    }

    // MARK: - Arithmetic

    private mutating func parseAdditive() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseMultiplicative()
        var links = 0
        while let token = current, token.isSymbol("+") || token.isSymbol("-") {
            try chained(&links)
            index += 1
            result = .arithmetic(token.text, result, try parseMultiplicative())
        }
        return result
    }

    private mutating func parseMultiplicative() throws(CheckUnsupported) -> SQLExpression {
        var result = try parseUnary()
        var links = 0
        while let token = current, token.isSymbol("*") || token.isSymbol("/") || token.isSymbol("%") {
            try chained(&links)
            index += 1
            result = .arithmetic(token.text, result, try parseUnary())
        }
        return result
    }

    private mutating func parseUnary() throws(CheckUnsupported) -> SQLExpression {
        if let token = current, token.isSymbol("-") || token.isSymbol("+") {
            index += 1
            let operand = try nested { parser throws(CheckUnsupported) in try parser.parseUnary() }
            return .sign(negative: token.text == "-", operand)
        }
        if current?.isSymbol("~") == true { throw CheckUnsupported("uses the bitwise operator '~'") }
        return try parsePostfix()
    }

    private mutating func parsePostfix() throws(CheckUnsupported) -> SQLExpression {
        var result = try parsePrimary()
        while let token = current {
            if token.isSymbol("::") {
                index += 1
                result = .cast(result, type: try parseTypeName())
            } else if token.isWord("COLLATE") {
                throw CheckUnsupported("uses COLLATE, which the spec language has no form of")
            } else if token.kind == .symbol, ["||", "&", "|", "<<", ">>", "->", "->>", "^"].contains(token.text) {
                throw CheckUnsupported("uses the operator '\(token.text)', which the spec language has no form of")
            } else {
                break
            }
        }
        return result
    }
}
