public import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedStores

/// `seedbed certify NAME@VERSION --key KEY --out CERT.json`: a signed certificate of a version.
public struct CertifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "certify",
        abstract: "Sign a certificate of a dataset version's content.",
        discussion: """
            Reads the version's rows back from where its latest run put them (the folder
            generate wrote, or the target seed filled; --data or --target to read another
            copy), fingerprints every table and the lineage, and signs the result with
            your Ed25519 key. The certificate (docs/certificate.md) also names the spec and
            profile digests, the seed, the latest scorecard's digest and verdict, and the
            purpose and expiry you give. It is recorded in the catalog.

            Exit codes: 0 written, 2 usage error (unknown version, bad key or date, or the
            data no longer has the registered row counts), 3 the data or catalog cannot
            be reached.

            Example:
              seedbed certify lending@1.4.0 --key keys/qa-signer --out lending-1.4.0.cert.json \\
                  --purpose "regression suite" --expires 2026-12-31
            """)

    @Argument(help: ArgumentHelp("The dataset version.", valueName: "NAME@VERSION"))
    var dataset: String

    @Option(help: ArgumentHelp("The private key file (from seedbed keygen).", valueName: "NAME"))
    var key: String

    @Option(help: ArgumentHelp("Where to write the certificate.", valueName: "CERT.json"))
    var out: String

    @Option(help: "What the data may be used for.")
    var purpose: String?

    @Option(help: ArgumentHelp("The last day the certificate holds.", valueName: "YYYY-MM-DD"))
    var expires: String?

    @Option(help: "Read the rows from this folder instead of the registered one.")
    var data: String?

    @Option(help: "Read the rows from this database instead of the registered one.")
    var target: String?

    @Option(help: ArgumentHelp("The catalog: a SQLite file or a PostgreSQL URI.", valueName: "path-or-url"))
    var catalog: String?

    public init() {}

    public func validate() throws {
        if data != nil && target != nil { throw ValidationError("give --data or --target, not both") }
    }

    public func run() throws {
        let console = Console.current
        do {
            let reference = try DatasetReference(parsing: dataset)
            let signingKey = try SigningKey(readingFrom: key)
            let catalog = try Catalog.open(
                Catalog.location(option: self.catalog, environment: console.environment), create: false)
            let version = try catalog.version(reference)
            guard let registration = version.latest else {
                throw CatalogError(.notFound, "\(reference) has no recorded run to read the rows of")
            }
            let source: any DatasetSource
            if let data {
                source = try DatasetLocation.files(data)
            } else if let target {
                source = try DatasetLocation.database(target, tables: registration.tables)
            } else if registration.command == .generate {
                source = try DatasetLocation.files(registration.location)
            } else {
                source = try DatasetLocation.database(registration.location, tables: registration.tables)
            }
            let certificate = try Certification.issue(
                version, registration: registration, source: source, key: signingKey, purpose: purpose,
                expires: expires)
            let text = certificate.fileText
            do {
                try OutputFile.write(text, to: out)
            } catch {
                throw CatalogError(.environment, "cannot write '\(out)'")
            }
            try catalog.record(certificate, document: text)
            let rows = certificate.tables.reduce(0) { $0 + $1.rows }
            console.write(
                "certified \(reference): \(certificate.tables.count) tables, \(rows) rows, read from \(source.location); signed by \(certificate.signer.keyID); wrote \(out)\n"
            )
        } catch let error as CatalogError {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        }
    }
}
