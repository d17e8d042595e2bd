public import ArgumentParser
import Foundation
import SeedbedCatalog

/// `seedbed catalog list | show | diff`: what dataset versions exist and how they differ.
public struct CatalogCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "List dataset versions, show one's lineage, or compare two.",
        discussion: """
            Every generate and seed of a versioned spec records a dataset version in the
            catalog (docs/catalog.md): .seedbed/catalog.sqlite by default, or --catalog /
            SEEDBED_CATALOG (a SQLite file, or a PostgreSQL URI a team shares).

            Exit codes: 0 done, 2 unknown version or no catalog, 3 the catalog cannot be read.

            Examples:
              seedbed catalog list
              seedbed catalog show lending@1.4.0 --format json
              seedbed catalog diff lending@1.3.0 lending@1.4.0
            """,
        subcommands: [CatalogListCommand.self, CatalogShowCommand.self, CatalogDiffCommand.self])

    public init() {}
}

/// The options every catalog subcommand takes.
struct CatalogReadOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The catalog: a SQLite file or a PostgreSQL URI.", valueName: "path-or-url"))
    var catalog: String?

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    /// Opens the catalog for reading, or prints why not and throws the exit code.
    func open() throws -> Catalog {
        let console = Console.current
        do {
            return try Catalog.open(Catalog.location(option: catalog, environment: console.environment), create: false)
        } catch {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        }
    }
}

/// Runs a catalog query, turning its errors into a message and an exit code.
func reportingCatalogErrors<T>(_ body: () throws(CatalogError) -> T) throws -> T {
    do {
        return try body()
    } catch {
        Console.current.write("seedbed: error: \(error.message)\n", to: .error)
        throw error.kind.exitCode
    }
}

/// `seedbed catalog list [NAME]`
struct CatalogListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List dataset versions.")

    @Argument(help: "Only this dataset's versions.")
    var name: String?

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let catalog = try options.open()
        let versions = try reportingCatalogErrors { () throws(CatalogError) in try catalog.versions(named: name) }
        let console = Console.current
        switch options.format {
        case .json:
            console.write(
                CommandJSON.text(
                    versions.map {
                        ListedVersion(
                            name: $0.reference.name, version: $0.reference.version.description,
                            registeredAt: CatalogText.time($0.registeredAt), specSha256: $0.specSHA256, runs: $0.runs,
                            rows: $0.rows, verdict: $0.verdict, certificates: $0.certificates)
                    }))
        case .text:
            guard !versions.isEmpty else {
                console.write("no dataset versions in \(catalog.location)\n")
                return
            }
            var rows = [["VERSION", "REGISTERED", "SPEC", "RUNS", "ROWS", "SCORE", "CERTS"]]
            for version in versions {
                rows.append([
                    version.reference.description, CatalogText.time(version.registeredAt),
                    Digest.short(version.specSHA256), "\(version.runs)", "\(version.rows)", version.verdict ?? "-",
                    "\(version.certificates)",
                ])
            }
            console.write(CatalogText.table(rows))
        }
    }
}

struct ListedVersion: Encodable {
    var name: String
    var version: String
    var registeredAt: String
    var specSha256: String
    var runs: Int
    var rows: Int
    var verdict: String?
    var certificates: Int
}

/// Plain-text layout shared by the catalog commands.
enum CatalogText {
    static func time(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// Columns padded to their widest cell, two spaces apart.
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            zip(row, widths).enumerated().map { index, cell in
                index == row.count - 1 ? cell.0 : cell.0 + String(repeating: " ", count: cell.1 - cell.0.count)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
