// Names a spec can hold. The spec language reads any name in backquotes except an empty one,
// one with a backquote or a line break, or one longer than 128 characters (the lexer's limit).
// SpecPrinter backquotes reserved words and names that are not plain identifiers, so a column
// called `Loan Amount` or `order` keeps its name: the spec, the profile and the database the data
// goes back into all agree on it. Only the names no quoting can carry are renamed.

/// A name the starter spec had to change, and where.
public struct SpecRename: Sendable, Equatable {
    /// The table's spec name.
    public var table: String
    /// The column's spec name; `nil` when the table itself was renamed.
    public var column: String?
    /// The name in the source.
    public var original: String

    public init(table: String, column: String?, original: String) {
        self.table = table
        self.column = column
        self.original = original
    }
}

extension StarterSpec {
    /// The lexer's limit on a name's length, in Unicode scalars.
    static let maximumNameLength = 128

    /// Whether a backquoted (or plain) name reads back as `name`.
    static func isRepresentable(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.count <= maximumNameLength
            && !name.unicodeScalars.contains { $0 == "`" || $0.properties.generalCategory == .control }
    }

    /// A plain identifier for a name the spec cannot hold: ASCII letters and digits kept, any run
    /// of other characters made one `_`, a leading digit prefixed, the length capped; `_2`, `_3`, …
    /// appended until it differs from every name in `taken`.
    static func safeName(for name: String, avoiding taken: Set<String>) -> String {
        var result = ""
        for scalar in name.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                result.unicodeScalars.append(scalar)
            } else if !result.hasSuffix("_") {
                result += "_"
            }
        }
        while result.hasPrefix("_") { result.removeFirst() }
        while result.hasSuffix("_") { result.removeLast() }
        if result.isEmpty { result = "column" }
        if let first = result.unicodeScalars.first, ("0"..."9").contains(first) { result = "c_" + result }
        result = String(result.prefix(64))
        var candidate = result
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(result)_\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// Spec names for a list of source names, in order: each kept when the spec can hold it,
    /// else a safe name distinct from all the others.
    static func specNames(for names: [String]) -> [String] {
        var taken = Set(names.filter(isRepresentable))
        return names.map { name in
            if isRepresentable(name) { return name }
            let safe = safeName(for: name, avoiding: taken)
            taken.insert(safe)
            return safe
        }
    }

    /// A name as a comment can quote it: on one line, control characters escaped.
    static func quotedForComment(_ name: String) -> String {
        var text = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default:
                if scalar.properties.generalCategory == .control {
                    text += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        return text + "\""
    }
}

extension Profile {
    /// The same profile under the spec's names, so `from profile` finds every column.
    ///
    /// - Parameters:
    ///   - tables: Source table name → spec name.
    ///   - columns: Source table name → (source column name → spec name).
    func renamed(tables: [String: String], columns: [String: [String: String]]) -> Profile {
        guard
            tables.contains(where: { $0.key != $0.value })
                || columns.values.contains(where: { $0.contains { $0.key != $0.value } })
        else { return self }
        var qualified: [String: String] = [:]
        for (table, names) in columns {
            for (column, name) in names { qualified["\(table).\(column)"] = "\(tables[table] ?? table).\(name)" }
        }
        var copy = self
        for index in copy.tables.indices {
            let table = copy.tables[index].name
            let names = columns[table] ?? [:]
            let rename = { (name: String) in names[name] ?? name }
            copy.tables[index].name = tables[table] ?? table
            for c in copy.tables[index].columns.indices {
                copy.tables[index].columns[c].name = rename(copy.tables[index].columns[c].name)
            }
            for p in copy.tables[index].rankCorrelations.indices {
                copy.tables[index].rankCorrelations[p].first = rename(copy.tables[index].rankCorrelations[p].first)
                copy.tables[index].rankCorrelations[p].second = rename(copy.tables[index].rankCorrelations[p].second)
            }
            if let copula = copy.tables[index].copula {
                copy.tables[index].copula?.columns = copula.columns.map(rename)
            }
        }
        for index in copy.foreignKeys.indices {
            copy.foreignKeys[index].child = qualified[copy.foreignKeys[index].child] ?? copy.foreignKeys[index].child
            copy.foreignKeys[index].parent =
                qualified[copy.foreignKeys[index].parent] ?? copy.foreignKeys[index].parent
        }
        copy.privacy.shapeOnlyColumns = copy.privacy.shapeOnlyColumns.map { qualified[$0] ?? $0 }
        // Ledger entries are `SUBJECT:statistic`, the subject a table or `table.column`.
        for index in copy.privacy.ledger.indices {
            let statistic = copy.privacy.ledger[index].statistic
            guard let colon = statistic.lastIndex(of: ":") else { continue }
            let subject = String(statistic[..<colon])
            if let renamed = qualified[subject] ?? tables[subject] {
                copy.privacy.ledger[index].statistic = renamed + statistic[colon...]
            }
        }
        return copy
    }
}
