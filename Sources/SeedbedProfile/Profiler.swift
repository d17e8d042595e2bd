public import SeedbedSpec

/// What `seedbed profile` asks for.
public struct ProfileOptions: Sendable {
    /// K: categories with fewer rows are merged into "other", quantiles clipped to the K-th
    /// value from each end.
    public var minCount = 10
    /// The differential-privacy budget; `nil` for an exact (non-DP) profile.
    public var epsilon: Double?
    /// Seeds the noise, for reproducible profiles (keep it secret: noise that can be replayed
    /// protects nothing).
    public var seed: UInt64?
    /// Quantiles per marginal: 101 is every percentile.
    public var quantileCount = 101
    /// Values per column kept exactly before the quantiles switch to a KLL sketch.
    public var exactLimit = 200_000
    /// The spec: its `pii` tags and `references`.
    public var spec: SpecFile?

    public init() {}
}

/// Turns a source into a `Profile`: two streaming passes per table (marginals, then the
/// dependence between columns), one more over the tables a foreign key joins.
public struct Profiler {
    public let options: ProfileOptions

    public init(options: ProfileOptions = ProfileOptions()) {
        self.options = options
    }

    /// One table after the first pass, with each column's privacy decided.
    struct TableScan {
        var table: SourceTable
        var rows: Int
        var columns: [ColumnAccumulator]
        /// Why each column keeps only its shape, or `nil`.
        var shapeOnly: [String?]
    }

    /// Profiles every table of `source`.
    ///
    /// - Throws: `ProfileError` naming the file and line of malformed input.
    /// - Complexity: O(rows × (columns + copula columns²)); memory bounded by the sketches, the
    ///   category cap and the parent keys of foreign keys.
    public func profile(_ source: some ProfileSource) throws(ProfileError) -> Profile {
        var scans: [TableScan] = []
        for table in try source.tables() {
            scans.append(try firstPass(table, of: source))
        }
        let foreignKeys = plannedForeignKeys(scans)
        var budget = PrivacyBudget()
        var noise = NoiseSource(seed: options.seed)
        if let epsilon = options.epsilon {
            planBudget(scans, foreignKeys: foreignKeys, into: &budget)
            budget.allocate(epsilon)
        }
        var tables: [TableProfile] = []
        for scan in scans {
            var table = marginals(of: scan, budget: budget, noise: &noise)
            try addDependence(to: &table, scan: scan, source: source, budget: budget, noise: &noise)
            tables.append(table)
        }
        var fanOuts: [ForeignKeyProfile] = []
        for key in foreignKeys {
            fanOuts.append(try fanOut(key, scans: scans, source: source, budget: budget, noise: &noise))
        }
        let shapeOnly = scans.flatMap { scan in
            zip(scan.table.columns, scan.shapeOnly).compactMap { $1 == nil ? nil : "\(scan.table.name).\($0.name)" }
        }
        let privacy = PrivacyRecord(
            minCount: options.minCount, epsilon: options.epsilon, epsilonSpent: budget.spent, ledger: budget.ledger,
            shapeOnlyColumns: shapeOnly)
        return Profile(source: source.displayName, privacy: privacy, tables: tables, foreignKeys: fanOuts)
    }

    // MARK: - First pass

    private func firstPass(_ table: SourceTable, of source: some ProfileSource) throws(ProfileError) -> TableScan {
        var columns = table.columns.map {
            ColumnAccumulator(name: $0.name, declaredType: $0.declaredType, exactLimit: options.exactLimit)
        }
        var rows = 0
        try source.scan(table) { (batch: SourceBatch) throws(ProfileError) in
            rows += batch.rowCount
            for index in columns.indices where index < batch.columns.count {
                for value in batch.columns[index] { columns[index].add(value) }
            }
        }
        let specTable = options.spec?.tables.first { $0.name.name == table.name }
        let shapeOnly = columns.map { column in
            Self.shapeOnlyReason(column, spec: specTable?.column(named: column.name))
        }
        return TableScan(table: table, rows: rows, columns: columns, shapeOnly: shapeOnly)
    }

