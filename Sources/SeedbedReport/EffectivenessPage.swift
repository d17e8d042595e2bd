import SeedbedCatalog
import SeedbedFeedback

/// A dataset's test effectiveness: the defect-detection trend over its versions, flaky tests,
/// failures grouped by rule and scenario, the rules × tests matrix and the latest two versions
/// compared. Rule IDs link to their line in the version page's spec.
struct EffectivenessPage {
    struct Chart {
        var chart: Markup
        var caption: String
    }

    struct TrendRow {
        var version: String
        var link: String
        var runs: String
        var tests: String
        var failing: String
        var fingerprints: String
        var flaky: String
        var revealed: String
        var sameCommit: String
        var rulesTested: String
        var rulesFailing: String
        var untested: String
        var catchRate: String
    }

    /// A version's rules on negative data: caught, missed or untested.
    struct Negative {
        struct Rule {
            var id: String
            var ruleLink: String?
            var rows: String
            var tests: String
            var failed: String
            var verdict: Badge
        }

        var version: String
        var link: String
        var summary: String
        var rules: [Rule]
    }

    struct Revealed {
        var version: String
        var fingerprint: String
        var tests: String
        var message: String
    }

    struct Flaky {
        var version: String
        var test: String
        var how: String
    }

    /// Failures of one version that name one rule or scenario (or none).
    struct Group {
        var target: String
        var targetLink: String?
        var tests: String
        var results: String
        var fingerprints: String
        var message: String
    }

    struct VersionGroups {
        var version: String
        var link: String
        var groups: [Group]
        var hasGroups: Bool
    }

    struct Matrix {
        struct Header {
            var id: String
            var ruleLink: String?
        }

        struct Cell {
            var mark: Badge?
        }

        struct Row {
            var test: String
            var cells: [Cell]
        }

        var version: String
        var link: String
        var rules: [Header]
        var rows: [Row]
        var hasRows: Bool
        var totals: [String]
        var untested: String
        var unlinked: String
    }

    struct Comparison {
        struct Failing {
            var side: String
            var test: String
            var fingerprints: String
        }

        struct Fingerprint {
            var fingerprint: String
            var message: String
            var tests: String
        }

        struct Added {
            var kind: String
            var id: String
            var addedLink: String?
            var tests: String
            var failing: String
        }

        var a: String
        var b: String
        var aLink: String
        var bLink: String
        var failing: [Failing]
        var failingNote: String?
        var hasFailing: Bool
        var fingerprints: [Fingerprint]
        var fingerprintsNote: String?
        var hasFingerprints: Bool
        var added: [Added]
        var hasAdded: Bool
    }

    var head: PageHead
    var title: String
    var figures: [HeadlineFigure]
    var charts: [Chart]
    var trend: [TrendRow]
    var revealed: [Revealed]
    var revealedNote: String?
    var hasRevealed: Bool
    var flaky: [Flaky]
    var hasFlaky: Bool
    var failures: [VersionGroups]
    var matrix: Matrix?
    var negative: [Negative]
    var hasNegative: Bool
    var comparison: Comparison?

