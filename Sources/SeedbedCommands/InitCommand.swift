public import ArgumentParser
import Foundation
import SeedbedProfile
import SeedbedSpec
import SeedbedStores

/// `seedbed init --from SOURCE --out SPEC`: a starter spec, and its profile, from real data.
public struct InitCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a starter spec and its profile from real data.",
        discussion: """
            Profiles SOURCE (a CSV file, a folder of CSV files one table each, a SQLite file
            as sqlite:PATH, or a PostgreSQL connection string) with the privacy defaults of
            `seedbed profile`, writes the profile (by default next to the spec as
            NAME.profile.json) and writes SPEC: a table per source table with its row count,
            every column with its type and a `from profile` generator, keys and references
            (declared by the database; for CSV, integer `id`/`…_id` columns proved unique,
            and `X_id` columns whose every value is a key of table X), and guessed privacy
            tags. A comment after each column says what was guessed and why.

            Candidate rules mined from the data follow, commented out, each with its
            evidence: bounds (`require T.N >= 0`), implications that held in every row of a
            category (`when T.C = "v" require T.N < b`) and frequent categories never seen
            together. Each applies to --min-support rows or more. They describe the data,
            not necessarily the business: uncomment the ones that are rules.

            An existing SPEC is not overwritten without --force. See docs/init.md.

            Exit codes: 0 done, 1 the written spec has check errors (a bug: please report
            it), 2 usage or input error, 3 the database cannot be reached.

            Examples:
              seedbed init --from exports/ --out rules/lending.seed
              seedbed init --from sqlite:prod-copy.db --out rules/shop.seed --name shop
            """)

    @Option(name: .customLong("from"), help: "A CSV file, a folder of CSV files, sqlite:PATH or a PostgreSQL URI.")
    var source: String

    @Option(help: "The spec file to write.")
    var out: String

    @Option(help: "The profile file to write (default: NAME.profile.json next to the spec).")
    var profileOut: String?

    @Option(help: "The dataset's name (default: from the source's name).")
    var name: String?

    @Option(help: "The fewest rows a suggested rule must apply to.")
    var minSupport = 30

    @Flag(help: "Overwrite an existing spec file.")
    var force = false

    @Option(help: "Summary format: text or json.")
    var format: OutputFormat = .text

    public init() {}

    public func validate() throws {
        if minSupport < 1 { throw ValidationError("--min-support takes a whole number of at least 1") }
        if let name, !Self.isPlainIdentifier(name) {
            throw ValidationError("--name takes letters, digits and '_', not starting with a digit")
        }
    }

    public func run() async throws {
        let console = Console.current
        if !force, FileManager.default.fileExists(atPath: out) {
            console.write("seedbed: error: '\(out)' exists; give --force to overwrite it\n", to: .error)
            throw ExitCode.inputError
        }
        let datasetName = name ?? Self.datasetName(for: source)
        let profilePath =
            profileOut
            ?? ((out as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("\(datasetName).profile.json")
        let specFolder = URL(fileURLWithPath: out).deletingLastPathComponent()
        var options = StarterSpecOptions(
            datasetName: datasetName,
            profilePath: Self.relativePath(of: URL(fileURLWithPath: profilePath), from: specFolder))
        options.minSupport = minSupport

        let started = ContinuousClock.now
        let starter: StarterSpec
        do {
            let opened = try ProfileCommand.open(source)
            if let database = opened as? DatabaseProfileSource {
                options.schema = Self.schema(try database.database.introspect())
            }
            starter = try StarterSpec.make(from: opened, options: options)
        } catch let error as StoreError {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        } catch let error as ProfileError {
            console.write("seedbed: error: \(error)\n", to: .error)
            throw ExitCode.inputError
        }
        do {
            try OutputFile.write(try starter.profile.json(), to: profilePath)
        } catch {
            console.write("seedbed: error: cannot write '\(profilePath)': \(error.localizedDescription)\n", to: .error)
            throw ExitCode.inputError
        }
        do {
            try OutputFile.write(starter.text, to: out)
        } catch {
            console.write("seedbed: error: cannot write '\(out)': \(error.localizedDescription)\n", to: .error)
            throw ExitCode.inputError
        }
        let check = Checker().check(SourceFile(name: out, text: starter.text))
        let elapsed = ContinuousClock.now - started
        console.write(
            InitReport(starter: starter, spec: out, profile: profilePath, check: check, elapsed: elapsed)
                .render(format))
        if check.hasErrors {
            console.write(DiagnosticRenderer().render(check.diagnostics, in: check.source), to: .error)
            console.write(
                "seedbed: error: the starter spec does not check clean; this is a bug in seedbed init\n", to: .error)
            throw ExitCode.checkFailed
        }
    }

    // MARK: - Names and paths

    static func isPlainIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.isASCII, first.properties.isAlphabetic || first == "_"
        else { return false }
        return text.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || $0 == "_" || ("0"..."9").contains($0))
        }
    }

    /// The source's file, folder or database name as an identifier: `exports/credit.csv` gives
    /// `credit`, `sqlite:shop.db` gives `shop`, `postgres://h/sales` gives `sales`.
    package static func datasetName(for source: String) -> String {
        var base = source
        if base.hasPrefix("sqlite:") { base.removeFirst("sqlite:".count) }
        if base.hasPrefix("postgres://") || base.hasPrefix("postgresql://") {
            base = URL(string: base)?.path ?? ""
        } else if base.contains("dbname=") {
            base = base.split(separator: " ").first { $0.hasPrefix("dbname=") }.map { String($0.dropFirst(7)) } ?? ""
        }
        while base.count > 1, base.hasSuffix("/") { base.removeLast() }
        // `.` or `exports/..` name the folder they resolve to.
        base = (base as NSString).lastPathComponent
        if base == "." || base == ".." {
            base = URL(fileURLWithPath: source).standardizedFileURL.lastPathComponent
        }
        if let dot = base.lastIndex(of: "."), dot != base.startIndex { base = String(base[..<dot]) }
        var name = String(
            String.UnicodeScalarView(
                base.unicodeScalars.map {
                    $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) ? $0 : "_"
                }))
        // `dataset` is a reserved word: it would print in backquotes.
        if name.allSatisfy({ $0 == "_" }) { name = "data" }
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "d_" + name }
        return name
    }

    /// `file` as the spec's header should name it: relative to the spec's folder.
    static func relativePath(of file: URL, from folder: URL) -> String {
        let target = file.standardizedFileURL.pathComponents
        let base = folder.standardizedFileURL.pathComponents
        var common = 0
        while common < min(target.count - 1, base.count), target[common] == base[common] { common += 1 }
        let parts = Array(repeating: "..", count: base.count - common) + target[common...]
        return parts.joined(separator: "/")
    }

    /// The keys a database declares, single-column ones only: the spec has no composite keys.
    static func schema(_ schema: DatabaseSchema) -> SourceSchema {
        var result = SourceSchema()
        for table in schema.tables {
            let name = table.name.name
            if table.primaryKey.count == 1 { result.primaryKeys[name] = table.primaryKey[0] }
            let unique = table.uniqueKeys.filter { $0.count == 1 }.map { $0[0] }
            if !unique.isEmpty { result.uniqueColumns[name] = Set(unique) }
            for key in table.foreignKeys where key.columns.count == 1 {
                let parent = schema.table(named: key.referencedTable.name)
                // A foreign key that names no column references the parent's primary key.
                guard let column = key.referencedColumns.first ?? parent?.primaryKey.first,
                    key.referencedColumns.count <= 1
                else { continue }
                result.foreignKeys.append(
                    SourceForeignKey(
                        table: name, column: key.columns[0], parentTable: parent?.name.name ?? key.referencedTable.name,
                        parentColumn: column))
            }
        }
        return result
    }
}

