extension Scorecard {
    /// SDMetrics DisclosureProtection of one table against its real rows: the attacker knows
    /// the quasi-identifier columns and wants the sensitive ones. Columns the comparison leaves
    /// out (keys, references, PII, identifiers) or the source lacks are not used, with a note.
    mutating func measureDisclosure(_ table: ScorecardTable, real: MetricTable) throws(MetricError) {
        let usable = table.columns.filter { $0.isCompared && real[$0.name] != nil }
        let known = usable.filter(\.isQuasiIdentifier).map(\.name)
        let sensitive = usable.filter(\.isSensitive).map(\.name)
        let unused = table.columns.filter {
            ($0.isQuasiIdentifier || $0.isSensitive) && !usable.map(\.name).contains($0.name)
        }
        if !unused.isEmpty, !known.isEmpty || !sensitive.isEmpty {
            notes.append(
                "privacy: disclosure protection of '\(table.name)' leaves out "
                    + unused.map(\.name).joined(separator: ", ")
                    + " (keys, references, pii and uuid columns are not compared, or the source lacks them)")
        }
        guard !known.isEmpty, !sensitive.isEmpty, table.data.rowCount > 0 else { return }
        let result = try DisclosureProtection.measure(
            real: real, synthetic: table.data, known: known, sensitive: sensitive)
        privacy.disclosureProtection.append(
            .init(table: table.name, known: known, sensitive: sensitive, result: result))
    }
}
