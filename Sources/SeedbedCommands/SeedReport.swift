import Foundation
import SeedbedEngine
import SeedbedStores

/// The summary `seedbed seed` prints: lines for people, or JSON for machines.
struct SeedReport {
    var summary: Seeder.Summary
    /// The target without its password.
    var target: String
    /// `NAME@VERSION` when the spec (or `--version`) gives a version.
    var dataset: String?
    var format: OutputFormat

    func text() -> String {
        switch format {
        case .text:
            var lines = summary.tables.map { table in
                var line = "  \(table.table): \(table.rows) rows"
                let scenarios = table.scenarioRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !scenarios.isEmpty { line += ", scenarios: " + scenarios.joined(separator: ", ") }
                let skipped = table.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !skipped.isEmpty { line += ", children left out for: " + skipped.joined(separator: ", ") }
                return line
            }
            let rate = Int(Double(summary.rows) / max(summary.seconds, 1e-9))
            lines.append(
                "seeded \(summary.tables.count) tables, \(summary.rows) rows in \(String(format: "%.2f", summary.seconds)) s (\(rate) rows/s) into \(target)"
            )
            return lines.joined(separator: "\n") + "\n"
        case .json:
            var object: [String: Any] = [
                "target": target, "rows": summary.rows, "seconds": summary.seconds, "lineageRows": summary.lineageRows,
                "tables": summary.tables.map { table in
                    [
                        "table": table.table, "rows": table.rows, "scenarios": table.scenarioRows,
                        "skipped": table.skipped,
                    ]
                },
            ]
            if let dataset { object["dataset"] = dataset }
            let data =
                (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }
}