    init(effectiveness: DatasetEffectiveness, versions: [DatasetVersion], catalog: String, asOf: String) {
        let name = effectiveness.name
        let path = PagePaths.effectiveness(name)
        func link(_ target: String) -> String { PagePaths.link(to: target, from: path) }
        func versionLink(_ version: SemanticVersion) -> String {
            link(PagePaths.version(DatasetReference(name: name, version: version)))
        }
        // Rule and scenario anchors of each version's spec, parsed once.
        var specs: [SemanticVersion: SpecListing] = [:]
        for version in versions { specs[version.reference.version] = SpecListing(text: version.source.specText) }
        func anchor(_ link: TestLink, on version: SemanticVersion) -> String? {
            let spec = specs[version]
            let id = link.kind == .rule ? spec?.rules[link.value] : spec?.scenarios[link.value]
            return id.map { versionLink(version) + "#" + $0 }
        }

        title = "Test effectiveness of \(name)"
        head = PageHead(
            title: title, root: "../",
            crumbs: [
                PageHead.Crumb(label: name, link: link(PagePaths.index) + "#dataset-" + PagePaths.fileName(name)),
                PageHead.Crumb(label: "effectiveness", link: link(path)),
            ], catalog: catalog, asOf: asOf)

        let trend = effectiveness.trend
        let latest = trend.last
        figures = [
            HeadlineFigure(label: "versions with test runs", value: "\(trend.count)"),
            HeadlineFigure(label: "runs", value: Figures.integer(trend.reduce(0) { $0 + $1.runs })),
            HeadlineFigure(
                label: "tests on \(latest?.dataset.version.description ?? "–")", value: Figures.integer(latest?.tests)),
            HeadlineFigure(
                label: "defects revealed by \(latest?.dataset.version.description ?? "–")",
                value: latest?.revealed.map { Figures.integer($0.count) } ?? "–"),
            HeadlineFigure(
                label: "flaky tests on \(latest?.dataset.version.description ?? "–")",
                value: Figures.integer(latest?.flakyTests)),
        ]
        charts = Self.charts(trend)
        self.trend = trend.map { entry in
            TrendRow(
                version: entry.dataset.version.description, link: versionLink(entry.dataset.version),
                runs: Figures.integer(entry.runs) + (entry.partialRuns > 0 ? " (\(entry.partialRuns) partial)" : ""),
                tests: Figures.integer(entry.tests), failing: Figures.integer(entry.failingTests),
                fingerprints: Figures.integer(entry.fingerprints), flaky: Figures.integer(entry.flakyTests),
                revealed: entry.revealed.map { Figures.integer($0.count) } ?? "– (first)",
                sameCommit: entry.revealedOnSameCommit.map { Figures.integer($0.count) } ?? "–",
                rulesTested: "\(entry.rulesLinked) of \(entry.rules)",
                rulesFailing: Figures.integer(entry.rulesFailing),
                untested: entry.rulesUntested.isEmpty ? "none" : entry.rulesUntested.joined(separator: ", "),
                catchRate: entry.negative.map(Self.catchRate) ?? "–")
        }
        negative = trend.reversed().compactMap { entry in
            entry.negative.map { Self.negative($0, version: entry.dataset.version, link: versionLink, anchor: anchor) }
        }
        hasNegative = !negative.isEmpty

        // Each revealed fingerprint with the tests that failed with it and one message.
        var revealed: [Revealed] = []
        for entry in trend.reversed() {
            let failures = effectiveness.failures.first { $0.version == entry.dataset.version }?.failures ?? []
            for fingerprint in entry.revealed ?? [] {
                let matching = failures.filter { $0.result.fingerprint == fingerprint }
                revealed.append(
                    Revealed(
                        version: entry.dataset.version.description, fingerprint: fingerprint,
                        tests: Self.listed(Self.distinct(matching.map(\.result.displayName)), noun: "tests"),
                        message: matching.first?.result.message ?? "–"))
            }
        }
        self.revealed = Array(revealed.prefix(Self.matrixRows))
        revealedNote = Self.cutNote(revealed.count, "defects")
        hasRevealed = !revealed.isEmpty
        flaky = effectiveness.flaky.map { test in
            let how = [
                test.withinRun ? "passed on a retry within a run" : nil,
                test.acrossRuns ? "passed and failed in two runs of the same commit" : nil,
            ].compactMap(\.self).joined(separator: "; ")
            return Flaky(version: test.version.description, test: test.name, how: how)
        }
        hasFlaky = !flaky.isEmpty
        failures = effectiveness.failures.map { version in
            let groups = Self.groups(version.failures) { anchor($0, on: version.version) }
            return VersionGroups(
                version: version.version.description, link: versionLink(version.version), groups: groups,
                hasGroups: !groups.isEmpty)
        }
        matrix = effectiveness.traced.map { traced in
            Self.matrix(
                version: traced.version, tests: traced.tests, spec: specs[traced.version], link: versionLink)
        }
        comparison = effectiveness.comparison.map { comparison in
            Self.comparison(comparison, link: versionLink, anchor: anchor)
        }
    }

    // MARK: - Parts

