import SeedbedCatalog

/// The scorecard part of a version page, from the stored document.
///
/// Every value a template prints is a non-optional `String`: a Mustache name missing from a row
/// is looked up in the enclosing objects, so an optional left nil would print a parent's value.
struct ScorecardSection {
    struct Gate {
        var name: String
        var comparison: String
        var threshold: String
        var value: String
        var result: Badge
        var reason: String
        var location: String
    }

    struct Diagnostic {
        var check: String
        var column: String
        var score: String
    }

    struct History {
        var recorded: String
        var verdict: Badge
        var sha: String
    }

    var recorded: String
    var readFrom: String
    var definitions: String
    var olderCount: String?
    var figures: [HeadlineFigure]
    var gates: [Gate]
    var hasGates: Bool
    var fidelity: FidelitySection?
    var conformance: ConformanceSection
    var diagnostics: [Diagnostic]
    var hasDiagnostics: Bool
    var privacy: PrivacySection
    var notes: [String]
    var hasNotes: Bool
    var history: [History]
    var hasHistory: Bool

    /// - Parameter records: the version's scorecards, oldest first; the last is `document`'s.
    init(document: ScorecardDocument, records: [ScorecardRecord], spec: SpecListing) {
        recorded = records.last.map { Figures.time($0.recordedAt) } ?? "–"
        readFrom = document.dataset ?? "–"
        definitions = document.version ?? "–"
        let older = records.count - 1
        olderCount =
            older > 0
            ? "\(older) earlier scorecard\(older == 1 ? " is" : "s are") listed at the end of this section." : nil
        let allGates = document.gates ?? []
        let passing = allGates.filter { $0.passed == true }.count
        figures = [
            HeadlineFigure(label: "gates passed", value: "\(passing) of \(allGates.count)"),
            HeadlineFigure(label: "fidelity", value: Figures.score(document.fidelity?.score)),
            HeadlineFigure(label: "rule conformance", value: Figures.percent(document.conformance?.rate)),
            HeadlineFigure(label: "violations", value: Figures.integer(document.conformance?.violations)),
            HeadlineFigure(label: "unmet scenarios", value: Figures.integer(document.conformance?.unmetScenarios)),
        ]
        gates = allGates.map { gate in
            let result: Badge =
                gate.passed == true ? .pass("PASS") : (gate.value == nil ? .fail("NOT MEASURED") : .fail("FAIL"))
            return Gate(
                name: gate.name, comparison: gate.comparison ?? "", threshold: Figures.gateValue(gate.threshold),
                value: Figures.gateValue(gate.value), result: result, reason: gate.reason ?? "",
                location: gate.location ?? "")
        }
        hasGates = !gates.isEmpty
        fidelity = document.fidelity.map(FidelitySection.init)
        conformance = ConformanceSection(conformance: document.conformance, spec: spec)
        let checks = document.diagnostics
        func rows(_ name: String, _ values: [ScorecardDocument.Diagnostic]?) -> [Diagnostic] {
            (values ?? []).map { value in
                Diagnostic(
                    check: name,
                    column: "\(value.table).\(value.column)" + (value.references.map { " → \($0)" } ?? ""),
                    score: Figures.score(value.score))
            }
        }
        diagnostics =
            rows("Key uniqueness", checks?.keyUniqueness)
            + rows("Referential integrity", checks?.referentialIntegrity)
            + rows("Boundary adherence", checks?.boundaryAdherence)
            + rows("Category adherence", checks?.categoryAdherence)
        hasDiagnostics = !diagnostics.isEmpty
        privacy = PrivacySection(privacy: document.privacy)
        notes = document.notes ?? []
        hasNotes = !notes.isEmpty
        history = records.dropLast().reversed().map { record in
            History(
                recorded: Figures.time(record.recordedAt), verdict: .verdict(record.verdict == "pass"),
                sha: record.sha256)
        }
        hasHistory = !history.isEmpty
    }
}

/// Rule conformance: a coverage chart and the rules and scenarios with links to their lines.
struct ConformanceSection {
    struct Rule {
        var id: String
        var ruleLink: String?
        var kind: String
        var title: String
        var table: String
        var checked: String
        var fired: String
        var violations: String
        var result: Badge
        var examples: String
    }

    struct Scenario {
        var id: String
        var scenarioLink: String?
        var title: String
        var table: String
        var quota: String
        var satisfying: String
        var lineage: String
        var result: Badge
    }

    var figures: [HeadlineFigure]
    var rulesChart: Markup?
    var rules: [Rule]
    var hasRules: Bool
    var scenarios: [Scenario]
    var hasScenarios: Bool

