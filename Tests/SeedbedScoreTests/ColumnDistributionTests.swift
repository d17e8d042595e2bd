import Testing

@testable import SeedbedScore

@Suite("Per-column distributions for charts")
struct ColumnDistributionTests {
    /// Twenty zeros with the given shares set.
    static func bins(_ set: [Int: Double]) -> [Double] {
        (0..<20).map { set[$0] ?? 0 }
    }

    @Test func numbersFallInTwentyBinsOverTheRealRangeWithUnderAndOver() throws {
        // Real 0…20: bins of width 1, the last closed so the maximum is in it.
        let distribution = ColumnDistribution.numeric(
            real: [0, 10, 20, nil], synthetic: [-1, 0.5, 9.99, 10, 25, nil, nil])
        #expect(distribution.slots == .bins(edges: (0...20).map(Double.init)))
        #expect(distribution.real.shares == Self.bins([0: 1.0 / 3, 10: 1.0 / 3, 19: 1.0 / 3]))
        #expect(distribution.real.under == 0 && distribution.real.over == 0)
        #expect(distribution.real.values == 3 && distribution.real.nulls == 1)
        #expect(distribution.real.nullShare == 0.25)
        #expect(distribution.synthetic.shares == Self.bins([0: 0.2, 9: 0.2, 10: 0.2]))
        #expect(distribution.synthetic.under == 0.2)
        #expect(distribution.synthetic.over == 0.2)
        #expect(distribution.synthetic.values == 5 && distribution.synthetic.nulls == 2)
        #expect(distribution.synthetic.nullShare == 2.0 / 7)
    }

    /// Ages 18…80 in twenty fractional bins would hold three values and four in turn; whole
    /// numbers get bins four units wide centred on the integers instead.
    @Test func wholeNumbersGetWholeNumberBins() throws {
        let ages = (18...80).map { Double($0) }
        let edges = ColumnDistribution.edges(spanning: [18, 80], wholeNumbers: true)
        #expect(edges == (0...16).map { 17.5 + Double($0) * 4 })
        let distribution = ColumnDistribution.numeric(real: ages, synthetic: [18, 80, 82], edges: edges)
        let realShares: [Double] = Array(repeating: 4.0 / 63, count: 15) + [3.0 / 63]
        let syntheticShares: [Double] = [1.0 / 3] + Array(repeating: 0, count: 14) + [1.0 / 3]
        #expect(distribution.real.shares == realShares)
        #expect(distribution.synthetic.shares == syntheticShares)
        #expect(distribution.synthetic.over == 1.0 / 3)
        // Through the report: whole numbers on both sides.
        let report = try QualityReport(
            real: try MetricTable(["age": .numeric(ages)]), synthetic: try MetricTable(["age": .numeric([18, 80])]))
        #expect(report.columns.first?.distribution?.slots == .bins(edges: edges))
        // A profile whose quantiles and generated values are whole numbers too.
        let profile = try #require(ColumnDistribution.profile(quantiles: [18, 49, 80], synthetic: [20]))
        #expect(profile.slots == .bins(edges: edges))
    }

    @Test func aValueOnAnEdgeStartsThatBinWhateverTheRounding() throws {
        // 0.015 steps are not exact in binary: each edge must still open its own bin.
        let edges = Binning.edges(of: [0, 0.3], binCount: 20)
        let distribution = ColumnDistribution.numeric(real: edges.map { $0 }, synthetic: [])
        #expect(distribution.real.shares == Array(repeating: 1.0 / 21, count: 19) + [2.0 / 21])
        #expect(distribution.synthetic.values == 0)
        #expect(distribution.synthetic.shares == Self.bins([:]))
    }

