public import ArgumentParser
import Foundation
import SeedbedScore

/// `seedbed score SPEC (--target URL | --data DIR)`: the scorecard of a dataset, with gates.
public struct ScoreCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Score a generated dataset: rule conformance, fidelity, privacy, and the gates of a policy.",
        discussion: """
            Reads the data back from where it landed (a database target, or the folder
            seedbed generate wrote) and measures: every rule of the spec, with the
            database's CHECK constraints as db: rules for a target, on every row (violations
            with example keys; a rule whose condition never held is a coverage gap);
            scenario quotas; key uniqueness and referential integrity; fidelity against a
            profile (--profile) or a real source (--baseline); privacy (k-anonymity over the
            quasi-identifier columns, l-diversity over the sensitive ones, and against
            --privacy-against: exact matches, DCR, disclosure protection from the
            quasi-identifiers to the sensitive columns, and a membership-inference attack on
            a seeded holdout split). Then checks the gates of --policy, a YAML file
            (docs/gate-policy.md; default: the built-in scorecards/default.yml).
            docs/scorecard.md describes every number and the JSON format.

            Real sources (--baseline, --privacy-against): a CSV file or folder (one file per
            table, named after it) or a database target.

            Exit codes: 0 every gate passed, 1 a gate failed, 2 usage or input error (a
            malformed spec, policy, profile or data file), 3 the target cannot be reached.

            Examples:
              seedbed score rules/lending.seed --data out/ --profile profiles/lending.json
              seedbed score rules/lending.seed --target sqlite:test.db --format junit --out score.xml
              seedbed score rules/lending.seed --data out/ --privacy-against prod-extract/ --policy scorecards/strict.yml
            """)

    @ArgumentParser.Argument(help: "The spec file.")
    var spec: String

    @Option(help: "The database to score: sqlite:PATH or a PostgreSQL connection string.")
    var target: String?

    @Option(help: "The folder seedbed generate wrote (TABLE.csv or TABLE.jsonl, _lineage.csv).")
    var data: String?

    @Option(help: "A production profile (seedbed profile) to measure fidelity against.")
    var profile: String?

    @Option(help: "A real source to measure fidelity against: a CSV file or folder, or a database target.")
    var baseline: String?

    @Option(name: .customLong("privacy-against"), help: "The real source to measure privacy against.")
    var privacyAgainst: String?

    @Option(help: "The gate policy, a YAML file (default: the built-in scorecards/default.yml).")
    var policy: String?

    @Option(help: "Output format: text, json, markdown, junit or html.")
    var format: ScoreFormat = .text

    @Option(help: "Write the scorecard to this file instead of standard output.")
    var out: String?

    @Option(help: "Seed of the privacy holdout split and random baseline (default: the spec's seed, else 0).")
    var seed: UInt64?

    @Option(
        help: ArgumentHelp(
            "The catalog to record the scorecard in: a SQLite file or a PostgreSQL URI.", valueName: "path-or-url"))
    var catalog: String?

    @Option(
        name: .customLong("version"),
        help: ArgumentHelp("The dataset version scored (default: the spec's 'version').", valueName: "semver"))
    var datasetVersion: String?

    @Flag(help: "Print the wall time of each phase on standard error (for benchmarks).")
    var timings = false

    public init() {}

    public func validate() throws {
        guard (target == nil) != (data == nil) else {
            throw ValidationError("give exactly one of --target URL and --data DIR")
        }
        if profile != nil && baseline != nil {
            throw ValidationError("give --profile or --baseline, not both: fidelity is measured against one baseline")
        }
    }

    public func run() async throws {
        let console = Console.current
        let runner = ScoreRunner(
            specPath: spec, target: target, data: data, profile: profile, baseline: baseline,
            privacyAgainst: privacyAgainst, policy: policy, seed: seed,
            progress: console.isTerminal(.error) ? { console.write("\r\u{1B}[K  \($0)", to: .error) } : nil,
            timed: timings
                ? { console.write((console.isTerminal(.error) ? "\r\u{1B}[K" : "") + Self.timing($0, $1), to: .error) }
                : nil)
        let scorecard: Scorecard
        do {
            scorecard = try runner.run()
            if console.isTerminal(.error) { console.write("\r\u{1B}[K", to: .error) }
        } catch {
            if console.isTerminal(.error) { console.write("\r\u{1B}[K", to: .error) }
            console.write(
                error.message.hasSuffix("\n") ? error.message : "seedbed: error: \(error.message)\n", to: .error)
            throw error.exitCode
        }
        let rendered: String =
            switch format {
            case .text: scorecard.text()
            case .json: scorecard.json()
            case .markdown: scorecard.markdown()
            case .junit: scorecard.junit()
            case .html: scorecard.html()
            }
        if let out {
            do {
                try OutputFile.write(rendered, to: out)
            } catch {
                console.write("seedbed: error: cannot write '\(out)': \(error.localizedDescription)\n", to: .error)
                throw ExitCode.inputError
            }
            console.write("\(scorecard.verdict)\n", to: .error)
        } else {
            console.write(rendered)
        }
        record(scorecard, console: console)
        if !scorecard.passed { throw ExitCode.checkFailed }
    }

    static func timing(_ phase: String, _ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        return "timing: \(phase): \(String(format: "%.3f", seconds)) s\n"
    }
}
