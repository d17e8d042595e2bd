extension TableMaker {
    /// Rows a pilot makes to learn which values rules leave open.
    static let pilotRows = 2_000

    /// Reweights categorical columns so their shares over all rows stay close to the spec's
    /// weights even where rules rule a value out for some rows (student loans only for young
    /// borrowers: the others cannot take the value, so the young ones must take it more often).
    ///
    /// A pilot makes the first rows with the spec's weights and records, per draw, which values
    /// were open. Weights are then raised by iterative proportional fitting on those masks: the
    /// expected share of each value, renormalising over the open values of each recorded draw,
    /// is brought to its target. The pilot depends only on the spec and seed, so every shard
    /// computes the same weights.
    ///
    /// Numeric columns are balanced from the same pilot (see `balanceNumbers`).
    func balance(using generation: Generation) {
        let columns = samplers.indices.filter { column in
            guard case .categorical(let values, _) = samplers[column] else { return false }
            return values.count <= 64 && !narrowing[column].isEmpty && !isUnique[column]
        }
        let numbers = samplers.indices.filter { column in
            guard case .numeric = samplers[column] else { return false }
            return !narrowing[column].isEmpty && !isUnique[column]
        }
        guard !columns.isEmpty || !numbers.isEmpty, rowCount > 0 else { return }
        var workspace = makeWorkspace(model: generation.model)
        workspace.allowedMasks = Array(repeating: [], count: model.columns.count)
        workspace.numericDraws = Array(repeating: [], count: model.columns.count)
        var made = MadeRow(columns: model.columns.count)
        for row in 0..<min(rowCount, Self.pilotRows) {
            var purpose = RowPurpose()
            purpose.parent = generation.parentSlot(of: index, row: row)
            try? make(row: row, purpose: purpose, generation: generation, workspace: &workspace, into: &made)
        }
        retries.removeAll()
        for column in columns {
            guard case .categorical(_, let weights) = samplers[column], let masks = workspace.allowedMasks?[column],
                !masks.isEmpty
            else { continue }
            balancedWeights[column] = Self.fit(weights: weights, masks: masks)
        }
        for column in numbers {
            guard let draws = workspace.numericDraws?[column] else { continue }
            balancedQuantiles[column] = Self.compensation(for: draws)
        }
    }

    /// How the draws the rules leave alone make up for the narrowed ones, so a numeric column's
    /// distribution over all rows stays close to the spec's (ages truncated below 35 for student
    /// loans: the other rows must be a little older).
    ///
    /// In probability space the spec asks for a uniform position t = F(x). A share s of the pilot's
    /// draws were narrowed, with positions distributed as C; the free draws must then have the
    /// distribution W(t) = (t − s·C(t)) / (1 − s), made monotone and clipped to [0, 1] where no
    /// reweighting can reach the target (the narrowed rows alone overfill a region). The result is
    /// W⁻¹ at evenly spaced probabilities: a free draw's uniform u becomes W⁻¹(u).
    /// - Returns: nil when the pilot narrowed no draw, or every draw.
    static func compensation(for draws: [(narrowed: Bool, position: Double)]) -> EmpiricalQuantiles? {
        let narrowed = draws.filter(\.narrowed).map(\.position).sorted()
        guard !narrowed.isEmpty, narrowed.count < draws.count else { return nil }
        let share = Double(narrowed.count) / Double(draws.count)
        let grid = 400
        // W on a grid of positions t, monotone by a running maximum.
        var w = [Double](repeating: 0, count: grid + 1)
        var below = 0
        var highest = 0.0
        for step in 0...grid {
            let t = Double(step) / Double(grid)
            while below < narrowed.count, narrowed[below] <= t { below += 1 }
            let c = Double(below) / Double(narrowed.count)
            highest = max(highest, min(max((t - share * c) / (1 - share), 0), 1))
            w[step] = highest
        }
        w[grid] = 1
        // W⁻¹ at probabilities 0, 1/k, …, 1, interpolating W linearly between grid points.
        let knots = 200
        var inverse: [Double] = []
        inverse.reserveCapacity(knots + 1)
        var step = 0
        for knot in 0...knots {
            let q = Double(knot) / Double(knots)
            while step < grid, w[step + 1] < q { step += 1 }
            let low = w[step]
            let high = w[min(step + 1, grid)]
            let within = high > low ? min(max((q - low) / (high - low), 0), 1) : 0
            inverse.append((Double(step) + within) / Double(grid))
        }
        inverse[0] = 0
        inverse[knots] = 1
        for index in 1..<inverse.count { inverse[index] = max(inverse[index], inverse[index - 1]) }
        return try? EmpiricalQuantiles(inverse)
    }

    /// Weights whose expected shares over the recorded draws match the given weights' shares.
    static func fit(weights: [Double], masks: [UInt64]) -> [Double] {
        let total = weights.reduce(0, +)
        let target = weights.map { $0 / total }
        var fitted = weights
        for _ in 0..<20 {
            var shares = [Double](repeating: 0, count: weights.count)
            for mask in masks {
                var open = 0.0
                for (value, weight) in fitted.enumerated() where mask & (1 << UInt64(value)) != 0 { open += weight }
                guard open > 0 else { continue }
                for (value, weight) in fitted.enumerated() where mask & (1 << UInt64(value)) != 0 {
                    shares[value] += weight / open / Double(masks.count)
                }
            }
            for value in fitted.indices where shares[value] > 0 {
                // Bounded steps and a bounded boost: a value open in almost no draw cannot reach its
                // share, and chasing it would crowd the others out.
                let step = min(max(target[value] / shares[value], 0.5), 2)
                fitted[value] = min(fitted[value] * step, weights[value] * 50)
            }
        }
        return fitted
    }
}