    @Test func theQualityReportCarriesEachColumnsDistribution() throws {
        // 10.5: not whole numbers, so twenty equal bins.
        let real = try MetricTable(["n": .numeric([0, 20, 10.5, nil]), "c": .categorical(["a", "a", "b", nil])])
        let synthetic = try MetricTable([
            "n": .numeric([5, 30, nil, nil, 0]), "c": .categorical(["a", "c", "c", nil, nil]),
        ])
        let report = try QualityReport(real: real, synthetic: synthetic)
        let numbers = try #require(report.columns.first { $0.column == "n" }?.distribution)
        #expect(numbers.slots == .bins(edges: (0...20).map { Double($0) }))
        #expect(numbers.real.shares == Self.bins([0: 1.0 / 3, 10: 1.0 / 3, 19: 1.0 / 3]))
        #expect(numbers.synthetic.shares == Self.bins([0: 1.0 / 3, 5: 1.0 / 3]))
        #expect(numbers.synthetic.over == 1.0 / 3)
        #expect(numbers.synthetic.nulls == 2)
        // a: 2 real rows; b: 1; c: none real, 2 generated.
        let categories = try #require(report.columns.first { $0.column == "c" }?.distribution)
        #expect(categories.slots == .categories(["a", "b", "c"]))
        #expect(categories.real.shares == [2.0 / 3, 1.0 / 3, 0])
        #expect(categories.real.values == 3 && categories.real.nulls == 1)
        #expect(categories.synthetic.shares == [1.0 / 3, 0, 2.0 / 3])
        #expect(categories.synthetic.other == 0)
        #expect(categories.synthetic.values == 3 && categories.synthetic.nulls == 2)
    }

    @Test func twelveCategoriesAreShownAndTheRestIsOther() throws {
        // k00 appears 14 times, k01 13 times, …, k13 once: 105 rows.
        let names = (0..<14).map { "k" + ($0 < 10 ? "0" : "") + String($0) }
        let real: [String?] = names.enumerated().flatMap { Array(repeating: $0.element, count: 14 - $0.offset) }
        var codebook = ValueCodebook()
        let realCodes = codebook.encode(.categorical(real))
        let syntheticCodes = codebook.encode(.categorical(["k13", "zz"]))
        let distribution = ColumnDistribution.categorical(
            real: realCodes, synthetic: syntheticCodes, codeCount: Int(codebook.count), null: codebook.null,
            realValues: real, syntheticValues: ["k13", "zz"])
        #expect(distribution.slots == .categories(Array(names.prefix(12))))
        #expect(distribution.real.shares == (0..<12).map { Double(14 - $0) / 105 })
        #expect(distribution.real.other == 3.0 / 105)
        #expect(distribution.synthetic.shares == Array(repeating: 0, count: 12))
        #expect(distribution.synthetic.other == 1)
    }

    @Test func tiedCategoriesGoByGeneratedRowsThenFirstAppearance() throws {
        var codebook = ValueCodebook()
        let real: [String?] = ["b", "a", "d", "c"]
        let synthetic: [String?] = ["a", "c"]
        let realCodes = codebook.encode(.categorical(real))
        let syntheticCodes = codebook.encode(.categorical(synthetic))
        let distribution = ColumnDistribution.categorical(
            real: realCodes, synthetic: syntheticCodes, codeCount: Int(codebook.count), null: codebook.null,
            realValues: real, syntheticValues: synthetic)
        #expect(distribution.slots == .categories(["a", "c", "b", "d"]))
        #expect(distribution.real.nulls == 0 && distribution.real.nullShare == 0)
    }

