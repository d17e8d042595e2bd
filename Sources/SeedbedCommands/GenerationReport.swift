import Foundation
import SeedbedEngine

/// The summary `seedbed generate` prints: a line for people, or JSON for machines.
struct GenerationReport {
    var summary: GenerationSummary
    var out: String
    var format: OutputFormat

    func text() -> String {
        switch format {
        case .text:
            var lines: [String] = []
            for table in summary.tables + summary.negative {
                var line = "  \(table.table): \(table.rows) rows"
                let scenarios = table.scenarioRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !scenarios.isEmpty { line += ", scenarios: " + scenarios.joined(separator: ", ") }
                let negative = table.negativeRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !negative.isEmpty { line += ", negative: " + negative.joined(separator: ", ") }
                let retries = table.retries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !retries.isEmpty { line += ", rows made again for: " + retries.joined(separator: ", ") }
                let skipped = table.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !skipped.isEmpty { line += ", children left out for: " + skipped.joined(separator: ", ") }
                let unbreakable = table.unbreakable.keys.sorted()
                if !unbreakable.isEmpty {
                    line +=
                        ", cannot be broken alone (breaking it breaks another rule): "
                        + unbreakable.joined(separator: ", ")
                }
                lines.append(line)
            }
            let seconds = max(summary.seconds, 1e-9)
            let rate = Int(Double(summary.rows) / seconds)
            lines.append(
                "generated \(summary.tables.count) tables, \(summary.rows) rows in \(String(format: "%.2f", summary.seconds)) s (\(rate) rows/s) into \(out)"
            )
            return lines.joined(separator: "\n") + "\n"
        case .json:
            func table(_ t: TableSummary) -> [String: Any] {
                [
                    "table": t.table, "rows": t.rows, "scenarios": t.scenarioRows, "negative": t.negativeRows,
                    "retries": t.retries, "skipped": t.skipped, "unbreakable": t.unbreakable.keys.sorted(),
                ]
            }
            let object: [String: Any] = [
                "out": out, "rows": summary.rows, "seconds": summary.seconds,
                "tables": summary.tables.map(table), "negative": summary.negative.map(table),
            ]
            let data =
                (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}
