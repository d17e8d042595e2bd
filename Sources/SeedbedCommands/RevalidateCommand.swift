public import ArgumentParser
import Foundation
import SeedbedCatalog

/// `seedbed revalidate [NAME]`: which recorded versions need regenerating?
public struct RevalidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "revalidate",
        abstract: "Re-check recorded dataset versions against today's spec rules, profile and certificates.",
        discussion: """
            For each version (of NAME, or all): reads the spec at its recorded path and
            compares its rules and scenarios, by ID, with those the version was made
            from; a failed latest scorecard; certificates past their expiry. Then it
            re-scores the rows where the version's latest run put them (its folder or
            target; skipped where a later run of another version wrote over them), as
            seedbed score does: every rule of today's spec on every row, the scenario
            quotas, and, with --profile, fidelity against the newer profile. A rule
            broken, a quota unmet, or a fidelity or validity gate of the policy failed
            (drift) means the version needs regenerating. Privacy is not re-measured: it
            needs the production source (seedbed score --privacy-against).
            --metadata-only skips reading the rows. docs/catalog.md has the details.

            Exit codes: 0 every version is current, 1 some version needs regenerating,
            2 usage error, 3 the catalog cannot be read. Expired certificates are
            reported but do not by themselves make the exit 1: they need certifying
            again, not regenerating. Rows that cannot be read (a target gone) are a note.

            Example:
              seedbed revalidate lending --profile profiles/lending-2026-06.json
            """)

    @Argument(help: "Only this dataset's versions.")
    var name: String?

    @Option(help: ArgumentHelp("A newer production profile.", valueName: "PROFILE.json"))
    var profile: String?

    @Option(help: "The gate policy whose fidelity and validity gates decide drift (default: the built-in one).")
    var policy: String?

    @Flag(help: "Compare specs, profiles and certificates only; do not read or re-score the rows.")
    var metadataOnly = false

    @OptionGroup var options: CatalogReadOptions

    public init() {}

    public func run() throws {
        let console = Console.current
        if !metadataOnly {
            // A typo in the policy fails once, up front, not as a note on every version.
            do {
                _ = try ScoreRunner.readPolicy(policy)
            } catch {
                console.write(
                    error.message.hasSuffix("\n") ? error.message : "seedbed: error: \(error.message)\n", to: .error)
                throw error.exitCode
            }
        }
        let catalog = try options.open()
        let findings = try reportingCatalogErrors { () throws(CatalogError) in
            let newer = try profile.map { path throws(CatalogError) in
                (path: path, sha256: try Digest.sha256(ofFile: path))
            }
            let result = try Revalidation(catalog: catalog, name: name, newerProfile: newer)
            let rescoring = metadataOnly ? nil : try Rescoring(catalog: catalog, profile: profile, policy: policy)
            return try result.findings.map { finding throws(CatalogError) in
                guard let rescoring else { return RevalidatedVersion(finding, rescored: nil) }
                if console.isTerminal(.error) {
                    console.write("\r\u{1B}[K  re-scoring \(finding.reference)", to: .error)
                }
                return RevalidatedVersion(finding, rescored: rescoring.rescore(try catalog.version(finding.reference)))
            }
        }
        if console.isTerminal(.error) && !metadataOnly { console.write("\r\u{1B}[K", to: .error) }
        switch options.format {
        case .json:
            console.write(CommandJSON.text(findings))
        case .text:
            var text = ""
            for finding in findings {
                text += "\(finding.dataset): \(finding.needsRegeneration ? "REGENERATE" : "current")\n"
                for reason in finding.reasons { text += "  - \(reason)\n" }
                for note in finding.notes { text += "  note: \(note)\n" }
                if let measured = finding.measured {
                    let fidelity = measured.fidelity.map { String(format: ", fidelity %.4f", $0) } ?? ""
                    text +=
                        "  re-scored \(measured.rows) rows at \(measured.location): \(measured.violations) rule violations\(fidelity)\n"
                }
            }
            if findings.isEmpty { text = "no dataset versions in \(catalog.location)\n" }
            console.write(text)
        }
        if findings.contains(where: \.needsRegeneration) { throw ExitCode.checkFailed }
    }
}

private struct RevalidatedVersion: Encodable {
    var dataset: String
    var needsRegeneration: Bool
    var reasons: [String]
    var notes: [String]
    /// What re-scoring the rows measured (absent with --metadata-only, or when they could not be read).
    var measured: Rescoring.Measured?

    init(_ finding: Revalidation.Finding, rescored: Rescoring.Outcome?) {
        dataset = finding.reference.description
        reasons = finding.reasons
        notes = finding.notes
        // A changed profile is possible drift until fidelity against it is measured; then the
        // policy's fidelity gates decide (a failed one is among the re-scoring's reasons).
        if let change = finding.profileChange {
            if let fidelity = rescored?.measured?.fidelity {
                notes.append("\(change): fidelity against it is \(String(format: "%.4f", fidelity))")
            } else {
                reasons.append("\(change): production may have drifted, and the rows were not re-scored")
            }
        }
        reasons += rescored?.reasons ?? []
        notes += rescored?.notes ?? []
        needsRegeneration = !reasons.isEmpty
        measured = rescored?.measured
    }
}
