extension SVGChart {
    /// One bin or category of a column's distribution: the baseline's and the generated share.
    struct Slot {
        /// The whole name, for the mark's title and the description (`[10, 12)`, `retail`).
        var label: String
        /// What is written under the slot, if anything (`<`, an edge, a category cut short).
        var tick: String?
        /// Where the tick sits: `middle` of the slot, or from its left (`start`) or right (`end`) edge.
        var tickAnchor = "middle"
        var real: Double
        var synthetic: Double
    }

    /// A column's distribution, baseline against generated, over the same slots: the baseline as
    /// solid grey bars, the generated data as a blue line with round markers, so the two differ in
    /// shape as well as colour; a legend names both.
    /// - Parameters:
    ///   - baseline: what the bars are (`real`, `profile`).
    ///   - rotatedTicks: categories, whose names are written slanted under their slots; bins only
    ///     label a few edges, written level.
    static func distribution(
        id: String, title: String, baseline: String, slots: [Slot], rotatedTicks: Bool
    ) -> Markup {
        let left = 40.0
        let slotWidth = rotatedTicks ? 22.0 : 12.0
        let top = 24.0
        let plotHeight = 90.0
        let bottom = rotatedTicks ? 66.0 : 20.0
        // Never narrower than the legend, however few the categories.
        let width = max(left + 160, left + Double(slots.count) * slotWidth + 12)
        let height = top + plotHeight + bottom
        // The scale's top: the largest share, rounded up to 5 points, so small bins stay visible.
        let largest = slots.map { max($0.real, $0.synthetic) }.max() ?? 0
        let maximum = max(0.05, (largest * 20).rounded(.up) / 20)
        func y(_ share: Double) -> Double { top + plotHeight - max(0, min(1, share / maximum)) * plotHeight }
        func figures(_ slot: Slot) -> String {
            "\(slot.label): \(baseline) \(Figures.percent(slot.real)), synthetic \(Figures.percent(slot.synthetic))"
        }
        var svg = MarkupBuilder()
        open(&svg, id: id, width: width, height: height, title: title) { desc in
            desc.text(
                "Share of non-null values, \(baseline) then synthetic: "
                    + slots.map(figures).joined(separator: "; "))
        }
        // Legend.
        svg.raw("<rect class=\"real\" y=\"5\" width=\"12\" height=\"10\"")
        svg.attribute("x", left)
        svg.raw("/><text class=\"tick\" y=\"14\"")
        svg.attribute("x", left + 16)
        svg.raw(">")
        svg.text(baseline)
        svg.raw("</text><line class=\"synthetic-line\" y1=\"10\" y2=\"10\"")
        svg.attribute("x1", left + 80)
        svg.attribute("x2", left + 96)
        svg.raw("/><circle class=\"synthetic-point\" cy=\"10\" r=\"3\"")
        svg.attribute("cx", left + 88)
        svg.raw("/><text class=\"tick\" y=\"14\"")
        svg.attribute("x", left + 100)
        svg.raw(">synthetic</text>")
        grid(
            &svg, from: left, to: left + Double(slots.count) * slotWidth, maximum: maximum, y: y,
            tick: Figures.shortPercent)
        // Bins: dashed guides where the baseline's range starts and ends (the first and last slot
        // hold what lies outside it).
        if !rotatedTicks, slots.count > 2 {
            for index in [1, slots.count - 1] {
                svg.raw("<line class=\"grid range\"")
                svg.attribute("x1", left + Double(index) * slotWidth)
                svg.attribute("x2", left + Double(index) * slotWidth)
                svg.attribute("y1", top)
                svg.attribute("y2", top + plotHeight)
                svg.raw("/>")
            }
        }
        var previous: Double?
        for (index, slot) in slots.enumerated() {
            let x = left + Double(index) * slotWidth
            svg.raw("<g><title>")
            svg.text(figures(slot))
            svg.raw("</title>")
            if slot.real > 0 {
                svg.raw("<rect class=\"real\"")
                svg.attribute("x", x + 1)
                svg.attribute("y", y(slot.real))
                svg.attribute("width", slotWidth - 2)
                svg.attribute("height", top + plotHeight - y(slot.real))
                svg.raw("/>")
            }
            // Bins join into a step outline; categories stand apart.
            if !rotatedTicks, let previous {
                svg.raw("<line class=\"synthetic-line\"")
                svg.attribute("x1", x)
                svg.attribute("x2", x)
                svg.attribute("y1", y(previous))
                svg.attribute("y2", y(slot.synthetic))
                svg.raw("/>")
            }
            previous = slot.synthetic
            svg.raw("<line class=\"synthetic-line\"")
            svg.attribute("x1", x)
            svg.attribute("x2", x + slotWidth)
            svg.attribute("y1", y(slot.synthetic))
            svg.attribute("y2", y(slot.synthetic))
            svg.raw("/><circle class=\"synthetic-point\" r=\"2.5\"")
            svg.attribute("cx", x + slotWidth / 2)
            svg.attribute("cy", y(slot.synthetic))
            svg.raw("/>")
            if let tick = slot.tick {
                if rotatedTicks {
                    svg.raw("<text class=\"tick\" text-anchor=\"end\"")
                    svg.attribute(
                        "transform",
                        "translate(\(Figures.fixed(x + slotWidth / 2 + 3, digits: 1)),"
                            + "\(Figures.fixed(top + plotHeight + 10, digits: 1))) rotate(-50)")
                    svg.raw(">")
                    svg.text(shortened(tick, to: 12))
                } else {
                    svg.raw("<text class=\"tick\"")
                    svg.attribute("text-anchor", slot.tickAnchor)
                    svg.attribute(
                        "x",
                        slot.tickAnchor == "start" ? x : slot.tickAnchor == "end" ? x + slotWidth : x + slotWidth / 2)
                    svg.attribute("y", top + plotHeight + 14)
                    svg.raw(">")
                    svg.text(tick)
                }
                svg.raw("</text>")
            }
            svg.raw("</g>")
        }
        svg.raw("</svg>")
        return svg.markup
    }
}