    /// Why a column keeps only its shape: the spec's `pii` tag, its name, its values, or free
    /// text; `nil` when its values may be profiled.
    static func shapeOnlyReason(_ column: ColumnAccumulator, spec: ColumnDecl?) -> String? {
        if let spec, spec.modifiers.contains(where: { $0.value == .pii }) { return "tagged pii in the spec" }
        if let kind = IdentifierDetector.kind(ofColumnNamed: column.name) { return kind }
        // Dates look like phone numbers (digits and dashes): only text is judged by its values.
        if column.type == .text, let kind = column.detector.detectedKind { return kind }
        if column.type == .text && column.nonNull > 0 && !isCategorical(column) { return "free text" }
        return nil
    }

    /// Text is categorical when it has few distinct values, or few for its row count (on
    /// average five rows or more per value), unless it is mostly sentences that are mostly
    /// distinct (notes, comments), which is free text however small the table.
    static func isCategorical(_ column: ColumnAccumulator) -> Bool {
        let distinct = column.categories.count
        let sentences = column.wordy * 2 > column.nonNull && distinct * 2 > column.nonNull
        return !column.tooManyCategories && !sentences && (distinct <= 20 || distinct * 5 <= column.nonNull)
    }

    /// Columns with at most this many distinct values also get category frequencies.
    static let lowCardinality = 20

    // MARK: - Budget

    private func planBudget(_ scans: [TableScan], foreignKeys: [PlannedForeignKey], into budget: inout PrivacyBudget) {
        for scan in scans {
            let table = scan.table.name
            budget.plan("\(table):rows", weight: 1, mechanism: "laplace")
            var copulaColumns = 0
            for (index, column) in scan.columns.enumerated() {
                let name = "\(table).\(column.name)"
                budget.plan("\(name):nulls", weight: 1, mechanism: "laplace")
                let statistics = Self.statistics(of: column, shapeOnly: scan.shapeOnly[index])
                if statistics.numeric {
                    budget.plan("\(name):bounds", weight: 1, mechanism: "noisy-histogram over power-of-two bins")
                    budget.plan("\(name):quantiles", weight: 3, mechanism: "noisy-histogram")
                }
                if statistics.categories {
                    budget.plan("\(name):categories", weight: 4, mechanism: "laplace, thresholded at min-count")
                }
                if statistics.shape {
                    budget.plan("\(name):lengths", weight: 2, mechanism: "noisy-histogram")
                    budget.plan("\(name):characters", weight: 1, mechanism: "laplace")
                }
                if statistics.numeric || statistics.categories { copulaColumns += 1 }
            }
            if copulaColumns >= 2 {
                budget.plan("\(table):copula", weight: 2 * Double(copulaColumns), mechanism: "laplace")
                budget.plan(
                    "\(table):dependence-structure", weight: 1,
                    mechanism: "laplace on each pair's mutual information (Chow-Liu tree)")
                budget.plan(
                    "\(table):dependence", weight: 2 * Double(copulaColumns),
                    mechanism: "laplace on each tree edge's cells, thresholded at min-count")
            }
        }
        for key in foreignKeys {
            budget.plan("\(key.childTable).\(key.childColumn):fan-out", weight: 2, mechanism: "noisy-histogram")
        }
    }

    /// Which statistics a column gets.
    static func statistics(of column: ColumnAccumulator, shapeOnly: String?) -> (
        numeric: Bool, categories: Bool, shape: Bool
    ) {
        let type = column.type
        let hasValues = column.nonNull > 0
        if shapeOnly != nil { return (false, false, hasValues && column.lengths.count > 0) }
        let numeric = hasValues && (type.isOrdered)
        let categories =
            hasValues && !column.tooManyCategories
            && (type == .text ? isCategorical(column) : column.categories.count <= lowCardinality)
        let shape = hasValues && type == .text
        return (numeric, categories, shape)
    }
}
