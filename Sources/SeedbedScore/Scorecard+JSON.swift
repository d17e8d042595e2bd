import SeedbedSpec

/// A JSON value with its object members in the order written, so the document reads the same
/// on every run and diffs cleanly.
enum ScorecardJSON {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([ScorecardJSON])
    /// An array of scalars on one line, for the distributions' runs of numbers.
    case row([ScorecardJSON])
    case object([(String, ScorecardJSON)])

    static func optional(_ value: Double?) -> ScorecardJSON { value.map(ScorecardJSON.number) ?? .null }
    static func optional(_ value: String?) -> ScorecardJSON { value.map(ScorecardJSON.string) ?? .null }
    static func optional(_ value: Int?) -> ScorecardJSON { value.map(ScorecardJSON.integer) ?? .null }

    func write(to out: inout String, indent: String) {
        let inner = indent + "  "
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value):
            guard value.isFinite else { return out += "null" }
            out += value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
        case .string(let value): Self.quote(value, into: &out)
        case .array(let items):
            guard !items.isEmpty else { return out += "[]" }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += inner
                item.write(to: &out, indent: inner)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += indent + "]"
        case .row(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += ", " }
                item.write(to: &out, indent: inner)
            }
            out += "]"
        case .object(let members):
            guard !members.isEmpty else { return out += "{}" }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += inner
                Self.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: inner)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent + "}"
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension Scorecard {
    /// The scorecard as the JSON document docs/scorecard.md describes (the catalog's contract).
    public func json() -> String {
        var out = ""
        document.write(to: &out, indent: "")
        return out + "\n"
    }

    private var document: ScorecardJSON {
        let (values, reasons) = gateValues()
        func value(_ name: String) -> ScorecardJSON { .optional(values[name]) }
        let interval = privacy.membershipInference.max { $0.auc < $1.auc }
        return .object([
            ("format", .string(Self.format)),
            ("dataset", .string(dataset)),
            (
                "spec",
                .object([
                    ("file", .string(spec)), ("name", .optional(specName)), ("version", .optional(specVersion)),
                ])
            ),
            ("version", .string(definitions)),
            (
                "definitions",
                .object([
                    ("sdmetrics", .string(MetricDefinitions.sdmetrics)), ("arx", .string(MetricDefinitions.arx)),
                    ("membership_inference", .string(MetricDefinitions.membershipInference)),
                ])
            ),
            ("passed", .bool(passed)),
            ("tables", .array(tables.map { .object([("name", .string($0.name)), ("rows", .integer($0.rows))]) })),
            ("fidelity", fidelity.map(Self.json) ?? .null),
            ("diagnostics", diagnosticsJSON),
            ("conformance", conformanceJSON),
            (
                "privacy",
                .object([
                    ("against", .optional(privacy.against)),
                    ("seed", .string(String(privacy.seed))),
                    ("k_anonymity", value("privacy.k_anonymity")),
                    ("l_diversity", value("privacy.l_diversity")),
                    ("exact_match_rate", value("privacy.exact_match_rate")),
                    ("dcr_baseline_protection", value("privacy.dcr_baseline_protection")),
                    ("dcr_overfitting_protection", value("privacy.dcr_overfitting_protection")),
                    ("mia_auc", value("privacy.mia_auc")),
                    ("mia_auc_interval", interval.map { .array([.number($0.lower), .number($0.upper)]) } ?? .null),
                    ("disclosure_protection", value("privacy.disclosure_protection")),
                    ("epsilon", .optional(privacy.epsilon)),
                    ("epsilon_spent", .optional(privacy.epsilonSpent)),
                    ("tables", privacyTablesJSON),
                ])
            ),
            (
                "gates",
                .array(
                    gates.map { result in
                        .object([
                            ("name", .string(result.gate.metric.name)),
                            ("comparison", .string(result.gate.comparison.rawValue)),
                            ("threshold", .number(result.gate.threshold)),
                            ("value", .optional(result.value)),
                            ("passed", .bool(result.passed)),
                            (
                                "reason",
                                .optional(result.value == nil ? result.reason ?? reasons[result.gate.metric.name] : nil)
                            ),
                            ("location", .string(result.gate.location.description)),
                        ])
                    })
            ),
            ("notes", .array(notes.map(ScorecardJSON.string))),
        ])
    }

    private static func json(_ fidelity: Fidelity) -> ScorecardJSON {
        .object([
            ("method", .string(fidelity.method)),
            ("baseline", .string(fidelity.baseline)),
            ("score", .optional(fidelity.score)),
            ("column_shapes", .optional(fidelity.columnShapes)),
            ("column_pair_trends", .optional(fidelity.columnPairTrends)),
            (
                "columns",
                .array(
                    fidelity.tables.flatMap { table in
                        table.columns.map {
                            .object([
                                ("table", .string(table.name)), ("column", .string($0.column)),
                                ("metric", .string($0.metric)), ("score", .optional($0.score)),
                                ("distribution", $0.distribution.map(Self.json) ?? .null),
                            ])
                        }
                    })
            ),
            (
                "pairs",
                .array(
                    fidelity.tables.flatMap { table in
                        table.pairs.map {
                            .object([
                                ("table", .string(table.name)), ("first", .string($0.first)),
                                ("second", .string($0.second)), ("metric", .string($0.metric)),
                                ("score", .optional($0.score)), ("real", .optional($0.real)),
                                ("synthetic", .optional($0.synthetic)), ("counts", .bool($0.counts)),
                            ])
                        }
                    })
            ),
            (
                "tables",
                .array(
                    fidelity.tables.map {
                        .object([
                            ("name", .string($0.name)), ("score", .optional($0.overall)),
                            ("column_shapes", .optional($0.columnShapes)),
                            ("column_pair_trends", .optional($0.columnPairTrends)),
                        ])
                    })
            ),
        ])
    }

    /// Shares are written to 6 decimals: finer than any chart draws, and it keeps the stored
    /// document small (two sides of 22 numbers per column).
    private static func json(_ distribution: ColumnDistribution) -> ScorecardJSON {
        func share(_ value: Double) -> ScorecardJSON { .number((value * 1e6).rounded() / 1e6) }
        func side(_ side: ColumnDistribution.Side) -> ScorecardJSON {
            var members: [(String, ScorecardJSON)] = [
                ("values", .optional(side.values)), ("nulls", .optional(side.nulls)),
                ("null_share", side.nullShare.map(share) ?? .null),
            ]
            switch distribution.slots {
            case .bins:
                members += [
                    ("under", share(side.under)), ("shares", .row(side.shares.map(share))), ("over", share(side.over)),
                ]
            case .categories:
                members += [("shares", .row(side.shares.map(share))), ("other", share(side.other))]
            }
            return .object(members)
        }
        let slots: [(String, ScorecardJSON)] =
            switch distribution.slots {
            case .bins(let edges):
                [("kind", .string("bins"))] + (distribution.unit.map { [("unit", .string($0.rawValue))] } ?? [])
                    + [("edges", .row(edges.map(ScorecardJSON.number)))]
            case .categories(let names):
                [("kind", .string("categories")), ("categories", .row(names.map(ScorecardJSON.string)))]
            }
        return .object(slots + [("real", side(distribution.real)), ("synthetic", side(distribution.synthetic))])
    }

    private var diagnosticsJSON: ScorecardJSON {
        func list(_ values: [Diagnostics.Value], detail: String? = nil) -> ScorecardJSON {
            .array(
                values.map { value in
                    var members: [(String, ScorecardJSON)] = [
                        ("table", .string(value.table)), ("column", .string(value.column)),
                    ]
                    if let detail { members.append((detail, .optional(value.detail))) }
                    members.append(("score", .optional(value.score)))
                    return .object(members)
                })
        }
        return .object([
            ("key_uniqueness", list(diagnostics.keyUniqueness)),
            ("referential_integrity", list(diagnostics.referentialIntegrity, detail: "references")),
            ("boundary_adherence", list(diagnostics.boundaryAdherence)),
            ("category_adherence", list(diagnostics.categoryAdherence)),
        ])
    }

    private var conformanceJSON: ScorecardJSON {
        .object([
            ("rate", .optional(conformance.rate)),
            ("violations", .integer(conformance.violations)),
            ("unmet_scenarios", .integer(conformance.unmetScenarios)),
            (
                "rules",
                .array(
                    conformance.rules.map { rule in
                        .object([
                            ("id", .string(rule.id)), ("kind", .optional(rule.kind)), ("title", .optional(rule.title)),
                            ("table", .string(rule.table)), ("checked", .integer(rule.checked)),
                            ("fired", .integer(rule.fired)), ("violations", .integer(rule.violations)),
                            ("examples", .array(rule.examples.map(ScorecardJSON.string))),
                            ("coverage_gap", .bool(rule.isCoverageGap)),
                        ])
                    })
            ),
            (
                "scenarios",
                .array(
                    conformance.scenarios.map { scenario in
                        .object([
                            ("id", .string(scenario.id)), ("title", .optional(scenario.title)),
                            ("table", .string(scenario.table)), ("quota", .integer(scenario.quota)),
                            ("satisfying", .integer(scenario.satisfying)), ("lineage", .optional(scenario.lineage)),
                            ("met", .bool(scenario.isMet)),
                        ])
                    })
            ),
        ])
    }

    private var privacyTablesJSON: ScorecardJSON {
        func values(_ list: [Privacy.TableValue]) -> ScorecardJSON {
            .array(list.map { .object([("table", .string($0.table)), ("value", .optional($0.value))]) })
        }
        return .object([
            (
                "k_anonymity",
                .array(
                    privacy.kAnonymity.map {
                        .object([
                            ("table", .string($0.table)),
                            ("quasi_identifiers", .array($0.quasiIdentifiers.map(ScorecardJSON.string))),
                            ("k", .integer($0.k)), ("classes", .integer($0.classes)),
                        ])
                    })
            ),
            (
                "l_diversity",
                .array(
                    privacy.lDiversity.map {
                        .object([
                            ("table", .string($0.table)), ("column", .string($0.column)),
                            ("distinct_l", .integer($0.distinctL)), ("entropy_l", .number($0.entropyL)),
                        ])
                    })
            ),
            ("exact_match_rate", values(privacy.exactMatchRate)),
            ("dcr_baseline_protection", values(privacy.dcrBaselineProtection)),
            ("dcr_overfitting_protection", values(privacy.dcrOverfittingProtection)),
            (
                "mia",
                .array(
                    privacy.membershipInference.map {
                        .object([
                            ("table", .string($0.table)), ("auc", .number($0.auc)), ("lower", .number($0.lower)),
                            ("upper", .number($0.upper)), ("members", .integer($0.members)),
                            ("non_members", .integer($0.nonMembers)),
                        ])
                    })
            ),
            (
                "disclosure_protection",
                .array(
                    privacy.disclosureProtection.map {
                        .object([
                            ("table", .string($0.table)), ("known", .array($0.known.map(ScorecardJSON.string))),
                            ("sensitive", .array($0.sensitive.map(ScorecardJSON.string))),
                            ("score", .optional($0.result.score)),
                            ("cap_protection", .optional($0.result.capProtection)),
                            ("baseline_protection", .number($0.result.baselineProtection)),
                            ("matched_rows", .integer($0.result.matchedRows)),
                            ("real_rows", .integer($0.result.realRows)),
                        ])
                    })
            ),
        ])
    }
}
