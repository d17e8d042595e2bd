import Foundation
import SeedbedCatalog
import SeedbedScore

/// `revalidate`'s second half: reads a version's rows where its latest run put them and scores
/// them as `seedbed score` would (the same runner), against the spec as it is now and the newer
/// profile. What it finds is drift the metadata alone cannot show: rows that break today's
/// rules, a scenario quota no longer met, fidelity fallen below the policy.
struct Rescoring {
    /// What re-scoring one version found.
    struct Outcome {
        /// Why the version needs regenerating.
        var reasons: [String] = []
        var notes: [String] = []
        /// What was measured, when the rows could be read.
        var measured: Measured?
    }

    struct Measured: Encodable, Equatable {
        var location: String
        var rows: Int
        var violations: Int
        var fidelity: Double?
    }

    /// A newer production profile to measure fidelity against.
    var profile: String?
    /// The gate policy whose fidelity and validity gates decide drift (default: the built-in one).
    var policy: String?
    /// For each location, the version whose run wrote it last: the only one whose rows are there.
    var holder: [String: DatasetReference]

    init(catalog: Catalog, profile: String?, policy: String?) throws(CatalogError) {
        self.profile = profile
        self.policy = policy
        var latest: [String: (at: Date, reference: DatasetReference)] = [:]
        for summary in try catalog.versions() {
            for run in try catalog.version(summary.reference).registrations {
                if let known = latest[run.location], known.at > run.registeredAt { continue }
                latest[run.location] = (run.registeredAt, summary.reference)
            }
        }
        holder = latest.mapValues(\.reference)
    }

    func rescore(_ version: DatasetVersion) -> Outcome {
        var outcome = Outcome()
        guard let run = version.latest else {
            outcome.notes.append("no recorded run: nothing to re-score")
            return outcome
        }
        if let other = holder[run.location], other != version.reference {
            outcome.notes.append("\(run.location) now holds \(other): its rows were not re-scored")
            return outcome
        }
        let runner = ScoreRunner(
            specPath: version.source.specPath, target: run.command == .seed ? run.location : nil,
            data: run.command == .generate ? run.location : nil, profile: profile, baseline: nil,
            privacyAgainst: nil, policy: policy, seed: nil)
        let scorecard: Scorecard
        do {
            scorecard = try runner.run()
        } catch {
            let message = error.message.trimmingCharacters(in: .whitespacesAndNewlines)
            outcome.notes.append("cannot re-score the rows at \(run.location): \(message)")
            return outcome
        }
        let rules = scorecard.conformance.rules.filter { $0.violations > 0 }
        if !rules.isEmpty {
            let listed = rules.map { "\($0.id) (\($0.violations))" }.joined(separator: ", ")
            outcome.reasons.append("rows break the current rules: \(listed)")
        }
        for scenario in scorecard.conformance.scenarios where !scenario.isMet {
            outcome.reasons.append(
                "scenario \(scenario.id) wants \(scenario.quota) rows of \(scenario.table), \(scenario.satisfying) satisfy it now"
            )
        }
        // Privacy needs the production source, which revalidation does not read; conformance is
        // reported per rule above.
        for result in scorecard.failedGates {
            let name = result.gate.metric.name
            guard let value = result.value, name.hasPrefix("fidelity.") || name.hasPrefix("validity.") else {
                continue
            }
            let against = profile.map { " against \($0)" } ?? ""
            outcome.reasons.append(
                "\(name) is \(String(format: "%.4f", value))\(against): fails \(result.gate) (\(result.gate.location))")
        }
        outcome.measured = Measured(
            location: run.location, rows: scorecard.tables.reduce(0) { $0 + $1.rows },
            violations: scorecard.conformance.violations, fidelity: scorecard.fidelity?.score)
        return outcome
    }
}
