import PropertyBased
import SeedbedFeedback
import Testing

@Suite("Writing then reading reports")
struct ReportRoundTripTests {
    @Test("a random well-formed report reads back as the run it was written from")
    func writeThenReadIsIdentity() async {
        await propertyCheck(count: 300, input: Gen.uint64()) { seed in
            let (xml, expected) = RandomReport.make(seed: seed)
            do {
                let parsed = try JUnitParser().parse(text: xml, name: "random.xml")
                #expect(parsed.suites == expected.suites, "seed \(seed):\n\(xml)")
                #expect(parsed.testCases == expected.testCases, "seed \(seed):\n\(xml)")
                #expect(parsed == expected, "seed \(seed):\n\(xml)")
            } catch {
                Issue.record("seed \(seed): \(error)\n\(xml)")
            }
        }
    }
}