/// What `seedbed init` says it wrote: tables, keys, tags, suggestions, and the spec's check.
struct InitReport {
    var starter: StarterSpec
    var spec: String
    var profile: String
    var check: CheckResult
    var elapsed: Duration

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .text: text()
        case .json: json()
        }
    }

    private var seconds: Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// `table.column` of every column with a given modifier.
    private func columns(where matches: (ColumnDecl) -> Bool) -> [String] {
        starter.syntax.tables.flatMap { table in
            table.columns.filter(matches).map { "\(table.name.name).\($0.name.name)" }
        }
    }

    private func tagged(_ tag: Modifier) -> [String] {
        columns { $0.modifiers.contains { $0.value == tag } }
    }

    private var referenceCount: Int {
        columns { $0.modifiers.contains { if case .references = $0.value { true } else { false } } }.count
    }

    private func count(_ kind: MinedRule.Kind) -> Int { starter.suggestions.count { $0.kind == kind } }

    func text() -> String {
        var lines = [
            "wrote \(spec) and \(profile) from \(starter.profile.source) in \(String(format: "%.2f", seconds)) s"
        ]
        for table in starter.syntax.tables {
            let key = table.columns.first { $0.isKey }.map { "key \($0.name.name)" } ?? "no key"
            let rows: String
            if case .fixed(let count)? = table.rows?.value { rows = "\(count) rows" } else { rows = "rows per parent" }
            lines.append("  \(table.name.name): \(rows), \(table.columns.count) columns, \(key)")
        }
        lines.append(
            "  keys and references \(starter.keysGuessed ? "guessed from the data" : "from the schema"): "
                + "\(referenceCount) reference\(referenceCount == 1 ? "" : "s")")
        for (label, tag) in [("pii", Modifier.pii), ("quasi-identifier", .quasiIdentifier), ("sensitive", .sensitive)] {
            let names = tagged(tag)
            if !names.isEmpty { lines.append("  \(label): \(names.joined(separator: ", "))") }
        }
        for rename in starter.renames {
            let name = rename.column.map { "\(rename.table).\($0)" } ?? rename.table
            lines.append("  renamed \(name) (was \(rename.original.debugDescription))")
        }
        for note in starter.notes { lines.append("  \(note)") }
        lines.append(
            "candidate rules, commented out: \(starter.suggestions.count) (\(count(.bound)) bounds, "
                + "\(count(.implication)) implications, \(count(.exclusion)) never-seen pairs)")
        lines.append("check: \(check.errorCount) errors, \(check.warningCount) warnings")
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        struct Summary: Encodable {
            var spec: String
            var profile: String
            var source: String
            var seconds: Double
            var tables: [Table]
            var keysGuessed: Bool
            var pii: [String]
            var quasiIdentifiers: [String]
            var sensitive: [String]
            var renamed: [Renamed]
            var notes: [String]
            var suggestions: Suggestions
            var errors: Int
            var warnings: Int
        }
        struct Table: Encodable {
            var name: String
            var rows: Int
            var columns: Int
            var key: String?
        }
        struct Renamed: Encodable {
            var table: String
            var column: String?
            var original: String
        }
        struct Suggestions: Encodable {
            var bounds: Int
            var implications: Int
            var exclusions: Int
        }
        let tables = starter.syntax.tables.map { table in
            var rows = 0
            if case .fixed(let count)? = table.rows?.value { rows = count }
            return Table(
                name: table.name.name, rows: rows, columns: table.columns.count,
                key: table.columns.first { $0.isKey }?.name.name)
        }
        let summary = Summary(
            spec: spec, profile: profile, source: starter.profile.source, seconds: (seconds * 1000).rounded() / 1000,
            tables: tables, keysGuessed: starter.keysGuessed, pii: tagged(.pii),
            quasiIdentifiers: tagged(.quasiIdentifier), sensitive: tagged(.sensitive),
            renamed: starter.renames.map { Renamed(table: $0.table, column: $0.column, original: $0.original) },
            notes: starter.notes,
            suggestions: Suggestions(
                bounds: count(.bound), implications: count(.implication), exclusions: count(.exclusion)),
            errors: check.errorCount, warnings: check.warningCount)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
