/// Charts as inline SVG, drawn here rather than by a script or library: the site opens from disk
/// with no script allowed, and the same data draws the same bytes.
///
/// Every chart is an `<svg role="img">` named by its `<title>` and `<desc>` (the desc carries the
/// numbers, for screen readers), every mark has its own `<title>`, values are written as text
/// beside the marks, and colour is never the only signal: pages print the same numbers in a
/// table next to each chart.
enum SVGChart {
    /// A labelled value for a bar chart; nil when not measured.
    struct Bar {
        var label: String
        var value: Double?
    }

    /// Horizontal bars on a fixed scale (scores and shares in [0, 1] by default).
    /// - Parameters:
    ///   - id: unique within the page (it prefixes the ids of the title and desc).
    ///   - format: how a value is written beside its bar.
    static func bars(
        id: String, title: String, bars: [Bar], maximum: Double = 1, format: (Double) -> String = Figures.score,
        tick: (Double) -> String = Figures.short
    ) -> Markup {
        let labelWidth = 180.0
        let barWidth = 260.0
        let rowHeight = 20.0
        let height = Double(bars.count) * rowHeight + 24
        var svg = MarkupBuilder()
        open(&svg, id: id, width: labelWidth + barWidth + 70, height: height, title: title) { desc in
            desc.text(bars.map { "\($0.label): \($0.value.map(format) ?? "not measured")" }.joined(separator: "; "))
        }
        // The scale: 0 and the maximum, with a faint guide at the middle.
        for (fraction, label) in [(0.0, tick(0)), (0.5, tick(maximum / 2)), (1.0, tick(maximum))] {
            let x = labelWidth + fraction * barWidth
            svg.raw("<line class=\"grid\"")
            svg.attribute("x1", x)
            svg.attribute("x2", x)
            svg.attribute("y1", 0.0)
            svg.attribute("y2", height - 16)
            svg.raw("/><text class=\"tick\" text-anchor=\"middle\"")
            svg.attribute("x", x)
            svg.attribute("y", height - 4)
            svg.raw(">")
            svg.text(label)
            svg.raw("</text>")
        }
        for (index, bar) in bars.enumerated() {
            let y = Double(index) * rowHeight
            svg.raw("<g><title>")
            svg.text("\(bar.label): \(bar.value.map(format) ?? "not measured")")
            svg.raw("</title><text class=\"label\" text-anchor=\"end\"")
            svg.attribute("x", labelWidth - 6)
            svg.attribute("y", y + 14)
            svg.raw(">")
            svg.text(shortened(bar.label))
            svg.raw("</text>")
            if let value = bar.value, maximum > 0 {
                let width = max(0, min(1, value / maximum)) * barWidth
                svg.raw("<rect class=\"bar\"")
                svg.attribute("x", labelWidth)
                svg.attribute("y", y + 4)
                svg.attribute("width", width)
                svg.attribute("height", rowHeight - 8)
                svg.raw("/><text class=\"value\"")
                svg.attribute("x", labelWidth + width + 4)
                svg.attribute("y", y + 14)
                svg.raw(">")
                svg.text(format(value))
                svg.raw("</text>")
            } else {
                svg.raw("<text class=\"value missing\"")
                svg.attribute("x", labelWidth + 4)
                svg.attribute("y", y + 14)
                svg.raw(">not measured</text>")
            }
            svg.raw("</g>")
        }
        svg.raw("</svg>")
        return svg.markup
    }

    /// A column pair's correlation in the real data (or profile) and in the generated data.
    struct CorrelationPair {
        var label: String
        var real: Double
        var synthetic: Double
    }

