extension Scorecard {
    /// The value of each gate metric that was measured (a spec of several tables gives the
    /// worst table's score, or the sum of a count), and why each other one was not.
    public func gateValues() -> (values: [String: Double], reasons: [String: String]) {
        var values: [String: Double] = [:]
        var reasons: [String: String] = [:]
        func set(_ name: String, _ perTable: [Double?], otherwise reason: String) {
            guard let metric = GateMetric.named(name), let value = metric.combined(perTable.compactMap(\.self)) else {
                reasons[name] = reason
                return
            }
            values[name] = value
        }
        values["conformance.violations"] = Double(conformance.violations)
        values["scenarios.unmet"] = Double(conformance.unmetScenarios)
        set(
            "validity.key_uniqueness", diagnostics.keyUniqueness.map(\.score),
            otherwise: "no table of the spec has a key, or no table has rows")
        set(
            "validity.referential_integrity", diagnostics.referentialIntegrity.map(\.score),
            otherwise: "no column of the spec references another table, or no child row was read")
        let noBaseline = "needs a baseline: --profile PROFILE or --baseline SOURCE"
        if let fidelity {
            set("fidelity.overall", fidelity.tables.map(\.overall), otherwise: "no column could be compared")
            set("fidelity.column_shapes", fidelity.tables.map(\.columnShapes), otherwise: "no column could be compared")
            set(
                "fidelity.column_pair_trends", fidelity.tables.map(\.columnPairTrends),
                otherwise:
                    "no column pair shows a trend in the baseline (|correlation| > 0.5, or Cramér's V > 0.3)")
        } else {
            for name in ["fidelity.overall", "fidelity.column_shapes", "fidelity.column_pair_trends"] {
                reasons[name] = noBaseline
            }
        }
        set(
            "privacy.k_anonymity", privacy.kAnonymity.map { Double($0.k) },
            otherwise: "no column of the spec is tagged quasi-identifier (or its table has no rows)")
        set(
            "privacy.l_diversity", privacy.lDiversity.map { Double($0.distinctL) },
            otherwise: "needs quasi-identifier and sensitive columns in one table")
        let noReal = "needs --privacy-against SOURCE"
        let against = privacy.against == nil
        set(
            "privacy.exact_match_rate", privacy.exactMatchRate.map(\.value),
            otherwise: against ? noReal : "no compared column in common with the source")
        set(
            "privacy.dcr_baseline_protection", privacy.dcrBaselineProtection.map(\.value),
            otherwise: against
                ? noReal : "no compared column in common with the source, or a random baseline at distance 0")
        set(
            "privacy.dcr_overfitting_protection", privacy.dcrOverfittingProtection.map(\.value),
            otherwise: against ? noReal : "no compared column in common with the source")
        set(
            "privacy.mia_auc", privacy.membershipInference.map(\.auc),
            otherwise: against ? noReal : "needs at least 4 real rows for a holdout split, and compared columns")
        set(
            "privacy.disclosure_protection", privacy.disclosureProtection.map(\.result.score),
            otherwise: against
                ? noReal
                : privacy.disclosureProtection.isEmpty
                    ? "needs quasi-identifier and sensitive columns in one table, both in the source"
                    : "no real row's quasi-identifier values occur in the generated rows, "
                        + "or the source has one sensitive value (SDMetrics gives NaN)")
        return (values, reasons)
    }

    /// Checks every gate of `policy` against this scorecard.
    public mutating func apply(_ policy: GatePolicy) {
        let (values, reasons) = gateValues()
        gates = policy.evaluate(values, reasons: reasons)
    }
}
