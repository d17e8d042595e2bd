import Foundation

/// A signed statement that a dataset version's rows are exactly these: content fingerprints per
/// table and of the lineage, what the version was made from, its scorecard, and a usage policy
/// (purpose, expiry), signed with Ed25519. The format is docs/certificate.md.
public struct Certificate: Sendable, Equatable {
    public static let formatName = "seedbed-certificate/1"

    public struct Table: Sendable, Equatable {
        public struct Column: Sendable, Equatable {
            public var name: String
            public var type: String
            public var fingerprint: String
        }

        public var name: String
        public var rows: Int
        public var fingerprint: String
        public var columns: [Column]
    }

    public struct Signer: Sendable, Equatable {
        public var keyID: String
        public var publicKey: String
    }

    public var dataset: DatasetReference
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    public var issuedAt: String
    /// The last day the certificate holds (`YYYY-MM-DD`, inclusive, UTC).
    public var expires: String?
    public var purpose: String?
    public var specPath: String
    public var specSHA256: String
    public var profileSHA256: String?
    public var seed: String
    public var seedbedVersion: String
    /// The latest scorecard's digest and verdict, when the version was scored.
    public var scorecardSHA256: String?
    public var scorecardVerdict: String?
    /// Where the rows were read when certifying (a redacted target or a folder), for people.
    public var source: String
    public var tables: [Table]
    public var lineageRows: Int
    public var lineageFingerprint: String
    public var signer: Signer
    /// Base64 Ed25519 signature of `signedText`.
    public var signature: String

    // MARK: - JSON

    /// Everything but the signature, as a JSON value.
    var unsignedValue: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }
        return .object([
            "format": .string(Self.formatName),
            "dataset": .object(["name": .string(dataset.name), "version": .string(dataset.version.description)]),
            "issuedAt": .string(issuedAt),
            "policy": .object(["purpose": optional(purpose), "expires": optional(expires)]),
            "spec": .object(["path": .string(specPath), "sha256": .string(specSHA256)]),
            "profileSha256": optional(profileSHA256),
            "seed": .string(seed),
            "seedbedVersion": .string(seedbedVersion),
            "scorecard": scorecardSHA256 == nil && scorecardVerdict == nil
                ? .null : .object(["sha256": optional(scorecardSHA256), "verdict": optional(scorecardVerdict)]),
            "source": .string(source),
            "tables": .array(
                tables.map { table in
                    .object([
                        "name": .string(table.name), "rows": .integer(Int64(table.rows)),
                        "fingerprint": .string(table.fingerprint),
                        "columns": .array(
                            table.columns.map {
                                .object([
                                    "name": .string($0.name), "type": .string($0.type),
                                    "fingerprint": .string($0.fingerprint),
                                ])
                            }),
                    ])
                }),
            "lineage": .object(["rows": .integer(Int64(lineageRows)), "fingerprint": .string(lineageFingerprint)]),
            "signer": .object(["keyId": .string(signer.keyID), "publicKey": .string(signer.publicKey)]),
        ])
    }

    /// The exact bytes signed: the canonical JSON of everything but the signature.
    public var signedText: String { unsignedValue.canonical }

    /// The certificate file's text: indented JSON with the signature.
    public var fileText: String {
        guard case .object(var members) = unsignedValue else { return "" }
        members["signature"] = .string(signature)
        return JSONValue.object(members).pretty
    }
}
