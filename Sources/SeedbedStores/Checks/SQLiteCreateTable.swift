/// Reads what `PRAGMA`s do not tell from the `CREATE TABLE` text SQLite keeps in `sqlite_schema`.
public enum SQLiteCreateTable {
    /// Every CHECK constraint of a `CREATE TABLE` statement, column and table constraints alike,
    /// in the order they are written.
    ///
    /// Names follow SQLite's own: a `CONSTRAINT name` names every constraint after it in the same
    /// column definition, or in the same run of table constraints up to the next comma (and, as
    /// SQLite does, a name given in the last column definition carries over to the table
    /// constraints that follow it before a comma). Unnamed checks are `TABLE_check_1`,
    /// `TABLE_check_2`, … in order; a name used twice gets `_2`, `_3`, … from its second use, so
    /// every rule ID `db:NAME` is distinct. When an unnamed check fails, SQLite's message names
    /// the condition's text instead ("CHECK constraint failed: amount > 0"): that text is the
    /// check's `expression`; ``check(reportedAs:among:)`` finds the check behind a message (the
    /// first of those sharing a name, as SQLite reports them all by it).
    ///
    /// The expression is the text between the parentheses, comments included, with the white
    /// space at both ends removed: exactly what SQLite reports.
    ///
    /// - Parameters:
    ///   - createSQL: The statement's text, as stored in `sqlite_schema.sql`.
    ///   - table: The table's name, for the names of unnamed checks.
    /// - Returns: The checks; none for text that is not a `CREATE TABLE … ( … )` (a view,
    ///   `CREATE TABLE … AS SELECT`, malformed text).
    /// - Complexity: O(n) in the length of the text.
    public static func checkConstraints(in createSQL: String, table: String) -> [CheckConstraint] {
        let tokens = SQLTokenizer.tokenize(createSQL, dialect: .sqlite)
        guard let open = definitionsStart(tokens) else { return [] }
        let bytes = Array(createSQL.utf8)
        var found: [(name: String?, expression: String)] = []
        var name: String?
        var depth = 0
        var index = open + 1
        var isColumnDefinition = true
        var atDefinitionStart = true
        while index < tokens.count {
            let token = tokens[index]
            if depth == 0, token.isSymbol(")") { break }
            if atDefinitionStart {
                atDefinitionStart = false
                isColumnDefinition = !isTableConstraintStart(token)
                // SQLite forgets the name at each column; a table constraint keeps it until a comma.
                if isColumnDefinition { name = nil }
            }
            if token.isSymbol("(") {
                depth += 1
            } else if token.isSymbol(")") {
                depth -= 1
            } else if depth == 0, token.isSymbol(",") {
                atDefinitionStart = true
                if !isColumnDefinition { name = nil }
            } else if depth == 0, token.isWord("CONSTRAINT"), index + 1 < tokens.count,
                [.word, .quotedIdentifier, .string].contains(tokens[index + 1].kind)
            {
                name = tokens[index + 1].text
                index += 1
            } else if depth == 0, token.isWord("CHECK"), index + 1 < tokens.count, tokens[index + 1].isSymbol("(") {
                guard let close = matchingParenthesis(tokens, from: index + 1) else { break }
                let start = tokens[index + 1].end
                let end = tokens[close].start
                found.append((name, trimmed(bytes[start..<end])))
                index = close
            }
            index += 1
        }
        return named(found, table: table)
    }

    /// The check a SQLite "CHECK constraint failed: X" message means: X is the name of a named
    /// check, or the condition's text of an unnamed one.
    public static func check(reportedAs reported: String, among checks: [CheckConstraint]) -> CheckConstraint? {
        checks.first { $0.name == reported } ?? checks.first { $0.expression == reported }
    }

    // MARK: - Structure

    /// The `(` that opens the column definitions, after `CREATE [TEMP] TABLE [IF NOT EXISTS] name`.
    private static func definitionsStart(_ tokens: [SQLToken]) -> Int? {
        guard let table = tokens.firstIndex(where: { $0.isWord("TABLE") }),
            tokens[..<table].contains(where: { $0.isWord("CREATE") })
        else { return nil }
        for index in tokens.indices.dropFirst(table + 1) {
            if tokens[index].isWord("AS") { return nil }
            if tokens[index].isSymbol("(") { return index }
        }
        return nil
    }

    private static func isTableConstraintStart(_ token: SQLToken) -> Bool {
        ["CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"].contains { token.isWord($0) }
    }

    /// The index of the `)` closing the `(` at `open`; `nil` when the text ends first.
    private static func matchingParenthesis(_ tokens: [SQLToken], from open: Int) -> Int? {
        var depth = 0
        for index in open..<tokens.count {
            if tokens[index].isSymbol("(") {
                depth += 1
            } else if tokens[index].isSymbol(")") {
                depth -= 1
                if depth == 0 { return index }
            }
        }
        return nil
    }

    /// The text without the white space SQLite trims from a reported condition.
    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        while let first = slice.first, SQLTokenizer.isSpace(first) { slice = slice.dropFirst() }
        while let last = slice.last, SQLTokenizer.isSpace(last) { slice = slice.dropLast() }
        return String(decoding: slice, as: UTF8.self)
    }

    // MARK: - Names

    private static func named(_ found: [(name: String?, expression: String)], table: String) -> [CheckConstraint] {
        var used = Set(found.compactMap(\.name))
        var seen: Set<String> = []
        var unnamed = 0
        return found.map { check in
            guard let name = check.name else {
                repeat { unnamed += 1 } while used.contains("\(table)_check_\(unnamed)")
                used.insert("\(table)_check_\(unnamed)")
                return CheckConstraint(name: "\(table)_check_\(unnamed)", expression: check.expression)
            }
            guard seen.insert(name).inserted else {
                var suffix = 2
                while used.contains("\(name)_\(suffix)") { suffix += 1 }
                used.insert("\(name)_\(suffix)")
                return CheckConstraint(name: "\(name)_\(suffix)", expression: check.expression)
            }
            return CheckConstraint(name: name, expression: check.expression)
        }
    }
}