    @Test func aProfilesQuantilesGiveTheRealShares() throws {
        // Uniform on [0, 10]: 0.05 in each half-unit bin. Generated 1.5 and 11 (over), one null.
        let uniform = try #require(ColumnDistribution.profile(quantiles: [0, 5, 10], synthetic: [1.5, 11, nil]))
        #expect(uniform.slots == .bins(edges: (0...20).map { Double($0) / 2 }))
        for share in uniform.real.shares { #expect(abs(share - 0.05) < 1e-12) }
        #expect(uniform.real.values == nil && uniform.real.nullShare == nil)
        #expect(uniform.synthetic.shares == Self.bins([3: 0.5]))
        #expect(uniform.synthetic.over == 0.5)
        #expect(uniform.synthetic.nullShare == 1.0 / 3)
        // Tied quantiles are a point mass: all of it in the bin that starts at 5.
        let point = try #require(ColumnDistribution.profile(quantiles: [5, 5, 5], synthetic: [5]))
        #expect(point.slots == .bins(edges: (0...20).map { 4.5 + Double($0) * 0.05 }))
        #expect(point.real.shares == Self.bins([10: 1]))
        #expect(point.synthetic.shares == Self.bins([10: 1]))
        #expect(ColumnDistribution.profile(quantiles: [1], synthetic: [1]) == nil)
    }

    @Test func aProfilesCategoryCountsGiveTheRealShares() {
        let distribution = ColumnDistribution.profile(
            counts: [("a", 6), ("b", 2)], otherRows: 2, synthetic: ["a", "a", "b", "c", nil])
        #expect(distribution.slots == .categories(["a", "b"]))
        #expect(distribution.real.shares == [0.6, 0.2])
        #expect(distribution.real.other == 0.2)
        #expect(distribution.real.values == 10 && distribution.real.nulls == nil)
        #expect(distribution.synthetic.shares == [0.5, 0.25])
        #expect(distribution.synthetic.other == 0.25)
        #expect(distribution.synthetic.nullShare == 0.2)
    }

    @Test func theScorecardJSONHoldsBothSides() throws {
        var scorecard = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        var column = ScorecardTable.Column(name: "c")
        column.isNullable = true
        let generated = ScorecardTable(
            name: "t", columns: [column], data: try MetricTable(["c": .categorical(["a", "c", "c", nil, nil])]))
        try scorecard.measureFidelity(
            [generated], real: ["t": try MetricTable(["c": .categorical(["a", "a", "b", nil])])], baseline: "r")
        let json = scorecard.json()
        #expect(
            json.contains(
                """
                        "score": 0.3333336666665556,
                        "distribution": {
                          "kind": "categories",
                          "categories": ["a", "b", "c"],
                          "real": {
                            "values": 3,
                            "nulls": 1,
                            "null_share": 0.25,
                            "shares": [0.666667, 0.333333, 0],
                            "other": 0
                          },
                          "synthetic": {
                            "values": 3,
                            "nulls": 2,
                            "null_share": 0.4,
                            "shares": [0.333333, 0, 0.666667],
                            "other": 0
                          }
                        }
                """), "\(json)")
    }

    /// 2024-03-01 is day 19 783 since 1970-01-01 (54 years with 13 leap days, then 31 + 29).
    static let march1 = 19_783.0

