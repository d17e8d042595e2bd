import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// Every file in `Fixtures/malformed` is a small spec with a deliberate mistake. Its leading
/// comment lines say what `seedbed check` must report, one per diagnostic and in order:
///
/// ```
/// # expect: 7:14: error: unknown type 'integer'
/// ```
///
/// The list is compared exactly, so a cascade of follow-on errors fails the test as surely as
/// a missing one does.
@Suite("Malformed spec corpus")
struct MalformedCorpusTests {
    static let folder = Repository.root().appendingPathComponent("Tests/SeedbedSpecTests/Fixtures/malformed")

    static let fixtureNames: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
        .filter { $0.hasSuffix(".seed") }
        .sorted()

    @Test("the corpus holds at least 45 fixtures")
    func corpusIsLargeEnough() {
        #expect(Self.fixtureNames.count >= 45)
    }

    @Test("each fixture reports exactly the diagnostics it expects", arguments: fixtureNames)
    func fixtureReportsItsExpectations(_ name: String) throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent(name), encoding: .utf8)
        let expected = Self.expectations(in: text)
        try #require(!expected.isEmpty, "\(name) has no '# expect:' line")

        let result = Checker().check(source: text, file: name)
        #expect(result.summaries == expected)
        // Rendering walks every range into the source; it must cope with each of them.
        #expect(!result.rendered.isEmpty)
    }

    // MARK: - Helpers

    static let marker = "# expect: "

    /// The `# expect:` lines among the comments that open the file.
    static func expectations(in text: String) -> [String] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") }
            .filter { $0.hasPrefix(marker) }
            .map { String($0.dropFirst(marker.count)) }
    }
}
