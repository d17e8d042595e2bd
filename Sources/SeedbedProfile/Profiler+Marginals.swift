import Foundation
import SeedbedSpec

extension Profiler {
    /// A table's row count and per-column marginals, exact or differentially private.
    func marginals(of scan: TableScan, budget: PrivacyBudget, noise: inout NoiseSource) -> TableProfile {
        let table = scan.table.name
        let isPrivate = options.epsilon != nil
        let rows =
            isPrivate
            ? noisyCount(scan.rows, epsilon: budget.epsilon(for: "\(table):rows"), noise: &noise) : scan.rows
        var columns: [ColumnProfile] = []
        for (index, column) in scan.columns.enumerated() {
            let name = "\(table).\(column.name)"
            let nulls =
                isPrivate
                ? min(rows, noisyCount(column.nulls, epsilon: budget.epsilon(for: "\(name):nulls"), noise: &noise))
                : column.nulls
            var profile = ColumnProfile(
                name: column.name, type: column.type, nulls: nulls,
                nullRate: rows == 0 ? 0 : Double(nulls) / Double(rows), shapeOnly: scan.shapeOnly[index])
            let statistics = Self.statistics(of: column, shapeOnly: scan.shapeOnly[index])
            if statistics.numeric {
                let distribution = column.values.distribution()
                profile.numeric =
                    isPrivate
                    ? privateNumeric(
                        distribution, type: column.type, boundsEpsilon: budget.epsilon(for: "\(name):bounds"),
                        quantileEpsilon: budget.epsilon(for: "\(name):quantiles"), noise: &noise)
                    : exactNumeric(distribution, type: column.type)
            }
            if statistics.categories {
                profile.categories =
                    isPrivate
                    ? privateCategories(
                        column.categories, epsilon: budget.epsilon(for: "\(name):categories"), noise: &noise)
                    : exactCategories(column.categories)
            }
            if statistics.shape {
                profile.shape =
                    isPrivate
                    ? privateShape(
                        column, lengthEpsilon: budget.epsilon(for: "\(name):lengths"),
                        characterEpsilon: budget.epsilon(for: "\(name):characters"), noise: &noise)
                    : exactShape(column)
            }
            columns.append(profile)
        }
        return TableProfile(name: table, rows: rows, columns: columns)
    }

    // MARK: - Exact, with clipping and suppression

    /// Quantiles clipped to the K-th value from each end, so no single extreme row shows.
    func exactNumeric(_ distribution: CumulativeDistribution, type: ValueType) -> NumericMarginal {
        let n = distribution.total
        let k = max(options.minCount, 1)
        let low = distribution.value(atRank: min(k - 1, (n - 1) / 2))
        let high = distribution.value(atRank: max(n - k, (n - 1) / 2))
        let count = max(options.quantileCount, 2)
        let quantiles = (0..<count).map { index in
            let q = distribution.quantile(Double(index) / Double(count - 1))
            return Self.rounded(min(max(q, low), high), type: type)
        }
        return NumericMarginal(
            min: Self.rounded(low, type: type), max: Self.rounded(high, type: type), quantiles: quantiles,
            exact: distribution.isExact)
    }

    func exactCategories(_ counts: [String: Int]) -> CategoryMarginal {
        let k = max(options.minCount, 1)
        let sorted = Self.sortedCategories(counts)
        let kept = sorted.filter { $0.count >= k }
        let merged = sorted.filter { $0.count < k }
        return CategoryMarginal(
            counts: kept, otherRows: merged.reduce(0) { $0 + $1.count }, otherCategories: merged.count)
    }

