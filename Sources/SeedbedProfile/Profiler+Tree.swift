import Foundation
import SeedbedSpec

extension Profiler {
    /// Numbers are cut into about this many bins of equal probability, plus their atoms.
    static let quantileBins = 20
    /// Categories beyond the most frequent ones share the "other" bin.
    static let maximumBinnedValues = 50
    /// Atoms (values held by 1% of the rows or more) beyond this many are left in their bins.
    static let maximumAtoms = 30
    /// The pairwise tables hold up to (52 bins)² counts per pair of columns: past this many
    /// binned columns (about 16 M counts) the later columns are left out of the tree.
    static let maximumBinnedColumns = 80
    /// Edges below this mutual information (nats) carry nothing generation could use.
    static let minimumMutualInformation = 1e-3

    /// How the second pass puts one column's value in a bin. Bins come from the published
    /// marginal (categories, quantiles), never from the raw values: they reveal nothing more.
    struct Binner {
        let index: Int
        let column: BinnedColumn
        let type: ValueType
        /// Categorical: each category's bin (keys as the first pass counted them).
        let bins: [String: Int]

        var binCount: Int { column.binCount }

        func bin(_ value: SourceValue) -> Int {
            let null = binCount - 1
            if let cuts = column.cuts {
                guard let x = ColumnAccumulator.number(value) else { return null }
                return cuts.countAtOrBelow(Profiler.rounded(x, type: type))
            }
            guard let key = ColumnAccumulator.categoryKey(value) else { return null }
            return bins[key] ?? null - 1
        }
    }

    /// The binners of the columns that kept values: categories as the engine draws them (a number
    /// with few values whose rare ones were not merged, text, booleans, dates), else quantile bins.
    func binners(_ scan: TableScan, profile: TableProfile) -> [Binner] {
        var binners: [Binner] = []
        for (index, column) in scan.columns.enumerated() where scan.shapeOnly[index] == nil {
            let published = profile.columns[index]
            let type = column.type
            if let categories = published.categories, !categories.counts.isEmpty, type != .timestamp,
                categories.otherRows == 0 || !type.isNumeric
            {
                let values = categories.counts.prefix(Self.maximumBinnedValues).map(\.value)
                var bins: [String: Int] = [:]
                for (bin, value) in values.enumerated() {
                    bins[value] = bin
                    if type == .bool, let flag = Bool(value.lowercased()) { bins[String(flag)] = bin }
                }
                binners.append(
                    Binner(
                        index: index, column: BinnedColumn(name: column.name, values: values), type: type, bins: bins))
            } else if let numeric = published.numeric, type.isOrdered {
                let cuts = Self.cuts(numeric.quantiles, type: type)
                binners.append(
                    Binner(index: index, column: BinnedColumn(name: column.name, cuts: cuts), type: type, bins: [:]))
            }
        }
        return Array(binners.prefix(Self.maximumBinnedColumns))
    }

