import ArgumentParser
import Foundation
import SeedbedCatalog

/// `seedbed catalog show NAME@VERSION`: a version's lineage.
struct CatalogShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a dataset version: what made it, its runs, scorecards and certificates.")

    @Argument(help: ArgumentHelp("The dataset version.", valueName: "NAME@VERSION"))
    var dataset: String

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let catalog = try options.open()
        let version = try reportingCatalogErrors { () throws(CatalogError) in
            try catalog.version(try DatasetReference(parsing: dataset))
        }
        let console = Console.current
        switch options.format {
        case .json: console.write(CommandJSON.text(ShownVersion(version)))
        case .text: console.write(Self.text(version))
        }
    }

    static func text(_ version: DatasetVersion) -> String {
        let source = version.source
        var text = """
            \(version.reference)
              registered   \(CatalogText.time(version.registeredAt))
              spec         \(source.specPath) (sha256 \(source.specSHA256))
              profile      \(source.profileSHA256.map { "sha256 \($0)" } ?? "none")
              seed         \(source.seed)
              seedbed      \(source.seedbedVersion)

            """
        text += "runs:\n"
        for run in version.registrations {
            let extra = [run.format, run.shard.map { "shard \($0)" }].compactMap { $0 }.joined(separator: ", ")
            text +=
                "  \(CatalogText.time(run.registeredAt))  \(run.command.rawValue) -> \(run.location)\(extra.isEmpty ? "" : " (\(extra))")\n"
            for table in run.tables {
                var line = "    \(table.name): \(table.rows) rows"
                let scenarios = table.scenarioRows.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                if !scenarios.isEmpty { line += "; scenarios \(scenarios.joined(separator: ", "))" }
                let negative = table.negativeRows.values.reduce(0, +)
                if negative > 0 { line += "; \(negative) negative" }
                text += line + "\n"
            }
        }
        text += "scorecards:\(version.scorecards.isEmpty ? " none" : "")\n"
        for scorecard in version.scorecards {
            let figures = scorecard.figures.sorted { $0.key < $1.key }.map { "\($0.key) \(Self.figure($0.value))" }
            text +=
                "  \(CatalogText.time(scorecard.recordedAt))  \(scorecard.verdict)  \(figures.joined(separator: ", "))  sha256 \(Digest.short(scorecard.sha256))\n"
        }
        text += "certificates:\(version.certificates.isEmpty ? " none" : "")\n"
        for certificate in version.certificates {
            text +=
                "  \(CatalogText.time(certificate.issuedAt))  sha256 \(Digest.short(certificate.sha256))  by \(certificate.keyID)  expires \(certificate.expires ?? "never")\(certificate.purpose.map { "  for \"\($0)\"" } ?? "")\n"
        }
        return text
    }

    static func figure(_ value: Double) -> String {
        String(format: "%.4f", value)
    }
}

struct ShownVersion: Encodable {
    struct Run: Encodable {
        var registeredAt: String
        var command: String
        var location: String
        var format: String?
        var shard: String?
        var tables: [DatasetTable]
    }

    struct Scorecard: Encodable {
        var recordedAt: String
        var verdict: String
        var figures: [String: Double]
        var sha256: String
    }

    struct IssuedCertificate: Encodable {
        var issuedAt: String
        var sha256: String
        var keyId: String
        var expires: String?
        var purpose: String?
    }

    var name: String
    var version: String
    var registeredAt: String
    var specPath: String
    var specSha256: String
    var profileSha256: String?
    var seed: String
    var seedbedVersion: String
    var runs: [Run]
    var scorecards: [Scorecard]
    var certificates: [IssuedCertificate]

    init(_ version: DatasetVersion) {
        name = version.reference.name
        self.version = version.reference.version.description
        registeredAt = CatalogText.time(version.registeredAt)
        specPath = version.source.specPath
        specSha256 = version.source.specSHA256
        profileSha256 = version.source.profileSHA256
        seed = "\(version.source.seed)"
        seedbedVersion = version.source.seedbedVersion
        runs = version.registrations.map {
            Run(
                registeredAt: CatalogText.time($0.registeredAt), command: $0.command.rawValue, location: $0.location,
                format: $0.format, shard: $0.shard, tables: $0.tables)
        }
        scorecards = version.scorecards.map {
            Scorecard(
                recordedAt: CatalogText.time($0.recordedAt), verdict: $0.verdict, figures: $0.figures, sha256: $0.sha256
            )
        }
        certificates = version.certificates.map {
            IssuedCertificate(
                issuedAt: CatalogText.time($0.issuedAt), sha256: $0.sha256, keyId: $0.keyID, expires: $0.expires,
                purpose: $0.purpose)
        }
    }
}
