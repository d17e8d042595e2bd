public import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedReport

/// `seedbed report --out DIR`: the catalog as a static HTML site, or a Markdown summary.
public struct ReportCommand: ParsableCommand {
    public enum Format: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// The static site: index.html, a page per version, effectiveness pages.
        case html
        /// One summary for a pull-request comment or $GITHUB_STEP_SUMMARY.
        case markdown
    }

    public static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the catalog as a static HTML site (scorecards, lineage, trends) or a Markdown summary.",
        discussion: """
            The site opens from disk or as a CI artifact: no server, no script, nothing
            fetched. index.html lists every dataset version with its verdict, figures and
            certificate; each version has a page with its scorecard, lineage, certificates
            and spec; datasets with ingested test runs have an effectiveness page.

            --format markdown writes DIR/summary.md (or standard output with --out -).
            Certificates are judged valid or expired on --as-of (default: today, UTC).

            Exit codes: 0 written, 2 usage error or an unwritable folder, 3 the catalog
            cannot be read.

            Examples:
              seedbed report --out site
              seedbed report --format markdown --out - >> "$GITHUB_STEP_SUMMARY"
            """)

    @Option(help: ArgumentHelp("The folder to write (created when missing); '-' for standard output (markdown only)."))
    var out: String

    @Option(help: ArgumentHelp("The catalog: a SQLite file or a PostgreSQL URI.", valueName: "path-or-url"))
    var catalog: String?

    @Option(help: "Output format: html or markdown.")
    var format: Format = .html

    @Option(
        name: .customLong("as-of"),
        help: ArgumentHelp("The day certificates' expiry is judged on (default: today, UTC).", valueName: "YYYY-MM-DD"))
    var asOf: String?

    public init() {}

    public func validate() throws {
        if out == "-" && format == .html {
            throw ValidationError("--out - writes to standard output, which only --format markdown does; give a folder")
        }
        if let asOf, !Self.isDay(asOf) {
            throw ValidationError("--as-of '\(asOf)' is not a date YYYY-MM-DD")
        }
    }

    public func run() throws {
        let console = Console.current
        let catalog = try reportingCatalogErrors { () throws(CatalogError) in
            try Catalog.open(Catalog.location(option: self.catalog, environment: console.environment), create: false)
        }
        let data = try reportingCatalogErrors { () throws(CatalogError) in try ReportData.load(from: catalog) }
        let day = asOf ?? Self.today()
        let folder = URL(fileURLWithPath: out)
        do {
            switch format {
            case .markdown:
                let text = MarkdownSummary(data: data, asOf: day).render()
                if out == "-" {
                    console.write(text)
                    return
                }
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: folder.appendingPathComponent("summary.md"), options: .atomic)
                console.write("seedbed: wrote \(folder.appendingPathComponent("summary.md").path)\n", to: .error)
            case .html:
                let written = try ReportSite(data: data, asOf: day).write(to: folder)
                console.write(
                    "seedbed: wrote \(written.count) page\(written.count == 1 ? "" : "s") to \(out) (open \(folder.appendingPathComponent("index.html").path))\n",
                    to: .error)
            }
        } catch let error as ReportError {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind == .templates ? ExitCode.environmentError : ExitCode.inputError
        } catch {
            console.write("seedbed: error: cannot write '\(out)': \(error.localizedDescription)\n", to: .error)
            throw ExitCode.inputError
        }
    }

    /// Today in UTC, `YYYY-MM-DD`.
    static func today() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    static func isDay(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
            let month = Int(parts[1]), let day = Int(parts[2])
        else { return false }
        return (1...12).contains(month) && (1...31).contains(day)
    }
}
