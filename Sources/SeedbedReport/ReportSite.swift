public import Foundation
import SeedbedCatalog
import SeedbedFeedback

/// The static HTML site `seedbed report` writes: an index, a page per dataset version and, for
/// datasets with test runs, an effectiveness page. It needs no server, no network and no file
/// outside its folder (styles are inline, charts inline SVG, no script), so it opens from disk
/// and as a CI artifact.
///
/// The same catalog and `asOf` day give the same bytes: everything is sorted, and no time is
/// printed but those the catalog holds.
public struct ReportSite: Sendable {
    /// A page: its path relative to the site's folder, and its HTML.
    public struct Page: Sendable, Equatable {
        public var path: String
        public var html: String
    }

    public var data: ReportData
    /// `YYYY-MM-DD` (UTC): the day certificates' expiry is judged on.
    public var asOf: String

    public init(data: ReportData, asOf: String) {
        self.data = data
        self.asOf = asOf
    }

    /// Every page, the index first, then by path.
    /// - Throws: `ReportError` when Seedbed's templates are missing (a packaging bug).
    public func pages() throws(ReportError) -> [Page] {
        let templates = try ReportTemplates.load()
        let effectiveness = Set(data.effectiveness.map(\.name))
        var pages = [
            Page(
                path: PagePaths.index,
                html: try templates.render(
                    IndexPage(data: data, asOf: asOf, effectiveness: effectiveness), page: "index"))
        ]
        var versionPages: [Page] = []
        for dataset in data.datasets {
            for version in dataset.versions {
                let view = VersionPage(
                    summary: VersionSummary(version, asOf: asOf), versions: dataset.versions,
                    catalog: data.catalog, asOf: asOf,
                    tests: data.effectiveness(of: dataset.name)?.trend.first { $0.dataset == version.reference })
                versionPages.append(
                    Page(path: PagePaths.version(version.reference), html: try templates.render(view, page: "version")))
            }
        }
        for dataset in data.effectiveness {
            let view = EffectivenessPage(
                effectiveness: dataset,
                versions: data.datasets.first { $0.name == dataset.name }?.versions ?? [], catalog: data.catalog,
                asOf: asOf)
            versionPages.append(
                Page(
                    path: PagePaths.effectiveness(dataset.name), html: try templates.render(view, page: "effectiveness")
                )
            )
        }
        pages += versionPages.sorted { $0.path < $1.path }
        return pages
    }

    /// Writes every page under `folder` (created when missing) and returns the paths written.
    /// - Throws: `ReportError` when a file cannot be written.
    @discardableResult
    public func write(to folder: URL) throws(ReportError) -> [String] {
        let pages = try pages()
        for page in pages {
            let url = folder.appendingPathComponent(page.path)
            do {
                try FileManager.default.createDirectory(
                    at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(page.html.utf8).write(to: url, options: .atomic)
            } catch {
                throw ReportError(.output, "cannot write \(url.path): \(error.localizedDescription)")
            }
        }
        return pages.map(\.path)
    }
}
