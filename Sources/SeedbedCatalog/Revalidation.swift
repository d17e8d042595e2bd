public import Foundation

/// Re-checks recorded dataset versions against what is true now: the spec file at the recorded
/// path (its rules and scenarios), the certificates' expiry, the version's scorecard, and a
/// newer production profile.
///
/// It reads the catalog and the spec only; `seedbed revalidate` then re-scores the rows
/// themselves (SeedbedCommands' `Rescoring`), which turns a changed profile from possible drift
/// into a measured one.
public struct Revalidation: Sendable {
    public struct Finding: Sendable, Equatable {
        public var reference: DatasetReference
        /// Rows made under the old rules or profile may no longer be right.
        public var needsRegeneration: Bool { !reasons.isEmpty || profileChange != nil }
        /// Why it needs regenerating.
        public var reasons: [String] = []
        /// The version was made from another profile than the newer one (`made from profile …,
        /// and P is …`): production may have drifted. Measuring fidelity against the newer
        /// profile settles it.
        public var profileChange: String?
        /// What else is worth knowing (expired certificates, a spec that cannot be read).
        public var notes: [String] = []
    }

    public var findings: [Finding]

    public var needsRegeneration: Bool { findings.contains { $0.needsRegeneration } }

    /// - Parameters:
    ///   - name: only this dataset's versions.
    ///   - newerProfile: the path and SHA-256 of a newer production profile.
    public init(
        catalog: Catalog, name: String?, newerProfile: (path: String, sha256: String)?, today: Date = Date()
    ) throws(CatalogError) {
        var findings: [Finding] = []
        let day = String(CatalogTime.text(today).prefix(10))
        for summary in try catalog.versions(named: name) {
            let version = try catalog.version(summary.reference)
            var finding = Finding(reference: summary.reference)
            let path = version.source.specPath
            if let data = FileManager.default.contents(atPath: path) {
                let current = String(decoding: data, as: UTF8.self)
                if Digest.sha256(data) != version.source.specSHA256 {
                    let comparison = SpecComparison(old: version.source.specText, new: current)
                    if comparison.ruleSetChanged {
                        finding.reasons.append("the rule set changed in \(path): \(Self.describe(comparison))")
                    } else {
                        finding.notes.append("\(path) changed, but not its rules or scenarios")
                    }
                }
            } else {
                finding.notes.append("cannot read the spec \(path) to re-check its rules")
            }
            if let newerProfile, let made = version.source.profileSHA256, made != newerProfile.sha256 {
                finding.profileChange =
                    "made from profile \(Digest.short(made)), and \(newerProfile.path) is \(Digest.short(newerProfile.sha256))"
            }
            if let scorecard = version.scorecards.last, scorecard.verdict == "fail" {
                finding.reasons.append("its latest scorecard failed its gate")
            }
            for certificate in version.certificates {
                if let expires = certificate.expires, expires < day {
                    finding.notes.append(
                        "certificate \(Digest.short(certificate.sha256)) expired on \(expires): certify it again")
                }
            }
            findings.append(finding)
        }
        self.findings = findings
    }

    static func describe(_ comparison: SpecComparison) -> String {
        var parts: [String] = []
        func add(_ ids: [String], _ what: String) {
            if !ids.isEmpty { parts.append("\(what) \(ids.joined(separator: ", "))") }
        }
        add(comparison.rulesAdded, "rules added:")
        add(comparison.rulesRemoved, "rules removed:")
        add(comparison.rulesChanged, "rules changed:")
        add(comparison.scenariosAdded, "scenarios added:")
        add(comparison.scenariosRemoved, "scenarios removed:")
        add(comparison.scenariosChanged, "scenarios changed:")
        return parts.joined(separator: "; ")
    }
}
