import Testing

@testable import SeedbedScore

/// The whole report on one small table. Every expected value below was computed by SDMetrics
/// 0.32.0 (`QualityReport` with its default thresholds 0.5 and 0.3) with SDMetricsReference.py.
@Suite("Quality report")
struct QualityReportTests {
    static func real() throws -> MetricTable {
        try MetricTable([
            "age": .numeric([23, 35, 47, 51, 62, 29, 41, 38, 55, 33]),
            "income": .numeric([28, 42, 61, 70, 80, 33, 52, 47, 75, 39]),
            "score": .numeric([3, 9, 1, 7, 2, 8, 4, 6, 5, 10]),
            "segment": .categorical(["a", "a", "b", "b", "c", "a", "b", "b", "c", "a"]),
            "flag": .categorical(["true", "false", "true", "true", "false", "false", "true", "false", "true", nil]),
        ])
    }

    static func synthetic() throws -> MetricTable {
        try MetricTable([
            "age": .numeric([23, 30, 44, 50, 62, 27, 39, 36, 58, 45]),
            "income": .numeric([30, 40, 60, 66, 80, 28, 50, 52, 72, 55]),
            "score": .numeric([10, 4, 8, 1, 6, 3, 9, 2, 7, 5]),
            "segment": .categorical(["a", "b", "b", "b", "c", "a", "a", "c", "c", "a"]),
            "flag": .categorical(["true", "true", "true", "false", "false", "false", "true", "true", nil, "false"]),
        ])
    }

    @Test("column shapes, pair trends and overall agree with SDMetrics 0.32.0")
    func properties() throws {
        let report = try QualityReport(real: Self.real(), synthetic: Self.synthetic())
        let shapes = try #require(report.columnShapes)
        let trends = try #require(report.columnPairTrends)
        let overall = try #require(report.overall)
        #expect(abs(shapes - 0.92) < 1e-12)
        #expect(abs(trends - 0.549_079_183_654_279_5) < 1e-12)
        #expect(abs(overall - 0.734_539_591_827_139_8) < 1e-12)
    }

