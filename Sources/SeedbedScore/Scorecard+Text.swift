import Foundation
import SeedbedSpec

extension Scorecard {
    /// A score with four decimals, or `-` when not measured.
    static func score(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "-" }
        return String(format: "%.4f", value)
    }

    /// A gate's measured value: whole numbers as such, scores with four decimals.
    static func gateValue(_ result: GateResult) -> String {
        guard let value = result.value else { return "not measured" }
        return value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : score(value)
    }

    /// The verdict line: `PASSED: all 8 gates hold` or `FAILED: 2 of 8 gates: …`.
    public var verdict: String {
        let failed = failedGates
        if failed.isEmpty { return "PASSED: all \(gates.count) gates hold" }
        return "FAILED: \(failed.count) of \(gates.count) gates: "
            + failed.map(\.gate.description).joined(separator: "; ")
    }

    /// For people, on a terminal.
    public func text() -> String {
        var lines: [String] = []
        lines.append("Scorecard of \(dataset) (spec \(spec))")
        lines.append("Definitions: \(definitions)")
        lines.append("Tables: " + tables.map { "\($0.name) \($0.rows) rows" }.joined(separator: ", "))
        lines.append("")
        lines.append(
            "Rule conformance: \(conformance.violations) violation\(conformance.violations == 1 ? "" : "s") in \(conformance.rules.count) rules (rate \(Self.score(conformance.rate)))"
        )
        for rule in conformance.rules {
            var line =
                "  \(rule.violations == 0 ? "ok  " : "FAIL") \(rule.id) (\(rule.table)): checked \(rule.checked), when held \(rule.fired), violations \(rule.violations)"
            if !rule.examples.isEmpty { line += ", e.g. keys \(rule.examples.joined(separator: ", "))" }
            if rule.isCoverageGap { line += "; COVERAGE GAP: its condition never held, so nothing was tested" }
            lines.append(line)
        }
        if !conformance.scenarios.isEmpty {
            lines.append("Scenarios:")
            for scenario in conformance.scenarios {
                lines.append(
                    "  \(scenario.isMet ? "ok  " : "FAIL") \(scenario.id) (\(scenario.table)): quota \(scenario.quota), rows satisfying \(scenario.satisfying), lineage \(scenario.lineage.map(String.init) ?? "none")"
                )
            }
        }
        lines.append("")
        if let fidelity {
            lines.append(
                "Fidelity against the \(fidelity.method) \(fidelity.baseline): overall \(Self.score(fidelity.score)), column shapes \(Self.score(fidelity.columnShapes)), column pair trends \(Self.score(fidelity.columnPairTrends))"
            )
            for table in fidelity.tables {
                for column in table.columns {
                    lines.append("  \(table.name).\(column.column) \(column.metric) \(Self.score(column.score))")
                }
                for pair in table.pairs where pair.counts {
                    lines.append(
                        "  \(table.name).\(pair.first) ~ \(pair.second) \(pair.metric) \(Self.score(pair.score))")
                }
            }
        } else {
            lines.append("Fidelity: not measured (needs --profile or --baseline)")
        }
        lines.append("Diagnostics:")
        for value in diagnostics.keyUniqueness {
            lines.append("  key uniqueness \(value.table).\(value.column) \(Self.score(value.score))")
        }
        for value in diagnostics.referentialIntegrity {
            lines.append(
                "  referential integrity \(value.table).\(value.column) -> \(value.detail ?? "?") \(Self.score(value.score))"
            )
        }
        for value in diagnostics.boundaryAdherence + diagnostics.categoryAdherence where (value.score ?? 1) < 1 {
            lines.append("  adherence \(value.table).\(value.column) \(Self.score(value.score))")
        }
        lines.append("Privacy\(privacy.against.map { " against \($0)" } ?? ""):")
        for result in privacy.kAnonymity {
            lines.append(
                "  k-anonymity \(result.table) (\(result.quasiIdentifiers.joined(separator: ", "))): k = \(result.k) over \(result.classes) classes"
            )
        }
        for result in privacy.lDiversity {
            lines.append(
                "  l-diversity \(result.table).\(result.column): distinct \(result.distinctL), entropy \(Self.score(result.entropyL))"
            )
        }
        for value in privacy.exactMatchRate {
            lines.append("  exact-match rate \(value.table) \(Self.score(value.value))")
        }
        for value in privacy.dcrBaselineProtection {
            lines.append("  DCR baseline protection \(value.table) \(Self.score(value.value))")
        }
        for value in privacy.dcrOverfittingProtection {
            lines.append("  DCR overfitting protection \(value.table) \(Self.score(value.value))")
        }
        for result in privacy.membershipInference {
            lines.append(
                "  membership inference \(result.table): AUC \(Self.score(result.auc)) (95% \(Self.score(result.lower))-\(Self.score(result.upper)))"
            )
        }
        for value in privacy.disclosureProtection {
            lines.append(
                "  disclosure protection \(value.table) (\(value.known.joined(separator: ", ")) -> \(value.sensitive.joined(separator: ", "))): \(Self.score(value.result.score)) (\(value.result.matchedRows) of \(value.result.realRows) real rows matched)"
            )
        }
        if let epsilon = privacy.epsilon { lines.append("  profile differential privacy: epsilon \(epsilon)") }
        for note in notes { lines.append("Note: \(note)") }
        lines.append("")
        lines.append("Gates:")
        for result in gates {
            var line = "  \(result.passed ? "pass" : "FAIL") \(result.gate): \(Self.gateValue(result))"
            if result.value == nil, let reason = result.reason { line += " (\(reason))" }
            lines.append(line)
        }
        lines.append(verdict)
        return lines.joined(separator: "\n") + "\n"
    }

    /// For a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    public func markdown() -> String {
        /// Plain text in a table cell: no column breaks, no HTML.
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "&", with: "&amp;")
                .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        /// Text in a code span, where entities are not decoded: only the cell's `|` is escaped,
        /// and a backtick inside widens the delimiters.
        func code(_ text: String) -> String {
            let body = text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            return body.contains("`") ? "`` \(body) ``" : "`\(body)`"
        }
        var lines: [String] = []
        lines.append("## Seedbed scorecard: \(passed ? "passed" : "failed")")
        lines.append("")
        lines.append("\(code(dataset)), spec \(code(spec)). \(cell(definitions)).")
        lines.append("")
        lines.append("| gate | value | result |")
        lines.append("|---|---|---|")
        for result in gates {
            let value = Self.gateValue(result) + (result.value == nil ? result.reason.map { ": \($0)" } ?? "" : "")
            lines.append(
                "| \(code(result.gate.description)) | \(cell(value)) | \(result.passed ? "pass" : "**fail**") |")
        }
        lines.append("")
        lines.append("### Rules")
        lines.append("")
        lines.append("| rule | table | checked | when held | violations | example keys |")
        lines.append("|---|---|---|---|---|---|")
        for rule in conformance.rules {
            let title = rule.title.map { " \(cell($0))" } ?? ""
            let gap = rule.isCoverageGap ? " (coverage gap)" : ""
            lines.append(
                "| \(code(rule.id))\(title) | \(cell(rule.table)) | \(rule.checked) | \(rule.fired)\(gap) | \(rule.violations) | \(cell(rule.examples.joined(separator: ", "))) |"
            )
        }
        if !conformance.scenarios.isEmpty {
            lines.append("")
            lines.append("| scenario | table | quota | satisfying | lineage | met |")
            lines.append("|---|---|---|---|---|---|")
            for scenario in conformance.scenarios {
                lines.append(
                    "| \(code(scenario.id)) | \(cell(scenario.table)) | \(scenario.quota) | \(scenario.satisfying) | \(scenario.lineage.map(String.init) ?? "-") | \(scenario.isMet ? "yes" : "**no**") |"
                )
            }
        }
        if let fidelity {
            lines.append("")
            lines.append("### Fidelity (\(cell(fidelity.method)) \(cell(fidelity.baseline)))")
            lines.append("")
            lines.append("| table | overall | column shapes | column pair trends |")
            lines.append("|---|---|---|---|")
            for table in fidelity.tables {
                lines.append(
                    "| \(cell(table.name)) | \(Self.score(table.overall)) | \(Self.score(table.columnShapes)) | \(Self.score(table.columnPairTrends)) |"
                )
            }
        }
        if !notes.isEmpty {
            lines.append("")
            for note in notes { lines.append("- \(cell(note))") }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
