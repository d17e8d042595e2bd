import SeedbedCatalog
import SeedbedFeedback

/// A dataset version's page: its latest scorecard, lineage, certificates and spec.
struct VersionPage {
    struct Neighbour {
        var label: String
        var link: String
    }

    struct Neighbours {
        var previous: Neighbour?
        var next: Neighbour?
    }

    struct Run {
        var registered: String
        var command: String
        var location: String
        var format: String
        var shard: String
        var rows: String
    }

    /// A count per rule or scenario, linked to its spec line when the spec declares it.
    struct Tagged {
        var id: String
        var link: String?
        var count: String
        var last: Bool
    }

    struct Table {
        var name: String
        var columns: String
        var rows: String
        var scenarioRows: [Tagged]
        var negativeRows: [Tagged]
    }

    struct Certificate {
        var issued: String
        var status: Badge
        var expires: String
        var purpose: String
        var signer: String
        var sha: String
    }

    /// The version's test runs, in brief, with a link to the dataset's effectiveness page.
    struct Tests {
        var figures: [HeadlineFigure]
        var pageLink: String
    }

    var head: PageHead
    var title: String
    var verdict: Badge
    var tests: Tests?
    var neighbours: Neighbours?
    var noScorecard: String
    var scorecard: ScorecardSection?
    var facts: [Fact]
    var runs: [Run]
    var tables: [Table]
    var hasTables: Bool
    var certificates: [Certificate]
    var hasCertificates: Bool
    var specPath: String
    var specLines: [SpecListing.Line]

    /// - Parameters:
    ///   - versions: every version of the dataset, oldest first, for the previous and next links.
    ///   - tests: the version's test runs measured, when it has some.
    init(
        summary: VersionSummary, versions: [DatasetVersion], catalog: String, asOf: String,
        tests effectiveness: VersionEffectiveness?
    ) {
        let version = summary.version
        let reference = version.reference
        let path = PagePaths.version(reference)
        func link(_ target: String) -> String { PagePaths.link(to: target, from: path) }
        title = reference.description
        head = PageHead(
            title: reference.description, root: "../",
            crumbs: [
                PageHead.Crumb(
                    label: reference.name,
                    link: link(PagePaths.index) + "#dataset-" + PagePaths.fileName(reference.name)),
                PageHead.Crumb(label: reference.version.description, link: link(path)),
            ], catalog: catalog, asOf: asOf)
        verdict = summary.verdict
        tests = effectiveness.map { entry in
            Tests(
                figures: [
                    HeadlineFigure(label: "runs", value: Figures.integer(entry.runs)),
                    HeadlineFigure(label: "tests", value: Figures.integer(entry.tests)),
                    HeadlineFigure(label: "failing", value: Figures.integer(entry.failingTests)),
                    HeadlineFigure(label: "flaky", value: Figures.integer(entry.flakyTests)),
                    HeadlineFigure(
                        label: "defects revealed", value: entry.revealed.map { Figures.integer($0.count) } ?? "–"),
                    HeadlineFigure(label: "rules tested", value: "\(entry.rulesLinked) of \(entry.rules)"),
                ], pageLink: link(PagePaths.effectiveness(reference.name)))
        }

        let position = versions.firstIndex { $0.reference == reference }
        if let position {
            let previous = position > 0 ? versions[position - 1].reference : nil
            let next = position + 1 < versions.count ? versions[position + 1].reference : nil
            if previous != nil || next != nil {
                neighbours = Neighbours(
                    previous: previous.map {
                        Neighbour(label: $0.version.description, link: link(PagePaths.version($0)))
                    },
                    next: next.map { Neighbour(label: $0.version.description, link: link(PagePaths.version($0))) })
            }
        }

        let spec = SpecListing(text: version.source.specText)
        specLines = spec.lines
        specPath = version.source.specPath
        noScorecard =
            summary.scorecardRecord == nil
            ? "No scorecard has been recorded for \(reference) (seedbed score SPEC … --catalog CATALOG records one)."
            : "The latest scorecard of \(reference) could not be read: it is not a seedbed-scorecard/1 document."
        scorecard = summary.scorecard.map { document in
            ScorecardSection(document: document, records: version.scorecards, spec: spec)
        }

        let source = version.source
        var facts = [
            Fact(label: "Spec", value: source.specPath, mono: true),
            Fact(label: "Spec SHA-256", value: source.specSHA256, mono: true),
            Fact(label: "Profile SHA-256", value: source.profileSHA256 ?? "none (no profile)", mono: true),
            Fact(label: "Seed", value: String(source.seed), mono: true),
            Fact(label: "Seedbed", value: source.seedbedVersion),
            Fact(label: "First registered", value: Figures.time(version.registeredAt)),
        ]
        if let position, position > 0 {
            let previous = versions[position - 1]
            facts.append(
                Fact(
                    label: "Against \(previous.reference.version)",
                    value: Self.changes(from: previous.source, to: source)))
        }
        self.facts = facts
        runs = version.registrations.map { run in
            Run(
                registered: Figures.time(run.registeredAt), command: run.command.rawValue, location: run.location,
                format: run.format ?? "database", shard: run.shard ?? "all", rows: Figures.integer(run.rows))
        }
        func tagged(_ counts: [String: Int], anchors: [String: String]) -> [Tagged] {
            let keys = counts.keys.sorted()
            return keys.enumerated().map { index, key in
                Tagged(
                    id: key, link: anchors[key].map { "#" + $0 }, count: Figures.integer(counts[key]),
                    last: index == keys.count - 1)
            }
        }
        tables = (version.latest?.tables ?? []).map { table in
            Table(
                name: table.name, columns: "\(table.columns.count)", rows: Figures.integer(table.rows),
                scenarioRows: tagged(table.scenarioRows, anchors: spec.scenarios),
                negativeRows: tagged(table.negativeRows, anchors: spec.rules))
        }
        hasTables = !tables.isEmpty
        certificates = version.certificates.reversed().map { certificate in
            Certificate(
                issued: Figures.time(certificate.issuedAt),
                status: VersionSummary.certificateBadge(certificate, asOf: asOf),
                expires: certificate.expires ?? "never", purpose: certificate.purpose ?? "–",
                signer: certificate.keyID, sha: certificate.sha256)
        }
        hasCertificates = !certificates.isEmpty
    }

    /// What changed in how the version was made since the previous one.
    static func changes(from previous: DatasetSourceFacts, to current: DatasetSourceFacts) -> String {
        var changed: [String] = []
        if previous.specSHA256 != current.specSHA256 { changed.append("spec changed") }
        if previous.profileSHA256 != current.profileSHA256 { changed.append("profile changed") }
        if previous.seed != current.seed { changed.append("seed \(previous.seed) → \(current.seed)") }
        return changed.isEmpty ? "made from the same spec, profile and seed" : changed.joined(separator: ", ")
    }
}