    init(conformance: ScorecardDocument.Conformance?, spec: SpecListing) {
        let documentRules = conformance?.rules ?? []
        let documentScenarios = conformance?.scenarios ?? []
        let gaps = documentRules.filter { $0.coverageGap == true }.count
        figures = [
            HeadlineFigure(label: "of rule checks held", value: Figures.percent(conformance?.rate)),
            HeadlineFigure(label: "rules", value: "\(documentRules.count)"),
            HeadlineFigure(
                label: "rules violated", value: "\(documentRules.filter { ($0.violations ?? 0) > 0 }.count)"),
            HeadlineFigure(label: "coverage gaps", value: "\(gaps)"),
            HeadlineFigure(
                label: "scenarios met",
                value: "\(documentScenarios.filter { $0.met == true }.count) of \(documentScenarios.count)"),
        ]
        rules = documentRules.map { rule in
            let violations = rule.violations ?? 0
            let result: Badge =
                violations > 0 ? .fail("VIOLATED") : (rule.coverageGap == true ? .warn("COVERAGE GAP") : .pass("HELD"))
            return Rule(
                id: rule.id, ruleLink: spec.rules[rule.id].map { "#" + $0 },
                kind: rule.kind ?? (rule.id.hasPrefix("db:") ? "database CHECK" : "–"), title: rule.title ?? "–",
                table: rule.table ?? "–", checked: Figures.integer(rule.checked), fired: Figures.integer(rule.fired),
                violations: Figures.integer(rule.violations), result: result,
                examples: (rule.examples ?? []).joined(separator: ", "))
        }
        hasRules = !rules.isEmpty
        rulesChart =
            documentRules.isEmpty
            ? nil
            : SVGChart.bars(
                id: "rules-coverage", title: "Coverage: share of checked rows where each rule fired",
                bars: documentRules.map { rule in
                    let checked = rule.checked ?? 0
                    return SVGChart.Bar(
                        label: rule.id, value: checked > 0 ? Double(rule.fired ?? 0) / Double(checked) : nil)
                }, format: Figures.percent, tick: Figures.shortPercent)
        scenarios = documentScenarios.map { scenario in
            Scenario(
                id: scenario.id, scenarioLink: spec.scenarios[scenario.id].map { "#" + $0 },
                title: scenario.title ?? "–", table: scenario.table ?? "–", quota: Figures.integer(scenario.quota),
                satisfying: Figures.integer(scenario.satisfying),
                lineage: scenario.lineage.map { Figures.integer($0) } ?? "no lineage",
                result: scenario.met == true ? .pass("MET") : .fail("UNMET"))
        }
        hasScenarios = !scenarios.isEmpty
    }
}

/// Privacy figures: the gate values and the per-table detail behind them.
struct PrivacySection {
    struct KAnonymity {
        var table: String
        var columns: String
        var k: String
        var classes: String
    }

    struct LDiversity {
        var column: String
        var distinct: String
        var entropy: String
    }

    struct Membership {
        var table: String
        var auc: String
        var interval: String
        var members: String
        var nonMembers: String
    }

    struct Disclosure {
        var table: String
        var known: String
        var sensitive: String
        var score: String
        var matched: String
    }

    var against: String
    var measures: [Fact]
    var kAnonymity: [KAnonymity]
    var hasKAnonymity: Bool
    var lDiversity: [LDiversity]
    var hasLDiversity: Bool
    var membership: [Membership]
    var hasMembership: Bool
    var disclosure: [Disclosure]
    var hasDisclosure: Bool

    init(privacy: ScorecardDocument.Privacy?) {
        against =
            privacy?.against.map { "Compared with the real rows of \($0) (split seed \(privacy?.seed ?? "0"))." }
            ?? "Not compared with real rows (scored without --privacy-against): k-anonymity and l-diversity are measured on the generated rows alone."
        let interval = privacy?.miaAucInterval.flatMap { $0.count == 2 ? $0 : nil }
        measures = [
            Fact(label: "k-anonymity", value: privacy?.kAnonymity.map { Figures.gateValue($0) } ?? "not measured"),
            Fact(label: "l-diversity", value: privacy?.lDiversity.map { Figures.gateValue($0) } ?? "not measured"),
            Fact(label: "Exact match rate", value: Figures.score(privacy?.exactMatchRate)),
            Fact(label: "DCR baseline protection", value: Figures.score(privacy?.dcrBaselineProtection)),
            Fact(label: "DCR overfitting protection", value: Figures.score(privacy?.dcrOverfittingProtection)),
            Fact(
                label: "Membership inference AUC",
                value: Figures.score(privacy?.miaAuc)
                    + (interval.map { " (95% \(Figures.score($0[0]))–\(Figures.score($0[1])))" } ?? "")),
            Fact(label: "Disclosure protection", value: Figures.score(privacy?.disclosureProtection)),
            Fact(
                label: "Differential privacy ε (spent)",
                value: privacy?.epsilon.map {
                    Figures.fixed($0, digits: 2) + " ("
                        + (privacy?.epsilonSpent.map { Figures.fixed($0, digits: 2) }
                            ?? "–") + ")"
                } ?? "none"),
        ]
        let tables = privacy?.tables
        kAnonymity = (tables?.kAnonymity ?? []).map {
            KAnonymity(
                table: $0.table, columns: ($0.quasiIdentifiers ?? []).joined(separator: ", "),
                k: Figures.integer($0.k), classes: Figures.integer($0.classes))
        }
        hasKAnonymity = !kAnonymity.isEmpty
        lDiversity = (tables?.lDiversity ?? []).map {
            LDiversity(
                column: "\($0.table).\($0.column)", distinct: Figures.integer($0.distinctL),
                entropy: $0.entropyL.map { Figures.fixed($0, digits: 2) } ?? "–")
        }
        hasLDiversity = !lDiversity.isEmpty
        membership = (tables?.mia ?? []).map {
            Membership(
                table: $0.table, auc: Figures.score($0.auc),
                interval: "\(Figures.score($0.lower))–\(Figures.score($0.upper))",
                members: Figures.integer($0.members), nonMembers: Figures.integer($0.nonMembers))
        }
        hasMembership = !membership.isEmpty
        disclosure = (tables?.disclosureProtection ?? []).map {
            Disclosure(
                table: $0.table, known: ($0.known ?? []).joined(separator: ", "),
                sensitive: ($0.sensitive ?? []).joined(separator: ", "), score: Figures.score($0.score),
                matched: "\(Figures.integer($0.matchedRows)) of \(Figures.integer($0.realRows))")
        }
        hasDisclosure = !disclosure.isEmpty
    }
}
