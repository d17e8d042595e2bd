import Foundation
import SeedbedCatalog
import SeedbedScore

extension ScoreCommand {
    /// Stores the scorecard with its dataset version in the catalog, so `catalog show`,
    /// `revalidate` and the reports see it. A version the catalog does not have (an unversioned
    /// spec, data never generated or seeded through the catalog) is noted, not an error: the
    /// scorecard itself is the command's result.
    func record(_ scorecard: Scorecard, console: Console) {
        func note(_ why: String) {
            console.write("seedbed: note: scorecard not recorded in the catalog: \(why)\n", to: .error)
        }
        guard let name = scorecard.specName, let versionText = datasetVersion ?? scorecard.specVersion else {
            return note("the spec has no dataset name and version")
        }
        let location = Catalog.location(option: catalog, environment: console.environment)
        do {
            let reference = DatasetReference(name: name, version: try SemanticVersion(parsing: versionText))
            let catalog = try Catalog.open(location, create: false)
            let figures = Dictionary(
                scorecard.gates.compactMap { result in result.value.map { (result.gate.metric.name, $0) } },
                uniquingKeysWith: { first, _ in first })
            try catalog.record(
                ScorecardRecord(
                    verdict: scorecard.passed ? "pass" : "fail", figures: figures, document: scorecard.json()),
                for: reference)
            console.write("seedbed: recorded the scorecard of \(reference) in \(location)\n", to: .error)
        } catch {
            note(error.message)
        }
    }
}