    private static func charts(_ trend: [VersionEffectiveness]) -> [Chart] {
        let labels = trend.map(\.dataset.version.description)
        let revealed = trend.map { $0.revealed.map { Double($0.count) } }
        // An even maximum, so the middle tick is a whole number of defects.
        let most = max(2, ((revealed.compactMap(\.self).max() ?? 0) / 2).rounded(.up) * 2)
        return [
            Chart(
                chart: SVGChart.trend(
                    id: "trend-revealed", title: "Defects revealed per version (new failure fingerprints)",
                    points: zip(labels, revealed).map { SVGChart.Point(label: $0, value: $1) }, maximum: most,
                    format: { Figures.integer(Int($0.rounded())) }, tick: Figures.short),
                caption:
                    "Failure fingerprints each version's tests hit that the previous version's never did (not counting flaky tests). The first version has nothing to compare with."
            ),
            Chart(
                chart: SVGChart.trend(
                    id: "trend-failing", title: "Share of tests failing per version",
                    points: trend.map { entry in
                        SVGChart.Point(
                            label: entry.dataset.version.description,
                            value: entry.tests > 0 ? Double(entry.failingTests) / Double(entry.tests) : nil)
                    }),
                caption: "Distinct tests that failed or errored in some run, over the distinct tests run."),
            Chart(
                chart: SVGChart.trend(
                    id: "trend-rules", title: "Share of the spec's rules with a linked test, per version",
                    points: trend.map { entry in
                        SVGChart.Point(
                            label: entry.dataset.version.description,
                            value: entry.rules > 0 ? Double(entry.rulesLinked) / Double(entry.rules) : nil)
                    }),
                caption:
                    "Rules a test names ([rule:ID], a rule property or a marker in its output) over the rules the spec declares."
            ),
        ]
    }

    /// `3 of 4 (75%)`.
    private static func catchRate(_ negative: NegativeCatch) -> String {
        "\(negative.caught) of \(negative.rules.count)" + (negative.rate.map { " (\(Figures.percent($0)))" } ?? "")
    }

    private static func negative(
        _ negative: NegativeCatch, version: SemanticVersion, link: (SemanticVersion) -> String,
        anchor: (TestLink, SemanticVersion) -> String?
    ) -> Negative {
        var summary =
            "\(Figures.integer(negative.runs)) run\(negative.runs == 1 ? "" : "s") on negative data; catch rate \(catchRate(negative)): \(negative.caught) caught, \(negative.missed) missed, \(negative.untested) untested."
        if !negative.rulesWithoutNegativeRows.isEmpty {
            summary +=
                " Without negative rows (cannot be broken alone): \(negative.rulesWithoutNegativeRows.joined(separator: ", "))."
        }
        return Negative(
            version: version.description, link: link(version), summary: summary,
            rules: negative.rules.map { rule in
                let verdict: Badge =
                    switch rule.verdict {
                    case .caught: .pass("caught")
                    case .missed: .fail("missed")
                    case .untested: .warn("untested")
                    }
                return Negative.Rule(
                    id: rule.id, ruleLink: anchor(TestLink(.rule, rule.id), version),
                    rows: Figures.integer(rule.negativeRows), tests: Figures.integer(rule.tests),
                    failed: Figures.integer(rule.failingTests), verdict: verdict)
            })
    }

    /// Failures grouped by the rules and scenarios their tests name; tests naming neither last.
    private static func groups(_ failures: [StoredTestResult], anchor: (TestLink) -> String?) -> [Group] {
        var byTarget: [TestLink?: [StoredTestResult]] = [:]
        for stored in failures {
            let targets = stored.result.links.filter { $0.kind == .rule || $0.kind == .scenario }
            if targets.isEmpty {
                byTarget[nil, default: []].append(stored)
            }
            for target in targets { byTarget[target, default: []].append(stored) }
        }
        let order = byTarget.keys.sorted { left, right in
            switch (left, right) {
            case (nil, _): return false
            case (_, nil): return true
            case (let left?, let right?):
                return (left.kind == .rule ? 0 : 1, left.value) < (right.kind == .rule ? 0 : 1, right.value)
            }
        }
        return order.map { target in
            let results = byTarget[target] ?? []
            return Group(
                target: target.map { "\($0.kind.rawValue) \($0.value)" } ?? "no rule or scenario named",
                targetLink: target.flatMap(anchor),
                tests: listed(distinct(results.map(\.result.displayName)), noun: "tests"),
                results: Figures.integer(results.count),
                fingerprints: listed(distinct(results.compactMap(\.result.fingerprint)), noun: "fingerprints"),
                message: results.first?.result.message ?? "–")
        }
    }