    @Test("per-column scores agree with SDMetrics 0.32.0")
    func columns() throws {
        let report = try QualityReport(real: Self.real(), synthetic: Self.synthetic())
        #expect(report.columns.map(\.column) == ["age", "income", "score", "segment", "flag"])
        #expect(
            report.columns.map(\.metric) == [.ksComplement, .ksComplement, .ksComplement, .tvComplement, .tvComplement])
        let expected = [0.9, 0.8, 1.0, 0.9, 1.0]
        for (score, value) in zip(report.columns, expected) {
            #expect(score.score.map { abs($0 - value) < 1e-12 } == true, "\(score.column)")
        }
    }

    @Test("per-pair scores, correlations, associations and thresholds agree with SDMetrics 0.32.0")
    func pairs() throws {
        let report = try QualityReport(real: Self.real(), synthetic: Self.synthetic())
        // (first, second, score, real correlation or association, meets threshold)
        let expected: [(String, String, Double?, Double, Bool)] = [
            ("age", "income", 0.992_633_469_234_236_45, 0.993_855_866_537_350_92, true),
            ("age", "score", nil, -0.407_758_067_359_241_36, false),
            ("age", "segment", 0.5, 0.935_414_346_693_485_33, true),
            ("age", "flag", 0.4, 1, true),
            ("income", "score", nil, -0.419_002_682_219_978_38, false),
            ("income", "segment", 0.4, 1, true),
            ("income", "flag", 0.5, 0.758_287_544_405_155_11, true),
            ("score", "segment", 0.6, 1, true),
            ("score", "flag", 0.2, 1, true),
            ("segment", "flag", 0.8, 0.379_143_772_202_577_56, true),
        ]
        #expect(report.pairs.count == expected.count)
        for (pair, (first, second, score, trend, meets)) in zip(report.pairs, expected) {
            #expect(pair.first == first && pair.second == second)
            #expect(pair.meetsThreshold == meets, "\(first)/\(second)")
            if let score {
                #expect(
                    pair.score.map { abs($0 - score) < 1e-12 } == true,
                    "\(first)/\(second): \(String(describing: pair.score))")
            } else {
                #expect(pair.score == nil, "\(first)/\(second)")
            }
            let measured = pair.metric == .correlationSimilarity ? pair.realCorrelation : pair.realAssociation
            #expect(measured.map { abs($0 - trend) < 1e-12 } == true, "\(first)/\(second)")
        }
    }

    @Test("a mixed pair bins each table with its own edges, as SDMetrics 0.32.0's report does")
    func ownEdges() throws {
        // The synthetic ages are the real ones plus 100: with the real edges every synthetic age
        // would fall above the top bin and the pair would score 0.1; with their own edges the
        // bins line up and only the fifth row's segment differs. (SDMetricsReference.py)
        let real = try MetricTable([
            "age": .numeric([0, 10, 20, 30, 40, 50, 60, 70, 80, 90]),
            "segment": .categorical(["a", "a", "a", "a", "a", "b", "b", "b", "b", "b"]),
        ])
        let synthetic = try MetricTable([
            "age": .numeric([100, 110, 120, 130, 140, 150, 160, 170, 180, 190]),
            "segment": .categorical(["a", "a", "a", "a", "b", "b", "b", "b", "b", "b"]),
        ])
        let report = try QualityReport(real: real, synthetic: synthetic)
        let pair = try #require(report.pairs.first)
        #expect(pair.metric == .contingencySimilarity)
        #expect(pair.score.map { abs($0 - 0.9) < 1e-12 } == true)
        #expect(pair.realAssociation.map { abs($0 - 1) < 1e-12 } == true)
        #expect(report.overall.map { abs($0 - 0.675) < 1e-12 } == true)
    }

    @Test("category adherence from the report's codes is SDMetrics CategoryAdherence")
    func categoryAdherenceFromCodes() throws {
        let real = try MetricTable(["c": .categorical(["a", "b", nil])])
        let synthetic = try MetricTable(["c": .categorical(["a", "c", nil, "b"])])
        let report = try QualityReport(real: real, synthetic: synthetic)
        // SDMetrics 0.32.0: 0.75 (SDMetricsReference.py); the null adheres, "c" does not.
        #expect(report.categoryAdherence["c"] == 0.75)
        let many = (0..<40).map { "v\($0)" }
        let wide = try QualityReport(
            real: try MetricTable(["c": .categorical(many + [nil])]),
            synthetic: try MetricTable(["c": .categorical(many.map { $0 + "x" } + many + [nil, "v3"])]))
        #expect(wide.categoryAdherence["c"] == 42.0 / 82.0)
    }

    @Test("without thresholds every pair counts, as before SDMetrics 0.27")
    func noThresholds() throws {
        var options = QualityReport.Options()
        options.realCorrelationThreshold = 0
        options.realAssociationThreshold = 0
        let report = try QualityReport(real: Self.real(), synthetic: Self.synthetic(), options: options)
        #expect(report.pairs.allSatisfy { $0.meetsThreshold })
        #expect(report.pairs.allSatisfy { $0.score != nil })
    }

    @Test("a synthetic table without a real column is a caller error")
    func missingColumn() throws {
        let synthetic = try MetricTable(["age": .numeric([1])])
        #expect(throws: MetricError.missingColumn("income", in: "synthetic")) {
            try QualityReport(real: Self.real(), synthetic: synthetic)
        }
        let wrongKind = try MetricTable(["age": .categorical(["1"])])
        let real = try MetricTable(["age": .numeric([1])])
        #expect(throws: MetricError.kindMismatch("age", expected: "numeric", found: "categorical")) {
            try QualityReport(real: real, synthetic: wrongKind)
        }
    }

    @Test("tables whose columns differ in length are refused")
    func unequalLengths() {
        #expect(throws: MetricError.self) {
            try MetricTable(["a": .numeric([1, 2]), "b": .categorical(["x"])])
        }
    }
}
