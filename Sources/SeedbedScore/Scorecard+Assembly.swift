extension Scorecard {
    /// Key uniqueness and referential integrity of the generated rows themselves.
    public mutating func measureDiagnostics(_ tables: [ScorecardTable]) throws(MetricError) {
        let byName = Dictionary(tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for table in tables {
            for column in table.columns {
                guard let values = table.data[column.name] else { continue }
                if column.isKey {
                    diagnostics.keyUniqueness.append(
                        .init(table: table.name, column: column.name, score: try KeyUniqueness.score(keys: [values])))
                }
                if let reference = column.references, let parent = byName[reference.table]?.data[reference.column] {
                    let score = try ReferentialIntegrity.score(
                        foreignKey: [values], parentKey: [parent], ignoringNullKeys: column.isNullable)
                    diagnostics.referentialIntegrity.append(
                        .init(
                            table: table.name, column: column.name, score: score,
                            detail: "\(reference.table).\(reference.column)"))
                }
            }
        }
    }

    /// Fidelity against a real source read row by row: SDMetrics' Quality Report over the
    /// compared columns each table shares with the source, and boundary and category adherence.
    public mutating func measureFidelity(
        _ tables: [ScorecardTable], real: [String: MetricTable], baseline: String
    ) throws(MetricError) {
        var fidelity = Fidelity(method: "real", baseline: baseline)
        for table in tables {
            guard let realTable = real[table.name] else {
                notes.append("fidelity: \(baseline) has no table '\(table.name)'; it is not compared")
                continue
            }
            let shared = table.comparedColumns.filter { realTable[$0] != nil }
            let missing = table.comparedColumns.filter { realTable[$0] == nil }
            if !missing.isEmpty {
                notes.append(
                    "fidelity: \(baseline) table '\(table.name)' lacks \(missing.joined(separator: ", ")); not compared"
                )
            }
            guard !shared.isEmpty else { continue }
            let report = try QualityReport(
                real: try realTable.selecting(shared), synthetic: try table.data.selecting(shared, role: "synthetic"))
            var result = Fidelity.Table(name: table.name)
            let units = Dictionary(
                table.columns.compactMap { column in column.unit.map { (column.name, $0) } },
                uniquingKeysWith: { first, _ in first })
            result.columns = report.columns.map {
                var distribution = $0.distribution
                if case .bins = distribution?.slots { distribution?.unit = units[$0.column] }
                return .init(column: $0.column, metric: $0.metric.rawValue, score: $0.score, distribution: distribution)
            }
            result.pairs = report.pairs.map {
                .init(
                    first: $0.first, second: $0.second, metric: $0.metric.rawValue, score: $0.score,
                    real: $0.realCorrelation, synthetic: $0.syntheticCorrelation, counts: $0.meetsThreshold)
            }
            fidelity.tables.append(result)
            for name in shared {
                guard let realColumn = realTable[name], let generated = table.data[name] else { continue }
                switch (realColumn, generated) {
                case (.numeric(let a), .numeric(let b)):
                    let score = report.boundaryAdherence[name] ?? BoundaryAdherence.score(real: a, synthetic: b)
                    diagnostics.boundaryAdherence.append(.init(table: table.name, column: name, score: score))
                case (.categorical(let a), .categorical(let b)):
                    let score = report.categoryAdherence[name] ?? CategoryAdherence.score(real: a, synthetic: b)
                    diagnostics.categoryAdherence.append(.init(table: table.name, column: name, score: score))
                default: continue
                }
            }
        }
        self.fidelity = fidelity
    }

    /// k-anonymity and l-diversity of the generated rows (the spec's tags), and, against real
    /// rows, exact matches, DCR baseline and overfitting protection, disclosure protection and
    /// the membership attack.
    /// - Parameters:
    ///   - real: the real source's tables, or `nil` without `--privacy-against`.
    ///   - seed: seeds the holdout split (half the real rows) and the random baseline.
    public mutating func measurePrivacy(
        _ tables: [ScorecardTable], real: [String: MetricTable]?, against: String?, seed: UInt64
    ) throws(MetricError) {
        privacy.against = against
        privacy.seed = seed
        for table in tables where table.data.rowCount > 0 {
            let identifiers = table.columns.filter(\.isQuasiIdentifier).map(\.name)
            if !identifiers.isEmpty, let result = try KAnonymity.measure(table.data, quasiIdentifiers: identifiers) {
                privacy.kAnonymity.append(
                    .init(table: table.name, quasiIdentifiers: identifiers, k: result.k, classes: result.classCount))
                let sensitive = table.columns.filter(\.isSensitive).map(\.name)
                for result in try LDiversity.measure(table.data, quasiIdentifiers: identifiers, sensitive: sensitive) {
                    privacy.lDiversity.append(
                        .init(
                            table: table.name, column: result.column, distinctL: result.distinctL,
                            entropyL: result.entropyL))
                }
            }
            guard let realTable = real?[table.name] else {
                if let against, real != nil { notes.append("privacy: \(against) has no table '\(table.name)'") }
                continue
            }
            let columns = table.comparedColumns.filter { realTable[$0] != nil }
            guard !columns.isEmpty, realTable.rowCount > 0 else { continue }
            privacy.exactMatchRate.append(
                .init(
                    table: table.name,
                    value: try ExactMatch.rate(real: realTable, synthetic: table.data, columns: columns)))
            privacy.dcrBaselineProtection.append(
                .init(
                    table: table.name,
                    value: try DCRBaselineProtection.measure(
                        real: realTable, synthetic: table.data, columns: columns, seed: seed)?.score))
            let (training, holdout) = realTable.split(holdoutFraction: 0.5, seed: seed)
            if let result = try DCROverfittingProtection.measure(
                training: training, holdout: holdout, synthetic: table.data, columns: columns, seed: seed)
            {
                privacy.dcrOverfittingProtection.append(.init(table: table.name, value: result.score))
            }
            try measureDisclosure(table, real: realTable)
            if let result = try MembershipInference.attack(
                members: training, nonMembers: holdout, synthetic: table.data, columns: columns, seed: seed)
            {
                privacy.membershipInference.append(
                    .init(
                        table: table.name, auc: result.auc, lower: result.lower, upper: result.upper,
                        members: result.members, nonMembers: result.nonMembers))
            }
        }
    }
}
