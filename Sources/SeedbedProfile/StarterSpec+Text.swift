import SeedbedSpec

// The starter spec as syntax, then as text: the real printer's output, with a comment after each
// guess and the candidate rules commented out at the end, laid out once more by `seedbed fmt`'s
// formatter so the file is already canonical.

extension StarterSpec {
    /// What the file's opening comment says.
    struct Header {
        var source: String
        var keysGuessed: Bool
        var minSupport: Int
    }

    /// Text keys and unique columns get values that cannot collide; integer ones a sequence
    /// (the engine's default for a key).
    static let uniqueTextPattern = "[a-z0-9]{12}"

    // MARK: - Syntax

    static func spec(_ plans: [TablePlan], options: StarterSpecOptions) -> SpecFile {
        let dataset = DatasetDecl(name: Identifier(options.datasetName), profile: Located(options.profilePath))
        let items = plans.filter { !$0.columns.isEmpty }.map { plan in
            Item.table(
                TableDecl(
                    name: Identifier(plan.name), rows: Located(.fixed(plan.rows)),
                    columns: plan.columns.map { declaration($0, plans: plans) }))
        }
        return SpecFile(dataset: dataset, items: items)
    }

    static func declaration(_ column: ColumnPlan, plans: [TablePlan]) -> ColumnDecl {
        var modifiers: [Modifier] = []
        if column.isKey {
            modifiers.append(.key)
        } else if column.isUnique {
            modifiers.append(.unique)
        }
        if let reference = column.reference {
            let parent = plans[reference.table]
            modifiers.append(
                .references(
                    table: Identifier(parent.name), column: Identifier(parent.columns[reference.column].name)))
        }
        if let share = column.nullShare {
            // In percent to two places, and never 0% for a column that had a null.
            modifiers.append(.nullable(.percent(Swift.max(0.01, (share * 10_000).rounded() / 100))))
        }
        if let tag = column.tag { modifiers.append(tag) }
        return ColumnDecl(
            name: Identifier(column.name), type: typeName(column.type),
            generator: generator(column).map { Located($0) },
            modifiers: modifiers.map { Located($0) })
    }

    static func typeName(_ type: ValueType) -> TypeName {
        switch type {
        case .decimal(let scale): TypeName(name: Identifier("decimal"), scale: Located(scale))
        default: TypeName(name: Identifier(type.description))
        }
    }

    /// `from profile`, except where the profile cannot serve: references (the parent's keys do),
    /// keys and unique columns (values must not repeat), and identifiers with a fake of their kind.
    static func generator(_ column: ColumnPlan) -> Generator? {
        if column.reference != nil { return nil }
        if column.isKey || column.isUnique {
            switch column.type {
            case .text: return .pattern(Located(uniqueTextPattern))
            case .int: return column.isKey ? nil : .sequence([])
            case .decimal, .uuid: return nil
            default: return .fromProfile
            }
        }
        if column.tag == .pii, column.type == .text, let reason = column.profile?.shapeOnly,
            let fake = fakeProvider(shapeOnly: reason, columnNamed: column.sourceName)
        {
            return .fake(Identifier(fake.rawValue))
        }
        return .fromProfile
    }

    // MARK: - Text

    static func render(_ syntax: SpecFile, plans: [TablePlan], suggestions: [MinedRule], header: Header) -> String {
        let printed = plans.filter { !$0.columns.isEmpty }
        var lines = SpecPrinter.print(syntax).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The printer writes `table NAME {`, `  rows N`, one line per column in order, then `}`.
        var table = -1
        var column = -1
        for index in lines.indices {
            let line = lines[index]
            if line.hasPrefix("table ") {
                table += 1
                column = -1
                if printed[table].name != printed[table].source.name {
                    lines[index] += "  # renamed from \(quotedForComment(printed[table].source.name))"
                }
            } else if table >= 0, line.hasPrefix("  ") {
                if column >= 0, column < printed[table].columns.count {
                    let notes = printed[table].columns[column].notes
                    if !notes.isEmpty { lines[index] += "  # " + notes.joined(separator: "; ") }
                }
                column += 1
            }
        }
        let keys =
            header.keysGuessed
            ? "Keys, references and privacy tags are guesses:"
            : "Keys and references come from the schema; privacy tags are guesses:"
        let opening = [
            "# Starter spec written by `seedbed init` from \(header.source)",
            "# Row counts, types and `from profile` generators come from the profile.",
            "# \(keys) review them (see docs/init.md).",
            "# Candidate rules mined from the data are at the end, commented out.",
        ]
        var text = (opening + lines).joined(separator: "\n")
        text += "\n" + suggestionText(suggestions, minSupport: header.minSupport)
        let parsed = ParsedSpec.parse(SourceFile(name: "starter.seed", text: text))
        return parsed.isWellFormed ? SpecPrinter.format(parsed) : text
    }

    static func suggestionText(_ suggestions: [MinedRule], minSupport: Int) -> String {
        guard !suggestions.isEmpty else {
            return
                "# No candidate rules: no bound, implication or never-seen pair held with \(minSupport) rows or more.\n"
        }
        var lines = [
            "# Candidate rules mined from the data: each applies to \(minSupport) rows or more and held in all of them.",
            "# They describe this data, not necessarily the business: uncomment the ones that are rules.",
        ]
        var table: String?
        for suggestion in suggestions {
            if suggestion.table != table {
                table = suggestion.table
                lines += ["#", "# table \(suggestion.table)"]
            }
            lines.append("# \(suggestion.text)  # \(suggestion.evidence)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
