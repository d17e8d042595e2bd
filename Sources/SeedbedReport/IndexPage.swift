import SeedbedCatalog

/// The site's front page: every dataset and its versions.
struct IndexPage {
    struct VersionRow {
        var version: String
        var link: String
        var verdict: Badge
        var fidelity: String
        var conformance: String
        var violations: String
        var unmetScenarios: String
        var failingGates: String
        var rows: String
        var runs: String
        var certificate: Badge
        var expires: String
        var registered: String
    }

    struct DatasetSection {
        var name: String
        var anchor: String
        var versionCount: String
        var latestVersion: String
        var latestVerdict: Badge?
        var effectivenessLink: String?
        var versions: [VersionRow]
    }

    var head: PageHead
    var figures: [HeadlineFigure]
    var datasets: [DatasetSection]

    init(data: ReportData, asOf: String, effectiveness: Set<String>) {
        let path = PagePaths.index
        head = PageHead(title: "Datasets", root: "", crumbs: [], catalog: data.catalog, asOf: asOf)
        var latest: [VersionSummary] = []
        datasets = data.datasets.map { dataset in
            let summaries = dataset.versions.map { VersionSummary($0, asOf: asOf) }
            if let last = summaries.last { latest.append(last) }
            return DatasetSection(
                name: dataset.name, anchor: "dataset-" + PagePaths.fileName(dataset.name),
                versionCount: summaries.count == 1 ? "1 version" : "\(summaries.count) versions",
                latestVersion: summaries.last.map { $0.version.reference.version.description } ?? "–",
                latestVerdict: summaries.last?.verdict,
                effectivenessLink: effectiveness.contains(dataset.name)
                    ? PagePaths.link(to: PagePaths.effectiveness(dataset.name), from: path) : nil,
                versions: summaries.reversed().map { Self.row($0, from: path) })
        }
        let versions = data.datasets.reduce(0) { $0 + $1.versions.count }
        figures = [
            HeadlineFigure(label: data.datasets.count == 1 ? "dataset" : "datasets", value: "\(data.datasets.count)"),
            HeadlineFigure(label: versions == 1 ? "version" : "versions", value: "\(versions)"),
            HeadlineFigure(
                label: "latest versions passing their gates",
                value: "\(latest.filter { $0.passed == true }.count) of \(latest.count)"),
            HeadlineFigure(
                label: "latest versions with a valid certificate",
                value: "\(latest.filter { $0.certificateBadge.tone == "pass" }.count) of \(latest.count)"),
        ]
    }

    private static func row(_ summary: VersionSummary, from page: String) -> VersionRow {
        let version = summary.version
        let document = summary.scorecard
        return VersionRow(
            version: version.reference.version.description,
            link: PagePaths.link(to: PagePaths.version(version.reference), from: page),
            verdict: summary.verdict,
            fidelity: Figures.score(document?.fidelity?.score),
            conformance: Figures.percent(document?.conformance?.rate),
            violations: Figures.integer(document?.conformance?.violations),
            unmetScenarios: Figures.integer(document?.conformance?.unmetScenarios),
            failingGates: summary.failingGates,
            rows: Figures.integer(version.latest?.rows),
            runs: Figures.integer(version.registrations.count),
            certificate: summary.certificateBadge,
            expires: summary.certificate.map { $0.expires ?? "never" } ?? "–",
            registered: Figures.day(version.registeredAt))
    }
}