    /// Two bars per pair on a −1…1 axis: real solid grey, generated blue and hatched, so the two
    /// differ in pattern as well as colour; the legend names both.
    static func correlations(id: String, title: String, pairs: [CorrelationPair]) -> Markup {
        let labelWidth = 200.0
        let axisWidth = 260.0
        let rowHeight = 30.0
        let top = 22.0
        let height = top + Double(pairs.count) * rowHeight + 22
        let zero = labelWidth + axisWidth / 2
        func x(_ value: Double) -> Double { zero + max(-1, min(1, value)) * axisWidth / 2 }
        var svg = MarkupBuilder()
        let numbers = labelWidth + axisWidth + 14
        open(&svg, id: id, width: numbers + 120, height: height, title: title) { desc in
            desc.text(
                pairs.map {
                    "\($0.label): real \(Figures.fixed($0.real, digits: 2)), synthetic \(Figures.fixed($0.synthetic, digits: 2))"
                }.joined(separator: "; "))
        }
        svg.raw("<defs><pattern patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"")
        svg.attribute("id", "\(id)-hatch")
        svg.raw(
            "><rect width=\"6\" height=\"6\" class=\"synthetic\"/><path d=\"M0,6 L6,0\" class=\"hatch\"/></pattern></defs>"
        )
        // Legend.
        svg.raw("<rect class=\"real\" y=\"4\" width=\"12\" height=\"10\"")
        svg.attribute("x", labelWidth)
        svg.raw("/><text class=\"tick\" y=\"13\"")
        svg.attribute("x", labelWidth + 16)
        svg.raw(">real</text><rect y=\"4\" width=\"12\" height=\"10\"")
        svg.attribute("x", labelWidth + 60)
        svg.attribute("fill", "url(#\(id)-hatch)")
        svg.raw("/><text class=\"tick\" y=\"13\"")
        svg.attribute("x", labelWidth + 76)
        svg.raw(">synthetic</text><text class=\"tick\" y=\"13\"")
        svg.attribute("x", numbers)
        svg.raw(">real / synthetic</text>")
        for tick in [-1.0, -0.5, 0, 0.5, 1] {
            svg.raw("<line")
            svg.attribute("class", tick == 0 ? "axis" : "grid")
            svg.attribute("x1", x(tick))
            svg.attribute("x2", x(tick))
            svg.attribute("y1", top)
            svg.attribute("y2", height - 16)
            svg.raw("/><text class=\"tick\" text-anchor=\"middle\"")
            svg.attribute("x", x(tick))
            svg.attribute("y", height - 4)
            svg.raw(">")
            svg.text(Figures.fixed(tick, digits: 1))
            svg.raw("</text>")
        }
        for (index, pair) in pairs.enumerated() {
            let y = top + Double(index) * rowHeight
            svg.raw("<g><title>")
            svg.text(
                "\(pair.label): real \(Figures.fixed(pair.real, digits: 2)), synthetic \(Figures.fixed(pair.synthetic, digits: 2))"
            )
            svg.raw("</title><text class=\"label\" text-anchor=\"end\"")
            svg.attribute("x", labelWidth - 6)
            svg.attribute("y", y + 17)
            svg.raw(">")
            svg.text(shortened(pair.label, to: 28))
            svg.raw("</text><text class=\"value\"")
            svg.attribute("x", numbers)
            svg.attribute("y", y + 17)
            svg.raw(">")
            svg.text("\(Figures.fixed(pair.real, digits: 2)) / \(Figures.fixed(pair.synthetic, digits: 2))")
            svg.raw("</text>")
            for (offset, value, isReal) in [(3.0, pair.real, true), (15.0, pair.synthetic, false)] {
                svg.raw("<rect")
                if isReal {
                    svg.raw(" class=\"real\"")
                } else {
                    svg.attribute("fill", "url(#\(id)-hatch)")
                }
                svg.attribute("x", min(zero, x(value)))
                svg.attribute("y", y + offset)
                svg.attribute("width", abs(x(value) - zero))
                svg.attribute("height", 11.0)
                svg.raw("/>")
            }
            svg.raw("</g>")
        }
        svg.raw("</svg>")
        return svg.markup
    }

    /// A square matrix of pair scores in [0, 1]: darker is higher, and every cell carries its
    /// number; empty cells (no pair compared) show a dash.
    static func heatmap(id: String, title: String, labels: [String], cells: [[Double?]]) -> Markup {
        let labelWidth = 130.0
        let cell = 46.0
        let top = 96.0
        let size = Double(labels.count)
        var svg = MarkupBuilder()
        open(&svg, id: id, width: labelWidth + size * cell + 8, height: top + size * cell + 4, title: title) { desc in
            var parts: [String] = []
            for row in labels.indices {
                for column in labels.indices where column > row {
                    if let value = cells[row][column] {
                        parts.append("\(labels[row]) × \(labels[column]): \(Figures.score(value))")
                    }
                }
            }
            desc.text(parts.isEmpty ? "no pairs compared" : parts.joined(separator: "; "))
        }
        for (index, label) in labels.enumerated() {
            let center = labelWidth + (Double(index) + 0.5) * cell
            svg.raw("<text class=\"label\" text-anchor=\"start\"")
            svg.attribute("transform", "translate(\(Figures.fixed(center + 4, digits: 1)),\(Int(top) - 6)) rotate(-60)")
            svg.raw(">")
            svg.text(shortened(label, to: 16))
            svg.raw("</text><text class=\"label\" text-anchor=\"end\"")
            svg.attribute("x", labelWidth - 6)
            svg.attribute("y", top + (Double(index) + 0.5) * cell + 4)
            svg.raw(">")
            svg.text(shortened(label, to: 18))
            svg.raw("</text>")
        }
        for row in labels.indices {
            for column in labels.indices {
                let x = labelWidth + Double(column) * cell
                let y = top + Double(row) * cell
                let value = row == column ? nil : cells[row][column]
                svg.raw("<g><title>")
                svg.text(
                    row == column
                        ? labels[row]
                        : "\(labels[row]) × \(labels[column]): \(value.map(Figures.score) ?? "not compared")")
                svg.raw("</title><rect class=\"cell\"")
                svg.attribute("x", x)
                svg.attribute("y", y)
                svg.attribute("width", cell - 2)
                svg.attribute("height", cell - 2)
                svg.attribute("fill", value.map(heat) ?? (row == column ? "#d8d8d8" : "#ffffff"))
                svg.raw("/><text text-anchor=\"middle\"")
                svg.attribute("class", (value ?? 0) > 0.6 ? "cell-text dark" : "cell-text")
                svg.attribute("x", x + cell / 2 - 1)
                svg.attribute("y", y + cell / 2 + 3)
                svg.raw(">")
                svg.text(row == column ? "" : value.map { Figures.fixed($0, digits: 2) } ?? "–")
                svg.raw("</text></g>")
            }
        }
        svg.raw("</svg>")
        return svg.markup
    }

    /// A value per version, joined by a line; a version without a value leaves a gap.
    struct Point {
        var label: String
        var value: Double?
    }

    /// A line chart of shares in [0, 1] (or counts up to `maximum`) across versions.
    static func trend(
        id: String, title: String, points: [Point], maximum: Double = 1, format: (Double) -> String = Figures.percent,
        tick: (Double) -> String = Figures.shortPercent
    ) -> Markup {
        let left = 48.0
        let step = 90.0
        let plotHeight = 140.0
        let top = 16.0
        let width = left + max(1, Double(points.count)) * step + 10
        let height = top + plotHeight + 40
        func y(_ value: Double) -> Double { top + plotHeight - max(0, min(1, value / maximum)) * plotHeight }
        func x(_ index: Int) -> Double { left + (Double(index) + 0.5) * step }
        var svg = MarkupBuilder()
        open(&svg, id: id, width: width, height: height, title: title) { desc in
            desc.text(points.map { "\($0.label): \($0.value.map(format) ?? "no data")" }.joined(separator: "; "))
        }
        grid(&svg, from: left, to: width - 10, maximum: maximum, y: y, tick: tick)
        // Segments only between neighbours that both have a value.
        for index in points.indices.dropFirst() {
            guard let from = points[index - 1].value, let to = points[index].value else { continue }
            svg.raw("<line class=\"trend\"")
            svg.attribute("x1", x(index - 1))
            svg.attribute("y1", y(from))
            svg.attribute("x2", x(index))
            svg.attribute("y2", y(to))
            svg.raw("/>")
        }
        for (index, point) in points.enumerated() {
            svg.raw("<g><title>")
            svg.text("\(point.label): \(point.value.map(format) ?? "no data")")
            svg.raw("</title>")
            if let value = point.value {
                svg.raw("<circle class=\"point\" r=\"4\"")
                svg.attribute("cx", x(index))
                svg.attribute("cy", y(value))
                svg.raw("/><text class=\"value\" text-anchor=\"middle\"")
                svg.attribute("x", x(index))
                svg.attribute("y", y(value) - 8)
                svg.raw(">")
                svg.text(format(value))
                svg.raw("</text>")
            }
            svg.raw("<text class=\"label\" text-anchor=\"middle\"")
            svg.attribute("x", x(index))
            svg.attribute("y", top + plotHeight + 18)
            svg.raw(">")
            svg.text(shortened(point.label, to: 12))
            svg.raw("</text></g>")
        }
        svg.raw("</svg>")
        return svg.markup
    }

    // MARK: - Parts

    /// The axis at 0 and grid lines at half and full `maximum`, each with its tick label.
    static func grid(
        _ svg: inout MarkupBuilder, from left: Double, to right: Double, maximum: Double, y: (Double) -> Double,
        tick: (Double) -> String
    ) {
        for fraction in [0.0, 0.5, 1.0] {
            svg.raw("<line")
            svg.attribute("class", fraction == 0 ? "axis" : "grid")
            svg.attribute("x1", left)
            svg.attribute("x2", right)
            svg.attribute("y1", y(fraction * maximum))
            svg.attribute("y2", y(fraction * maximum))
            svg.raw("/><text class=\"tick\" text-anchor=\"end\"")
            svg.attribute("x", left - 4)
            svg.attribute("y", y(fraction * maximum) + 4)
            svg.raw(">")
            svg.text(tick(fraction * maximum))
            svg.raw("</text>")
        }
    }

    static func open(
        _ svg: inout MarkupBuilder, id: String, width: Double, height: Double, title: String,
        desc: (inout MarkupBuilder) -> Void
    ) {
        let size = "\(Int(width.rounded(.up))) \(Int(height.rounded(.up)))"
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\"")
        svg.attribute("viewBox", "0 0 " + size)
        svg.attribute("width", "\(Int(width.rounded(.up)))")
        svg.attribute("aria-labelledby", "\(id)-title \(id)-desc")
        svg.raw("><title")
        svg.attribute("id", "\(id)-title")
        svg.raw(">")
        svg.text(title)
        svg.raw("</title><desc")
        svg.attribute("id", "\(id)-desc")
        svg.raw(">")
        desc(&svg)
        svg.raw("</desc>")
    }

    /// A label cut to fit its column, with an ellipsis; the mark's `<title>` keeps it whole.
    static func shortened(_ label: String, to length: Int = 26) -> String {
        label.count <= length ? label : String(label.prefix(length - 1)) + "…"
    }

    /// Light blue (0) to dark blue (1), a sequential scale that prints in grey as a ramp too.
    static func heat(_ value: Double) -> String {
        let t = max(0, min(1, value))
        let low = (0xF0, 0xF5, 0xFB)
        let high = (0x08, 0x30, 0x6B)
        func mix(_ a: Int, _ b: Int) -> Int { Int((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        let parts = [mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2)]
        let digits = Array("0123456789abcdef")
        return "#" + parts.map { String([digits[$0 >> 4], digits[$0 & 0x0F]]) }.joined()
    }
}
