public import ArgumentParser
import SeedbedCatalog

/// `seedbed revalidate [NAME]`: which recorded versions need regenerating?
public struct RevalidateCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "revalidate",
        abstract: "Re-check recorded dataset versions against today's spec rules, profile and certificates.",
        discussion: """
            For each version (of NAME, or all): reads the spec at its recorded path and
            compares its rules and scenarios, by ID, with those the version was made
            from; with --profile, compares the version's profile with a newer one (a
            change means production may have drifted: seedbed score --profile measures
            it); a failed latest scorecard; certificates past their expiry. It does not
            re-read or re-score the data (docs/catalog.md says what it can and cannot know).

            Exit codes: 0 every version is current, 1 some version needs regenerating
            (rules or profile changed, or its scorecard failed), 2 usage error, 3 the
            catalog cannot be read. Expired certificates are reported but do not by
            themselves make the exit 1: they need certifying again, not regenerating.

            Example:
              seedbed revalidate lending --profile profiles/lending-2026-06.json
            """)

    @Argument(help: "Only this dataset's versions.")
    var name: String?

    @Option(help: ArgumentHelp("A newer production profile.", valueName: "PROFILE.json"))
    var profile: String?

    @OptionGroup var options: CatalogReadOptions

    public init() {}

    public func run() throws {
        let catalog = try options.open()
        let result = try reportingCatalogErrors { () throws(CatalogError) in
            let newer = try profile.map { path throws(CatalogError) in
                (path: path, sha256: try Digest.sha256(ofFile: path))
            }
            return try Revalidation(catalog: catalog, name: name, newerProfile: newer)
        }
        let console = Console.current
        switch options.format {
        case .json:
            console.write(
                CommandJSON.text(
                    result.findings.map {
                        RevalidatedVersion(
                            dataset: $0.reference.description, needsRegeneration: $0.needsRegeneration,
                            reasons: $0.reasons, notes: $0.notes)
                    }))
        case .text:
            var text = ""
            for finding in result.findings {
                text += "\(finding.reference): \(finding.needsRegeneration ? "REGENERATE" : "current")\n"
                for reason in finding.reasons { text += "  - \(reason)\n" }
                for note in finding.notes { text += "  note: \(note)\n" }
            }
            if result.findings.isEmpty { text = "no dataset versions in \(catalog.location)\n" }
            console.write(text)
        }
        if result.needsRegeneration { throw ExitCode.checkFailed }
    }
}

private struct RevalidatedVersion: Encodable {
    var dataset: String
    var needsRegeneration: Bool
    var reasons: [String]
    var notes: [String]
}
