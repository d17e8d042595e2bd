import Foundation

extension Scorecard {
    /// What a production profile keeps that fidelity can be measured against: per column a
    /// numeric marginal (101 quantiles) or category frequencies, and Spearman correlations
    /// between ordered columns. No rows: so pairs of categories cannot be compared.
    public struct ProfileBaseline: Sendable {
        public enum Marginal: Sendable {
            /// Quantiles at 0, 1/(q-1), …, 1 in the profile's unit; a generated value times
            /// `scale` is in that unit (1e-6 turns microseconds into seconds).
            case numeric(quantiles: [Double], scale: Double)
            /// Category counts, and the rows of categories too rare to be listed.
            case categorical(counts: [(value: String, count: Int)], otherRows: Int)
        }

        public struct Table: Sendable {
            public var marginals: [String: Marginal]
            public var rankCorrelations: [(first: String, second: String, rho: Double)]
            /// The profile's row count and each column's null count, so the baseline's side of a
            /// distribution can give its null share; nil and empty when the caller has neither.
            public var rows: Int?
            public var nulls: [String: Int]

            public init(
                marginals: [String: Marginal], rankCorrelations: [(first: String, second: String, rho: Double)],
                rows: Int? = nil, nulls: [String: Int] = [:]
            ) {
                self.marginals = marginals
                self.rankCorrelations = rankCorrelations
                self.rows = rows
                self.nulls = nulls
            }
        }

        public var tables: [String: Table]

        public init(tables: [String: Table]) { self.tables = tables }
    }

    /// Fidelity against a profile: KSComplement against the profile's quantile function for
    /// numbers, dates and timestamps; TVComplement against its category frequencies (categories
    /// it lumps as `other` compared as one); and, for numeric pairs the profile correlates,
    /// `1 − |ρ_profile − ρ_generated| / 2` with Spearman's ρ on both sides, counted when
    /// `|ρ_profile| > 0.5` as SDMetrics counts pairs.
    public mutating func measureFidelity(
        _ tables: [ScorecardTable], profile: ProfileBaseline, baseline: String
    ) {
        var fidelity = Fidelity(method: "profile", baseline: baseline)
        for table in tables {
            guard let profiled = profile.tables[table.name] else {
                notes.append("fidelity: the profile has no table '\(table.name)'; it is not compared")
                continue
            }
            var result = Fidelity.Table(name: table.name)
            let units = Dictionary(
                table.columns.compactMap { column in column.unit.map { (column.name, $0) } },
                uniquingKeysWith: { first, _ in first })
            var numeric: Set<String> = []
            var skipped: [String] = []
            for name in table.comparedColumns {
                guard let marginal = profiled.marginals[name], let values = table.data[name] else {
                    skipped.append(name)
                    continue
                }
                switch (marginal, values) {
                case (.numeric(let quantiles, let scale), .numeric(let generated)):
                    numeric.insert(name)
                    let scaled = generated.compactMap { $0.map { $0 * scale } }
                    var distribution = ColumnDistribution.profile(
                        quantiles: quantiles, synthetic: generated.map { $0.map { $0 * scale } })
                    distribution?.unit = units[name]?.scaled(by: scale)
                    // The profile's rows less its nulls are the non-null rows behind its quantiles.
                    if let nulls = profiled.nulls[name], let rows = profiled.rows {
                        distribution?.real.nulls = nulls
                        distribution?.real.values = Swift.max(0, rows - nulls)
                    }
                    result.columns.append(
                        .init(
                            column: name, metric: "KSComplement",
                            score: ProfileComparison.ksComplement(quantiles: quantiles, synthetic: scaled),
                            distribution: distribution))
                case (.categorical(let counts, let otherRows), .categorical(let generated)):
                    var distribution = ColumnDistribution.profile(
                        counts: counts, otherRows: otherRows, synthetic: generated)
                    // Its values stay the category counts, which the shares are of.
                    distribution.real.nulls = profiled.nulls[name]
                    result.columns.append(
                        .init(
                            column: name, metric: "TVComplement",
                            score: ProfileComparison.tvComplement(
                                counts: counts, otherRows: otherRows, synthetic: generated.compactMap(\.self)),
                            distribution: distribution))
                default:
                    skipped.append(name)
                }
            }
            if !skipped.isEmpty {
                notes.append(
                    "fidelity: the profile of '\(table.name)' has no comparable marginal for \(skipped.joined(separator: ", ")); not compared"
                )
            }
            for pair in profiled.rankCorrelations where numeric.contains(pair.first) && numeric.contains(pair.second) {
                guard case .numeric(let x) = table.data[pair.first], case .numeric(let y) = table.data[pair.second]
                else { continue }
                let generated = ProfileComparison.spearman(x, y)
                let counts = abs(pair.rho) > QualityReport.Options().realCorrelationThreshold
                result.pairs.append(
                    .init(
                        first: pair.first, second: pair.second, metric: "CorrelationSimilarity",
                        score: generated.map { 1 - abs(pair.rho - $0) / 2 }, real: pair.rho, synthetic: generated,
                        counts: counts))
            }
            fidelity.tables.append(result)
        }
        self.fidelity = fidelity
    }
}

