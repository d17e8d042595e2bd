/// A stored column distribution (docs/scorecard.md, `fidelity.columns[].distribution`) as a small
/// chart and a line of text with the figures the chart does not spell out.
enum DistributionChart {
    typealias Distribution = ScorecardDocument.Fidelity.Distribution

    /// The chart, or nil when the stored distribution is not one this report can read (a kind it
    /// does not know, or sides that do not match the slots).
    static func draw(_ distribution: Distribution, id: String, column: String, table: String, baseline: String)
        -> Markup?
    {
        guard let slots = slots(distribution, baseline: baseline) else { return nil }
        return SVGChart.distribution(
            id: id, title: "Distribution of \(table).\(column), \(baseline) and synthetic", baseline: baseline,
            slots: slots, rotatedTicks: distribution.kind == "categories")
    }

    static func slots(_ distribution: Distribution, baseline: String) -> [SVGChart.Slot]? {
        guard let real = distribution.real, let synthetic = distribution.synthetic,
            let realShares = real.shares, let syntheticShares = synthetic.shares,
            realShares.count == syntheticShares.count
        else { return nil }
        switch distribution.kind {
        case "bins":
            guard let edges = distribution.edges, edges.count == realShares.count + 1, let low = edges.first,
                let high = edges.last
            else { return nil }
            let digits = decimals(step: (high - low) / Double(max(1, realShares.count)))
            func number(_ value: Double) -> String { trimmed(Figures.fixed(value, digits: digits)) }
            var slots = [
                SVGChart.Slot(
                    label: "below \(number(low))", tick: "<", real: real.under ?? 0, synthetic: synthetic.under ?? 0)
            ]
            for index in realShares.indices {
                let closing = index == realShares.count - 1 ? "]" : ")"
                slots.append(
                    SVGChart.Slot(
                        label: "[\(number(edges[index])), \(number(edges[index + 1]))\(closing)",
                        tick: index == 0 ? number(low) : index == realShares.count - 1 ? number(high) : nil,
                        tickAnchor: index == 0 ? "start" : "end", real: realShares[index],
                        synthetic: syntheticShares[index]))
            }
            slots.append(
                SVGChart.Slot(
                    label: "above \(number(high))", tick: ">", real: real.over ?? 0, synthetic: synthetic.over ?? 0))
            return slots
        case "categories":
            guard let names = distribution.categories, names.count == realShares.count else { return nil }
            var slots = names.indices.map { index in
                SVGChart.Slot(
                    label: names[index], tick: names[index], real: realShares[index],
                    synthetic: syntheticShares[index])
            }
            let realOther = real.other ?? 0
            let syntheticOther = synthetic.other ?? 0
            if realOther > 0 || syntheticOther > 0 {
                slots.append(
                    SVGChart.Slot(
                        label: "other categories", tick: "(other)", real: realOther, synthetic: syntheticOther))
            }
            return slots
        default:
            return nil
        }
    }

    /// Null shares, and for numbers the generated share outside the baseline's range.
    static func note(_ distribution: Distribution, baseline: String) -> String {
        let real = distribution.real?.nullShare
        let synthetic = distribution.synthetic?.nullShare
        var parts: [String] = []
        if let real {
            parts.append("nulls: \(baseline) \(Figures.percent(real)), synthetic \(Figures.percent(synthetic))")
        } else {
            parts.append("nulls: synthetic \(Figures.percent(synthetic)) (the \(baseline)'s share is not kept)")
        }
        if distribution.kind == "bins" {
            let under = distribution.synthetic?.under ?? 0
            let over = distribution.synthetic?.over ?? 0
            parts.append(
                under + over > 0
                    ? "synthetic outside the \(baseline) range: \(Figures.percent(under)) below, \(Figures.percent(over)) above"
                    : "no synthetic value outside the \(baseline) range")
        }
        return parts.joined(separator: "; ")
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
}
