import PropertyBased
import Testing

@testable import SeedbedScore

@Suite("Metric invariants")
struct PropertyTests {
    @Test("identical real and synthetic tables score 1.0 on every fidelity score")
    func identicalScoresOne() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            let table = try RandomTables.table(seed: seed)
            var options = QualityReport.Options()
            options.realCorrelationThreshold = 0
            options.realAssociationThreshold = 0
            let report = try QualityReport(real: table, synthetic: table, options: options)
            for column in report.columns {
                #expect(column.score == nil || column.score == 1, "seed \(seed): \(column)")
            }
            for pair in report.pairs {
                #expect(pair.score == nil || pair.score == 1, "seed \(seed): \(pair)")
            }
            #expect(report.overall == nil || report.overall == 1, "seed \(seed)")
        }
    }

    @Test("every score stays in [0, 1] on unrelated tables")
    func scoresInUnitInterval() async {
        await propertyCheck(count: 200, input: Gen.uint64(), Gen.int(in: 1...40)) { seed, rows in
            let real = try RandomTables.table(seed: seed)
            let synthetic = try RandomTables.sibling(of: real, seed: seed &+ 1, rows: rows)
            let report = try QualityReport(real: real, synthetic: synthetic)
            let scores =
                report.columns.compactMap(\.score) + report.pairs.compactMap(\.score)
                + [report.columnShapes, report.columnPairTrends, report.overall].compactMap(\.self)
            #expect(scores.allSatisfy { $0 >= 0 && $0 <= 1 }, "seed \(seed): \(scores)")
            let columns = real.names
            var unit = [
                try ExactMatch.rate(real: real, synthetic: synthetic, columns: columns),
                try DCRBaselineProtection.measure(real: real, synthetic: synthetic, columns: columns, seed: seed)?
                    .score,
            ]
            for (r, s) in zip(real.columns, synthetic.columns) {
                if case .numeric(let a) = r, case .numeric(let b) = s {
                    unit.append(BoundaryAdherence.score(real: a, synthetic: b))
                }
                if case .categorical(let a) = r, case .categorical(let b) = s {
                    unit.append(CategoryAdherence.score(real: a, synthetic: b))
                }
            }
            unit += try DistanceToClosestRecord.distances(from: synthetic, to: real, columns: columns)
            #expect(unit.compactMap(\.self).allSatisfy { $0 >= 0 && $0 <= 1 }, "seed \(seed): \(unit)")
        }
    }

    @Test("k-anonymity of a table whose rows are all different is 1, and its l-diversity is 1")
    func uniqueRowsAreOneAnonymous() async {
        await propertyCheck(count: 100, input: Gen.uint64(), Gen.int(in: 1...50)) { seed, rows in
            let table = try MetricTable([
                "id": .numeric((0..<rows).map(Double.init)),
                "other": .categorical((0..<rows).map { "v\(($0 &* Int(truncatingIfNeeded: seed)) % 3)" }),
            ])
            let result = try KAnonymity.measure(table, quasiIdentifiers: ["id", "other"])
            #expect(result?.k == 1)
            #expect(result?.classCount == rows)
            let l = try LDiversity.measure(table, quasiIdentifiers: ["id"], sensitive: ["other"])
            #expect(l.first?.distinctL == 1 && l.first?.entropyL == 1)
        }
    }

    @Test("the k-d tree finds the same nearest distance as a brute-force scan")
    func nearestNeighborMatchesBruteForce() async {
        await propertyCheck(count: 150, input: Gen.uint64(), Gen.int(in: 1...200)) { seed, rows in
            let reference = try RandomTables.table(seed: seed, rows: rows)
            let queries = try RandomTables.sibling(of: reference, seed: seed &+ 7, rows: 30)
            let fast = try DistanceToClosestRecord.distances(from: queries, to: reference, columns: reference.names)
            let slow = BruteForceDCR.distances(from: queries, to: reference)
            #expect(fast.count == slow.count)
            for (a, b) in zip(fast, slow) {
                #expect(abs(a - b) < 1e-12, "seed \(seed): \(fast) vs \(slow)")
            }
        }
    }
}

/// SDMetrics' DCR transcribed literally from `dcr_utils.py`, as an independent check.
enum BruteForceDCR {
    static func distances(from rows: MetricTable, to reference: MetricTable) -> [Double] {
        let ranges = reference.columns.map { column -> Double in
            guard case .numeric(let values) = column else { return 0 }
            let present = values.compactMap(\.self)
            return (present.max() ?? 0) - (present.min() ?? 0)
        }
        return (0..<rows.rowCount).map { i in
            (0..<reference.rowCount).map { j in
                var sum = 0.0
                for (c, (r, q)) in zip(reference.columns, rows.columns).enumerated() {
                    switch (r, q) {
                    case (.numeric(let ref), .numeric(let data)):
                        let range = ranges[c]
                        switch (ref[j], data[i]) {
                        case (nil, nil): sum += 0
                        case (nil, _), (_, nil): sum += 1
                        case (let a?, let b?):
                            let diff = abs(a - b)
                            sum += range == 0 ? (diff > 0 ? 1 : 0) : Swift.min(diff / range, 1)
                        }
                    case (.categorical(let ref), .categorical(let data)):
                        sum += ref[j] == data[i] ? 0 : 1
                    default:
                        sum += .nan
                    }
                }
                return sum / Double(reference.columns.count)
            }.min() ?? .infinity
        }
    }
}
