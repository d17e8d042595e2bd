/// Checks a decoded profile for what JSON types alone allow but a profile cannot be:
/// negative counts, rates outside [0, 1], unsorted or non-finite quantiles, correlations outside
/// [-1, 1], arrays past their bounds, unknown types.
struct ProfileValidator {
    let file: String

    mutating func validate(_ profile: Profile) throws(ProfileError) {
        try bound(profile.tables.count, Profile.maximumTables, "tables")
        try check(profile.privacy.minCount >= 1, "privacy.minCount", "must be at least 1")
        if let epsilon = profile.privacy.epsilon {
            try check(epsilon.isFinite && epsilon > 0, "privacy.epsilon", "must be a positive number")
        }
        try check(
            profile.privacy.epsilonSpent.isFinite && profile.privacy.epsilonSpent >= 0, "privacy.epsilonSpent",
            "must be a non-negative number")
        for (index, entry) in profile.privacy.ledger.enumerated() {
            try check(
                entry.epsilon.isFinite && entry.epsilon >= 0, "privacy.ledger[\(index)].epsilon",
                "must be a non-negative number")
        }
        for (t, table) in profile.tables.enumerated() {
            let place = "tables[\(t)]"
            try check(table.rows >= 0, "\(place).rows", "must not be negative")
            try bound(table.columns.count, Profile.maximumColumns, "\(place).columns")
            for (c, column) in table.columns.enumerated() {
                try validate(column, at: "\(place).columns[\(c)]")
            }
            for (p, pair) in table.rankCorrelations.enumerated() {
                try correlation(pair.rho, "\(place).rankCorrelations[\(p)].rho")
            }
            if let copula = table.copula {
                let m = copula.columns.count
                try bound(m, Profile.maximumColumns, "\(place).copula.columns")
                try check(
                    copula.correlation.count == m && copula.correlation.allSatisfy { $0.count == m },
                    "\(place).copula.correlation", "must be a \(m)×\(m) matrix, one row and column per copula column")
                for i in 0..<m {
                    for j in 0..<m {
                        try correlation(copula.correlation[i][j], "\(place).copula.correlation[\(i)][\(j)]")
                        try check(
                            copula.correlation[i][j] == copula.correlation[j][i],
                            "\(place).copula.correlation[\(i)][\(j)]", "must equal [\(j)][\(i)] (symmetric)")
                    }
                    try check(copula.correlation[i][i] == 1, "\(place).copula.correlation[\(i)][\(i)]", "must be 1")
                }
            }
            if let dependence = table.dependence {
                try validate(dependence, of: table, at: "\(place).dependence")
            }
        }
        for (f, key) in profile.foreignKeys.enumerated() {
            try check(key.orphans >= 0, "foreignKeys[\(f)].orphans", "must not be negative")
            try bound(key.fanOut.count, Profile.maximumFanOutBins, "foreignKeys[\(f)].fanOut")
            for (b, bin) in key.fanOut.enumerated() {
                try check(
                    bin.children >= 0 && bin.parents >= 0, "foreignKeys[\(f)].fanOut[\(b)]",
                    "counts must not be negative")
            }
        }
    }

    private func validate(_ column: ColumnProfile, at place: String) throws(ProfileError) {
        try check(column.valueType != nil, "\(place).type", "unknown type '\(column.type)'")
        try check(column.nulls >= 0, "\(place).nulls", "must not be negative")
        try check(
            column.nullRate.isFinite && (0...1).contains(column.nullRate), "\(place).nullRate", "must be in [0, 1]")
        if let numeric = column.numeric { try validate(numeric, at: "\(place).numeric") }
        if let categories = column.categories {
            try bound(categories.counts.count, Profile.maximumCategories, "\(place).categories.counts")
            try check(
                categories.otherRows >= 0 && categories.otherCategories >= 0, "\(place).categories",
                "other counts must not be negative")
            for (index, category) in categories.counts.enumerated() {
                try check(category.count >= 0, "\(place).categories.counts[\(index)].count", "must not be negative")
            }
        }
        if let shape = column.shape {
            try validate(shape.lengths, at: "\(place).shape.lengths")
            for (name, share) in shape.characters {
                try check(
                    share.isFinite && (0...1).contains(share), "\(place).shape.characters.\(name)", "must be in [0, 1]")
            }
        }
    }

