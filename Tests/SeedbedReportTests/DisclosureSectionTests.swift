import Foundation
import SeedbedCatalog
import SeedbedReport
import SeedbedTestSupport
import Testing

/// The privacy section lists SDMetrics' DisclosureProtection beside the other privacy figures:
/// the overall value among the measures and, per table, the known and sensitive columns, the
/// score and how many real rows a guess matched.
@Suite("Disclosure protection in the report")
struct DisclosureSectionTests {
    @Test func theVersionPageShowsDisclosureProtection() throws {
        let folder = try TemporaryDirectory()
        let catalog = try Catalog.open(folder.url.appendingPathComponent("catalog.sqlite").path, create: true)
        try ReportFixture.register(
            catalog, "lending", "1.5.0", spec: try ReportFixture.text("lending-1.5.0.seed"), seed: 43,
            at: ReportFixture.day(0), tables: ReportFixture.lendingTables(customers: 2000, loans: 2609, edge: 13))
        // The fixture scorecard predates the metric: add it as `seedbed score` now writes it.
        let document = try ReportFixture.text("lending-1.5.0.scorecard.json")
            .replacingOccurrences(
                of: "\"mia_auc_interval\":",
                with: "\"disclosure_protection\": 0.409801,\n    \"mia_auc_interval\":"
            )
            .replacingOccurrences(
                of: "\"mia\": [",
                with: """
                    "disclosure_protection": [{"table": "customer", "known": ["birth_date", "sex"], \
                    "sensitive": ["income"], "score": 0.409801, "cap_protection": 0.4, \
                    "baseline_protection": 0.976, "matched_rows": 1184, "real_rows": 2000}],
                    "mia": [
                    """)
        #expect(document.contains("\"matched_rows\": 1184"))
        try catalog.record(
            ScorecardRecord(
                id: "sc-disclosure", recordedAt: ReportFixture.day(1), verdict: "fail", figures: [:],
                document: document),
            for: try ReportFixture.reference("lending", "1.5.0"))
        let pages = try ReportSite(data: try ReportData.load(from: catalog), asOf: ReportFixture.asOf).pages()
        let page = try #require(pages.first { $0.path == "versions/lending@1.5.0.html" })
        #expect(page.html.contains("<tr><th scope=\"row\">Disclosure protection</th><td class=\"num\">0.410</td></tr>"))
        #expect(
            page.html.contains(
                "<tr><th scope=\"row\">customer</th><td>birth_date, sex</td><td>income</td>"
                    + "<td class=\"num\">0.410</td><td class=\"num\">1,184 of 2,000</td></tr>"))
    }
}
