import Foundation

/// The parts of a stored scorecard (`seedbed-scorecard/1`, docs/scorecard.md) the report shows.
///
/// The catalog keeps scorecards as opaque JSON, so the report reads them as data rather than
/// through SeedbedScore's model: every member is optional, and a member added within format 1
/// is ignored, so a scorecard written by a newer Seedbed still renders.
struct ScorecardDocument: Decodable, Sendable {
    struct Spec: Decodable, Sendable {
        var file: String?
        var name: String?
        var version: String?
    }

    struct TableRows: Decodable, Sendable {
        var name: String
        var rows: Int?
    }

    struct Fidelity: Decodable, Sendable {
        struct Column: Decodable, Sendable {
            var table: String
            var column: String
            var metric: String?
            var score: Double?
            /// Absent from scorecards written before distributions were kept.
            var distribution: Distribution?
        }

        /// Both sides' shares over the same bins (`kind` `bins`, with `edges`) or categories.
        struct Distribution: Decodable, Sendable {
            struct Side: Decodable, Sendable {
                var values: Int?
                var nulls: Int?
                var nullShare: Double?
                var under: Double?
                var shares: [Double]?
                var over: Double?
                var other: Double?
            }

            var kind: String?
            /// `date`, `timestamp` or `timestamp_seconds` for points in time; absent for plain
            /// numbers and from scorecards written before it was added.
            var unit: String?
            var edges: [Double]?
            var categories: [String]?
            var real: Side?
            var synthetic: Side?
        }

        struct Pair: Decodable, Sendable {
            var table: String
            var first: String
            var second: String
            var metric: String?
            var score: Double?
            var real: Double?
            var synthetic: Double?
            var counts: Bool?
        }

        struct Table: Decodable, Sendable {
            var name: String
            var score: Double?
            var columnShapes: Double?
            var columnPairTrends: Double?
        }

        var method: String?
        var baseline: String?
        var score: Double?
        var columnShapes: Double?
        var columnPairTrends: Double?
        var columns: [Column]?
        var pairs: [Pair]?
        var tables: [Table]?
    }

    struct Diagnostic: Decodable, Sendable {
        var table: String
        var column: String
        var references: String?
        var score: Double?
    }

    struct Diagnostics: Decodable, Sendable {
        var keyUniqueness: [Diagnostic]?
        var referentialIntegrity: [Diagnostic]?
        var boundaryAdherence: [Diagnostic]?
        var categoryAdherence: [Diagnostic]?
    }

    struct Rule: Decodable, Sendable {
        var id: String
        var kind: String?
        var title: String?
        var table: String?
        var checked: Int?
        var fired: Int?
        var violations: Int?
        var examples: [String]?
        var coverageGap: Bool?
    }

    struct Scenario: Decodable, Sendable {
        var id: String
        var title: String?
        var table: String?
        var quota: Int?
        var satisfying: Int?
        var lineage: Int?
        var met: Bool?
    }

    struct Conformance: Decodable, Sendable {
        var rate: Double?
        var violations: Int?
        var unmetScenarios: Int?
        var rules: [Rule]?
        var scenarios: [Scenario]?
    }

    struct Privacy: Decodable, Sendable {
        struct KAnonymity: Decodable, Sendable {
            var table: String
            var quasiIdentifiers: [String]?
            var k: Int?
            var classes: Int?
        }

        struct LDiversity: Decodable, Sendable {
            var table: String
            var column: String
            var distinctL: Int?
            var entropyL: Double?
        }

        struct TableValue: Decodable, Sendable {
            var table: String
            var value: Double?
        }

        struct Membership: Decodable, Sendable {
            var table: String
            var auc: Double?
            var lower: Double?
            var upper: Double?
            var members: Int?
            var nonMembers: Int?
        }

        /// SDMetrics' DisclosureProtection of one table: known (quasi-identifier) columns, the
        /// sensitive ones guessed from them, and the real rows a guess matched.
        struct Disclosure: Decodable, Sendable {
            var table: String
            var known: [String]?
            var sensitive: [String]?
            var score: Double?
            var matchedRows: Int?
            var realRows: Int?
        }

        struct Tables: Decodable, Sendable {
            var kAnonymity: [KAnonymity]?
            var lDiversity: [LDiversity]?
            var exactMatchRate: [TableValue]?
            var dcrBaselineProtection: [TableValue]?
            var dcrOverfittingProtection: [TableValue]?
            var mia: [Membership]?
            var disclosureProtection: [Disclosure]?
        }

        var against: String?
        var seed: String?
        var kAnonymity: Double?
        var lDiversity: Double?
        var exactMatchRate: Double?
        var dcrBaselineProtection: Double?
        var dcrOverfittingProtection: Double?
        var miaAuc: Double?
        var miaAucInterval: [Double]?
        var disclosureProtection: Double?
        var epsilon: Double?
        var epsilonSpent: Double?
        var tables: Tables?
    }

    struct Gate: Decodable, Sendable {
        var name: String
        var comparison: String?
        var threshold: Double?
        var value: Double?
        var passed: Bool?
        var reason: String?
        var location: String?
    }

    var format: String?
    var dataset: String?
    var spec: Spec?
    var version: String?
    var passed: Bool?
    var tables: [TableRows]?
    var fidelity: Fidelity?
    var diagnostics: Diagnostics?
    var conformance: Conformance?
    var privacy: Privacy?
    var gates: [Gate]?
    var notes: [String]?

    /// Reads a stored scorecard; nil when the text is not a JSON object of this shape (a hand-edited
    /// catalog), so the report says so instead of failing as a whole.
    static func parse(_ text: String) -> ScorecardDocument? {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try? decoder.decode(ScorecardDocument.self, from: Data(text.utf8))
    }

    var failedGates: [Gate] { (gates ?? []).filter { $0.passed != true } }
}
