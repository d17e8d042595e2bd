public import Foundation
public import SeedbedStores

/// Issues certificates: reads a registered version's rows back through `DatasetSource`,
/// fingerprints them and signs the result.
public enum Certification {
    /// Certifies `version` as its rows are in `source`.
    /// - Parameters:
    ///   - registration: the run whose tables (names, columns, row counts) are certified.
    ///   - expires: the last valid day, `YYYY-MM-DD`; not in the past.
    /// - Throws: `.conflict` when the data no longer has the registered row counts (it changed
    ///   since it was made, so certifying it would vouch for something else); `.usage` for a bad
    ///   date; read failures.
    public static func issue(
        _ version: DatasetVersion, registration: Registration, source: any DatasetSource, key: SigningKey,
        purpose: String?, expires: String?, now: Date = Date()
    ) throws(CatalogError) -> Certificate {
        if let expires {
            guard let last = CatalogTime.date(expires), expires.count == 10 else {
                throw CatalogError(.usage, "--expires takes a date YYYY-MM-DD, such as 2026-12-31; got '\(expires)'")
            }
            guard CatalogTime.text(last).prefix(10) >= CatalogTime.text(now).prefix(10) else {
                throw CatalogError(.usage, "--expires \(expires) is already past")
            }
        }
        var tables: [Certificate.Table] = []
        for table in registration.tables {
            let measured = try Fingerprinter.fingerprint(table, in: source)
            guard measured.content.rows == table.rows else {
                throw CatalogError(
                    .conflict,
                    "the data at \(source.location) is not what \(version.reference) registered: table '\(table.name)' has \(measured.content.rows) rows, the catalog recorded \(table.rows); generate or seed it again before certifying"
                )
            }
            tables.append(
                Certificate.Table(
                    name: table.name, rows: measured.content.rows, fingerprint: measured.content.hex,
                    columns: zip(table.columns, measured.columnContent).map {
                        Certificate.Table.Column(name: $0.name, type: $0.type, fingerprint: $1.hex)
                    }))
        }
        let lineage = try Fingerprinter.lineage(of: source)
        let scorecard = version.scorecards.last
        let publicKey = key.publicKey
        var certificate = Certificate(
            dataset: version.reference, issuedAt: CatalogTime.text(now), expires: expires, purpose: purpose,
            specPath: version.source.specPath, specSHA256: version.source.specSHA256,
            profileSHA256: version.source.profileSHA256, seed: "\(version.source.seed)",
            seedbedVersion: version.source.seedbedVersion, scorecardSHA256: scorecard?.sha256,
            scorecardVerdict: scorecard?.verdict, source: source.location, tables: tables, lineageRows: lineage.rows,
            lineageFingerprint: lineage.hex,
            signer: Certificate.Signer(keyID: publicKey.id, publicKey: publicKey.base64),
            signature: "")
        certificate.signature = Data(try key.signature(for: Array(certificate.signedText.utf8))).base64EncodedString()
        return certificate
    }
}
