/// Prints spec files as canonical text: the layout `seedbed fmt` writes.
///
/// The layout is the one of the example in SPEC-LANGUAGE.md: the dataset header with one clause
/// per line, one blank line between items, table columns aligned, and every clause of a rule or
/// scenario on a line of its own. Printing is faithful: parsing the text gives back the same tree
/// (ranges aside), and formatting formatted text changes nothing.
///
/// ```swift
/// let parsed = ParsedSpec.parse(SourceFile(name: "lending.seed", text: text))
/// if parsed.isWellFormed { try SpecPrinter.format(parsed).write(to: url, atomically: true, encoding: .utf8) }
/// ```
public struct SpecPrinter {
    /// One printed line and the stretch of source it was parsed from, which comments attach to.
    struct LineUnit {
        /// The line without its indentation or comment.
        var text: String
        var indent: Int
        /// The indentation of comments printed above the line. A table's `}` lends its body's
        /// indentation, so comments before it stay inside the block.
        var commentIndent: Int
        var range: SourceRange
        /// The first line of an item, set apart from what precedes it by a blank line.
        var startsItem = false

        init(_ text: String, indent: Int = 0, commentIndent: Int? = nil, range: SourceRange) {
            self.text = text
            self.indent = indent
            self.commentIndent = commentIndent ?? indent
            self.range = range
        }
    }

    /// The indentation of clauses and table members.
    static let indentWidth = 2

    // MARK: - API

    /// Formats a parsed spec file as canonical text, keeping every comment.
    ///
    /// A comment after the last token of a line keeps its place at the end of that line; any
    /// other comment moves onto its own line above the next line of code (or stays at the end of
    /// the file). Meant for well-formed files: parts the parser dropped after an error are lost.
    ///
    /// - Parameter parsed: The parsed file, with its comments.
    /// - Returns: The canonical text, ending in a line break (empty for an empty file).
    /// - Complexity: O(n log n) in the size of the file.
    public static func format(_ parsed: ParsedSpec) -> String {
        let units = lineUnits(of: parsed.syntax)
        let placement = CommentPlacement(units: units, comments: parsed.comments, source: parsed.source)
        return render(units, placement)
    }

    /// Prints a syntax tree as canonical text, without comments.
    public static func print(_ spec: SpecFile) -> String {
        let units = lineUnits(of: spec)
        return render(units, CommentPlacement(unitCount: units.count))
    }

    // MARK: - Rendering

    private static func render(_ units: [LineUnit], _ placement: CommentPlacement) -> String {
        var lines: [String] = []
        func emit(_ comments: [CommentPlacement.Line], indent: Int) {
            for comment in comments {
                if comment.blankLineBefore, !lines.isEmpty { lines.append("") }
                lines.append(String(repeating: " ", count: indent) + "#" + comment.text)
            }
        }
        for (index, unit) in units.enumerated() {
            if unit.startsItem, !lines.isEmpty { lines.append("") }
            emit(placement.leading[index], indent: unit.commentIndent)
            if placement.blankLineAfterLeading[index] { lines.append("") }
            var line = String(repeating: " ", count: unit.indent) + unit.text
            if let trailing = placement.trailing[index] { line += "  #" + trailing }
            lines.append(line)
        }
        emit(placement.end, indent: 0)
        return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Items

    static func lineUnits(of spec: SpecFile) -> [LineUnit] {
        var units: [LineUnit] = []
        if let dataset = spec.dataset { units += lineUnits(of: dataset) }
        for item in spec.items {
            var lines: [LineUnit]
            switch item {
            case .table(let table): lines = lineUnits(of: table)
            case .rule(let rule): lines = lineUnits(of: rule)
            case .scenario(let scenario): lines = lineUnits(of: scenario)
            }
            lines[0].startsItem = true
            units += lines
        }
        return units
    }

    private static func lineUnits(of dataset: DatasetDecl) -> [LineUnit] {
        var units = [LineUnit("dataset " + name(dataset.name), range: dataset.headerRange)]
        func clause(_ text: String, _ range: SourceRange) {
            units.append(LineUnit(text, indent: indentWidth, range: range))
        }
        // Clauses print in the order of the grammar, whatever order they were written in.
        if let version = dataset.version { clause("version " + string(version.value), version.range) }
        if let asOf = dataset.asOf { clause("as of " + CivilDate.format(days: asOf.value), asOf.range) }
        if let seed = dataset.seed { clause("seed " + integer(seed.value), seed.range) }
        if let profile = dataset.profile { clause("profile " + string(profile.value), profile.range) }
        return units
    }

    private static func lineUnits(of table: TableDecl) -> [LineUnit] {
        var units = [LineUnit("table \(name(table.name)) {", range: table.headerRange)]
        func member(_ text: String, _ range: SourceRange) {
            units.append(LineUnit(text, indent: indentWidth, range: range))
        }
        if let rows = table.rows { member(rowsClause(rows.value), rows.range) }
        for (text, column) in zip(columnTexts(table.columns), table.columns) { member(text, column.range) }
        for correlation in table.correlations {
            let text =
                "correlate \(name(correlation.first)), \(name(correlation.second)) \(number(correlation.coefficient))"
            member(text, correlation.range)
        }
        units.append(LineUnit("}", commentIndent: indentWidth, range: table.closeRange))
        return units
    }

    private static func lineUnits(of rule: RuleDecl) -> [LineUnit] {
        // Rule IDs and kinds are runs of letters, digits and `-`, never quoted.
        var header = "rule " + rule.id.name
        if let kind = rule.kind { header += " " + kind.rawValue }
        if let title = rule.title { header += " " + string(title) }
        var units = [LineUnit(header, range: rule.headerRange)]
        if let condition = rule.condition {
            let range = rule.whenKeyword.map { $0.union(condition.range) } ?? condition.range
            units.append(LineUnit("when " + expression(condition), indent: indentWidth, range: range))
        }
        units.append(
            LineUnit(
                rule.requirement.rawValue + " " + expression(rule.body), indent: indentWidth,
                range: rule.requirementKeyword.union(rule.body.range)))
        return units
    }

    private static func lineUnits(of scenario: ScenarioDecl) -> [LineUnit] {
        var header = "scenario " + scenario.id.name
        if let title = scenario.title { header += " " + string(title) }
        let quota: String
        switch scenario.quota.value {
        case .share(let share): quota = "share " + number(share)
        case .count(let count): quota = "count " + integer(count)
        }
        return [
            LineUnit(header, range: scenario.headerRange),
            LineUnit(quota + " of " + name(scenario.table), indent: indentWidth, range: scenario.quota.range),
            LineUnit(
                "where " + expression(scenario.condition), indent: indentWidth,
                range: scenario.whereKeyword.union(scenario.condition.range)),
        ]
    }
}
