public import Foundation

/// A dataset version as the catalog holds it: what it was made from, every run that made it,
/// and its scorecards and certificates (oldest first).
public struct DatasetVersion: Sendable {
    public var reference: DatasetReference
    public var registeredAt: Date
    public var source: DatasetSourceFacts
    public var registrations: [Registration]
    public var scorecards: [ScorecardRecord]
    public var certificates: [CertificateRecord]

    public init(
        reference: DatasetReference, registeredAt: Date, source: DatasetSourceFacts, registrations: [Registration],
        scorecards: [ScorecardRecord], certificates: [CertificateRecord]
    ) {
        self.reference = reference
        self.registeredAt = registeredAt
        self.source = source
        self.registrations = registrations
        self.scorecards = scorecards
        self.certificates = certificates
    }

    /// The latest run: where `certify` reads the rows by default.
    public var latest: Registration? { registrations.last }
}

/// A scorecard of a dataset version: the scorecard's own JSON kept whole, with its verdict and
/// a few headline figures the catalog compares across versions.
public struct ScorecardRecord: Sendable, Equatable {
    public var id: String
    public var recordedAt: Date
    /// `pass` or `fail` as the gate said.
    public var verdict: String
    /// Headline figures by name (`fidelity`, `conformance`, …), as the scorecard gives them.
    public var figures: [String: Double]
    /// SHA-256 of `document`.
    public var sha256: String
    public var document: String

    public init(
        id: String = UUID().uuidString.lowercased(), recordedAt: Date = Date(), verdict: String,
        figures: [String: Double], document: String
    ) {
        self.id = id
        self.recordedAt = recordedAt
        self.verdict = verdict
        self.figures = figures
        self.sha256 = Digest.sha256(document)
        self.document = document
    }
}

/// A certificate issued for a dataset version.
public struct CertificateRecord: Sendable, Equatable {
    /// SHA-256 of the certificate file's bytes.
    public var sha256: String
    public var issuedAt: Date
    public var expires: String?
    public var purpose: String?
    public var keyID: String
}
