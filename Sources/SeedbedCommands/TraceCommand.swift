import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedFeedback
import SeedbedSpec

/// `seedbed trace TEST|RUN`: from a failure to its attempts, fingerprint, rules, scenarios and
/// their spec lines, and the dataset versions where the test failed or passed.
struct TraceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "Trace a test (by name or key) or each failure of a run to its rules and spec lines.",
        discussion: """
            A run ID traces each failed or errored test of that run. Otherwise the argument names
            tests: a test key (as `trace` and `--format json` print it), a test name, or
            classname.name. Rules, scenarios and records come from the test's properties, output
            markers and name ([rule:ELIG-002]), record keys in its failure message (TABLE:KEY,
            or a links file's record patterns) and the links file's test lines; their lines from
            the dataset version's spec as the catalog recorded it. A record is traced through the
            version's lineage (DIR/_lineage.csv of a generated folder, _seedbed_lineage of a
            seeded target) to the scenario or negative rule that made it. See docs/feedback.md.

            Exit codes: 0 done, 2 no such run or test, or no catalog, 3 the catalog cannot be read.
            """)

    @ArgumentParser.Argument(
        help: ArgumentHelp("A test run ID, a test key, a test name or classname.name.", valueName: "test-or-run"))
    var subject: String

    @Option(
        help: ArgumentHelp(
            "A side-car links file: test lines (GLOB rule=ID …) and record lines (TABLE REGEX).",
            valueName: "file"))
    var links: String?

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let map = try LinkMap.load(option: links)
        let catalog = try options.open()
        var resolver = TraceResolver(catalog: catalog, links: map)
        let console = Console.current
        if let run = try reportingCatalogErrors({ () throws(CatalogError) in try resolver.trace(run: subject) }) {
            switch options.format {
            case .json: console.write(CommandJSON.text(TracedRun(run)))
            case .text: console.write(Self.text(run))
            }
            return
        }
        let traces = try reportingCatalogErrors { () throws(CatalogError) in try resolver.trace(test: subject) }
        guard !traces.isEmpty else {
            console.write(
                "seedbed: error: no test run or test named '\(subject)' in the catalog (\(catalog.location))\n",
                to: .error)
            throw ExitCode.inputError
        }
        switch options.format {
        case .json: console.write(CommandJSON.text(traces.map(TracedTest.init)))
        case .text: console.write(traces.map(Self.text).joined(separator: "\n"))
        }
    }

    static func text(_ run: RunTrace) -> String {
        let record = run.run
        let files = record.files
        func sum(_ value: (TestFileRecord) -> Int) -> Int { files.map(value).reduce(0, +) }
        var text = "run \(record.id) of \(record.dataset)"
        if let commit = record.commit { text += " at commit \(commit)" }
        text += ", \(CatalogText.time(record.runAt))\(record.partial ? " (partial)" : "")\n"
        text +=
            "  \(sum(\.tests)) tests: \(sum(\.passed)) passed, \(sum(\.failed)) failed, \(sum(\.errors)) errors, \(sum(\.skipped)) skipped, \(sum(\.flaky)) flaky\n"
        text += "  failures: \(run.failures.isEmpty ? "none" : "\(run.failures.count)")\n"
        for failure in run.failures { text += "\n" + Self.text(failure) }
        return text
    }

    static func text(_ trace: TestTrace) -> String {
        let result = trace.focus.result
        let run = trace.focus.run
        var text = "test \(result.displayName)\n"
        text += "  key          \(result.key)\n"
        if !result.suitePath.isEmpty { text += "  suites       \(result.suitePath.joined(separator: " / "))\n" }
        if let file = result.file { text += "  file         \(file)\n" }
        text += "  report       \(result.reportFile):\(result.reportLine)\n"
        text +=
            "  run          \(run.id) of \(run.dataset)\(run.commit.map { " at commit \($0)" } ?? ""): \(result.status)\n"
        for (index, attempt) in result.attempts.enumerated() {
            var line = "  attempt \(index + 1)    \(attempt.outcome)"
            if attempt.origin != "testCase" { line += " (\(attempt.origin))" }
            if let duration = attempt.duration { line += " " + String(format: "%.3f s", duration) }
            if let fingerprint = attempt.fingerprint { line += "  \(fingerprint)" }
            if let message = attempt.message { line += "  \(Self.oneLine(message))" }
            text += line + "\n"
        }
        if let fingerprint = result.fingerprint {
            text += "  fingerprint  \(fingerprint) (coarse \(result.coarseFingerprint ?? "-"))\n"
            if let deciding = result.attempts.last(where: { $0.fingerprint == fingerprint }) {
                if let normalized = deciding.normalizedMessage { text += "    message    \(normalized)\n" }
                for frame in deciding.frames { text += "    frame      \(frame)\n" }
            }
        }
        if trace.links.isEmpty {
            text += "  links        none (no rule, scenario or record named by the test)\n"
        }
        for link in trace.links { text += Self.text(link) }
        text += "  failed on    \(Self.list(trace.failedOn))\n"
        text += "  passed on    \(Self.list(trace.passedOn))\n"
        text += "  history:\n"
        for stored in trace.history {
            var line =
                "    \(CatalogText.time(stored.run.runAt))  \(stored.run.id)  \(stored.run.dataset)  \(stored.run.commit ?? "-")  \(stored.result.status)"
            if let fingerprint = stored.result.fingerprint { line += "  \(fingerprint)" }
            text += line + "\n"
        }
        return text
    }

    static func text(_ link: TracedLink) -> String {
        var label = "\(link.link.kind.rawValue) \(link.link.value)"
        switch link.origin {
        case .report: break
        case .message: label += " [failure message]"
        case .linksFile: label += " [links file]"
        }
        let place = link.entry.map { "\($0.location.file):\($0.location.line)  \($0.text)" }
        if let record = link.record {
            switch record.source {
            case .scenario(let id):
                return "  \(label)  made for scenario \(id) (\(record.lineage.joined(separator: ", ")))\n"
                    + "    \(place ?? "scenario \(id) is not in the spec of \(link.dataset)")\n"
            case .negative(let id):
                return "  \(label)  a negative row breaking rule \(id) (\(record.lineage.joined(separator: ", ")))\n"
                    + "    \(place ?? "rule \(id) is not in the spec of \(link.dataset)")\n"
            case .base:
                let searched = record.lineage.isEmpty ? "" : " (in \(record.lineage.joined(separator: ", ")))"
                return "  \(label)  generated by the base distribution: no lineage row names it\(searched)\n"
            case .unavailable(let reason):
                return "  \(label)  lineage unavailable: \(reason)\n"
            }
        }
        if let place { return "  \(label)  \(place)\n" }
        if link.link.kind == .rule || link.link.kind == .scenario {
            return "  \(label)  not in the spec of \(link.dataset)\n"
        }
        return "  \(label)\n"
    }

    static func list(_ versions: [DatasetReference]) -> String {
        versions.isEmpty ? "none" : versions.map(\.description).joined(separator: ", ")
    }

    /// The first line of a message, cut to a readable length.
    static func oneLine(_ message: String) -> String {
        let first = message.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return first.count > 100 ? String(first.prefix(100)) + "…" : first
    }
}

