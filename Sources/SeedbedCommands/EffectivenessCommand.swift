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
            test, rules whose linked tests failed; and for a version with runs ingested with
            --negative (tests run on generate --negative rows), the negative-data catch rate:
            rules whose linked tests failed in those runs, over the rules the negative rows break,
            each rule caught, missed or untested. Runs on negative data count only there.
            Definitions: docs/effectiveness.md.

            Exit codes: 0 done, 2 no runs of NAME or no catalog, 3 the catalog cannot be read.
            """)

    @Argument(help: "Only this dataset's versions.")
    var name: String?

    @Option(
        help: ArgumentHelp("A side-car links file whose test lines (GLOB rule=ID …) add rule links.", valueName: "file")
    )
    var links: String?

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let map = try LinkMap.load(option: links)
        let catalog = try options.open()
        let trend = try reportingCatalogErrors { () throws(CatalogError) in
            try VersionEffectiveness.measure(in: catalog, name: name, links: map)
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
                "RULES TESTED", "RULES FAILING", "CATCH RATE",
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
                version.negative.map(Self.rate) ?? "-",
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
        for version in trend {
            guard let negative = version.negative else { continue }
            let runs = "\(negative.runs) \(negative.runs == 1 ? "run" : "runs")"
            text += "\n\(version.dataset) negative data (\(runs)): "
            text += "\(negative.caught) of \(negative.rules.count) rules caught"
            text += " (\(negative.missed) missed, \(negative.untested) untested)\n"
            var rows = [["RULE", "NEGATIVE ROWS", "TESTS", "FAILED", "VERDICT"]]
            for rule in negative.rules {
                rows.append([
                    rule.id, "\(rule.negativeRows)", "\(rule.tests)", "\(rule.failingTests)", rule.verdict.rawValue,
                ])
            }
            text += CatalogText.table(rows)
            if !negative.rulesWithoutNegativeRows.isEmpty {
                text +=
                    "rules without negative rows (outside the rate): \(negative.rulesWithoutNegativeRows.joined(separator: ", "))\n"
            }
        }
        return text
    }

    /// `3/4 (75%)`: caught over rules with negative rows.
    static func rate(_ negative: NegativeCatch) -> String {
        guard let rate = negative.rate else { return "0/0" }
        return "\(negative.caught)/\(negative.rules.count) (\(Int((rate * 100).rounded()))%)"
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
    var negative: NegativeData?

    /// The catch rate of a negative version.
    struct NegativeData: Encodable {
        struct Rule: Encodable {
            var id: String
            var negativeRows: Int
            var tests: Int
            var failingTests: Int
            var verdict: String
        }

        var runs: Int
        var catchRate: Double?
        var caught: Int
        var missed: Int
        var untested: Int
        var rules: [Rule]
        var rulesWithoutNegativeRows: [String]

        init(_ negative: NegativeCatch) {
            runs = negative.runs
            catchRate = negative.rate
            caught = negative.caught
            missed = negative.missed
            untested = negative.untested
            rules = negative.rules.map {
                Rule(
                    id: $0.id, negativeRows: $0.negativeRows, tests: $0.tests, failingTests: $0.failingTests,
                    verdict: $0.verdict.rawValue)
            }
            rulesWithoutNegativeRows = negative.rulesWithoutNegativeRows
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(runs, forKey: .runs)
            try container.encode(catchRate, forKey: .catchRate)
            try container.encode(caught, forKey: .caught)
            try container.encode(missed, forKey: .missed)
            try container.encode(untested, forKey: .untested)
            try container.encode(rules, forKey: .rules)
            try container.encode(rulesWithoutNegativeRows, forKey: .rulesWithoutNegativeRows)
        }

        enum CodingKeys: String, CodingKey {
            case runs, catchRate, caught, missed, untested, rules, rulesWithoutNegativeRows
        }
    }

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
        negative = version.negative.map(NegativeData.init)
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
        try container.encode(negative, forKey: .negative)
    }

    enum CodingKeys: String, CodingKey {
        case dataset, previous, runs, partialRuns, tests, outcomes, failingTests, fingerprints, revealed
        case revealedOnSameCommit, flakyTests, rules, rulesLinked, rulesFailing, rulesUntested, negative
    }
}
