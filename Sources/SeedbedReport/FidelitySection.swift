/// Fidelity per table: a bar per column score, the pair correlations real against generated, and
/// a heatmap of the pair scores, each beside a table of the same numbers.
///
/// Scorecards since distributions were kept also get a small baseline-against-generated chart per
/// column, captioned with its score and null shares; older ones say they have none.
struct FidelitySection {
    struct Column {
        var column: String
        var metric: String
        var score: String
        /// Named apart from the table's charts, so a column without one finds nothing above it.
        var distributionChart: Markup?
        /// The null shares and the generated share outside the baseline's range, in words.
        var distributionNote: String
    }

    struct Pair {
        var pair: String
        var metric: String
        var score: String
        var real: String
        var synthetic: String
        var counts: String
    }

    struct Table {
        var name: String
        var anchor: String
        var columnChart: Markup?
        var columns: [Column]
        var hasColumns: Bool
        var hasDistributions: Bool
        /// Columns compared but no distribution kept: a scorecard from before they were.
        var lacksDistributions: Bool
        var correlationChart: Markup?
        var heatmap: Markup?
        var pairs: [Pair]
        var hasPairs: Bool
    }

    var method: String
    var baseline: String
    /// What the baseline is, in a caption: "profile" or "real data".
    var baselineKind: String
    var figures: [HeadlineFigure]
    var tables: [Table]

    init(_ fidelity: ScorecardDocument.Fidelity) {
        let isProfile = fidelity.method == "profile"
        method = isProfile ? "profile" : "real source"
        baseline = fidelity.baseline ?? "–"
        baselineKind = isProfile ? "profile" : "real data"
        figures = [
            HeadlineFigure(label: "overall (worst table)", value: Figures.score(fidelity.score)),
            HeadlineFigure(label: "column shapes", value: Figures.score(fidelity.columnShapes)),
            HeadlineFigure(label: "column pair trends", value: Figures.score(fidelity.columnPairTrends)),
        ]
        let columns = fidelity.columns ?? []
        let pairs = fidelity.pairs ?? []
        // Tables in the scorecard's order, then any only its columns or pairs name.
        var names = (fidelity.tables ?? []).map(\.name)
        for name in columns.map(\.table) + pairs.map(\.table) where !names.contains(name) {
            names.append(name)
        }
        tables = names.enumerated().map { index, name in
            Self.table(
                name: name, index: index, columns: columns.filter { $0.table == name },
                pairs: pairs.filter { $0.table == name }, baselineKind: isProfile ? "profile" : "real")
        }
    }

    private static func table(
        name: String, index: Int, columns: [ScorecardDocument.Fidelity.Column],
        pairs: [ScorecardDocument.Fidelity.Pair], baselineKind: String
    ) -> Table {
        // Chart ids are numbered rather than named after the table, so any name makes a valid id.
        let id = "fidelity-\(index + 1)"
        let columnChart =
            columns.isEmpty
            ? nil
            : SVGChart.bars(
                id: id + "-columns", title: "Column shapes of table \(name)",
                bars: columns.map { SVGChart.Bar(label: $0.column, value: $0.score) })
        let correlated = pairs.compactMap { pair -> SVGChart.CorrelationPair? in
            guard let real = pair.real, let synthetic = pair.synthetic else { return nil }
            return SVGChart.CorrelationPair(label: "\(pair.first) × \(pair.second)", real: real, synthetic: synthetic)
        }
        let correlationChart =
            correlated.isEmpty
            ? nil
            : SVGChart.correlations(
                id: id + "-correlations", title: "Pair correlations of table \(name), \(baselineKind) and synthetic",
                pairs: correlated)
        let shown = columns.enumerated().map { offset, column in
            Column(
                column: column.column, metric: column.metric ?? "–", score: Figures.score(column.score),
                distributionChart: column.distribution.flatMap {
                    DistributionChart.draw(
                        $0, id: "\(id)-column-\(offset + 1)", column: column.column, table: name, baseline: baselineKind
                    )
                },
                distributionNote: column.distribution.map { DistributionChart.note($0, baseline: baselineKind) } ?? "")
        }
        let charted = shown.contains { $0.distributionChart != nil }
        return Table(
            name: name, anchor: id, columnChart: columnChart, columns: shown, hasColumns: !columns.isEmpty,
            hasDistributions: charted, lacksDistributions: !columns.isEmpty && !charted,
            correlationChart: correlationChart,
            heatmap: heatmap(id: id + "-pairs", table: name, columns: columns, pairs: pairs),
            pairs: pairs.map { pair in
                Pair(
                    pair: "\(pair.first) × \(pair.second)", metric: pair.metric ?? "–",
                    score: Figures.score(pair.score),
                    real: pair.real.map { Figures.fixed($0, digits: 3) } ?? "–",
                    synthetic: pair.synthetic.map { Figures.fixed($0, digits: 3) } ?? "–",
                    counts: pair.counts == true ? "yes (a real trend)" : "no (below the threshold)")
            },
            hasPairs: !pairs.isEmpty)
    }

    /// The pairs' scores as a symmetric matrix over the columns they name, in column order.
    private static func heatmap(
        id: String, table: String, columns: [ScorecardDocument.Fidelity.Column],
        pairs: [ScorecardDocument.Fidelity.Pair]
    ) -> Markup? {
        guard !pairs.isEmpty else { return nil }
        var labels: [String] = []
        for name in columns.map(\.column) + pairs.flatMap({ [$0.first, $0.second] }) where !labels.contains(name) {
            if pairs.contains(where: { $0.first == name || $0.second == name }) { labels.append(name) }
        }
        var cells = Array(repeating: [Double?](repeating: nil, count: labels.count), count: labels.count)
        for pair in pairs {
            guard let row = labels.firstIndex(of: pair.first), let column = labels.firstIndex(of: pair.second) else {
                continue
            }
            cells[row][column] = pair.score
            cells[column][row] = pair.score
        }
        return SVGChart.heatmap(id: id, title: "Column-pair trends of table \(table)", labels: labels, cells: cells)
    }
}
