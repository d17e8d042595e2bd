import SeedbedProfile
import SeedbedScore
import SeedbedSpec

extension Scorecard.ProfileBaseline {
    /// What a profile keeps that fidelity compares with: numeric marginals for numbers, dates
    /// (days) and timestamps (seconds, so generated microseconds are scaled by 1e-6), category
    /// frequencies for text and booleans, the Spearman correlations, and the row and null counts
    /// (for the baseline's null share in distributions). Shape-only columns
    /// (PII, free text) have neither and are not compared.
    init(profile: Profile, spec: SpecFile) {
        var tables: [String: Table] = [:]
        for table in profile.tables {
            let declared = spec.tables.first { $0.name.name == table.name }
            var marginals: [String: Marginal] = [:]
            var nulls: [String: Int] = [:]
            for column in table.columns where column.shapeOnly == nil {
                nulls[column.name] = column.nulls
                let type = declared?.columns.first { $0.name.name == column.name }?.type.valueType ?? column.valueType
                guard let type else { continue }
                if type.isNumeric || type == .date || type == .timestamp {
                    guard let numeric = column.numeric else { continue }
                    marginals[column.name] = .numeric(
                        quantiles: numeric.quantiles, scale: type == .timestamp ? 1e-6 : 1)
                } else if let categories = column.categories {
                    marginals[column.name] = .categorical(
                        counts: categories.counts.map { ($0.value, $0.count) }, otherRows: categories.otherRows)
                }
            }
            tables[table.name] = Table(
                marginals: marginals, rankCorrelations: table.rankCorrelations.map { ($0.first, $0.second, $0.rho) },
                rows: table.rows, nulls: nulls)
        }
        self.init(tables: tables)
    }
}
