import ArgumentParser

/// `--rows TABLE=N`, repeatable, as `generate` and `seed` take it.
enum RowCounts {
    static let help = ArgumentHelp(
        "Row count of a table, as TABLE=N (repeatable; children scale with their parents).", valueName: "TABLE=N")

    static func validate(_ entries: [String]) throws {
        for entry in entries where parse(entry) == nil {
            throw ValidationError("--rows takes TABLE=N with N ≥ 0, such as customer=1000, not '\(entry)'")
        }
    }

    static func parse(_ entries: [String]) -> [String: Int] {
        Dictionary(entries.compactMap(parse), uniquingKeysWith: { _, last in last })
    }

    private static func parse(_ entry: String) -> (String, Int)? {
        let parts = entry.split(separator: "=")
        guard parts.count == 2, let rows = Int(parts[1]), rows >= 0 else { return nil }
        return (String(parts[0]), rows)
    }
}
