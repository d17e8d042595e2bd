import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedFeedback

/// `seedbed effectiveness [NAME]`: how well each dataset version's test runs found defects.
struct EffectivenessCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "effectiveness",
        abstract: "Show, per dataset version, the defects its test runs found: a trend table.",
        discussion: """
            For each dataset version with ingested runs (by semantic version): runs, distinct
            tests, failing tests, distinct failure fingerprints, fingerprints revealed (failing on
            this version, never on the previous one; SAME COMMIT: of those, seen on a commit the
            previous version also ran, so only the data changed), flaky tests, rules with a linked
            test, rules whose linked tests failed. Definitions: docs/feedback.md.

            Exit codes: 0 done, 2 no runs of NAME or no catalog, 3 the catalog cannot be read.
            """)

    @Argument(help: "Only this dataset's versions.")
    var name: String?

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let catalog = try options.open()
        let trend = try reportingCatalogErrors { () throws(CatalogError) in
            try VersionEffectiveness.measure(in: catalog, name: name)
        }
        let console = Console.current
        switch options.format {
        case .json: console.write(CommandJSON.text(trend.map(MeasuredVersion.init)))
        case .text:
            guard !trend.isEmpty else {
                console.write("no test runs in \(catalog.location)\n")
                return
            }
            console.write(Self.text(trend))
        }
    }

    static func text(_ trend: [VersionEffectiveness]) -> String {
        var rows = [
            [
                "VERSION", "RUNS", "TESTS", "FAILING", "FINGERPRINTS", "REVEALED", "SAME COMMIT", "FLAKY",
                "RULES TESTED", "RULES FAILING",
            ]
        ]
        for version in trend {
            rows.append([
                version.dataset.description,
                version.partialRuns > 0 ? "\(version.runs) (\(version.partialRuns) partial)" : "\(version.runs)",
                "\(version.tests)", "\(version.failingTests)", "\(version.fingerprints)",
                version.revealed.map { "\($0.count)" } ?? "-",
                version.revealedOnSameCommit.map { "\($0.count)" } ?? "-", "\(version.flakyTests)",
                "\(version.rulesLinked)/\(version.rules)", "\(version.rulesFailing)",
            ])
        }
        var text = CatalogText.table(rows)
        for version in trend {
            if let revealed = version.revealed, !revealed.isEmpty, let previous = version.previous {
                text +=
                    "\(version.dataset) revealed (not failing on \(previous)): \(revealed.joined(separator: ", "))\n"
            }
            if !version.rulesUntested.isEmpty {
                text += "\(version.dataset) rules no test links to: \(version.rulesUntested.joined(separator: ", "))\n"
            }
        }
        return text
    }
}

/// One version of `effectiveness --format json`.
struct MeasuredVersion: Encodable {
    var dataset: String
    var previous: String?
    var runs: Int
    var partialRuns: Int
    var tests: Int
    var outcomes: [String: Int]
    var failingTests: Int
    var fingerprints: Int
    var revealed: [String]?
    var revealedOnSameCommit: [String]?
    var flakyTests: Int
    var rules: Int
    var rulesLinked: Int
    var rulesFailing: Int
    var rulesUntested: [String]

    init(_ version: VersionEffectiveness) {
        dataset = version.dataset.description
        previous = version.previous?.description
        runs = version.runs
        partialRuns = version.partialRuns
        tests = version.tests
        outcomes = version.outcomes
        failingTests = version.failingTests
        fingerprints = version.fingerprints
        revealed = version.revealed
        revealedOnSameCommit = version.revealedOnSameCommit
        flakyTests = version.flakyTests
        rules = version.rules
        rulesLinked = version.rulesLinked
        rulesFailing = version.rulesFailing
        rulesUntested = version.rulesUntested
    }

    // Absent values are written as null, so a reader sees every field of every version.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(previous, forKey: .previous)
        try container.encode(runs, forKey: .runs)
        try container.encode(partialRuns, forKey: .partialRuns)
        try container.encode(tests, forKey: .tests)
        try container.encode(outcomes, forKey: .outcomes)
        try container.encode(failingTests, forKey: .failingTests)
        try container.encode(fingerprints, forKey: .fingerprints)
        try container.encode(revealed, forKey: .revealed)
        try container.encode(revealedOnSameCommit, forKey: .revealedOnSameCommit)
        try container.encode(flakyTests, forKey: .flakyTests)
        try container.encode(rules, forKey: .rules)
        try container.encode(rulesLinked, forKey: .rulesLinked)
        try container.encode(rulesFailing, forKey: .rulesFailing)
        try container.encode(rulesUntested, forKey: .rulesUntested)
    }

    enum CodingKeys: String, CodingKey {
        case dataset, previous, runs, partialRuns, tests, outcomes, failingTests, fingerprints, revealed
        case revealedOnSameCommit, flakyTests, rules, rulesLinked, rulesFailing, rulesUntested
    }
}