/// The comparisons of generated values with a profile's summaries.
enum ProfileComparison {
    /// `1 − sup |F_generated − F_profile|`, with F_profile the piecewise linear CDF through the
    /// quantiles (a jump where quantiles tie). The supremum is reached at a generated value or a
    /// quantile, from the left or the right, so those are the points checked. `nil` without values.
    static func ksComplement(quantiles: [Double], synthetic: [Double]) -> Double? {
        let knots = quantiles.filter { !$0.isNaN }
        guard knots.count >= 2, !synthetic.isEmpty else { return nil }
        let values = synthetic.filter { !$0.isNaN }.sorted()
        guard !values.isEmpty else { return nil }
        let n = Double(values.count)
        let step = 1 / Double(knots.count - 1)
        /// The profile's CDF at x, and its left limit.
        func profile(_ x: Double, left: Bool) -> Double {
            // The last knot at or below x (strictly below for the left limit).
            var low = 0
            var high = knots.count
            while low < high {
                let middle = (low + high) / 2
                if left ? knots[middle] < x : knots[middle] <= x { low = middle + 1 } else { high = middle }
            }
            let index = low - 1
            if index < 0 { return 0 }
            if index >= knots.count - 1 { return 1 }
            let span = knots[index + 1] - knots[index]
            return Double(index) * step + (span > 0 ? step * (x - knots[index]) / span : 0)
        }
        /// The generated CDF at x, and its left limit.
        func generated(_ x: Double, left: Bool) -> Double {
            var low = 0
            var high = values.count
            while low < high {
                let middle = (low + high) / 2
                if left ? values[middle] < x : values[middle] <= x { low = middle + 1 } else { high = middle }
            }
            return Double(low) / n
        }
        var gap = 0.0
        for x in knots + values {
            gap = max(gap, abs(generated(x, left: false) - profile(x, left: false)))
            gap = max(gap, abs(generated(x, left: true) - profile(x, left: true)))
        }
        return 1 - gap
    }

    /// `1 − ½ Σ |p_profile − p_generated|` over the listed categories, `other` (the profile's
    /// unlisted categories and generated values it does not list, when it has such rows) and,
    /// when the profile has no `other`, each value only generated. Nulls are dropped on both sides.
    static func tvComplement(counts: [(value: String, count: Int)], otherRows: Int, synthetic: [String]) -> Double? {
        let total = counts.reduce(otherRows) { $0 + $1.count }
        guard total > 0, !synthetic.isEmpty else { return nil }
        var listed: [String: Int] = [:]
        for (index, entry) in counts.enumerated() where listed[entry.value] == nil { listed[entry.value] = index }
        var generated = [Int](repeating: 0, count: counts.count)
        var other = 0
        var unlisted: [String: Int] = [:]
        for value in synthetic {
            if let index = listed[value] {
                generated[index] += 1
            } else if otherRows > 0 {
                other += 1
            } else {
                unlisted[value, default: 0] += 1
            }
        }
        let m = Double(synthetic.count)
        var distance = Double(abs(Double(otherRows) / Double(total) - Double(other) / m))
        for (index, entry) in counts.enumerated() {
            distance += abs(Double(entry.count) / Double(total) - Double(generated[index]) / m)
        }
        for count in unlisted.values { distance += Double(count) / m }
        return 1 - distance / 2
    }

    /// Spearman's ρ over the rows where both values are present, ties at mid-rank; `nil` when
    /// a side is constant or fewer than two rows are complete.
    static func spearman(_ x: [Double?], _ y: [Double?]) -> Double? {
        var pairs: [(Double, Double)] = []
        for (a, b) in zip(x, y) {
            guard let a, let b, !a.isNaN, !b.isNaN else { continue }
            pairs.append((a, b))
        }
        guard pairs.count >= 2 else { return nil }
        let rx = ranks(pairs.map(\.0))
        let ry = ranks(pairs.map(\.1))
        let mx = rx.reduce(0, +) / Double(rx.count)
        let my = ry.reduce(0, +) / Double(ry.count)
        var sxy = 0.0
        var sxx = 0.0
        var syy = 0.0
        for (a, b) in zip(rx, ry) {
            sxy += (a - mx) * (b - my)
            sxx += (a - mx) * (a - mx)
            syy += (b - my) * (b - my)
        }
        guard sxx > 0, syy > 0 else { return nil }
        return sxy / (sxx * syy).squareRoot()
    }

    /// 1-based ranks, ties sharing their mean rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for position in start...end { ranks[order[position]] = rank }
            start = end + 1
        }
        return ranks
    }
}