    private static func matrix(
        version: SemanticVersion, tests: [TestResultRecord], spec: SpecListing?, link: (SemanticVersion) -> String
    ) -> Matrix {
        // The rules the spec declares, in its order, then any other rule a test names.
        var rules = spec?.ruleIDs ?? []
        for test in tests {
            for rule in test.links(.rule) where !rules.contains(rule) { rules.append(rule) }
        }
        let linked = tests.filter { !$0.links(.rule).isEmpty }
        let rows = linked.prefix(matrixRows).map { test in
            let named = Set(test.links(.rule))
            return Matrix.Row(
                test: test.displayName,
                cells: rules.map { rule in Matrix.Cell(mark: named.contains(rule) ? mark(test.status) : nil) })
        }
        let totals = rules.map { rule in
            let those = linked.filter { $0.links(.rule).contains(rule) }
            let failing = those.filter(\.isFailure).count
            return those.isEmpty ? "no test" : "\(those.count) (\(failing) failing)"
        }
        let untested = rules.filter { rule in !linked.contains { $0.links(.rule).contains(rule) } }
        let unlinked = tests.count - linked.count
        return Matrix(
            version: version.description, link: link(version),
            rules: rules.map { Matrix.Header(id: $0, ruleLink: spec?.rules[$0].map { link(version) + "#" + $0 }) },
            rows: rows, hasRows: !rows.isEmpty, totals: totals,
            untested: untested.isEmpty ? "none" : untested.joined(separator: ", "),
            unlinked: (unlinked == 1 ? "1 test names no rule" : "\(Figures.integer(unlinked)) tests name no rule")
                + (linked.count > matrixRows
                    ? "; the first \(matrixRows) of the \(Figures.integer(linked.count)) that name one are shown, by name"
                    : ""))
    }

    /// A test's status in a matrix cell, as an icon and a word.
    static func mark(_ status: String) -> Badge {
        switch status {
        case "passed": .pass("pass")
        case "failed": .fail("fail")
        case "error": .fail("error")
        case "flaky": .warn("flaky")
        default: .none(status)
        }
    }

    private static func comparison(
        _ comparison: OutcomeComparison, link: (SemanticVersion) -> String,
        anchor: (TestLink, SemanticVersion) -> String?
    ) -> Comparison {
        let a = comparison.a.version
        let b = comparison.b.version
        func rows(_ tests: [OutcomeComparison.FailingTest], _ label: String) -> [Comparison.Failing] {
            tests.map {
                Comparison.Failing(side: label, test: $0.name, fingerprints: $0.fingerprints.joined(separator: ", "))
            }
        }
        let failing =
            rows(comparison.failingOnlyOnB, "only on \(b)") + rows(comparison.failingOnBoth, "on both")
            + rows(comparison.failingOnlyOnA, "only on \(a)")
        let fingerprints = comparison.newFingerprints.map {
            Comparison.Fingerprint(
                fingerprint: $0.fingerprint, message: $0.message ?? "–", tests: listed($0.tests, noun: "tests"))
        }
        let added =
            comparison.rulesAdded.map { ($0, TestLink.Kind.rule) }
            + comparison.scenariosAdded.map { ($0, TestLink.Kind.scenario) }
        return Comparison(
            a: a.description, b: b.description, aLink: link(a), bLink: link(b),
            failing: Array(failing.prefix(matrixRows)), failingNote: cutNote(failing.count, "tests"),
            hasFailing: !failing.isEmpty, fingerprints: Array(fingerprints.prefix(matrixRows)),
            fingerprintsNote: cutNote(fingerprints.count, "fingerprints"), hasFingerprints: !fingerprints.isEmpty,
            added: added.map { target, kind in
                Comparison.Added(
                    kind: kind.rawValue, id: target.id, addedLink: anchor(TestLink(kind, target.id), b),
                    tests: Figures.integer(target.tests), failing: Figures.integer(target.failingTests))
            }, hasAdded: !added.isEmpty)
    }

    /// The most tests the matrix shows, and names a cell lists: past a few hundred rows a page
    /// stops being read (and printed); `seedbed trace` and `compare` give the rest.
    static let matrixRows = 300
    static let listedNames = 20

    /// What a table cut at `matrixRows` rows says under it; nil when nothing was cut.
    static func cutNote(_ count: Int, _ noun: String) -> String? {
        count > matrixRows ? "The first \(matrixRows) of \(Figures.integer(count)) \(noun) are shown." : nil
    }

    /// Names joined, the first `listedNames` of them, then how many more.
    static func listed(_ names: [String], noun: String) -> String {
        guard names.count > listedNames else { return names.joined(separator: ", ") }
        return names.prefix(listedNames).joined(separator: ", ")
            + " and \(Figures.integer(names.count - listedNames)) more \(noun)"
    }

    static func distinct(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }
}