    /// Each binned column is a column of the table that kept values, its values among the
    /// column's named categories (so bins name nothing the marginal hides) or its cuts sorted; each
    /// edge joins two binned columns with a table of their bins' size and no negative count.
    private func validate(_ dependence: DependenceProfile, of table: TableProfile, at place: String)
        throws(ProfileError)
    {
        try bound(dependence.columns.count, Profile.maximumColumns, "\(place).columns")
        try bound(dependence.edges.count, Profile.maximumColumns, "\(place).edges")
        var bins: [String: Int] = [:]
        for (c, binned) in dependence.columns.enumerated() {
            let at = "\(place).columns[\(c)]"
            guard let column = table.column(named: binned.name), column.shapeOnly == nil else {
                try check(false, at, "'\(binned.name)' is not a column of the table that kept values")
                return
            }
            try check((binned.values == nil) != (binned.cuts == nil), at, "needs either values or cuts")
            if let values = binned.values {
                try bound(values.count, Profile.maximumCategories, "\(at).values")
                let named = Set(column.categories?.counts.map(\.value) ?? [])
                try check(values.allSatisfy(named.contains), "\(at).values", "must be categories of the column")
            }
            if let cuts = binned.cuts {
                try bound(cuts.count, Profile.maximumQuantiles, "\(at).cuts")
                try check(cuts.allSatisfy(\.isFinite), "\(at).cuts", "must be finite numbers")
                try check(
                    zip(cuts, cuts.dropFirst()).allSatisfy { $0 < $1 }, "\(at).cuts", "must be strictly ascending")
            }
            bins[binned.name] = binned.binCount
        }
        for (e, edge) in dependence.edges.enumerated() {
            let at = "\(place).edges[\(e)]"
            guard let rows = bins[edge.first], let width = bins[edge.second], edge.first != edge.second else {
                try check(false, at, "must join two different binned columns")
                return
            }
            try check(
                edge.mutualInformation.isFinite, "\(at).mutualInformation", "must be a finite number")
            try check(edge.suppressedRows >= 0, "\(at).suppressedRows", "must not be negative")
            try check(
                edge.counts.count == rows && edge.counts.allSatisfy { $0.count == width }, "\(at).counts",
                "must be a \(rows)×\(width) table, one row per bin of \(edge.first), one column per bin of \(edge.second)"
            )
            try check(
                edge.counts.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "\(at).counts", "counts must not be negative")
        }
    }

    private func validate(_ numeric: NumericMarginal, at place: String) throws(ProfileError) {
        try bound(numeric.quantiles.count, Profile.maximumQuantiles, "\(place).quantiles")
        try check(numeric.quantiles.count >= 2, "\(place).quantiles", "needs at least 2 values")
        try check(numeric.min.isFinite && numeric.max.isFinite, place, "min and max must be finite numbers")
        try check(numeric.min <= numeric.max, place, "min must not exceed max")
        for (index, value) in numeric.quantiles.enumerated() {
            try check(value.isFinite, "\(place).quantiles[\(index)]", "must be a finite number")
            if index > 0 {
                try check(
                    value >= numeric.quantiles[index - 1], "\(place).quantiles[\(index)]",
                    "quantiles must be sorted in ascending order")
            }
        }
    }

    private func correlation(_ value: Double, _ place: String) throws(ProfileError) {
        try check(value.isFinite && (-1...1).contains(value), place, "must be a correlation in [-1, 1]")
    }

    private func bound(_ count: Int, _ limit: Int, _ place: String) throws(ProfileError) {
        try check(count <= limit, place, "has \(count) entries, more than the \(limit) a profile may hold")
    }

    private func check(_ condition: Bool, _ place: String, _ message: String) throws(ProfileError) {
        guard condition else {
            throw ProfileError(
                .invalidProfile, at: "\(file): \(place)", message, fix: "regenerate it with seedbed profile")
        }
    }
}
