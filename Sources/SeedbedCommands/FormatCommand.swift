public import ArgumentParser
import Foundation
import SeedbedSpec

/// `seedbed fmt SPEC…`: lay out spec files canonically, keeping comments.
public struct FormatCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "fmt",
        abstract: "Lay out spec files canonically, keeping comments.",
        discussion: """
            Rewrites each spec in place in the canonical layout: one clause per line,
            columns aligned, one blank line between items, the fewest parentheses that keep
            an expression's meaning. Comments stay with the line they describe. A spec
            with a syntax error is left untouched and its errors are shown.

            Exit codes: 0 done (or, with --check, nothing to change), 1 with --check when a
            spec would change, 2 usage error, unreadable file or syntax error.

            Examples:
              seedbed fmt rules/
              seedbed fmt --check rules/lending.seed     # in CI
              seedbed fmt --stdout draft.seed
            """)

    @ArgumentParser.Argument(help: "Spec files or folders of them.")
    var specs: [String]

    @Flag(help: "Change nothing; list the specs that would change and exit 1 if any would.")
    var check = false

    @Flag(help: "Print the formatted spec instead of rewriting the file.")
    var stdout = false

    @Option(help: "Colour the diagnostics: auto (on a terminal), always or never.")
    var color: ColorChoice = .auto

    public init() {}

    public func validate() throws {
        if check && stdout { throw ValidationError("--check and --stdout cannot be combined") }
    }

    public func run() async throws {
        let console = Console.current
        let renderer = DiagnosticRenderer(style: color.isEnabled(for: .error, console: console) ? .colored : .plain)
        let (paths, failures) = SpecInput.expand(specs)
        var inputErrors = failures.count
        var changed: [String] = []
        for failure in failures { console.write("seedbed: error: \(failure)\n", to: .error) }
        for path in paths {
            let source: SourceFile
            do {
                source = try SpecInput.read(path)
            } catch {
                console.write("seedbed: error: \(error)\n", to: .error)
                inputErrors += 1
                continue
            }
            let parsed = ParsedSpec.parse(source)
            guard parsed.isWellFormed else {
                console.write(renderer.render(parsed.diagnostics, in: source), to: .error)
                inputErrors += 1
                continue
            }
            let formatted = SpecPrinter.format(parsed)
            if stdout {
                console.write(formatted)
                continue
            }
            guard Array(formatted.utf8) != source.bytes else { continue }
            changed.append(path)
            if check {
                console.write("would reformat \(path)\n")
            } else {
                do {
                    try formatted.write(toFile: path, atomically: true, encoding: .utf8)
                    console.write("reformatted \(path)\n")
                } catch {
                    console.write("seedbed: error: cannot write '\(path)': \(error.localizedDescription)\n", to: .error)
                    inputErrors += 1
                }
            }
        }
        if inputErrors > 0 { throw ExitCode.inputError }
        if check && !changed.isEmpty { throw ExitCode.checkFailed }
    }
}
