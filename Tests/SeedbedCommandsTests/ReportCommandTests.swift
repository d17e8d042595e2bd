import Foundation
import SeedbedTestSupport
import Testing

/// `seedbed report` through the real command line: generate, score and ingest into a catalog,
/// then the site and the Markdown summary from it.
@Suite("seedbed report")
struct ReportCommandTests {
    static let junit = """
        <?xml version="1.0" encoding="UTF-8"?>
        <testsuite name="ShopTests" timestamp="2026-03-02T09:00:00Z">
          <testcase classname="ShopTests" name="giftCap [rule:AMT-1]" time="0.01">
            <failure message="gift 4 costs 320" type="AssertionError"/>
          </testcase>
          <testcase classname="ShopTests" name="checkout" time="0.02"/>
        </testsuite>
        """

    /// A catalog with shop@1.0.0 generated, scored and tested.
    static func catalog(in folder: borrowing TemporaryDirectory) async throws -> String {
        let spec = try folder.write("shop.seed", CatalogCommandTests.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let data = folder.url.appendingPathComponent("data").path
        let generated = await seedbed("generate", spec, "--out", data, "--catalog", catalog)
        #expect(generated.exitCode == 0, "\(generated.error)")
        let scored = await seedbed("score", spec, "--data", data, "--catalog", catalog, "--format", "json")
        #expect(scored.error.contains("recorded the scorecard of shop@1.0.0"), "\(scored.error)")
        let report = try folder.write("junit.xml", junit)
        let ingested = await seedbed("ingest", report, "--dataset", "shop@1.0.0", "--run", "ci-1", "--catalog", catalog)
        #expect(ingested.exitCode == 0, "\(ingested.error)")
        return catalog
    }

    @Test func writesTheSiteFromTheCatalog() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await Self.catalog(in: folder)
        let site = folder.url.appendingPathComponent("site")
        let outcome = await seedbed("report", "--out", site.path, "--catalog", catalog, "--as-of", "2026-03-01")
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        #expect(
            outcome.error
                == "seedbed: wrote 3 pages to \(site.path) (open \(site.appendingPathComponent("index.html").path))\n")
        #expect(outcome.output == "")
        for page in ["index.html", "versions/shop@1.0.0.html", "effectiveness/shop.html"] {
            #expect(FileManager.default.fileExists(atPath: site.appendingPathComponent(page).path), "\(page)")
        }
        let index = try String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("<a href=\"versions/shop@1.0.0.html\">1.0.0</a>"))
        #expect(index.contains("certificate status as of 2026-03-01."))
    }

    @Test func markdownGoesToStandardOutputOrAFile() async throws {
        let folder = try TemporaryDirectory()
        let catalog = try await Self.catalog(in: folder)
        let printed = await seedbed("report", "--format", "markdown", "--out", "-", "--catalog", catalog)
        #expect(printed.exitCode == 0, "\(printed.error)")
        #expect(printed.output.hasPrefix("## Seedbed test data\n\n| Dataset | Latest version | Verdict |"))
        #expect(printed.output.contains("\n| shop | 1.0.0 | "))
        #expect(printed.output.contains("### Defect detection: shop\n"))
        #expect(printed.output.contains("\n| 1.0.0 | 1 | 2 | 1 | 0 | – | 1 of 1 | none |\n"))

        let out = folder.url.appendingPathComponent("md")
        let written = await seedbed("report", "--format", "markdown", "--out", out.path, "--catalog", catalog)
        #expect(written.exitCode == 0)
        #expect(
            try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8) == printed.output)
    }

    @Test func usageErrorsExitTwo() async throws {
        let folder = try TemporaryDirectory()
        let html = await seedbed("report", "--out", "-")
        #expect(html.exitCode == 2)
        #expect(html.error.contains("--out - writes to standard output, which only --format markdown does"))
        let day = await seedbed("report", "--out", folder.url.path, "--as-of", "2026-13-01")
        #expect(day.exitCode == 2)
        #expect(day.error.contains("--as-of '2026-13-01' is not a date YYYY-MM-DD"))
        let missing = folder.url.appendingPathComponent("none.sqlite").path
        let absent = await seedbed("report", "--out", folder.url.path, "--catalog", missing)
        #expect(absent.exitCode == 2)
        #expect(absent.error.hasPrefix("seedbed: error: no catalog at '\(missing)'"))
    }
}