// MARK: - JSON

struct TracedTest: Encodable {
    struct Attempt: Encodable {
        var outcome: String
        var origin: String
        var duration: Double?
        var message: String?
        var type: String?
        var fingerprint: String?
        var normalizedMessage: String?
        var frames: [String]
    }

    struct Link: Encodable {
        var kind: String
        var id: String
        /// `report`, `message` or `links-file`.
        var origin: String
        var dataset: String
        var specFile: String?
        var line: Int?
        var text: String?
        var record: Record?
    }

    /// A record link through the lineage.
    struct Record: Encodable {
        var table: String?
        var key: String
        /// `scenario`, `negative`, `base` or `unavailable`.
        var madeBy: String
        /// The scenario or rule ID for `scenario` and `negative`.
        var id: String?
        var lineage: [String]
        var reason: String?

        init(_ origin: RecordOrigin) {
            table = origin.table
            key = origin.key
            lineage = origin.lineage
            switch origin.source {
            case .scenario(let scenario): (madeBy, id) = ("scenario", scenario)
            case .negative(let rule): (madeBy, id) = ("negative", rule)
            case .base: madeBy = "base"
            case .unavailable(let why): (madeBy, reason) = ("unavailable", why)
            }
        }
    }

    struct Sighting: Encodable {
        var run: String
        var dataset: String
        var commit: String?
        var runAt: String
        var status: String
        var fingerprint: String?
    }

    var key: String
    var name: String
    var classname: String?
    var suitePath: [String]
    var file: String?
    var report: String
    var run: String
    var dataset: String
    var commit: String?
    var status: String
    var attempts: [Attempt]
    var fingerprint: String?
    var coarseFingerprint: String?
    var message: String?
    var links: [Link]
    var failedOn: [String]
    var passedOn: [String]
    var history: [Sighting]

    init(_ trace: TestTrace) {
        let result = trace.focus.result
        key = result.key
        name = result.name
        classname = result.classname
        suitePath = result.suitePath
        file = result.file
        report = "\(result.reportFile):\(result.reportLine)"
        run = trace.focus.run.id
        dataset = trace.focus.run.dataset.description
        commit = trace.focus.run.commit
        status = result.status
        attempts = result.attempts.map {
            Attempt(
                outcome: $0.outcome, origin: $0.origin, duration: $0.duration, message: $0.message,
                type: $0.failureType, fingerprint: $0.fingerprint, normalizedMessage: $0.normalizedMessage,
                frames: $0.frames)
        }
        fingerprint = result.fingerprint
        coarseFingerprint = result.coarseFingerprint
        message = result.message
        links = trace.links.map {
            Link(
                kind: $0.link.kind.rawValue, id: $0.link.value, origin: $0.origin.rawValue,
                dataset: $0.dataset.description, specFile: $0.entry?.location.file, line: $0.entry?.location.line,
                text: $0.entry?.text, record: $0.record.map(Record.init))
        }
        failedOn = trace.failedOn.map(\.description)
        passedOn = trace.passedOn.map(\.description)
        history = trace.history.map {
            Sighting(
                run: $0.run.id, dataset: $0.run.dataset.description, commit: $0.run.commit,
                runAt: CatalogText.time($0.run.runAt), status: $0.result.status, fingerprint: $0.result.fingerprint)
        }
    }
}

struct TracedRun: Encodable {
    var run: String
    var dataset: String
    var commit: String?
    var runAt: String
    var partial: Bool
    var files: [TestFileRecord]
    var failures: [TracedTest]

    init(_ trace: RunTrace) {
        run = trace.run.id
        dataset = trace.run.dataset.description
        commit = trace.run.commit
        runAt = CatalogText.time(trace.run.runAt)
        partial = trace.run.partial
        files = trace.run.files
        failures = trace.failures.map(TracedTest.init)
    }
}

// MARK: - --links

extension LinkMap {
    /// The links file of `--links` (none without it), or its errors on stderr and exit 2.
    static func load(option path: String?) throws -> LinkMap {
        guard let path else { return LinkMap() }
        do {
            return try LinkMap.load(path: path)
        } catch {
            Console.current.write(
                error.problems.map { "seedbed: error: \($0)\n" }.joined(), to: .error)
            throw ExitCode.inputError
        }
    }
}
