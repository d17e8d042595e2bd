import Foundation
import SeedbedSpec

extension Profiler {
    /// How the second pass turns one column's value into a normal score (and, for ordered
    /// columns, a mid-rank for Spearman).
    struct ScoreMap {
        let index: Int
        let name: String
        let ordered: CumulativeDistribution?
        /// Text categories: the probability interval each one covers, rare ones sharing `other`.
        let intervals: [String: (Double, Double)]
        let otherInterval: (Double, Double)

        /// The normal score and the mid-rank in (0, 1), or `nil` for a null.
        func score(_ value: SourceValue) -> (z: Double, u: Double)? {
            if let ordered {
                guard let x = ColumnAccumulator.number(value), ordered.total > 0 else { return nil }
                let (below, atMost) = ordered.counts(around: x)
                let n = Double(ordered.total)
                let lower = Double(below) / n
                let upper = Double(max(atMost, below)) / n
                return (StandardNormal.intervalMean(lower: lower, upper: upper), (lower + upper) / 2)
            }
            guard let key = ColumnAccumulator.categoryKey(value) else { return nil }
            let (lower, upper) = intervals[key] ?? otherInterval
            return (StandardNormal.intervalMean(lower: lower, upper: upper), (lower + upper) / 2)
        }
    }

    /// Sums for the correlation of one pair of columns over the rows where both have a value.
    struct PairSums {
        var n = 0.0
        var x = 0.0
        var y = 0.0
        var xx = 0.0
        var yy = 0.0
        var xy = 0.0

        mutating func add(_ a: Double, _ b: Double) {
            n += 1
            x += a
            y += b
            xx += a * a
            yy += b * b
            xy += a * b
        }

        var correlation: Double {
            guard n > 1 else { return 0 }
            let covariance = xy / n - (x / n) * (y / n)
            let varianceX = xx / n - (x / n) * (x / n)
            let varianceY = yy / n - (y / n) * (y / n)
            guard varianceX > 1e-15, varianceY > 1e-15 else { return 0 }
            return min(1, max(-1, covariance / (varianceX * varianceY).squareRoot()))
        }
    }

    /// The second pass: Spearman correlations between ordered columns and the Gaussian copula
    /// over every column that kept values, pairwise over rows where both are present; and the
    /// joint counts of their bins, for the Chow-Liu tree (see `dependence`).
    func addDependence(
        to profile: inout TableProfile, scan: TableScan, source: some ProfileSource, budget: PrivacyBudget,
        noise: inout NoiseSource
    ) throws(ProfileError) {
        var maps: [ScoreMap] = []
        for (index, column) in scan.columns.enumerated() {
            let statistics = Self.statistics(of: column, shapeOnly: scan.shapeOnly[index])
            if column.type.isOrdered && statistics.numeric {
                maps.append(
                    ScoreMap(
                        index: index, name: column.name, ordered: column.values.distribution(), intervals: [:],
                        otherInterval: (0, 1)))
            } else if statistics.categories {
                maps.append(categoryMap(column, index: index, profile: profile.columns[index].categories))
            }
        }
        guard maps.count >= 2 else { return }
        var joints = JointCounts(binners(scan, profile: profile))
        let m = maps.count
        var copula = [PairSums](repeating: PairSums(), count: m * m)
        var ranks = [PairSums](repeating: PairSums(), count: m * m)
        var scores = [(z: Double, u: Double)?](repeating: nil, count: m)
        try source.scan(scan.table) { (batch: SourceBatch) throws(ProfileError) in
            for row in 0..<batch.rowCount {
                joints.add(row: row, of: batch)
                for (slot, map) in maps.enumerated() {
                    scores[slot] = map.index < batch.columns.count ? map.score(batch.columns[map.index][row]) : nil
                }
                for i in 0..<m {
                    guard let a = scores[i] else { continue }
                    for j in (i + 1)..<m {
                        guard let b = scores[j] else { continue }
                        copula[i * m + j].add(a.z, b.z)
                        if maps[i].ordered != nil && maps[j].ordered != nil { ranks[i * m + j].add(a.u, b.u) }
                    }
                }
            }
        }
        var matrix = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
        let epsilon = budget.epsilon(for: "\(scan.table.name):copula")
        // A row moves a mean of products of scores clipped to ±4 by at most (16 + 1)/n; with m(m-1)/2
        // entries released, their L1 sensitivity is that many times larger.
        let pairs = Double(m * (m - 1) / 2)
        let noiseScale = options.epsilon == nil ? 0 : pairs * 17 / (max(Double(profile.rows), 1) * epsilon)
        for i in 0..<m {
            matrix[i][i] = 1
            for j in (i + 1)..<m {
                var r = copula[i * m + j].correlation
                if noiseScale > 0 { r = min(1, max(-1, r + noise.laplace(scale: noiseScale))) }
                r = (r * 1e6).rounded() / 1e6
                matrix[i][j] = r
                matrix[j][i] = r
            }
        }
        profile.copula = CopulaProfile(columns: maps.map(\.name), correlation: matrix)
        profile.dependence = dependence(
            joints, rows: profile.rows, table: scan.table.name, budget: budget, noise: &noise)
        for i in 0..<m where maps[i].ordered != nil {
            for j in (i + 1)..<m where maps[j].ordered != nil {
                // Under DP the rank correlation follows from the noisy copula (Kruskal's relation for
                // a Gaussian copula), spending no more budget.
                let rho =
                    options.epsilon == nil
                    ? ranks[i * m + j].correlation : 6 / Double.pi * asin(matrix[i][j] / 2)
                profile.rankCorrelations.append(
                    PairCorrelation(first: maps[i].name, second: maps[j].name, rho: (rho * 1e6).rounded() / 1e6))
            }
        }
    }

