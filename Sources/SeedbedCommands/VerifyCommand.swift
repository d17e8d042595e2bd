public import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedStores

/// `seedbed verify CERT --target URL | --data DIR`: has anything changed since certification?
public struct VerifyCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check data against a signed certificate: exit 0 only if nothing changed.",
        discussion: """
            Recomputes every table's fingerprint from the data (and the lineage's), checks
            the signature and the expiry. Each difference is named: the table, whether rows
            were added or removed or which columns' values changed, an edited certificate,
            a different signer, an expired certificate. Row order does not matter.

            Without --pubkey the signature is checked with the key the certificate carries:
            that proves the certificate was not edited, not who signed it.

            Exit codes: 0 nothing changed, 1 something differs, 2 usage error (unreadable
            certificate or key), 3 the data cannot be reached.

            Examples:
              seedbed verify lending-1.4.0.cert.json --data data/ --pubkey keys/qa-signer.pub
              seedbed verify lending-1.4.0.cert.json --target postgresql://ci@db/app_test
            """)

    @Argument(help: ArgumentHelp("The certificate.", valueName: "CERT.json"))
    var certificate: String

    @Option(help: "The database to check: sqlite:PATH or a PostgreSQL connection string.")
    var target: String?

    @Option(help: "The folder generate wrote, to check.")
    var data: String?

    @Option(help: ArgumentHelp("The signer's public key (NAME.pub).", valueName: "KEY"))
    var pubkey: String?

    @Option(help: "Report format: text or json.")
    var format: OutputFormat = .text

    public init() {}

    public func validate() throws {
        if (data == nil) == (target == nil) { throw ValidationError("give exactly one of --target and --data") }
    }

    public func run() throws {
        let console = Console.current
        let verification: Verification
        let parsed: Certificate
        do {
            guard let bytes = FileManager.default.contents(atPath: certificate), bytes.count < 64 << 20 else {
                throw CatalogError(.usage, "cannot read the certificate '\(certificate)'")
            }
            parsed = try Certificate(parsing: String(decoding: bytes, as: UTF8.self))
            let key = try pubkey.map { path throws(CatalogError) in
                (key: try VerifyingKey(readingFrom: path), path: path)
            }
            let tables = parsed.tables.map { table in
                DatasetTable(
                    name: table.name,
                    columns: table.columns.map { DatasetTable.Column(name: $0.name, typeName: $0.type) },
                    rows: table.rows)
            }
            let source =
                if let data { try DatasetLocation.files(data) } else {
                    try DatasetLocation.database(target ?? "", tables: tables)
                }
            verification = try Verification.check(parsed, against: source, publicKey: key)
        } catch let error as CatalogError {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        }
        switch format {
        case .json:
            let report = VerifyJSON(
                dataset: parsed.dataset.description, passed: verification.passed, problems: verification.problems,
                confirmed: verification.confirmed, notes: verification.notes)
            console.write(CommandJSON.text(report))
        case .text:
            var text = ""
            for problem in verification.problems { text += "FAIL  \(problem)\n" }
            for fact in verification.confirmed { text += "ok    \(fact)\n" }
            for note in verification.notes { text += "note  \(note)\n" }
            text +=
                verification.passed
                ? "\(parsed.dataset): verified, nothing changed\n"
                : "\(parsed.dataset): \(verification.problems.count) difference(s) from the certificate\n"
            console.write(text)
        }
        if !verification.passed { throw ExitCode.checkFailed }
    }
}

private struct VerifyJSON: Encodable {
    var dataset: String
    var passed: Bool
    var problems: [String]
    var confirmed: [String]
    var notes: [String]
}

/// JSON for `--format json`: sorted keys, indented, one document and a newline.
enum CommandJSON {
    static func text(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