    /// Cuts at every 1/`quantileBins` of probability, and around every atom (a value shared by
    /// consecutive percentiles) so it has a bin of its own: [a, the next value on the grid).
    static func cuts(_ quantiles: [Double], type: ValueType) -> [Double] {
        guard let first = quantiles.first, let last = quantiles.last, first < last else { return [] }
        let n = quantiles.count
        var cuts = Set<Double>()
        for k in 1..<quantileBins {
            let cut = quantiles[Int((Double(k) * Double(n - 1) / Double(quantileBins)).rounded())]
            if cut > first && cut < last { cuts.insert(cut) }
        }
        var atoms = 0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n && quantiles[j + 1] == quantiles[i] { j += 1 }
            // An atom holds 2% of the rows or more: three equal percentiles.
            if j >= i + 2 && atoms < maximumAtoms {
                atoms += 1
                let atom = quantiles[i]
                if atom > first { cuts.insert(atom) }
                let next = following(atom, type: type)
                if next <= last { cuts.insert(next) }
            }
            i = j + 1
        }
        return cuts.sorted()
    }

    /// The next value a column of `type` can hold after `value`.
    static func following(_ value: Double, type: ValueType) -> Double {
        switch type {
        case .int, .bool, .date: return value + 1
        case .decimal(let scale): return rounded(value + pow(10, -Double(min(scale, 12))), type: type)
        case .timestamp: return value + 1e-6
        default: return value.nextUp
        }
    }

    /// Joint counts of every pair of binned columns, gathered row by row.
    struct JointCounts {
        let binners: [Binner]
        /// Pair (i, j), i < j, at `offsets[i * m + j]`: counts[bin_i * bins_j + bin_j].
        private(set) var counts: [Int]
        private let offsets: [Int]
        private var bins: [Int]

        init(_ binners: [Binner]) {
            self.binners = binners
            let m = binners.count
            var offsets = [Int](repeating: 0, count: m * m)
            var size = 0
            for i in 0..<m {
                for j in (i + 1)..<m {
                    offsets[i * m + j] = size
                    size += binners[i].binCount * binners[j].binCount
                }
            }
            self.offsets = offsets
            counts = [Int](repeating: 0, count: size)
            bins = [Int](repeating: 0, count: m)
        }

        mutating func add(row: Int, of batch: SourceBatch) {
            let m = binners.count
            for (slot, binner) in binners.enumerated() {
                bins[slot] = binner.index < batch.columns.count ? binner.bin(batch.columns[binner.index][row]) : 0
            }
            for i in 0..<m {
                for j in (i + 1)..<m {
                    counts[offsets[i * m + j] + bins[i] * binners[j].binCount + bins[j]] += 1
                }
            }
        }

        /// The table of pair (i, j), i < j, as rows of i's bins.
        func table(_ i: Int, _ j: Int) -> [[Int]] {
            let m = binners.count
            let offset = offsets[i * m + j]
            let width = binners[j].binCount
            return (0..<binners[i].binCount).map { a in Array(counts[(offset + a * width)..<(offset + (a + 1) * width)])
            }
        }
    }

    /// The mutual information of a contingency table, in nats, less the Miller-Madow estimate of
    /// its bias ((cells − rows − columns + 1) / 2n over the non-empty ones), so a pair of columns
    /// with many bins does not win the tree by its bins alone.
    static func mutualInformation(_ table: [[Int]]) -> Double {
        let total = Double(table.reduce(0) { $0 + $1.reduce(0, +) })
        guard total > 0, let width = table.first?.count else { return 0 }
        let rows = table.map { Double($0.reduce(0, +)) }
        var columns = [Double](repeating: 0, count: width)
        for row in table { for (j, count) in row.enumerated() { columns[j] += Double(count) } }
        var information = 0.0
        var cells = 0
        for (i, row) in table.enumerated() {
            for (j, count) in row.enumerated() where count > 0 {
                let p = Double(count) / total
                information += p * log(Double(count) * total / (rows[i] * columns[j]))
                cells += 1
            }
        }
        let bias =
            Double(cells - rows.filter { $0 > 0 }.count - columns.filter { $0 > 0 }.count + 1) / (2 * total)
        return max(information - bias, 0)
    }

    /// The Chow-Liu tree over the gathered pairs with each edge's table, rare cells suppressed;
    /// under DP the mutual information choosing the tree and every cell get Laplace noise.
    func dependence(_ joints: JointCounts, rows: Int, table: String, budget: PrivacyBudget, noise: inout NoiseSource)
        -> DependenceProfile?
    {
        let binners = joints.binners
        let m = binners.count
        guard m >= 2 else { return nil }
        var candidates: [(i: Int, j: Int, information: Double)] = []
        let pairs = Double(m * (m - 1) / 2)
        let structureEpsilon = budget.epsilon(for: "\(table):dependence-structure")
        // PrivBayes' bound (Zhang et al. 2014, lemma 4.1) on how far one row moves a mutual
        // information; every pair's is released to the choice, so the scale grows with the pairs.
        let n = max(Double(rows), 2)
        let sensitivity = 2 / n * log((n + 1) / 2) + (n - 1) / n * log((n + 1) / (n - 1))
        for i in 0..<m {
            for j in (i + 1)..<m {
                var information = Self.mutualInformation(joints.table(i, j))
                if options.epsilon != nil {
                    information +=
                        structureEpsilon > 0
                        ? noise.laplace(scale: pairs * sensitivity / structureEpsilon) : -information
                }
                candidates.append((i, j, information))
            }
        }
        // Kruskal on the strongest pairs first.
        candidates.sort {
            $0.information != $1.information ? $0.information > $1.information : ($0.i, $0.j) < ($1.i, $1.j)
        }
        var component = Array(0..<m)
        func root(_ node: Int) -> Int {
            var node = node
            while component[node] != node { node = component[node] }
            return node
        }
        let k = max(options.minCount, 1)
        let cellScale = Double(max(m - 1, 1)) / max(budget.epsilon(for: "\(table):dependence"), .leastNonzeroMagnitude)
        var edges: [DependenceEdge] = []
        for candidate in candidates where candidate.information >= Self.minimumMutualInformation {
            let a = root(candidate.i)
            let b = root(candidate.j)
            guard a != b else { continue }
            component[a] = b
            var suppressed = 0
            let counts = joints.table(candidate.i, candidate.j).map { row in
                row.map { count -> Int in
                    var released = count
                    if options.epsilon != nil {
                        released = max(0, Int((Double(count) + noise.laplace(scale: cellScale)).rounded()))
                    }
                    guard released < k else { return released }
                    suppressed += released
                    return 0
                }
            }
            edges.append(
                DependenceEdge(
                    first: binners[candidate.i].column.name, second: binners[candidate.j].column.name,
                    mutualInformation: (candidate.information * 1e6).rounded() / 1e6, counts: counts,
                    suppressedRows: suppressed))
        }
        guard !edges.isEmpty else { return nil }
        let used = Set(edges.flatMap { [$0.first, $0.second] })
        return DependenceProfile(columns: binners.map(\.column).filter { used.contains($0.name) }, edges: edges)
    }
}
