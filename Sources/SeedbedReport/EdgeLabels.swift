import SeedbedSpec

/// The words a bins chart writes for its slots: each bin's name, what lies outside the edges,
/// and the two ticks at the ends of the baseline's range.
struct EdgeLabels: Equatable {
    /// Below the first edge (`below 10`, `before 2024-03-01`).
    var below: String
    /// Above the last edge.
    var above: String
    /// One per bin, in order (`[10, 12)`, `2024-03-01 to 2024-03-04`).
    var bins: [String]
    /// The ticks under the first bin's start and the last bin's end.
    var first: String
    var last: String

    /// The scorecard's `unit` of points in time (docs/scorecard.md) as seconds per unit.
    static func secondsPerUnit(_ unit: String?) -> Double? {
        switch unit {
        case "date": 86_400
        case "timestamp": 1e-6
        case "timestamp_seconds": 1
        default: nil
        }
    }

    static func isTime(_ unit: String?) -> Bool { secondsPerUnit(unit) != nil }

    // MARK: - Numbers

    /// Edges as numbers with enough decimals to tell neighbours apart; nil without two edges.
    static func numbers(edges: [Double]) -> EdgeLabels? {
        guard let low = edges.first, let high = edges.last, edges.count >= 2 else { return nil }
        let digits = decimals(step: (high - low) / Double(edges.count - 1))
        func number(_ value: Double) -> String { trimmed(Figures.fixed(value, digits: digits)) }
        return EdgeLabels(
            below: "below \(number(low))", above: "above \(number(high))",
            bins: intervals(edges.map(number)), first: number(low), last: number(high))
    }

    /// `[a, b)` for each bin, the last one closed.
    private static func intervals(_ edges: [String]) -> [String] {
        (0..<edges.count - 1).map { index in
            "[\(edges[index]), \(edges[index + 1])\(index == edges.count - 2 ? "]" : ")")"
        }
    }

    /// Enough decimals to tell neighbouring edges apart: one more than the bin width's first
    /// significant digit, none for wide bins.
    static func decimals(step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var digits = 0
        var width = step
        while width < 1, digits < 8 {
            width *= 10
            digits += 1
        }
        return step < 1 ? digits + 1 : (step < 10 ? 1 : 0)
    }

    /// `12.50` as `12.5`, `3.0` as `3`.
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    // MARK: - Dates and times

    /// Edges of dates or timestamps written as calendar dates (UTC); nil for a unit this report
    /// does not know (the chart then shows the numbers) or edges it cannot write apart.
    ///
    /// Dates whose every bin holds a whole day are named by the days they hold (the scorer's
    /// whole-number bins put edges half a day before each first day): `2024-03-01 to 2024-03-04`.
    /// Otherwise each edge is an instant, to the day when every edge is a midnight, else to the
    /// minute (bins a minute wide or more) or the second.
    static func dates(edges: [Double], unit: String?) -> EdgeLabels? {
        // Beyond a few million years the numbers say as much, and whole seconds fit an Int64.
        guard let perUnit = secondsPerUnit(unit), edges.count >= 2, edges.allSatisfy({ abs($0 * perUnit) < 1e14 })
        else { return nil }
        if unit == "date", let days = dayRanges(edges) {
            let bins = days.map { $0.first == $0.last ? day($0.first) : "\(day($0.first)) to \(day($0.last))" }
            guard let first = days.first?.first, let last = days.last?.last else { return nil }
            return EdgeLabels(
                below: "before \(day(first))", above: "after \(day(last))", bins: bins, first: day(first),
                last: day(last))
        }
        let seconds = edges.map { ($0 * perUnit).rounded() }
        guard let low = seconds.first, let high = seconds.last else { return nil }
        let precision: Double =
            seconds.allSatisfy({ $0.remainder(dividingBy: 86_400) == 0 })
            ? 86_400 : (high - low) / Double(seconds.count - 1) >= 60 ? 60 : 1
        let written = seconds.map { instant(Int64(($0 / precision).rounded() * precision), precision: precision) }
        // Bins narrower than a second would repeat a label; the numbers say more then.
        guard zip(written, written.dropFirst()).allSatisfy({ $0 != $1 }), let first = written.first,
            let last = written.last
        else { return nil }
        return EdgeLabels(
            below: "before \(first)", above: "after \(last)", bins: intervals(written), first: first, last: last)
    }

    /// The first and last whole day in each bin `[a, b)` (the last `[a, b]`); nil when a bin
    /// holds none.
    private static func dayRanges(_ edges: [Double]) -> [(first: Int, last: Int)]? {
        var ranges: [(first: Int, last: Int)] = []
        for index in 0..<edges.count - 1 {
            let first = Int(edges[index].rounded(.up))
            let end = edges[index + 1]
            let last = index == edges.count - 2 ? Int(end.rounded(.down)) : Int(end.rounded(.up)) - 1
            guard first <= last else { return nil }
            ranges.append((first, last))
        }
        return ranges
    }

    private static func day(_ days: Int) -> String { CivilDate.format(days: days) }

    /// `2024-03-01`, `2024-03-01 14:00` or `2024-03-01 14:00:05`, by `precision` in seconds.
    private static func instant(_ seconds: Int64, precision: Double) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let date = CivilDate.format(days: Int(days))
        if precision >= 86_400 { return date }
        let rest = Int(seconds - days * 86_400)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let time = "\(two(rest / 3600)):\(two(rest / 60 % 60))"
        return "\(date) \(time)" + (precision < 60 ? ":\(two(rest % 60))" : "")
    }
}