    @Test func dateColumnsSayTheirUnitAndGetWholeDayBins() throws {
        var scorecard = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        var opened = ScorecardTable.Column(name: "opened")
        opened.unit = .date
        // 2024-03-01 … 2024-04-09: 40 days, so 20 bins of two days from half a day before the first.
        let generated = ScorecardTable(
            name: "t", columns: [opened, ScorecardTable.Column(name: "n")],
            data: try MetricTable(["opened": .numeric([Self.march1 + 7]), "n": .numeric([1])]))
        let real = try MetricTable([
            "opened": .numeric([Self.march1, Self.march1 + 39, nil]), "n": .numeric([1, 2, 3]),
        ])
        try scorecard.measureFidelity([generated], real: ["t": real], baseline: "r")
        let columns = try #require(scorecard.fidelity?.tables.first?.columns)
        let distribution = try #require(columns.first { $0.column == "opened" }?.distribution)
        #expect(distribution.unit == .date)
        #expect(distribution.slots == .bins(edges: (0...20).map { Self.march1 - 0.5 + 2 * Double($0) }))
        #expect(columns.first { $0.column == "n" }?.distribution?.unit == nil)
        let json = scorecard.json()
        #expect(
            json.contains(
                """
                        "distribution": {
                          "kind": "bins",
                          "unit": "date",
                          "edges": [19782.5, 19784.5, 19786.5,
                """), "\(json)")
        // Plain numbers have no unit member, as before it was added.
        #expect(json.ranges(of: "\"unit\"").count == 1)
    }

    @Test func aProfileTimestampsUnitIsSecondsAndOnlyKnownScalesGetOne() {
        #expect(ColumnDistribution.Unit.timestamp.scaled(by: 1e-6) == .timestampSeconds)
        #expect(ColumnDistribution.Unit.date.scaled(by: 1) == .date)
        #expect(ColumnDistribution.Unit.date.scaled(by: 1e-6) == nil)
    }

    @Test func theProfilesNullCountsGiveTheBaselinesNullShare() throws {
        var scorecard = Scorecard(dataset: "d", spec: "s.seed", conformance: .init(rules: [], scenarios: []))
        var opened = ScorecardTable.Column(name: "opened")
        opened.unit = .date
        var stamped = ScorecardTable.Column(name: "stamped")
        stamped.unit = .timestamp
        let generated = ScorecardTable(
            name: "t", columns: [opened, stamped, ScorecardTable.Column(name: "kind")],
            data: try MetricTable([
                "opened": .numeric([Self.march1, nil]), "stamped": .numeric([86_400e6 * Self.march1, nil]),
                "kind": .categorical(["a", "b"]),
            ]))
        // 12 rows: `opened` has 3 nulls, `kind` 2; `stamped`'s null count is not given.
        let profile = Scorecard.ProfileBaseline(tables: [
            "t": .init(
                marginals: [
                    "opened": .numeric(quantiles: [Self.march1, Self.march1 + 39], scale: 1),
                    "stamped": .numeric(quantiles: [86_400 * Self.march1, 86_400 * (Self.march1 + 1)], scale: 1e-6),
                    "kind": .categorical(counts: [("a", 6), ("b", 2)], otherRows: 2),
                ], rankCorrelations: [], rows: 12, nulls: ["opened": 3, "kind": 2])
        ])
        scorecard.measureFidelity([generated], profile: profile, baseline: "p.json")
        let columns = try #require(scorecard.fidelity?.tables.first?.columns)
        let date = try #require(columns.first { $0.column == "opened" }?.distribution)
        #expect(date.unit == .date)
        #expect(date.real.values == 9 && date.real.nulls == 3 && date.real.nullShare == 0.25)
        let stamp = try #require(columns.first { $0.column == "stamped" }?.distribution)
        #expect(stamp.unit == .timestampSeconds)
        #expect(stamp.real.values == nil && stamp.real.nullShare == nil)
        let kind = try #require(columns.first { $0.column == "kind" }?.distribution)
        // The categories' values stay their counts (10), which the shares are of.
        #expect(kind.real.values == 10 && kind.real.nulls == 2 && kind.real.nullShare == 2.0 / 12)
        let json = scorecard.json()
        #expect(
            json.contains(
                """
                          "unit": "date",
                          "edges": [19782.5, 19784.5,
                """), "\(json)")
        #expect(json.contains("\"unit\": \"timestamp_seconds\""), "\(json)")
        #expect(
            json.contains(
                """
                          "real": {
                            "values": 9,
                            "nulls": 3,
                            "null_share": 0.25,
                            "under": 0,
                """), "\(json)")
        #expect(
            json.contains(
                """
                          "real": {
                            "values": 10,
                            "nulls": 2,
                            "null_share": 0.166667,
                            "shares": [0.6, 0.2],
                """), "\(json)")
    }
}

@Suite("Boundary adherence from the report's pass")
struct ReportBoundaryAdherenceTests {
    /// The report counts BoundaryAdherence in the distribution's pass; it must equal the metric
    /// computed on its own, whatever the nulls, NaNs, whole numbers and ranges.
    @Test func equalsTheMetricOnItsOwn() throws {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(seed >> 11) / Double(1 << 53)
        }
        for round in 0..<300 {
            func column(_ count: Int, scale: Double) -> [Double?] {
                (0..<count).map { _ in
                    let u = next()
                    if u < 0.1 { return nil }
                    if u < 0.12 { return .nan }
                    let x = (next() - 0.3) * scale
                    return round % 2 == 0 ? x.rounded() : x
                }
            }
            let real = column(Int(next() * 40), scale: 10)
            let synthetic = column(Int(next() * 40), scale: 14)
            let report = try QualityReport(
                real: try MetricTable(["x": .numeric(real)]), synthetic: try MetricTable(["x": .numeric(synthetic)]))
            let expected = BoundaryAdherence.score(real: real, synthetic: synthetic)
            #expect(report.boundaryAdherence["x"] == .some(expected), "round \(round): \(real) vs \(synthetic)")
        }
    }
}
