import SeedbedSpec
import Testing

@testable import SeedbedEngine

/// The shortcuts the row loop takes for speed must give exactly what the long way gives.
@Suite("Row loop shortcuts")
struct RowLoopShortcutTests {
    static func maker(_ spec: String) throws -> TableMaker {
        let model = try GenerationModel(checked: Checker().check(source: spec, file: "s.seed"))
        return try TableMaker(index: 0, model: model)
    }

    /// Which constraints hold by construction, so finished rows skip them, and which are still
    /// checked: anything read through rounding arithmetic, a derived column, a calendar, or a
    /// column drawn later.
    @Test func onlyExactlyNarrowedConstraintsSkipTheCheck() throws {
        let maker = try Self.maker(
            """
            dataset d
              seed 3
            table t {
              rows 100
              id     int         key
              kind   text        one of { a: 0.5, b: 0.5 }
              x      int         uniform(0, 100)
              y      decimal(2)  uniform(0, 10)
              born   date        uniform(1950-01-01, 2000-12-31)
              twice  int         = x * 2
            }
            rule EXACT when t.kind = "a" require t.x <= 50
            rule BETWEEN require t.y between 1 and 9
            rule NULLS forbid t.kind = "b" and t.born is null
            rule SCALED require t.x * 3 <= 200
            rule DERIVED require t.twice <= 150
            rule MIXED require t.x <= t.y * 10
            rule AGE require years_between(t.born, 2026-01-01) >= 30
            """)
        let checked = Dictionary(uniqueKeysWithValues: zip(maker.constraints.map(\.id), maker.checked))
        #expect(
            checked == [
                "EXACT": false, "BETWEEN": false, "NULLS": false, "SCALED": true, "DERIVED": true, "MIXED": true,
                "AGE": true,
            ])
    }

    /// The benchmark's loan table: all its rules and its scenario are narrowed exactly.
    @Test func theLoanShapeIsExactByConstruction() throws {
        let maker = try Self.maker(
            """
            dataset loan_shape
              as of 2026-01-01
              seed 42
            table loan {
              rows 1_000
              id           int         key
              product      text        one of { "home": 0.55, "car": 0.25, "personal": 0.18, "student": 0.02 }
              amount       decimal(2)  lognormal(median: 28_000, sigma: 0.9)  min 1000
              ltv          decimal(3)  uniform(0.05, 1.1)
              status       text        one of { "approved": 0.7, "declined": 0.2, "review": 0.1 }
              disbursed    date        uniform(2020-01-01, 2025-12-31)  nullable 10%
              correlate amount, ltv 0.4
            }
            rule ELIG-002 when loan.product = "home" require loan.ltv <= 0.95
            rule IMP-004 forbid loan.status = "declined" and loan.disbursed is not null
            scenario EDGE-LTV
              share 0.5% of loan
              where loan.product = "home" and loan.ltv between 0.94 and 0.95
            """)
        #expect(maker.checked == [false, false, false])
        // Every sampled column's draw is memoised (its narrowers read only categorical columns).
        #expect(maker.preparedMemos.map { $0 != nil } == [false, true, true, true, true, true])
    }

    /// A truncated draw from pieces kept across rows is the conditional quantile itself.
    @Test(arguments: [
        NumericDistribution.Family.uniform(lower: 0.05, upper: 1.1),
        .uniformInteger(lower: 1, upper: 10_000),
        .normal(mean: 50, standardDeviation: 10),
        .lognormal(median: 28_000, sigma: 0.9),
    ])
    func keptPiecesDrawTheSameValues(_ family: NumericDistribution.Family) throws {
        let distribution = try NumericDistribution(family)
        let sets: [IntervalSet] = [
            IntervalSet(.lessOrEqual, 0.95),
            IntervalSet(.greaterOrEqual, 999.995),
            IntervalSet(.greaterOrEqual, 0.94).intersection(.lessOrEqual, 0.95),
            IntervalSet(.less, 3).union(IntervalSet(.greater, 40)),
            // Far in the normal's tail, where masses are weighed in log space.
            IntervalSet(.greaterOrEqual, 130).intersection(.lessOrEqual, 140),
        ]
        for set in sets {
            let kept = try #require(distribution.truncated(to: set))
            for step in 1..<200 {
                let u = Double(step) / 200
                #expect(distribution.quantile(u, truncated: kept) == distribution.quantile(u, within: set))
            }
        }
        #expect(distribution.truncated(to: .all) == nil)
    }

    @Test func digitsAreWrittenTwoAtATime() {
        func text(_ write: (inout ByteBuffer) -> Void) -> String {
            var buffer = ByteBuffer(capacity: 1)
            write(&buffer)
            return String(decoding: buffer.bytes, as: UTF8.self)
        }
        for value: UInt64 in [0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, 9999, 10_000, 123_456_789, .max] {
            #expect(text { $0.putDigits(value) } == String(value))
        }
        #expect(text { $0.putDigits(5, minimumWidth: 3) } == "005")
        #expect(text { $0.putDigits(12_345, minimumWidth: 2) } == "12345")
        #expect(text { FieldEncoder.putDecimal(-5, scale: 2, to: &$0) } == "-0.05")
        #expect(text { FieldEncoder.putDecimal(2_800_000, scale: 2, to: &$0) } == "28000.00")
        #expect(text { FieldEncoder.putInteger(.min, to: &$0) } == String(Int64.min))
    }
}
