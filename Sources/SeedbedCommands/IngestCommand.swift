import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedFeedback

/// `seedbed ingest FILE|DIR… --dataset NAME@VERSION`: JUnit XML into the catalog as one test run.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Store the JUnit XML of a test run against a dataset version in the catalog.",
        discussion: """
            Reads every JUnit file given (a folder: every *.xml inside), prints what each holds
            (tests, passed, failed, errors, skipped, flaky, partial) and stores the run, its tests,
            attempts, failure fingerprints and trace links in one transaction (docs/feedback.md).
            The same --run ID again replaces that run. --negative marks a run of tests on the
            rule-breaking rows of generate --negative: its failures are expected and count only
            towards the negative-data catch rate (docs/effectiveness.md).

            --dry-run reads, checks and fingerprints every file exactly as an ingest does and
            prints the same summary, but opens no catalog and stores nothing: a CI step that
            validates a report (exit codes as below, 3 excepted).

            Exit codes: 0 stored, 1 stored but a file was partial (--allow-partial), 2 a file is
            missing, refused or broken (nothing stored) or the dataset version is unknown,
            3 the catalog cannot be written.

            Examples:
              seedbed ingest build/test-results --dataset lending@1.4.0 --run "$CI_JOB_ID" --commit "$CI_COMMIT_SHA"
              seedbed ingest report.xml --dataset lending@1.4.0 --format json
              seedbed ingest build/test-results --dataset lending@1.4.0 --dry-run
            """)

    @Argument(help: ArgumentHelp("JUnit XML files, or folders of them.", valueName: "file-or-dir"))
    var paths: [String]

    @Option(help: ArgumentHelp("The dataset version the tests ran on.", valueName: "NAME@VERSION"))
    var dataset: String

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("The CI run's ID (default: a new one); the same ID replaces that run.", valueName: "id"))
    var runID: String?

    @Option(help: ArgumentHelp("The commit of the code under test.", valueName: "sha"))
    var commit: String?

    @Flag(help: "Keep what a truncated or malformed file held before the break; the run is marked partial.")
    var allowPartial = false

    @Flag(help: "The tests ran on negative data (generate --negative rows): measure the catch rate from it.")
    var negative = false

    @Flag(help: "Read and check the files, print the summary, store nothing (no catalog is opened).")
    var dryRun = false

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let console = Console.current
        let reference = try reportingCatalogErrors { () throws(CatalogError) in
            try DatasetReference(parsing: dataset)
        }
        var ingestion = TestRunIngestion(
            dataset: reference, runID: runID ?? UUID().uuidString.lowercased(), commit: commit,
            options: JUnitParseOptions(allowPartial: allowPartial))
        ingestion.negative = negative
        if dryRun {
            try check(ingestion, console: console)
            return
        }
        let catalog = try options.open()
        let result: IngestResult
        do {
            result = try ingestion.ingest(files: paths, into: catalog)
        } catch let error as JUnitError {
            console.write("\(error.description)\nseedbed: nothing was stored\n", to: .error)
            throw ExitCode.inputError
        } catch let error as CatalogError {
            console.write("seedbed: error: \(error.message)\nseedbed: nothing was stored\n", to: .error)
            throw error.kind.exitCode
        }
        Self.writeWarnings(result, console: console)
        switch options.format {
        case .json:
            var ingested = IngestedRun(result, catalog: catalog.location)
            ingested.negative = negative
            console.write(CommandJSON.text(ingested))
        case .text:
            console.write(Self.text(result, catalog: catalog.location))
            if negative { console.write("a run on negative data: its failures count towards the catch rate\n") }
        }
        if result.total.partial > 0 { throw ExitCode.checkFailed }
    }

    /// `--dry-run`: the same reading and summary, no catalog.
    private func check(_ ingestion: TestRunIngestion, console: Console) throws {
        let result: IngestResult
        do {
            result = try ingestion.check(files: paths)
        } catch let error as JUnitError {
            console.write("\(error.description)\n", to: .error)
            throw ExitCode.inputError
        }
        Self.writeWarnings(result, console: console)
        switch options.format {
        case .json:
            var checked = IngestedRun(result, catalog: nil)
            checked.dryRun = true
            console.write(CommandJSON.text(checked))
        case .text:
            console.write(Self.text(result, catalog: nil))
        }
        if result.total.partial > 0 { throw ExitCode.checkFailed }
    }

    private static func writeWarnings(_ result: IngestResult, console: Console) {
        for file in result.files {
            for warning in file.warnings { console.write("\(warning.description)\n", to: .error) }
            if let partial = file.partial {
                console.write("\(partial.description) (kept up to there: the run is partial)\n", to: .error)
            }
        }
    }

    /// - Parameter catalog: nil for a dry run.
    static func text(_ result: IngestResult, catalog: String?) -> String {
        var rows = [["FILE", "TESTS", "PASSED", "FAILED", "ERRORS", "SKIPPED", "FLAKY", "PARTIAL"]]
        func row(_ name: String, _ summary: RunSummary) -> [String] {
            [
                name, "\(summary.tests)", "\(summary.passed)", "\(summary.failed)", "\(summary.errors)",
                "\(summary.skipped)", "\(summary.flaky)", "\(summary.partial)",
            ]
        }
        for file in result.files { rows.append(row(file.file, file.summary)) }
        let count = result.files.count
        rows.append(row("total (\(count) \(count == 1 ? "file" : "files"))", result.total))
        var text = CatalogText.table(rows)
        guard let catalog else {
            let tests = result.total.tests
            text += "dry run: \(tests) \(tests == 1 ? "test" : "tests") read and checked, nothing stored\n"
            if !result.total.isGreen { text += result.total.partial > 0 ? "not green: partial\n" : "not green\n" }
            return text
        }
        text += "stored run \(result.runID) of \(result.dataset)"
        if let commit = result.commit { text += " at commit \(commit)" }
        text += ": \(result.stored) \(result.stored == 1 ? "test" : "tests") in \(catalog)"
        if let replaced = result.replaced {
            text += " (replacing the run ingested \(CatalogText.time(replaced.ingestedAt)) for \(replaced.dataset))"
        }
        text += "\n"
        if !result.total.isGreen {
            text += result.total.partial > 0 ? "not green: partial\n" : "not green\n"
        }
        return text
    }
}

/// `ingest --format json`.
struct IngestedRun: Encodable {
    struct File: Encodable {
        var file: String
        var summary: RunSummary
        var partial: String?
        var warnings: [String]
    }

    var run: String
    var dataset: String
    var commit: String?
    /// nil for a dry run.
    var catalog: String?
    var replaced: Bool
    var stored: Int
    var files: [File]
    var total: RunSummary
    var green: Bool
    /// Ingested with `--negative`.
    var negative = false
    /// `--dry-run`: nothing stored.
    var dryRun = false

    init(_ result: IngestResult, catalog: String?) {
        run = result.runID
        dataset = result.dataset.description
        commit = result.commit
        self.catalog = catalog
        replaced = result.replaced != nil
        stored = result.stored
        files = result.files.map {
            File(
                file: $0.file, summary: $0.summary, partial: $0.partial?.description,
                warnings: $0.warnings.map(\.description))
        }
        total = result.total
        green = result.total.isGreen
    }
}
