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
    func balanceChoices(using generation: Generation) {
        let columns = samplers.indices.filter { column in
            guard case .categorical(let values, _) = samplers[column] else { return false }
            return values.count <= 64 && !narrowing[column].isEmpty && !isUnique[column]
        }
        guard !columns.isEmpty, rowCount > 0 else { return }
        var workspace = makeWorkspace(model: generation.model)
        workspace.allowedMasks = Array(repeating: [], count: model.columns.count)
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
