public import Foundation
public import SeedbedStores

/// What `verify` found: every difference between a certificate and the data (or the
/// certificate and its signature), each naming the table or field.
public struct Verification: Sendable {
    /// Differences; empty when nothing changed.
    public var problems: [String] = []
    /// What was checked and held, for the report.
    public var confirmed: [String] = []
    /// Things the user should know that are not failures.
    public var notes: [String] = []

    public var passed: Bool { problems.isEmpty }

    /// Checks `certificate`'s signature, expiry and fingerprints against `source`.
    /// - Parameters:
    ///   - publicKey: the key the certificate must be signed by, and where it was read from;
    ///     without one the signature is checked against the key the certificate carries, which
    ///     proves it was not edited but not who signed it.
    ///   - today: expiry is checked against this day (UTC).
    /// - Throws: only when the data cannot be read at all (unreachable database, missing folder).
    public static func check(
        _ certificate: Certificate, against source: any DatasetSource, publicKey: (key: VerifyingKey, path: String)?,
        today: Date = Date()
    ) throws(CatalogError) -> Verification {
        var result = Verification()
        result.checkSignature(certificate, publicKey: publicKey)
        if let expires = certificate.expires {
            if expires < String(CatalogTime.text(today).prefix(10)) {
                result.problems.append("the certificate expired on \(expires)")
            } else {
                result.confirmed.append("valid until \(expires)")
            }
        }
        for table in certificate.tables {
            try result.checkTable(table, in: source)
        }
        let lineage = try Fingerprinter.lineage(of: source)
        if lineage.rows != certificate.lineageRows {
            result.problems.append(
                "the lineage has \(lineage.rows) entries, the certificate says \(certificate.lineageRows) (\(lineage.rows > certificate.lineageRows ? "entries were added" : "entries were removed"))"
            )
        } else if lineage.hex != certificate.lineageFingerprint {
            result.problems.append(
                "the lineage differs: the same \(lineage.rows) entries, but an entry was changed (a row's scenario or rule)"
            )
        } else {
            result.confirmed.append("lineage: \(lineage.rows) entries match")
        }
        return result
    }

    private mutating func checkSignature(
        _ certificate: Certificate, publicKey given: (key: VerifyingKey, path: String)?
    ) {
        let carried: VerifyingKey
        do {
            carried = try VerifyingKey(
                base64: certificate.signer.publicKey, origin: "the certificate's signer.publicKey")
        } catch {
            problems.append("the certificate was edited: \(error.message)")
            return
        }
        if carried.id != certificate.signer.keyID {
            problems.append(
                "the certificate was edited: signer.keyId says \(certificate.signer.keyID) but its public key is \(carried.id)"
            )
        }
        if let given, given.key != carried {
            problems.append(
                "the certificate is signed by \(carried.id), not by the given key \(given.key.id) (\(given.path))")
        }
        guard let signature = Data(base64Encoded: certificate.signature),
            carried.isValidSignature(Array(signature), for: Array(certificate.signedText.utf8))
        else {
            problems.append("the certificate was edited after signing: its signature does not match its content")
            return
        }
        if given == nil {
            notes.append(
                "the signature was checked with the key the certificate carries (\(carried.id)); pass --pubkey to check who signed it"
            )
        }
        confirmed.append("signature by \(carried.id) is valid")
    }

    private mutating func checkTable(_ table: Certificate.Table, in source: any DatasetSource) throws(CatalogError) {
        let recorded = DatasetTable(
            name: table.name, columns: table.columns.map { DatasetTable.Column(name: $0.name, typeName: $0.type) },
            rows: table.rows)
        let measured: TableFingerprint
        do {
            measured = try Fingerprinter.fingerprint(recorded, in: source)
        } catch let error where error.kind == .notFound || error.kind == .usage {
            problems.append("table '\(table.name)': \(error.message)")
            return
        }
        let rows = measured.content.rows
        if rows != table.rows {
            let change = rows > table.rows ? "rows were added" : "rows were removed"
            problems.append("table '\(table.name)': \(rows) rows, the certificate says \(table.rows) (\(change))")
            return
        }
        guard measured.content.hex != table.fingerprint else {
            confirmed.append("table '\(table.name)': \(rows) rows match")
            return
        }
        let changed = zip(table.columns, measured.columnContent).filter { $0.fingerprint != $1.hex }.map {
            "'\($0.0.name)'"
        }
        if changed.isEmpty {
            problems.append(
                "table '\(table.name)': the same \(rows) rows and column values, but values moved between rows")
        } else {
            let columns = changed.count == 1 ? "column \(changed[0])" : "columns \(changed.joined(separator: ", "))"
            problems.append("table '\(table.name)': the same \(rows) rows, but values changed in \(columns)")
        }
    }
}
