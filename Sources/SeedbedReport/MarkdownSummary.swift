import Foundation
import SeedbedCatalog
import SeedbedFeedback

/// The report as Markdown, for a pull-request comment or `$GITHUB_STEP_SUMMARY`: each dataset's
/// latest version with its verdict and figures, the gates that fail, and (where tests ran) the
/// defect-detection trend as a table.
public struct MarkdownSummary: Sendable {
    public var data: ReportData
    /// `YYYY-MM-DD` (UTC): the day certificates' expiry is judged on.
    public var asOf: String

    public init(data: ReportData, asOf: String) {
        self.data = data
        self.asOf = asOf
    }

    public func render() -> String {
        var out = "## Seedbed test data\n\n"
        guard !data.datasets.isEmpty else {
            return out + "The catalog has no dataset versions yet.\n"
        }
        let latest = data.datasets.compactMap { dataset in dataset.versions.last.map { VersionSummary($0, asOf: asOf) }
        }
        out +=
            "| Dataset | Latest version | Verdict | Fidelity | Rule conformance | Violations | Unmet scenarios | Certificate |\n"
        out += "|---|---|---|--:|--:|--:|--:|---|\n"
        for summary in latest {
            let document = summary.scorecard
            let certificate =
                summary.certificate.map { record in
                    summary.certificateBadge.plain + (record.expires.map { " (expires \($0))" } ?? "")
                } ?? summary.certificateBadge.plain
            out += row([
                summary.version.reference.name, summary.version.reference.version.description, summary.verdict.plain,
                Figures.score(document?.fidelity?.score), Figures.percent(document?.conformance?.rate),
                Figures.integer(document?.conformance?.violations),
                Figures.integer(document?.conformance?.unmetScenarios), certificate,
            ])
        }
        let failing = latest.flatMap { summary in
            (summary.scorecard?.failedGates ?? []).map { (summary.version.reference.description, $0) }
        }
        out += "\n### Failing gates\n\n"
        if failing.isEmpty {
            out += "None: every latest version that was scored passes its gates.\n"
        } else {
            for (version, gate) in failing {
                let value = gate.value.map(Figures.gateValue) ?? "not measured"
                let why = gate.value == nil ? gate.reason.map { ": " + Self.escaped($0) } ?? "" : ""
                out +=
                    "- **\(Self.escaped(version))**: `\(Self.code(gate.name)) \(Self.code(gate.comparison ?? "")) \(Figures.gateValue(gate.threshold))` is \(value)\(why)"
                out += gate.location.map { " (\(Self.escaped($0)))\n" } ?? "\n"
            }
        }
        for dataset in data.effectiveness {
            out += "\n### Defect detection: \(Self.escaped(dataset.name))\n\n"
            out += "| Version | Runs | Tests | Failing | Flaky | Revealed | Rules tested | Rules without a test |\n"
            out += "|---|--:|--:|--:|--:|--:|---|---|\n"
            for entry in dataset.trend {
                out += row([
                    entry.dataset.version.description,
                    Figures.integer(entry.runs) + (entry.partialRuns > 0 ? " (\(entry.partialRuns) partial)" : ""),
                    Figures.integer(entry.tests), Figures.integer(entry.failingTests),
                    Figures.integer(entry.flakyTests),
                    entry.revealed.map { Figures.integer($0.count) } ?? "–", "\(entry.rulesLinked) of \(entry.rules)",
                    entry.rulesUntested.isEmpty ? "none" : entry.rulesUntested.joined(separator: ", "),
                ])
            }
        }
        return out
    }

    /// A table row, each cell escaped.
    func row(_ cells: [String]) -> String {
        "| " + cells.map(Self.escaped).joined(separator: " | ") + " |\n"
    }

    /// Text safe in a Markdown table cell and in GitHub's HTML-accepting renderer: `<`, `>` and
    /// `&` as entities (so a test named `<img …>` is text), Markdown punctuation backslashed,
    /// line breaks as spaces.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n": out += " "
            case "|", "\\", "`", "*", "_", "[", "]", "#", "~": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Text inside a code span: a backtick cannot be escaped there, so it becomes a quote.
    static func code(_ text: String) -> String {
        text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ")
    }
}
