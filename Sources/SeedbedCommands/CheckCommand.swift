public import ArgumentParser
import Foundation
import SeedbedSpec

/// `seedbed check SPEC…`: parse and analyse spec files.
public struct CheckCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check spec files for errors before any row is made.",
        discussion: """
            Reports syntax errors, unknown names, type mismatches, weights that do not sum
            to 1, rules no row can satisfy, rules that contradict each other and scenarios
            that contradict a rule: every error in every file, each with its place and,
            where one is known, a fix.

            A folder stands for every *.seed file in it.

            Exit codes: 0 no errors (warnings allowed), 1 errors found, 2 usage error or
            unreadable file.

            Examples:
              seedbed check rules/lending.seed
              seedbed check rules/ --format json
            """)

    @ArgumentParser.Argument(help: "Spec files or folders of them.")
    var specs: [String]

    @Option(help: "Output format: text for people, json for machines.")
    var format: OutputFormat = .text

    @Option(help: "Colour the diagnostics: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    @Flag(help: "Treat warnings as errors.")
    var warningsAsErrors = false

    public init() {}

    public func run() async throws {
        let console = Console.current
        let (paths, failures) = SpecInput.expand(specs)
        var results: [CheckResult] = []
        var unreadable = failures
        for path in paths {
            do {
                results.append(Checker().check(try SpecInput.read(path)))
            } catch {
                unreadable.append(error)
            }
        }
        let errors = results.reduce(0) { $0 + $1.errorCount }
        let warnings = results.reduce(0) { $0 + $1.warningCount }

        switch format {
        case .json:
            let report = CheckReport(results: results, unreadable: unreadable)
            console.write(try report.json() + "\n")
        case .text:
            let renderer = DiagnosticRenderer(style: color.isEnabled(for: .error, console: console) ? .colored : .plain)
            for failure in unreadable { console.write("seedbed: error: \(failure)\n", to: .error) }
            for result in results where !result.diagnostics.isEmpty {
                console.write(renderer.render(result.diagnostics, in: result.source), to: .error)
            }
            let files = "\(results.count) spec\(results.count == 1 ? "" : "s")"
            console.write("checked \(files): \(DiagnosticRenderer.summary(errors: errors, warnings: warnings))\n")
        }
        if !unreadable.isEmpty { throw ExitCode.inputError }
        if errors > 0 || (warningsAsErrors && warnings > 0) { throw ExitCode.checkFailed }
    }
}
