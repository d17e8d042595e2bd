import Foundation
import Testing

@testable import SeedbedReport

/// Bins of dates and timestamps are labelled as calendar dates, the baseline's null share from a
/// profile reaches the caption, and a scorecard written before `unit` existed reads as before.
@Suite("Distribution charts of dates and null shares")
struct DistributionChartTests {
    /// 2024-03-01 is day 19 783 since 1970-01-01 (54 years with 13 leap days, then 31 + 29).
    static let march1 = 19_783.0

    /// A stored distribution with 20 bins over `edges`, the real side all in the first bin.
    static func distribution(unit: String?, edges: [Double], realNulls: String = "null") throws
        -> ScorecardDocument.Fidelity.Distribution
    {
        let shares = "[1" + String(repeating: ", 0", count: edges.count - 2) + "]"
        let none = "[0" + String(repeating: ", 0", count: edges.count - 2) + "]"
        let unitMember = unit.map { "\"unit\": \"\($0)\", " } ?? ""
        let values = realNulls == "null" ? "null" : "9"
        let share = realNulls == "null" ? "null" : "0.25"
        let json = """
            {"kind": "bins", \(unitMember)"edges": [\(edges.map { "\($0)" }.joined(separator: ", "))],
             "real": {"values": \(values), "nulls": \(realNulls), "null_share": \(share), "under": 0,
                      "shares": \(shares), "over": 0},
             "synthetic": {"values": 2, "nulls": 2, "null_share": 0.5, "under": 0.5, "shares": \(none), "over": 0.5}}
            """
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try decoder.decode(ScorecardDocument.Fidelity.Distribution.self, from: Data(json.utf8))
    }

    /// The scorer's whole-day bins: two days wide from half a day before 2024-03-01.
    static let twoDayEdges = (0...20).map { march1 - 0.5 + 2 * Double($0) }

    @Test func wholeDayBinsAreNamedByTheDaysTheyHold() throws {
        let labels = try #require(EdgeLabels.dates(edges: Self.twoDayEdges, unit: "date"))
        #expect(
            labels.bins.prefix(3) == [
                "2024-03-01 to 2024-03-02", "2024-03-03 to 2024-03-04", "2024-03-05 to 2024-03-06",
            ])
        #expect(labels.bins.last == "2024-04-08 to 2024-04-09")
        #expect(labels.below == "before 2024-03-01" && labels.above == "after 2024-04-09")
        #expect(labels.first == "2024-03-01" && labels.last == "2024-04-09")
        // One-day bins (a range under 20 days) name one day each; February 2024 has a 29th.
        let days = try #require(EdgeLabels.dates(edges: (0...20).map { Self.march1 - 2.5 + Double($0) }, unit: "date"))
        #expect(days.bins.prefix(3) == ["2024-02-28", "2024-02-29", "2024-03-01"])
        // Fractional edges (a profile's interpolated quantiles): the whole days in [a, b).
        let fractional = try #require(
            EdgeLabels.dates(edges: (0...20).map { Self.march1 + 1.5 * Double($0) }, unit: "date"))
        #expect(fractional.bins.prefix(2) == ["2024-03-01 to 2024-03-02", "2024-03-03"])
        #expect(fractional.bins.last == "2024-03-30 to 2024-03-31")
    }

    @Test func theChartsMarksAndDescriptionReadAsDates() throws {
        let stored = try Self.distribution(unit: "date", edges: Self.twoDayEdges)
        let slots = try #require(DistributionChart.slots(stored, baseline: "real"))
        #expect(
            slots.map(\.label).prefix(3) == [
                "before 2024-03-01", "2024-03-01 to 2024-03-02", "2024-03-03 to 2024-03-04",
            ])
        #expect(slots.compactMap(\.tick) == ["<", "2024-03-01", "2024-04-09", ">"])
        let chart = try #require(
            DistributionChart.draw(stored, id: "c", column: "opened", table: "t", baseline: "real"))
        #expect(chart.html.contains("<title>2024-03-01 to 2024-03-02: real 100.0%, synthetic 0.0%</title>"))
        #expect(chart.html.contains("; after 2024-04-09: real 0.0%, synthetic 50.0%"))
        #expect(!chart.html.contains("19782"))
    }

    @Test func timestampsAreWrittenToTheMinuteOrTheDay() throws {
        let day = 86_400.0
        // Midnights, in microseconds less half a microsecond (the scorer's whole-number bins).
        let midnights = (0...20).map { (Self.march1 + Double($0)) * day * 1e6 - 0.5 }
        let byDay = try #require(EdgeLabels.dates(edges: midnights, unit: "timestamp"))
        #expect(byDay.bins.prefix(2) == ["[2024-03-01, 2024-03-02)", "[2024-03-02, 2024-03-03)"])
        #expect(byDay.bins.last == "[2024-03-20, 2024-03-21]")
        // From 14:00 every 30 minutes, in a profile's seconds and the scorer's microseconds alike.
        let halfHours = (0...20).map { Self.march1 * day + 14 * 3600 + 1800 * Double($0) }
        let seconds = try #require(EdgeLabels.dates(edges: halfHours, unit: "timestamp_seconds"))
        #expect(
            seconds.bins.prefix(2) == ["[2024-03-01 14:00, 2024-03-01 14:30)", "[2024-03-01 14:30, 2024-03-01 15:00)"])
        #expect(seconds.bins.last == "[2024-03-01 23:30, 2024-03-02 00:00]")
        #expect(seconds.below == "before 2024-03-01 14:00" && seconds.last == "2024-03-02 00:00")
        #expect(EdgeLabels.dates(edges: halfHours.map { $0 * 1e6 }, unit: "timestamp") == seconds)
        // Every 5 seconds: to the second.
        let fiveSeconds = try #require(
            EdgeLabels.dates(edges: (0...20).map { Self.march1 * day + 5 * Double($0) }, unit: "timestamp_seconds"))
        #expect(fiveSeconds.bins.first == "[2024-03-01 00:00:00, 2024-03-01 00:00:05)")
    }

    @Test func aScorecardWithoutAUnitStillShowsNumbers() throws {
        // As written before `unit` was added, and with a unit this report does not know.
        for unit in [nil, "fortnight"] {
            let stored = try Self.distribution(unit: unit, edges: Self.twoDayEdges)
            let slots = try #require(DistributionChart.slots(stored, baseline: "real"))
            #expect(slots.map(\.label).prefix(3) == ["below 19782.5", "[19782.5, 19784.5)", "[19784.5, 19786.5)"])
            #expect(slots.compactMap(\.tick) == ["<", "19782.5", "19822.5", ">"])
            #expect(
                DistributionChart.note(stored, baseline: "real")
                    == "nulls: synthetic 50.0% (the real's share is not kept); synthetic outside the real range: 50.0% below, 50.0% above"
            )
        }
    }

    @Test func theCaptionGivesAProfilesNullShare() throws {
        let stored = try Self.distribution(unit: "date", edges: Self.twoDayEdges, realNulls: "3")
        #expect(
            DistributionChart.note(stored, baseline: "profile")
                == "nulls: profile 25.0%, synthetic 50.0%; synthetic outside the profile range: 50.0% earlier, 50.0% later"
        )
    }
}
