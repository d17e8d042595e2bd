// The operands of CHECK conditions: constants, columns, calls, casts and their type names.

extension SQLExpressionParser {
    // MARK: - Operands

    private static let clockWords = [
        "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
    ]
    private static let unsupportedWords = ["CASE", "EXISTS", "SELECT", "RAISE", "ROW", "INTERVAL"]

    mutating func parsePrimary() throws(CheckUnsupported) -> SQLExpression {
        guard let token = current else { throw unexpected() }
        switch token.kind {
        case .number:
            index += 1
            return .number(token.text)
        case .string:
            index += 1
            return .string(token.text)
        case .blob:
            throw CheckUnsupported("uses a blob literal")
        case .parameter:
            throw unexpected()
        case .quotedIdentifier:
            index += 1
            return try columnOrCall(token)
        case .symbol:
            guard token.isSymbol("(") else { throw unexpected() }
            index += 1
            if current?.isWord("SELECT") == true || current?.isWord("WITH") == true {
                throw CheckUnsupported("uses a subquery")
            }
            let inner = try nested { parser throws(CheckUnsupported) in try parser.parseOr() }
            if current?.isSymbol(",") == true { throw CheckUnsupported("uses a row value") }
            try expect(symbol: ")")
            return inner
        case .word:
            return try parseWord(token)
        }
    }

    private mutating func parseWord(_ token: SQLToken) throws(CheckUnsupported) -> SQLExpression {
        let keyword = token.text.uppercased()
        if keyword == "TRUE" || keyword == "FALSE" {
            index += 1
            return .boolean(keyword == "TRUE")
        }
        if keyword == "NULL" {
            index += 1
            return .null
        }
        if Self.clockWords.contains(keyword) {
            throw CheckUnsupported("depends on the current time (\(keyword)), which changes")
        }
        if Self.unsupportedWords.contains(keyword) {
            throw CheckUnsupported("uses \(keyword), which the spec language has no form of")
        }
        if keyword == "CAST", peek(1)?.isSymbol("(") == true {
            index += 2
            let value = try nested { parser throws(CheckUnsupported) in try parser.parseOr() }
            guard take(word: "AS") else { throw unexpected(expecting: "AS") }
            let type = try parseTypeName()
            try expect(symbol: ")")
            return .cast(value, type: type)
        }
        if keyword == "ARRAY", peek(1)?.isSymbol("[") == true {
            index += 2
            var elements: [SQLExpression] = []
            if !take(symbol: "]") {
                repeat {
                    elements.append(try nested { parser throws(CheckUnsupported) in try parser.parseOr() })
                } while take(symbol: ",")
                try expect(symbol: "]")
            }
            return .call("array", elements)
        }
        if ["AND", "OR", "NOT", "IS", "IN", "BETWEEN", "THEN", "ELSE", "END", "WHEN", "AS"].contains(keyword) {
            throw unexpected()
        }
        index += 1
        return try columnOrCall(token)
    }

    /// `name`, `table.name`, or `name(arguments)`.
    private mutating func columnOrCall(_ token: SQLToken) throws(CheckUnsupported) -> SQLExpression {
        if take(symbol: ".") {
            guard let column = current, column.kind == .word || column.kind == .quotedIdentifier else {
                throw unexpected()
            }
            index += 1
            if current?.isSymbol("(") == true { throw CheckUnsupported("calls a function outside the table's schema") }
            return .column(qualifier: token.text, name: column.text, quotedWith: column.quote)
        }
        guard take(symbol: "(") else { return .column(qualifier: nil, name: token.text, quotedWith: token.quote) }
        let name = token.text.lowercased()
        var arguments: [SQLExpression] = []
        if take(word: "DISTINCT") || current?.isSymbol("*") == true {
            throw CheckUnsupported("calls \(name)() in a form the spec language has no form of")
        }
        if !take(symbol: ")") {
            repeat {
                arguments.append(try nested { parser throws(CheckUnsupported) in try parser.parseOr() })
            } while take(symbol: ",")
            try expect(symbol: ")")
        }
        if current?.isWord("FILTER") == true || current?.isWord("OVER") == true {
            throw CheckUnsupported("calls \(name)() as an aggregate or window")
        }
        return .call(name, arguments)
    }

    /// A type name after `::` or `AS`: `text`, `double precision`, `character varying(20)`,
    /// `timestamp with time zone`, `numeric(12,2)`, `text[]`, in lower case.
    mutating func parseTypeName() throws(CheckUnsupported) -> String {
        guard let first = current, first.kind == .word || first.kind == .quotedIdentifier else {
            throw unexpected(expecting: "a type")
        }
        index += 1
        var name = first.text.lowercased()
        if take(symbol: "."), let qualified = current, qualified.kind == .word || qualified.kind == .quotedIdentifier {
            index += 1
            name += "." + qualified.text.lowercased()
        }
        while let word = current, word.kind == .word,
            ["precision", "varying", "with", "without", "time", "zone"].contains(word.text.lowercased())
        {
            index += 1
            name += " " + word.text.lowercased()
        }
        if take(symbol: "(") {
            var arguments: [String] = []
            while let argument = current, argument.kind == .number {
                index += 1
                arguments.append(argument.text)
                if !take(symbol: ",") { break }
            }
            try expect(symbol: ")")
            name += "(" + arguments.joined(separator: ",") + ")"
        }
        while take(symbol: "[") {
            try expect(symbol: "]")
            name += "[]"
        }
        return name
    }
}
