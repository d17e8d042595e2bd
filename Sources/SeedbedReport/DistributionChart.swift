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
            guard let edges = distribution.edges, edges.count == realShares.count + 1,
                let labels = EdgeLabels.dates(edges: edges, unit: distribution.unit) ?? EdgeLabels.numbers(edges: edges)
            else { return nil }
            var slots = [
                SVGChart.Slot(label: labels.below, tick: "<", real: real.under ?? 0, synthetic: synthetic.under ?? 0)
            ]
            for index in realShares.indices {
                slots.append(
                    SVGChart.Slot(
                        label: labels.bins[index],
                        tick: index == 0 ? labels.first : index == realShares.count - 1 ? labels.last : nil,
                        tickAnchor: index == 0 ? "start" : "end", real: realShares[index],
                        synthetic: syntheticShares[index]))
            }
            slots.append(
                SVGChart.Slot(label: labels.above, tick: ">", real: real.over ?? 0, synthetic: synthetic.over ?? 0))
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
            let (below, above) = EdgeLabels.isTime(distribution.unit) ? ("earlier", "later") : ("below", "above")
            parts.append(
                under + over > 0
                    ? "synthetic outside the \(baseline) range: \(Figures.percent(under)) \(below), \(Figures.percent(over)) \(above)"
                    : "no synthetic value outside the \(baseline) range")
        }
        return parts.joined(separator: "; ")
    }
}
