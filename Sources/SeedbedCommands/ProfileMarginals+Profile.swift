import Foundation
import SeedbedEngine
import SeedbedProfile
import SeedbedSpec

extension ProfileMarginals {
    /// A profile's marginals and dependence in the engine's units: categories (for text, booleans,
    /// and numbers with few distinct values) with their counts as weights, other ordered columns by
    /// their quantiles (timestamps from seconds to microseconds), and the copula's correlations as
    /// rank correlations. Shape-only columns (pii, free text) give nothing: they keep no values.
    init(_ profile: Profile) {
        self.init()
        for table in profile.tables {
            var columns: [String: Marginal] = [:]
            for column in table.columns where column.shapeOnly == nil {
                guard let type = column.valueType else { continue }
                // A number whose rare values were merged away is better told by its quantiles.
                if let categories = column.categories, categories.otherRows == 0 || !type.isNumeric,
                    let marginal = Self.categorical(categories, type: type)
                {
                    columns[column.name] = marginal
                } else if let numeric = column.numeric, type.isOrdered {
                    let scale = type == .timestamp ? 1_000_000.0 : 1
                    if let quantiles = try? EmpiricalQuantiles(numeric.quantiles.map { $0 * scale }) {
                        columns[column.name] = .quantiles(quantiles)
                    }
                }
            }
            marginals[table.name] = columns
            if let dependence = table.dependence {
                addDependence(dependence, of: table, marginals: columns, minCount: profile.privacy.minCount)
            }
            if let copula = table.copula {
                var pairs: [(first: String, second: String, rank: Double)] = []
                for i in copula.columns.indices {
                    for j in copula.columns.indices where j < i {
                        let latent = copula.correlation[i][j]
                        guard latent.isFinite, abs(latent) >= 0.05 else { continue }
                        pairs.append(
                            (copula.columns[i], copula.columns[j], GaussianCopula.rankCorrelation(forLatent: latent)))
                    }
                }
                correlations[table.name] = pairs
            }
        }
    }

    /// The dependence tree's bins in the engine's terms: a categorical marginal's values mapped to
    /// the profile's bins by value (the ones past the binned values to "other"), cuts in the
    /// column's unit (timestamps in microseconds). A column whose marginal is drawn otherwise than
    /// it was binned keeps no edge.
    private mutating func addDependence(
        _ dependence: DependenceProfile, of table: TableProfile, marginals: [String: Marginal], minCount: Int
    ) {
        var tableBins: [String: Bins] = [:]
        for binned in dependence.columns {
            guard let column = table.column(named: binned.name), let type = column.valueType else { continue }
            switch (marginals[binned.name], binned.values, binned.cuts) {
            case (.categories(let values, _)?, let named?, nil):
                // The marginal holds the profile's categories with rows, in order (see `categorical`).
                let texts = (column.categories?.counts ?? []).filter { $0.count > 0 }.map(\.value)
                guard texts.count == values.count else { continue }
                let bin = Dictionary(named.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                tableBins[binned.name] = .categories(
                    binOfValue: texts.map { bin[$0] ?? named.count }, count: binned.binCount)
            case (.quantiles?, nil, let cuts?):
                let scale = type == .timestamp ? 1_000_000.0 : 1
                tableBins[binned.name] = .cuts(cuts.map { $0 * scale })
            default:
                continue
            }
        }
        bins[table.name] = tableBins
        joints[table.name] = dependence.edges.compactMap { edge in
            guard tableBins[edge.first] != nil, tableBins[edge.second] != nil else { return nil }
            return JointTable(
                first: edge.first, second: edge.second, counts: edge.counts.map { $0.map(Double.init) },
                suppressed: Double(edge.suppressedRows), cellLimit: Double(max(minCount - 1, 0)))
        }
    }

    /// Categories in the profile's order (the copula's order on the normal scale); the merged rare
    /// ones ("other") are no single value and are left out.
    private static func categorical(_ categories: CategoryMarginal, type: ValueType) -> Marginal? {
        var values: [Literal] = []
        var weights: [Double] = []
        for category in categories.counts where category.count > 0 {
            let literal: Literal?
            switch type {
            case .text, .uuid: literal = .string(category.value)
            case .bool:
                literal = category.value == "true" ? .bool(true) : category.value == "false" ? .bool(false) : nil
            case .int, .decimal, .float: literal = Double(category.value).map { .number(.decimal($0)) }
            case .date: literal = Self.days(category.value).map(Literal.date)
            case .timestamp: literal = nil
            }
            guard let literal else { return nil }
            values.append(literal)
            weights.append(Double(category.count))
        }
        return values.isEmpty ? nil : .categories(values, weights: weights)
    }

    private static func days(_ text: String) -> Int? {
        let parts = text.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDate.days(year: parts[0], month: parts[1], day: parts[2])
    }

    /// The profile a spec's columns follow: `--profile`, else the spec's `profile "FILE"` when that
    /// file exists (see `SpecInput.profilePath`). Without one, `from profile` columns are an error
    /// the engine names.
    static func load(option: String?, spec: SpecFile, specPath: String) throws(ProfileError) -> ProfileMarginals? {
        guard let path = option ?? SpecInput.profilePath(of: spec, specPath: specPath) else { return nil }
        return ProfileMarginals(try Profile.load(path: path))
    }
}
