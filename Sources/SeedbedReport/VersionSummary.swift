import SeedbedCatalog

/// What the index, the version page and the Markdown summary all say about one version: its
/// latest scorecard read, and its certificate's standing on the report's day.
struct VersionSummary {
    var version: DatasetVersion
    /// The latest scorecard, read; nil when none was recorded or it cannot be read.
    var scorecard: ScorecardDocument?
    /// The latest scorecard's record, even when its document cannot be read.
    var scorecardRecord: ScorecardRecord?
    var certificate: CertificateRecord?
    /// `YYYY-MM-DD`: the day certificate expiry is judged on.
    var asOf: String

    init(_ version: DatasetVersion, asOf: String) {
        self.version = version
        self.asOf = asOf
        scorecardRecord = version.scorecards.last
        scorecard = scorecardRecord.flatMap { ScorecardDocument.parse($0.document) }
        certificate = version.certificates.last
    }

    /// Pass or fail from the document, else from the record's verdict; nil when never scored.
    var passed: Bool? {
        if let passed = scorecard?.passed { return passed }
        guard let verdict = scorecardRecord?.verdict else { return nil }
        return verdict == "pass"
    }

    var verdict: Badge { Badge.verdict(passed) }

    /// The latest certificate's standing: valid through its expiry day (UTC), expired after it.
    static func certificateBadge(_ certificate: CertificateRecord?, asOf: String) -> Badge {
        guard let certificate else { return .none("NONE") }
        guard let expires = certificate.expires else { return .pass("VALID, NO EXPIRY") }
        // Both are `YYYY-MM-DD`, which order as text.
        return expires >= asOf ? .pass("VALID") : .fail("EXPIRED")
    }

    var certificateBadge: Badge { Self.certificateBadge(certificate, asOf: asOf) }

    /// The names of the failing gates, or a dash.
    var failingGates: String {
        guard let gates = scorecard?.gates else { return "–" }
        let failed = gates.filter { $0.passed != true }.map(\.name)
        return failed.isEmpty ? "none" : failed.joined(separator: ", ")
    }
}