    /// Probability intervals of a column's categories in the order the profile lists them
    /// (most frequent first), merged rare ones last; booleans false before true.
    private func categoryMap(_ column: ColumnAccumulator, index: Int, profile: CategoryMarginal?) -> ScoreMap {
        let kept = Set((profile?.counts ?? []).map(\.value))
        var order = Self.sortedCategories(column.categories).filter { kept.contains($0.value) }
        if column.type == .bool { order.sort { $0.value < $1.value } }
        let total = Double(max(column.categories.values.reduce(0, +), 1))
        var intervals: [String: (Double, Double)] = [:]
        var lower = 0.0
        for category in order {
            let upper = lower + Double(category.count) / total
            intervals[category.value] = (lower, upper)
            if column.type == .bool, let flag = Bool(category.value.lowercased()) {
                intervals[String(flag)] = (lower, upper)
            }
            lower = upper
        }
        return ScoreMap(index: index, name: column.name, ordered: nil, intervals: intervals, otherInterval: (lower, 1))
    }
}

extension ColumnAccumulator {
    /// The number the first pass recorded for a value, or `nil` for a null or text.
    static func number(_ value: SourceValue) -> Double? {
        switch value {
        case .null: return nil
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .boolean(let v): return v ? 1 : 0
        case .date(let days): return Double(days) * 86_400
        case .timestamp(let micros): return Double(micros) / 1e6
        case .text(let text):
            switch FieldClassifier.classify(text) {
            case .integer(let v): return Double(v)
            case .decimal(let v, _), .float(let v): return v
            case .date(let days): return Double(days) * 86_400
            case .timestamp(let seconds): return seconds
            case .boolean(let v): return v ? 1 : 0
            case .null, .text: return nil
            }
        }
    }

    /// The key the first pass counted a value under, or `nil` for a null.
    static func categoryKey(_ value: SourceValue) -> String? {
        switch value {
        case .null: return nil
        case .text(let text):
            let trimmed = FieldClassifier.trimmed(text)
            return trimmed.isEmpty || FieldClassifier.nullSpellings.contains(trimmed) ? nil : trimmed
        case .integer(let v): return String(v)
        case .real(let v): return "\(v)"
        case .boolean(let v): return v ? "true" : "false"
        case .date(let days): return CivilDate.format(days: days)
        case .timestamp(let micros): return CivilDate.format(microseconds: micros)
        }
    }
}
