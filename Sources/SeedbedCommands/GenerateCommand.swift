public import ArgumentParser
import Foundation
import SeedbedEngine
import SeedbedSpec

/// `seedbed generate SPEC --out DIR`: make the dataset as files.
public struct GenerateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a spec's dataset as CSV or JSONL files.",
        discussion: """
            Writes DIR/TABLE.csv (or .jsonl) for every table, and DIR/_lineage.csv naming
            the rows made for each scenario. Every row obeys every rule by construction;
            the same spec and seed give the same bytes on any machine.

            --shard i/n makes the i-th of n slices of every table, so n CI workers together
            make exactly what one would. --negative also writes DIR/negative/, in which
            each row breaks exactly one rule (labelled in the lineage), for testing that an
            application rejects bad data.

            Exit codes: 0 done, 1 the spec has errors or a row could not be made, 2 usage
            or input error.

            Examples:
              seedbed generate rules/lending.seed --out data/
              seedbed generate rules/lending.seed --out data/ --rows customer=1000000 --seed 7
              seedbed generate rules/lending.seed --out part2/ --shard 2/4 --format jsonl
            """)

    @ArgumentParser.Argument(help: "The spec file.")
    var spec: String

    @Option(help: "The folder to write into (created if missing).")
    var out: String

    @Option(help: "File format: csv or jsonl.")
    var format: FileFormat = .csv

    @Option(help: "Seed for the random values (default: the spec's seed, else 0).")
    var seed: UInt64?

    @Option(name: .customLong("rows"), help: RowCounts.help)
    var rowCounts: [String] = []

    @Option(help: ArgumentHelp("Make only slice i of n of every table (1-based).", valueName: "i/n"))
    var shard: String?

    @Flag(help: "Also write rows that each break exactly one rule, to DIR/negative/.")
    var negative = false

    @Option(help: "Summary format: text or json.")
    var summary: OutputFormat = .text

    @Option(help: "The production profile 'from profile' columns follow (default: the spec's profile \"FILE\").")
    var profile: String?

    @OptionGroup(title: "Catalog")
    var catalogOptions: CatalogOptions

    public init() {}

    public enum FileFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
        case csv, jsonl
    }

    public func validate() throws {
        if let shard, Shard(shard) == nil { throw ValidationError("--shard takes i/n with 1 ≤ i ≤ n, such as 2/4") }
        try RowCounts.validate(rowCounts)
    }

    public func run() async throws {
        let console = Console.current
        try catalogOptions.checkVersion()
        let source: SourceFile
        do {
            source = try SpecInput.read(spec)
        } catch {
            console.write("seedbed: error: \(error)\n", to: .error)
            throw ExitCode.inputError
        }
        let checked = Checker().check(source)
        if checked.hasErrors {
            console.write(DiagnosticRenderer().render(checked.diagnostics, in: source), to: .error)
            console.write(
                "seedbed: error: \(spec) has \(checked.errorCount) error(s); nothing was generated\n", to: .error)
            throw ExitCode.checkFailed
        }
        var options = Generation.Options()
        options.seed = seed
        options.shard = shard.flatMap(Shard.init) ?? .whole
        options.negative = negative
        options.rows = RowCounts.parse(rowCounts)
        let marginals: ProfileMarginals?
        do {
            marginals = try ProfileMarginals.load(option: profile, spec: checked.syntax, specPath: spec)
        } catch {
            console.write("seedbed: error: \(error)\n", to: .error)
            throw ExitCode.inputError
        }
        let showProgress = console.isTerminal(.error)
        var model: GenerationModel?
        let result: Result<GenerationSummary, GenerationError> = Result { () throws(GenerationError) in
            let made = try GenerationModel(checked: checked, profile: marginals)
            model = made
            let generation = try Generation(model: made, options: options)
            return try generation.write(to: out, format: format == .csv ? .csv : .jsonl) { table, rows in
                if showProgress { console.write("\r\u{1B}[K  \(table): \(rows) rows", to: .error) }
            }
        }
        if showProgress { console.write("\r\u{1B}[K", to: .error) }
        switch result {
        case .success(let made):
            console.write(GenerationReport(summary: made, out: out, format: summary).text())
            // The catalog records this dataset version (docs/catalog.md).
            if let model {
                try catalogOptions.registerGeneration(
                    specPath: spec, syntax: checked.syntax, model: model, out: out, format: format.rawValue,
                    shard: shard, summary: made)
            }
        case .failure(let error):
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.isUsage ? ExitCode.inputError : ExitCode.checkFailed
        }
    }
}
