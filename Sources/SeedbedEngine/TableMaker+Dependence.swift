/// `from profile` columns that follow the profile's dependence tree: drawn from the conditional
/// weights given their parent's bin, restricted to what the rules allow in the row and
/// renormalised, so every rule still holds by construction.
extension TableMaker {
    /// Orients each edge of the table's dependence tree along the draw order: the column drawn
    /// first is the parent. A column keeps one parent, its strongest edge's; an edge whose child
    /// already has one (the rules ordered the columns against the tree) is left out. So is an edge
    /// between two numbers the copula correlates: measured on the shared datasets, the copula keeps
    /// a numeric pair's correlation better than binned tables do (mortgage's two debt ratios, 0.89
    /// against 0.83), while the tables keep what involves a category or a null.
    static func conditionals(
        table: TableModel, samplers: [ColumnSampler], order: [Int], gridScales: [Int?], correlated: [Bool]
    ) -> [ConditionalDraw?] {
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        var conditionals = [ConditionalDraw?](repeating: nil, count: table.columns.count)
        var claimed = [Bool](repeating: false, count: table.columns.count)
        for edge in table.dependence {
            let firstIsParent = position[edge.first, default: 0] < position[edge.second, default: 0]
            let (parent, child) = firstIsParent ? (edge.first, edge.second) : (edge.second, edge.first)
            guard !claimed[child], !table.columns[child].isUnique,
                let parentBins = table.columns[parent].profileBins, let bins = table.columns[child].profileBins
            else { continue }
            // The copula's edge: the child follows its marginal and the copula, no weaker edge.
            claimed[child] = true
            if case .cuts = parentBins, case .cuts = bins, correlated[parent], correlated[child] { continue }
            var counts =
                firstIsParent
                ? edge.counts
                : (0..<parentBins.count).map { row in edge.counts.map { $0[row] } }
            let step = { (column: Int) in gridScales[column].map { pow10(-$0) } ?? 0 }
            if let rowMass = ConditionalDraw.binMasses(
                parentBins, sampler: samplers[parent], nullShare: table.columns[parent].nullShare,
                gridStep: step(parent)),
                let columnMass = ConditionalDraw.binMasses(
                    bins, sampler: samplers[child], nullShare: table.columns[child].nullShare, gridStep: step(child))
            {
                counts = ProfileEdge.filled(
                    counts, rowMass: rowMass, columnMass: columnMass, suppressed: edge.suppressed,
                    cellLimit: edge.cellLimit)
            }
            conditionals[child] = ConditionalDraw(
                parent: parent, parentBins: parentBins, bins: bins, counts: counts, sampler: samplers[child],
                gridStep: step(child))
        }
        // In draw order, so a parent's choice is known before its children's.
        var drawsCopula = correlated
        for column in order {
            guard var conditional = conditionals[column] else { continue }
            conditional.usesCopula = correlated[column] && !drawsCopula[conditional.parent]
            drawsCopula[column] = conditional.usesCopula
            conditionals[column] = conditional
        }
        return conditionals
    }

    /// The value index drawn (the number of values for null), or nil to draw from the marginal:
    /// the conditional weights leave nothing the rules allow.
    func conditionalChoice(
        _ index: Int, _ conditional: ConditionalDraw, prepared: PreparedDraw, nullable: Bool, rowKey: UInt64,
        uniform: Double, workspace: borrowing RowWorkspace
    ) -> Int? {
        let base = conditional.parentBin(workspace) * conditional.width
        let weights = conditional.weights
        let count = conditional.choiceBins.count
        var present = 0.0
        for choice in 0..<count {
            present += weights[base + conditional.choiceBins[choice]] * conditional.choiceShares[choice]
        }
        let null = weights[base + conditional.width - 1]
        if nullable && null > 0 {
            var random = RowRandom(key: nullKeys[index], row: rowKey)
            if random.nextUnit() * (present + null) < null { return count }
        }
        // Not the pilot's balanced weights: raising a value the rules rule out for some parents
        // would move it in every parent's row, and the table already says where it belongs.
        func weight(_ choice: Int) -> Double {
            guard prepared.weights[choice] > 0 else { return 0 }
            return weights[base + conditional.choiceBins[choice]] * conditional.choiceShares[choice]
        }
        var total = 0.0
        for choice in 0..<count { total += weight(choice) }
        guard total > 0 else { return nil }
        var target = uniform * total
        var chosen = (0..<count).last { weight($0) > 0 } ?? 0
        for choice in 0..<count {
            let w = weight(choice)
            guard w > 0 else { continue }
            target -= w
            if target < 0 {
                chosen = choice
                break
            }
        }
        return chosen
    }

    /// A number drawn from the conditional weights of the column's bins: a bin, then a value of the
    /// profile's quantiles inside the bin and the allowed set (in probability space, where a bin
    /// is an interval and the allowed set a union of them). Nil to draw from the marginal.
    func conditionalNumber(
        _ index: Int, _ conditional: ConditionalDraw, quantiles: EmpiricalQuantiles, prepared: PreparedDraw,
        rowKey: UInt64, uniform: Double, workspace: inout RowWorkspace
    ) -> RowValue? {
        let base = conditional.parentBin(workspace) * conditional.width
        let weights = conditional.weights
        let edges = conditional.edges
        let bins = edges.count - 1
        var present = 0.0
        for bin in 0..<bins { present += weights[base + bin] }
        let null = weights[base + conditional.width - 1]
        if prepared.allowed.null && nullShares[index] > 0 && null > 0 {
            var random = RowRandom(key: nullKeys[index], row: rowKey)
            if prepared.allowed.values.isEmpty || random.nextUnit() * (present + null) < null { return .null }
        }
        // Each bin's weight spread evenly over its probability interval, kept where allowed.
        func mass(_ interval: Interval, _ bin: Int) -> (low: Double, high: Double, mass: Double) {
            let a = interval.includesLower ? quantiles.cdfBelow(interval.lower) : quantiles.cdf(interval.lower)
            let b = interval.includesUpper ? quantiles.cdf(interval.upper) : quantiles.cdfBelow(interval.upper)
            let width = edges[bin + 1] - edges[bin]
            let low = max(a, edges[bin])
            let high = min(b, edges[bin + 1])
            guard width > 0, high > low else { return (low, high, 0) }
            return (low, high, weights[base + bin] * (high - low) / width)
        }
        let cells = prepared.cells
        var total = 0.0
        for interval in cells {
            for bin in 0..<bins { total += mass(interval, bin).mass }
        }
        guard total > 0 else { return nil }
        var target = uniform * total
        for interval in cells {
            for bin in 0..<bins {
                let piece = mass(interval, bin)
                guard piece.mass > 0 else { continue }
                if target <= piece.mass {
                    let t = piece.low + (piece.high - piece.low) * min(max(target / piece.mass, 0), 1)
                    var value = interval.clamping(quantiles.quantile(t))
                    if let scale = gridScales[index] {
                        value = DecimalGrid(scale: scale).snap(value, into: prepared.allowed.values) {
                            prepared.admits($0)
                        }
                    }
                    if !prepared.admits(value) { workspace.drewOutside = true }
                    return .number(value)
                }
                target -= piece.mass
            }
        }
        return nil
    }
}
