import Foundation
import SeedbedCatalog
import SeedbedReport
import SeedbedTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@Suite("The report site")
struct ReportSiteTests {
    @Test(
        "each page type matches its snapshot",
        arguments: [
            ("index.html", "index.html"),
            ("versions/lending@1.5.0.html", "version-lending-1.5.0.html"),
            ("versions/insurance@1.0.0.html", "version-insurance-1.0.0.html"),
            ("versions/shop@0.1.0.html", "version-shop-0.1.0.html"),
            ("effectiveness/lending.html", "effectiveness-lending.html"),
        ])
    func pageMatchesSnapshot(path: String, snapshot: String) throws {
        let folder = try TemporaryDirectory()
        let pages = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).pages()
        let page = try #require(pages.first { $0.path == path })
        Snapshot.expect(page.html, matches: ReportFixture.snapshots.appendingPathComponent(snapshot).path)
    }

    @Test func theSiteHasAnIndexAndAPagePerVersion() throws {
        let folder = try TemporaryDirectory()
        let pages = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).pages()
        #expect(
            pages.map(\.path) == [
                "index.html", "effectiveness/lending.html", "versions/insurance@1.0.0.html",
                "versions/lending@1.4.0.html",
                "versions/lending@1.5.0.html", "versions/shop@0.1.0.html",
            ])
    }

    @Test func theSameCatalogGivesTheSameBytes() throws {
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let one = try ReportSite(data: try ReportFixture.data(in: first), asOf: ReportFixture.asOf).pages()
        let two = try ReportSite(data: try ReportFixture.data(in: second), asOf: ReportFixture.asOf).pages()
        #expect(one == two)
    }

    @Test func certificatesAreJudgedOnTheAsOfDay() throws {
        let folder = try TemporaryDirectory()
        let data = try ReportFixture.data(in: folder)
        func status(_ day: String) throws -> String {
            let page = try #require(
                try ReportSite(data: data, asOf: day).pages().first { $0.path == "versions/lending@1.4.0.html" })
            return page.html.contains("✘</span> EXPIRED") ? "expired" : "valid"
        }
        // lending 1.4.0's certificate expires on 2026-12-01, its last valid day.
        #expect(try status("2026-12-01") == "valid")
        #expect(try status("2026-12-02") == "expired")
    }

    @Test func everyLinkResolvesToAFileAndAnAnchorThatExist() throws {
        let folder = try TemporaryDirectory()
        let site = folder.url.appendingPathComponent("site")
        let written = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf)
            .write(to: site)
        var checked = 0
        for path in written {
            let html = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            let page = site.appendingPathComponent(path)
            for href in Self.values(of: "href", in: html) {
                #expect(!href.contains("://"), "\(path) links outside the site: \(href)")
                let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let target =
                    parts[0].isEmpty ? page : page.deletingLastPathComponent().appendingPathComponent(parts[0])
                let targetPath = target.standardizedFileURL.path
                #expect(FileManager.default.fileExists(atPath: targetPath), "\(path): \(href) is not a file")
                if parts.count == 2, FileManager.default.fileExists(atPath: targetPath) {
                    let targetHTML = try String(contentsOfFile: targetPath, encoding: .utf8)
                    #expect(targetHTML.contains("id=\"\(parts[1])\""), "\(path): \(href) names no element")
                }
                checked += 1
            }
            // SVG paint servers (the hatch pattern) are links too.
            for reference in Self.matches(of: "url\\(#([^)]+)\\)", in: html) {
                #expect(html.contains("id=\"\(reference)\""), "\(path): url(#\(reference)) names no element")
            }
            #expect(!html.contains(" src="), "\(path) loads a resource")
        }
        #expect(checked > 100)
    }

    @Test func everyChartIsWellFormedSVGWithATitle() throws {
        let folder = try TemporaryDirectory()
        let pages = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).pages()
        var charts = 0
        for page in pages {
            for svg in Self.matches(of: "(<svg[\\s\\S]*?</svg>)", in: page.html) {
                let parser = XMLParser(data: Data(svg.utf8))
                #expect(parser.parse(), "\(page.path): a chart is not well-formed XML")
                #expect(
                    svg.contains("role=\"img\"") && svg.contains("<title id="), "\(page.path): a chart has no title")
                charts += 1
            }
        }
        // lending 1.4.0 and 1.5.0: two tables' columns, correlations and heatmaps each, and rule
        // coverage; 1.5.0's scorecard also a distribution per compared column (10); insurance: rule
        // coverage only; lending's effectiveness: three trends.
        #expect(charts == 2 * 7 + 10 + 1 + 3)
    }

    @Test func aScorecardWithoutDistributionsRendersWithANoteInstead() throws {
        let folder = try TemporaryDirectory()
        let pages = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).pages()
        // lending 1.4.0's scorecard was recorded before distributions were kept; 1.5.0's has them.
        let old = try #require(pages.first { $0.path == "versions/lending@1.4.0.html" }).html
        let new = try #require(pages.first { $0.path == "versions/lending@1.5.0.html" }).html
        for table in ["customer", "loan"] {
            #expect(old.contains("<p class=\"note\">No distribution charts for \(table): this scorecard was written"))
            #expect(!new.contains("No distribution charts for \(table)"))
        }
        #expect(!old.contains("-column-1-title"))
        #expect(Self.matches(of: "(<title id=\"fidelity-\\d-column-\\d+-title\">)", in: new).count == 10)
        #expect(
            new.contains(
                "<title id=\"fidelity-1-column-3-title\">Distribution of customer.sex, profile and synthetic</title>"))
    }

    @Test func dateBinsAndAProfilesNullShareReadOnTheVersionPage() throws {
        let folder = try TemporaryDirectory()
        let pages = try ReportSite(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).pages()
        let page = try #require(pages.first { $0.path == "versions/lending@1.5.0.html" }).html
        // customer.birth_date (`unit` date): edges -10767 and -9544.35 hold 1940-07-10 … 1943-11-14.
        #expect(page.contains("<title>1940-07-10 to 1943-11-14: profile 5.5%, synthetic 4.2%</title>"))
        #expect(page.contains("<text class=\"tick\" text-anchor=\"start\" x=\"52.0\" y=\"128.0\">1940-07-10</text>"))
        #expect(!page.contains("[-10767, -9544)"))
        // loan.disbursed: the profile's 755 nulls of 2615 rows.
        #expect(
            page.contains(
                "nulls: profile 28.9%, synthetic 27.9%; synthetic outside the profile range: 0.5% earlier, 0.7% later"))
        // customer.income has no unit and no null count: numbers, and the share not kept.
        #expect(page.contains("nulls: synthetic 0.0% (the profile&#39;s share is not kept)"))
    }

    @Test func theMarkdownSummaryMatchesItsSnapshot() throws {
        let folder = try TemporaryDirectory()
        let text = MarkdownSummary(data: try ReportFixture.data(in: folder), asOf: ReportFixture.asOf).render()
        Snapshot.expect(text, matches: ReportFixture.snapshots.appendingPathComponent("summary.md").path)
    }

    // MARK: - Helpers

    static func values(of attribute: String, in html: String) -> [String] {
        matches(of: "\\s\(attribute)=\"([^\"]*)\"", in: html)
            .map { $0.replacingOccurrences(of: "&amp;", with: "&") }
    }

    /// The first capture group of every match.
    static func matches(of pattern: String, in text: String) -> [String] {
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
