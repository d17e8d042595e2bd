import Foundation
import SeedbedCatalog
import SeedbedReport
import SeedbedTestSupport
import Testing

/// Names from the catalog are data: a test name, a failure message, a rule title, a column, a
/// spec line, a certificate's purpose or a note spelled as markup must show as text in the
/// written files, in HTML and SVG.
@Suite("Hostile names in the report")
struct HostileNameTests {
    static let script = "<script>alert(1)</script>"
    static let image = "<img src=x onerror=alert(2)>"
    /// A category that would close the chart's text and SVG if written raw.
    static let category = "</text></svg><b onmouseover=alert(3)>x"

    /// A catalog whose texts are markup: lending@6.6.6 with a hostile rule title, column, note,
    /// read-from location, spec comment and certificate purpose.
    static func hostileCatalog(in folder: borrowing TemporaryDirectory) throws -> ReportData {
        let catalog = try Catalog.open(folder.url.appendingPathComponent("catalog.sqlite").path, create: true)
        let spec = try ReportFixture.text("lending-1.5.0.seed").replacingOccurrences(
            of: "version \"1.5.0\"", with: "version \"6.6.6\"  # </code></pre>\(script)")
        try ReportFixture.register(
            catalog, "lending", "6.6.6", spec: spec, seed: 43, at: ReportFixture.day(0),
            tables: ReportFixture.lendingTables(customers: 1, loans: 1, edge: 1))
        let document = try ReportFixture.text("lending-1.5.0.scorecard.json")
            .replacingOccurrences(of: "\"title\": \"Borrowers are adults\"", with: "\"title\": \"\(script)\"")
            .replacingOccurrences(of: "\"column\": \"income\"", with: "\"column\": \"\(image)\"")
            .replacingOccurrences(of: "\"second\": \"income\"", with: "\"second\": \"\(image)\"")
            .replacingOccurrences(of: "\"dataset\": \"data150\"", with: "\"dataset\": \"\(script)\"")
            .replacingOccurrences(of: "\"notes\": [", with: "\"notes\": [\n    \"\(script)\",")
            .replacingOccurrences(
                of: "\"categories\": [\"retail\",", with: "\"categories\": [\"\(category)\",")
        try catalog.record(
            ScorecardRecord(
                id: "hostile", recordedAt: ReportFixture.day(1), verdict: "fail", figures: [:], document: document),
            for: try ReportFixture.reference("lending", "6.6.6"))
        let certificate = try ReportFixture.text("lending-1.5.0.cert.json")
            .replacingOccurrences(of: "\"version\": \"1.5.0\"", with: "\"version\": \"6.6.6\"")
            .replacingOccurrences(of: "\"purpose\": \"regression suite\"", with: "\"purpose\": \"\(script)\"")
        try catalog.record(try Certificate(parsing: certificate), document: certificate)
        // A test named as a script, failing with an image as its message, in a JUnit file (so the
        // XML escapes the name and the parser restores it).
        let junit = try folder.write(
            "hostile.xml",
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuite name="&lt;b&gt;Suite" timestamp="2026-11-02T09:00:00Z">
              <testcase classname="Hostile" name="&lt;script&gt;alert(1)&lt;/script&gt; [rule:ELIG-001]" time="0.1">
                <failure message="&lt;img src=x onerror=alert(2)&gt;" type="AssertionError"/>
              </testcase>
            </testsuite>
            """)
        try ReportFixture.ingest(catalog, file: junit, version: "6.6.6", run: "ci-hostile", at: ReportFixture.day(2))
        return try ReportData.load(from: catalog)
    }

    @Test func markupInTheCatalogIsTextInTheWrittenPages() throws {
        let folder = try TemporaryDirectory()
        let data = try Self.hostileCatalog(in: folder)
        let site = folder.url.appendingPathComponent("site")
        let written = try ReportSite(data: data, asOf: ReportFixture.asOf).write(to: site)
        let page = try String(
            contentsOf: site.appendingPathComponent("versions/lending@6.6.6.html"), encoding: .utf8)
        #expect(written.contains("versions/lending@6.6.6.html"))
        for path in written {
            let html = try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
            #expect(!html.contains("<script"), "\(path) holds a script element")
            #expect(!html.contains("<img"), "\(path) holds an image element")
        }
        let escapedScript = "&lt;script&gt;alert(1)&lt;/script&gt;"
        let escapedImage = "&lt;img src=x onerror=alert(2)&gt;"
        // The rule title, the note, the location, the certificate's purpose and the spec line.
        #expect(page.components(separatedBy: escapedScript).count - 1 == 5)
        #expect(page.contains("&lt;/code&gt;&lt;/pre&gt;" + escapedScript))
        // The column in the fidelity table, and in the charts' titles, descriptions and labels.
        #expect(page.contains("<th scope=\"row\">\(escapedImage)</th>"))
        #expect(page.contains("<title>\(escapedImage): "))
        #expect(page.contains("<title>age × \(escapedImage): "))
        // The column and a category in a distribution chart: title, description, marks and ticks.
        let escapedCategory = "&lt;/text&gt;&lt;/svg&gt;&lt;b onmouseover=alert(3)&gt;x"
        #expect(page.contains("<title id=\"fidelity-1-column-4-title\">Distribution of customer.\(escapedImage), "))
        #expect(page.contains("<title>\(escapedCategory): profile "))
        #expect(page.contains("then synthetic: \(escapedCategory): profile "))
        #expect(page.contains(">&lt;/text&gt;&lt;/sv…</text>"))
        #expect(page.contains("<figcaption><strong>\(escapedImage)</strong>: KSComplement "))
        #expect(!page.contains("<b onmouseover"))

        // The test's name and message on the effectiveness page: failures, matrix, comparison.
        let effectiveness = try String(
            contentsOf: site.appendingPathComponent("effectiveness/lending.html"), encoding: .utf8)
        #expect(effectiveness.contains("<td>Hostile.\(escapedScript) [rule:ELIG-001]</td><td class=\"num\">1</td>"))
        #expect(effectiveness.contains("<th scope=\"row\">Hostile.\(escapedScript) [rule:ELIG-001]</th><td><span"))
        #expect(effectiveness.contains("<td>\(escapedImage)</td>"))
    }

    @Test func markupInTheCatalogIsEscapedInTheMarkdownSummary() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("catalog.sqlite").path, create: true)
        let document = try ReportFixture.text("lending-1.5.0.scorecard.json")
            .replacingOccurrences(of: "\"location\": \"", with: "\"location\": \"\(Self.image)|")
        try ReportFixture.register(
            catalog, "lending", "1.5.0", spec: try ReportFixture.text("lending-1.5.0.seed"), seed: 43,
            at: ReportFixture.day(0), tables: [])
        try catalog.record(
            ScorecardRecord(
                id: "x", recordedAt: ReportFixture.day(1), verdict: "fail", figures: [:], document: document),
            for: try ReportFixture.reference("lending", "1.5.0"))
        let text = MarkdownSummary(data: try ReportData.load(from: catalog), asOf: ReportFixture.asOf).render()
        #expect(!text.contains("<img"))
        #expect(text.contains("(&lt;img src=x onerror=alert(2)&gt;\\|"))
    }
}
