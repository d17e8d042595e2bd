import Foundation
import Testing

@testable import SeedbedFeedback

@Suite("Times and timestamps")
struct TimeFormatTests {
    @Test(
        "time attributes in the forms producers write",
        arguments: [
            ("0.5", 0.5), ("0.000000", 0), ("8.198390999999999", 8.198390999999999), ("1,234.5", 1234.5),
            ("12,345,678.25", 12_345_678.25), ("1,234", 1234), ("0,5", 0.5), ("12,34", 12.34), ("0,123", 0.123),
            (" 3 ", 3), ("1e2", 100), ("-4", 0), ("99999999999", 31_536_000),
        ] as [(String, Double)])
    func durations(_ text: String, seconds: Double) {
        #expect(JUnitDuration.parse(text) == seconds)
    }

    @Test("times that are not numbers", arguments: ["", "abc", "1,2,3", "{duration}", "nan", "inf", "1.2.3"])
    func unreadableDurations(_ text: String) {
        #expect(JUnitDuration.parse(text) == nil)
    }

    @Test(
        "timestamps in every form",
        arguments: [
            ("2026-11-20T14:03:07", 1_795_183_387), ("2026-11-20T14:03:07Z", 1_795_183_387),
            ("2026-11-20T16:03:07+02:00", 1_795_183_387), ("2026-11-20T09:03:07-0500", 1_795_183_387),
            ("2026-11-20T16:03:07+02", 1_795_183_387), ("2026-11-20 14:03:07", 1_795_183_387),
            ("2026-11-20T14:03:07.250Z", 1_795_183_387.25), ("2026-11-20", 1_795_132_800),
            ("2026-11-20T14:03:07 UTC", 1_795_183_387), ("Fri, 20 Nov 2026 14:03:07 GMT", 1_795_183_387),
            ("20 Nov 2026 15:03:07 +0100", 1_795_183_387), ("1795183387000", 1_795_183_387),
            ("1795183387", 1_795_183_387), ("2000-02-29T00:00:00Z", 951_782_400),
        ] as [(String, Double)])
    func timestamps(_ text: String, seconds: Double) {
        #expect(JUnitTimestamp.parse(text)?.timeIntervalSince1970 == seconds)
    }

    @Test(
        "timestamps read as absent",
        arguments: ["", "0001-01-01T00:00:00Z", "yesterday", "2026-13-01T00:00:00", "2026-11-20T25:00:00", "0"])
    func absentTimestamps(_ text: String) {
        #expect(JUnitTimestamp.parse(text) == nil)
    }

    @Test("an unreadable time or timestamp warns at its line and reads as unknown")
    func warnings() throws {
        let text = "<testsuite name=\"s\" timestamp=\"soon\">\n<testcase name=\"a\" time=\"{t}\"/>\n</testsuite>"
        let run = try JUnitParser().parse(text: text, name: "w.xml")
        #expect(run.testCases[0].attempts[0].duration == nil)
        #expect(
            run.warnings.map(\.description) == [
                "w.xml:1: warning: timestamp \"soon\" is not a date; read as absent",
                "w.xml:2: warning: time \"{t}\" is not a number of seconds; read as unknown",
            ])
    }
}
