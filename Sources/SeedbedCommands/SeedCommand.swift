public import ArgumentParser
import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedStores

/// `seedbed seed SPEC --target URL`: fill a test database, atomically.
public struct SeedCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Fill a SQLite or PostgreSQL test database with a spec's dataset, atomically.",
        discussion: """
            Reads the database's schema first (the application's migrations made it):
            columns, keys, foreign keys, unique constraints and CHECK constraints. Spec
            columns must exist there; database columns the spec leaves out are generated
            from their types and constraints; simple CHECKs become rules named db:NAME
            that every row obeys. Tables load parents first, in one transaction: on any
            error, or SIGINT/SIGTERM, nothing is written. The tagged rows (scenarios) go
            to the table _seedbed_lineage in the same transaction.

            Targets: sqlite:PATH (or a path ending in .db, .sqlite or .sqlite3), or a
            PostgreSQL connection string as psql takes it (postgresql://USER@HOST/DB, or
            'host=... dbname=...'); the PG* variables and ~/.pgpass fill in what it leaves
            out. Passwords never appear in output.

            Modes: replace (default) deletes the spec's tables' rows first; append keeps
            them; truncate empties them with TRUNCATE (PostgreSQL: RESTART IDENTITY CASCADE,
            which also empties tables that reference them).

            Exit codes: 0 loaded, 1 the spec has errors or a row could not be made, 2 usage
            error or the spec and the database disagree, 3 the database cannot be reached
            or refused the load (nothing was written).

            Examples:
              seedbed seed rules/lending.seed --target sqlite:test.db --create
              seedbed seed rules/lending.seed --target postgresql://ci@localhost/app_test
              seedbed seed rules/lending.seed --target "$DATABASE_URL" --mode truncate --seed 7
            """)

    @ArgumentParser.Argument(help: "The spec file.")
    var spec: String

    @Option(help: "The database to fill: sqlite:PATH or a PostgreSQL connection string.")
    var target: String

    @Option(help: "How to treat rows already there: replace, append or truncate.")
    var mode: Seeder.Mode = .replace

    @Flag(help: "Create the spec's tables the database lacks (and a SQLite file that does not exist).")
    var create = false

    @Option(help: "Seed for the random values (default: the spec's seed, else 0).")
    var seed: UInt64?

    @Option(name: .customLong("rows"), help: RowCounts.help)
    var rowCounts: [String] = []

    @Flag(name: .customLong("no-lineage"), help: "Do not write the _seedbed_lineage table.")
    var noLineage = false

    @Option(help: "Summary format: text or json.")
    var format: OutputFormat = .text

    @Option(help: "The production profile 'from profile' columns follow (default: the spec's profile \"FILE\").")
    var profile: String?

    @OptionGroup(title: "Catalog")
    var catalogOptions: CatalogOptions

    public init() {}

    public func validate() throws {
        try RowCounts.validate(rowCounts)
    }

    public func run() async throws {
        // From the start: a signal during introspection or planning still ends in a clean
        // "interrupted" rather than a kill (which the database would roll back all the same).
        try Interruption.catching { () throws in try load() }
    }

    private func load() throws {
        let console = Console.current
        try catalogOptions.checkVersion()
        func fail(_ message: String, _ code: ExitCode) -> ExitCode {
            console.write("seedbed: error: \(message)\n", to: .error)
            return code
        }
        let source: SourceFile
        do {
            source = try SpecInput.read(spec)
        } catch {
            throw fail("\(error)", .inputError)
        }
        let parsed = ParsedSpec.parse(source)
        if !parsed.isWellFormed {
            console.write(DiagnosticRenderer().render(parsed.diagnostics, in: source), to: .error)
            throw fail("\(spec) has syntax errors; nothing was loaded", .checkFailed)
        }
        let target: Target
        do {
            target = try Target(parsing: self.target)
        } catch {
            throw fail(error.message, .inputError)
        }
        do {
            let database = try target.open(create: create)
            let merge = try SchemaMerge(
                spec: parsed.syntax, schema: try database.introspect(), dialect: database.dialect, create: create,
                source: source)
            for warning in merge.warnings { console.write("seedbed: warning: \(warning)\n", to: .error) }
            let checked = Checker().check(parsed.amending(merge.syntax))
            if checked.hasErrors {
                console.write(DiagnosticRenderer().render(checked.diagnostics, in: source), to: .error)
                throw fail(
                    "\(spec) has \(checked.errorCount) error(s) together with the database's constraints; nothing was loaded",
                    .checkFailed)
            }
            var options = Generation.Options()
            options.seed = seed
            options.rows = RowCounts.parse(rowCounts)
            let marginals: ProfileMarginals?
            do {
                marginals = try ProfileMarginals.load(option: profile, spec: parsed.syntax, specPath: spec)
            } catch {
                throw fail("\(error)", .inputError)
            }
            let generation: Generation
            do {
                generation = try Generation(
                    model: try GenerationModel(checked: checked, profile: marginals), options: options)
            } catch {
                throw fail(error.message, error.isUsage ? .inputError : .checkFailed)
            }
            var seedOptions = Seeder.Options()
            seedOptions.mode = mode
            seedOptions.lineage = !noLineage
            let seeder = Seeder(
                database: database, merge: merge, generation: generation, options: seedOptions,
                isInterrupted: { Interruption.isRequested })
            let showProgress = console.isTerminal(.error)
            let summary = try seeder.run { table, rows in
                if showProgress { console.write("\r\u{1B}[K  \(table): \(rows) rows", to: .error) }
            }
            if showProgress { console.write("\r\u{1B}[K", to: .error) }
            let version = catalogOptions.datasetVersion ?? parsed.syntax.dataset?.version?.value
            let dataset = parsed.syntax.dataset.flatMap { declared in version.map { "\(declared.name.name)@\($0)" } }
            console.write(
                SeedReport(summary: summary, target: target.redacted, dataset: dataset, format: format).text())
            // The catalog records this dataset version (docs/catalog.md).
            try catalogOptions.registerSeed(
                specPath: spec, syntax: parsed.syntax, model: generation.model, target: target,
                made: summary.tables)
        } catch let error as StoreError {
            throw fail(error.message, error.kind.exitCode)
        }
    }
}

extension Seeder.Mode: ExpressibleByArgument {}

extension StoreError.Kind {
    var exitCode: ExitCode {
        switch self {
        case .usage, .schema: .inputError
        case .unreachable, .database: .environmentError
        case .generation: .checkFailed
        }
    }
}
