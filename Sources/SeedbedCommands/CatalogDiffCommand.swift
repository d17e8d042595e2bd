import ArgumentParser
import SeedbedCatalog

/// `seedbed catalog diff A B`: what changed between two versions.
struct CatalogDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two dataset versions: spec lines, rules and scenarios by ID, row counts, score figures.")

    @Argument(help: ArgumentHelp("The older version.", valueName: "NAME@VERSION"))
    var old: String

    @Argument(help: ArgumentHelp("The newer version.", valueName: "NAME@VERSION"))
    var new: String

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let catalog = try options.open()
        let (a, b) = try reportingCatalogErrors { () throws(CatalogError) in
            (
                try catalog.version(try DatasetReference(parsing: old)),
                try catalog.version(try DatasetReference(parsing: new))
            )
        }
        let diff = VersionDiff(a, b)
        let console = Console.current
        switch options.format {
        case .json: console.write(CommandJSON.text(diff))
        case .text: console.write(diff.text)
        }
    }
}

/// The comparison `catalog diff` prints.
struct VersionDiff: Encodable {
    struct Changes: Encodable {
        var added: [String]
        var removed: [String]
        var changed: [String]
    }

    struct RowCount: Encodable {
        var table: String
        var old: Int?
        var new: Int?
    }

    struct Figure: Encodable {
        var name: String
        var old: Double?
        var new: Double?
        var delta: Double?
    }

    var old: String
    var new: String
    var specChanged: Bool
    var seed: [String]
    var profileChanged: Bool
    var rules: Changes
    var scenarios: Changes
    var tables: Changes
    var specLines: [String]
    var rows: [RowCount]
    var verdicts: [String?]
    var figures: [Figure]

    init(_ a: DatasetVersion, _ b: DatasetVersion) {
        old = a.reference.description
        new = b.reference.description
        specChanged = a.source.specSHA256 != b.source.specSHA256
        seed = ["\(a.source.seed)", "\(b.source.seed)"]
        profileChanged = a.source.profileSHA256 != b.source.profileSHA256
        let comparison = SpecComparison(old: a.source.specText, new: b.source.specText)
        rules = Changes(
            added: comparison.rulesAdded, removed: comparison.rulesRemoved, changed: comparison.rulesChanged)
        scenarios = Changes(
            added: comparison.scenariosAdded, removed: comparison.scenariosRemoved, changed: comparison.scenariosChanged
        )
        tables = Changes(
            added: comparison.tablesAdded, removed: comparison.tablesRemoved, changed: comparison.tablesChanged)
        specLines = comparison.lines
        let oldTables = a.latest?.tables ?? []
        let newTables = b.latest?.tables ?? []
        var names = oldTables.map(\.name)
        for table in newTables where !names.contains(table.name) { names.append(table.name) }
        rows = names.map { name in
            RowCount(
                table: name, old: oldTables.first { $0.name == name }?.rows,
                new: newTables.first { $0.name == name }?.rows)
        }
        verdicts = [a.scorecards.last?.verdict, b.scorecards.last?.verdict]
        let oldFigures = a.scorecards.last?.figures ?? [:]
        let newFigures = b.scorecards.last?.figures ?? [:]
        figures = Set(oldFigures.keys).union(newFigures.keys).sorted().map { name in
            let before = oldFigures[name]
            let after = newFigures[name]
            return Figure(name: name, old: before, new: after, delta: before.flatMap { x in after.map { $0 - x } })
        }
    }

    var text: String {
        var text = "\(old) -> \(new)\n"
        text += "spec: \(specChanged ? "changed" : "unchanged")"
        if seed[0] != seed[1] { text += "; seed \(seed[0]) -> \(seed[1])" }
        if profileChanged { text += "; profile changed" }
        text += "\n"
        func list(_ what: String, _ changes: Changes) {
            var parts: [String] = []
            if !changes.added.isEmpty { parts.append("added " + changes.added.joined(separator: ", ")) }
            if !changes.removed.isEmpty { parts.append("removed " + changes.removed.joined(separator: ", ")) }
            if !changes.changed.isEmpty { parts.append("changed " + changes.changed.joined(separator: ", ")) }
            text += "\(what): \(parts.isEmpty ? "unchanged" : parts.joined(separator: "; "))\n"
        }
        list("rules", rules)
        list("scenarios", scenarios)
        list("tables", tables)
        text += "rows:\n"
        for row in rows {
            let delta = row.old.flatMap { o in row.new.map { n in n - o } }
            text +=
                "  \(row.table): \(row.old.map(String.init) ?? "-") -> \(row.new.map(String.init) ?? "-")\(delta.map { $0 == 0 ? "" : " (\($0 > 0 ? "+" : "")\($0))" } ?? "")\n"
        }
        if verdicts.contains(where: { $0 != nil }) {
            text += "scorecard: \(verdicts[0] ?? "-") -> \(verdicts[1] ?? "-")\n"
            for figure in figures {
                let before = figure.old.map(CatalogShowCommand.figure) ?? "-"
                let after = figure.new.map(CatalogShowCommand.figure) ?? "-"
                let delta = figure.delta.map { " (\($0 >= 0 ? "+" : "")\(CatalogShowCommand.figure($0)))" } ?? ""
                text += "  \(figure.name): \(before) -> \(after)\(delta)\n"
            }
        }
        if !specLines.isEmpty {
            text += "spec lines:\n" + specLines.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
