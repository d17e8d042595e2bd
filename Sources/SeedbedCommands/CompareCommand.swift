import ArgumentParser
import SeedbedCatalog
import SeedbedFeedback

/// `seedbed compare A B`: two dataset versions' test outcomes side by side.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two dataset versions' test outcomes: where tests fail, new fingerprints, new rules.",
        discussion: """
            Tests failing only on A, only on B and on both (failed or errored in some run of the
            version); failure fingerprints of B that no failure on A had; the rules and scenarios
            B's spec adds, with how many tests link to each and how many of those failed.

            Exit codes: 0 done, 2 unknown version or no catalog, 3 the catalog cannot be read.
            """)

    @Argument(help: ArgumentHelp("The earlier dataset version.", valueName: "A"))
    var a: String

    @Argument(help: ArgumentHelp("The later dataset version.", valueName: "B"))
    var b: String

    @OptionGroup var options: CatalogReadOptions

    func run() throws {
        let catalog = try options.open()
        let comparison = try reportingCatalogErrors { () throws(CatalogError) in
            try OutcomeComparison(a: DatasetReference(parsing: a), b: DatasetReference(parsing: b), in: catalog)
        }
        let console = Console.current
        switch options.format {
        case .json: console.write(CommandJSON.text(ComparedVersions(comparison)))
        case .text: console.write(Self.text(comparison))
        }
    }

    static func text(_ comparison: OutcomeComparison) -> String {
        let a = comparison.a.description
        let b = comparison.b.description
        var text = "\(a) -> \(b)\n"
        func tests(_ title: String, _ list: [OutcomeComparison.FailingTest]) {
            text += "\(title):\(list.isEmpty ? " none" : "")\n"
            for test in list {
                text +=
                    "  \(test.name)  \(test.fingerprints.isEmpty ? "-" : test.fingerprints.joined(separator: ", "))\n"
            }
        }
        tests("failing only on \(a)", comparison.failingOnlyOnA)
        tests("failing only on \(b)", comparison.failingOnlyOnB)
        tests("failing on both", comparison.failingOnBoth)
        text += "fingerprints new in \(b):\(comparison.newFingerprints.isEmpty ? " none" : "")\n"
        for fingerprint in comparison.newFingerprints {
            text += "  \(fingerprint.fingerprint)  \(fingerprint.tests.joined(separator: ", "))"
            if let message = fingerprint.message { text += "  \(TraceCommand.oneLine(message))" }
            text += "\n"
        }
        func added(_ title: String, _ list: [OutcomeComparison.AddedTarget]) {
            text += "\(title) added in \(b):\(list.isEmpty ? " none" : "")\n"
            for target in list {
                let tests =
                    target.tests == 0
                    ? "no linked test"
                    : "\(target.tests) linked \(target.tests == 1 ? "test" : "tests"), \(target.failingTests) failing"
                text += "  \(target.id): \(tests)\n"
            }
        }
        added("rules", comparison.rulesAdded)
        added("scenarios", comparison.scenariosAdded)
        return text
    }
}

/// `compare --format json`.
struct ComparedVersions: Encodable {
    struct Test: Encodable {
        var key: String
        var name: String
        var fingerprints: [String]
    }

    struct Fingerprint: Encodable {
        var fingerprint: String
        var message: String?
        var tests: [String]
    }

    struct Added: Encodable {
        var id: String
        var tests: Int
        var failingTests: Int
    }

    var a: String
    var b: String
    var failingOnlyOnA: [Test]
    var failingOnlyOnB: [Test]
    var failingOnBoth: [Test]
    var newFingerprints: [Fingerprint]
    var rulesAdded: [Added]
    var scenariosAdded: [Added]

    init(_ comparison: OutcomeComparison) {
        func tests(_ list: [OutcomeComparison.FailingTest]) -> [Test] {
            list.map { Test(key: $0.key, name: $0.name, fingerprints: $0.fingerprints) }
        }
        func added(_ list: [OutcomeComparison.AddedTarget]) -> [Added] {
            list.map { Added(id: $0.id, tests: $0.tests, failingTests: $0.failingTests) }
        }
        a = comparison.a.description
        b = comparison.b.description
        failingOnlyOnA = tests(comparison.failingOnlyOnA)
        failingOnlyOnB = tests(comparison.failingOnlyOnB)
        failingOnBoth = tests(comparison.failingOnBoth)
        newFingerprints = comparison.newFingerprints.map {
            Fingerprint(fingerprint: $0.fingerprint, message: $0.message, tests: $0.tests)
        }
        rulesAdded = added(comparison.rulesAdded)
        scenariosAdded = added(comparison.scenariosAdded)
    }
}