    static func sortedCategories(_ counts: [String: Int]) -> [CategoryCount] {
        counts.map { CategoryCount(value: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    func exactShape(_ column: ColumnAccumulator) -> TextShape {
        let lengths = exactNumeric(column.lengths.distribution(), type: .int)
        let n = Double(max(column.lengths.count, 1))
        var characters: [String: Double] = [:]
        for (index, name) in ColumnAccumulator.characterClasses.enumerated() {
            characters[name] = Self.rounded(column.characterShares[index] / n, type: .decimal(scale: 4))
        }
        return TextShape(lengths: lengths, characters: characters)
    }

    /// Values as the column's type writes them: whole numbers for int, the scale for decimals,
    /// whole days for dates (the sketch holds seconds).
    static func rounded(_ value: Double, type: ValueType) -> Double {
        switch type {
        case .int, .bool: return value.rounded()
        case .decimal(let scale):
            let factor = pow(10, Double(min(scale, 12)))
            return (value * factor).rounded() / factor
        case .date: return (value / 86_400).rounded(.down)
        default: return value
        }
    }

    // MARK: - Differentially private

    func noisyCount(_ count: Int, epsilon: Double, sensitivity: Double = 1, noise: inout NoiseSource) -> Int {
        guard epsilon > 0 else { return 0 }
        return max(0, Int((Double(count) + noise.laplace(scale: sensitivity / epsilon)).rounded()))
    }

    /// Power-of-two bins (and one around zero) for finding bounds without looking at the data
    /// first: a value x ≠ 0 falls in the bin of ±⌊log2|x|⌋, clamped to [-10, 62].
    static let boundBins: [(lower: Double, upper: Double)] = {
        var bins: [(Double, Double)] = []
        for exponent in (-10...62).reversed() {
            bins.append((-pow(2, Double(exponent + 1)), -pow(2, Double(exponent))))
        }
        bins.append((-pow(2, -10), pow(2, -10)))
        for exponent in -10...62 { bins.append((pow(2, Double(exponent)), pow(2, Double(exponent + 1)))) }
        return bins
    }()

    /// Bounds from a noisy histogram over fixed power-of-two bins (a public grid, so no data
    /// decides it), then quantiles from a noisy histogram of 256 equal bins between them.
    func privateNumeric(
        _ distribution: CumulativeDistribution, type: ValueType, boundsEpsilon: Double, quantileEpsilon: Double,
        noise: inout NoiseSource
    ) -> NumericMarginal {
        let scale: Double = type == .date ? 86_400 : 1
        let bins = Self.boundBins.map { ($0.lower * scale, $0.upper * scale) }
        var noisy: [Double] = []
        var previous = 0
        for (index, bin) in bins.enumerated() {
            let atMost =
                index == bins.count - 1 ? distribution.total : distribution.counts(around: bin.1).below
            noisy.append(Double(atMost - previous) + noise.laplace(scale: 1 / boundsEpsilon))
            previous = atMost
        }
        // Above this, an empty bin's noise shows with probability under 5 % across all bins.
        let threshold = log(2 * Double(bins.count) / 0.05) / boundsEpsilon
        var low = 0.0
        var high = scale
        if let first = noisy.firstIndex(where: { $0 > threshold }),
            let last = noisy.lastIndex(where: { $0 > threshold })
        {
            low = bins[first].0
            high = bins[last].1
        }
        let binCount = 256
        let width = (high - low) / Double(binCount)
        var counts: [Double] = []
        previous = 0
        for index in 0..<binCount {
            let edge = low + width * Double(index + 1)
            let atMost = index == binCount - 1 ? distribution.total : distribution.counts(around: edge).below
            // Whole counts: a fraction of a row left by the noise in an empty bin would stretch the tails.
            counts.append(max(0, (Double(atMost - previous) + noise.laplace(scale: 1 / quantileEpsilon)).rounded()))
            previous = atMost
        }
        let quantiles = Self.histogramQuantiles(counts, low: low, width: width, count: max(options.quantileCount, 2))
            .map { Self.rounded($0, type: type) }
        return NumericMarginal(
            min: quantiles.first ?? low, max: quantiles.last ?? high, quantiles: quantiles, exact: false)
    }

    /// Quantiles of a histogram, interpolating linearly inside each bin.
    static func histogramQuantiles(_ counts: [Double], low: Double, width: Double, count: Int) -> [Double] {
        let total = counts.reduce(0, +)
        guard total > 0 else { return Array(repeating: low, count: count) }
        var result: [Double] = []
        var bin = 0
        var below = 0.0
        for index in 0..<count {
            let target = total * Double(index) / Double(count - 1)
            while bin < counts.count - 1 && below + counts[bin] < target {
                below += counts[bin]
                bin += 1
            }
            let inside = counts[bin] > 0 ? min(max((target - below) / counts[bin], 0), 1) : 0
            result.append(low + width * (Double(bin) + inside))
        }
        return result
    }

    /// Laplace noise on every observed category's count; a category is named only when its
    /// noisy count reaches K, which keeps a single row's rare value out of the profile.
    func privateCategories(_ counts: [String: Int], epsilon: Double, noise: inout NoiseSource) -> CategoryMarginal {
        let k = max(options.minCount, 1)
        var kept: [CategoryCount] = []
        var other = 0
        for category in Self.sortedCategories(counts).sorted(by: { $0.value < $1.value }) {
            let noisy = noisyCount(category.count, epsilon: epsilon, noise: &noise)
            if noisy >= k {
                kept.append(CategoryCount(value: category.value, count: noisy))
            } else {
                other += category.count
            }
        }
        let otherRows = other == 0 ? 0 : noisyCount(other, epsilon: epsilon, noise: &noise)
        kept.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
        return CategoryMarginal(counts: kept, otherRows: otherRows, otherCategories: 0)
    }

    /// Lengths from a noisy histogram over 0…256 (a public range; longer values count as 256),
    /// character shares from noisy sums of each value's shares (one value moves them by at most 1
    /// in total).
    func privateShape(
        _ column: ColumnAccumulator, lengthEpsilon: Double, characterEpsilon: Double, noise: inout NoiseSource
    ) -> TextShape {
        let distribution = column.lengths.distribution()
        var counts: [Double] = []
        var previous = 0
        for length in 0...256 {
            let atMost = length == 256 ? distribution.total : distribution.countAtMost(Double(length))
            counts.append(max(0, (Double(atMost - previous) + noise.laplace(scale: 1 / lengthEpsilon)).rounded()))
            previous = atMost
        }
        let quantiles = Self.histogramQuantiles(counts, low: -0.5, width: 1, count: max(options.quantileCount, 2))
            .map { max(0, $0.rounded()) }
        let lengths = NumericMarginal(
            min: quantiles.first ?? 0, max: quantiles.last ?? 0, quantiles: quantiles, exact: false)
        let shares = column.characterShares.map { max(0, $0 + noise.laplace(scale: 1 / characterEpsilon)) }
        let total = shares.reduce(0, +)
        var characters: [String: Double] = [:]
        for (index, name) in ColumnAccumulator.characterClasses.enumerated() {
            characters[name] = total > 0 ? Self.rounded(shares[index] / total, type: .decimal(scale: 4)) : 0
        }
        return TextShape(lengths: lengths, characters: characters)
    }
}
