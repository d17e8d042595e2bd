import SeedbedTestSupport
import Testing

@testable import SeedbedFeedback

/// The byte-level shortcuts of the reader give what the plain definitions give.
@Suite("Reading shortcuts")
struct ReadingShortcutsTests {
    @Test("line feeds counted eight bytes at a time match a byte-by-byte count")
    func lineFeeds() {
        var random = SplitMix64(state: 11)
        // Every byte value next to line feeds, at every length and offset around a word.
        let alphabet: [UInt8] = [0x0A, 0x0A, 0x0B, 0x8A, 0x00, 0xFF, 0x7F, 0x80, 0x09, 0x0D, 0x20, 0x41]
        for length in 0..<70 {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &random)] }
                let counted = bytes.withUnsafeBytes { XMLInput.lineFeeds(in: $0) }
                #expect(counted == bytes.count { $0 == 0x0A })
            }
        }
        let allLineFeeds = [UInt8](repeating: 0x0A, count: 1000)
        #expect(allLineFeeds.withUnsafeBytes { XMLInput.lineFeeds(in: $0) } == 1000)
    }

    @Test("captured text trimmed on its bytes matches decoding then trimming")
    func capturedTextTrim() {
        var random = SplitMix64(state: 17)
        // Spaces, tabs and line breaks at the edges next to ASCII, non-ASCII white space, marks
        // that join a space, and invalid UTF-8 between ASCII bytes.
        let pieces: [[UInt8]] = [
            [0x20], [0x09], [0x0A], [0x0D, 0x0A], [0x0B], [0x41], [0x7A], [0x2E],
            Array("é".utf8), Array("\u{A0}".utf8), Array("\u{3000}".utf8), Array("\u{301}".utf8),
            Array("\u{85}".utf8), Array("日".utf8), [0xFF], [0xC3], [0x80],
        ]
        for length in 0..<12 {
            for _ in 0..<400 {
                var bytes: [UInt8] = []
                for _ in 0..<length { bytes += pieces[Int.random(in: 0..<pieces.count, using: &random)] }
                let expected = String(decoding: bytes, as: UTF8.self).trimmingSpaces()
                let trimmed = ReportBuilder.TextCapture.trimmedString(bytes)
                #expect(Array(trimmed.utf8) == Array(expected.utf8), "\(bytes)")
            }
        }
        #expect(ReportBuilder.TextCapture.trimmedString(Array("\n\t at a.B(B.java:1)\n  ".utf8)) == "at a.B(B.java:1)")
        #expect(ReportBuilder.TextCapture.trimmedString(Array(" \u{301}x ".utf8)) == "\u{301}x")
        #expect(ReportBuilder.TextCapture.trimmedString([0x20, 0x0A]).isEmpty)
    }

    /// `trimmingSpaces` as it was written before its byte-level fast path.
    static func referenceTrim(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(text.unicodeScalars[first..<scalars.index(after: last)])
    }

    @Test(
        "trimming decided on the edge bytes trims as the scalar definition does",
        arguments: [
            "", " ", " \t\r\n ", "a", " a ", "\tat com.example.A.b(A.java:1)", "\u{A0}a\u{A0}", " \u{85}a",
            "a\u{2028}", " \u{301}a", "a \u{301}", "é ", "\u{1C}a\u{1F}", "x\r\n", "\u{3000}中文\u{3000}", " 😀 ",
        ])
    func trimming(_ text: String) {
        #expect(text.trimmingSpaces() == Self.referenceTrim(text))
        #expect(Array(text.trimmingSpaces().unicodeScalars) == Array(Self.referenceTrim(text).unicodeScalars))
        #expect(Substring(text).trimmingSpaces() == Self.referenceTrim(text))
    }

    @Test("same bytes means the same UTF-8, not canonical equivalence")
    func sameBytes() {
        #expect("com.acme.LoanTest".hasSameBytes(as: "com.acme." + "LoanTest"))
        #expect("".hasSameBytes(as: ""))
        #expect(!"a".hasSameBytes(as: "b"))
        #expect(!"ab".hasSameBytes(as: "a"))
        // Equal as strings, different as bytes: the identity hash would differ.
        #expect("\u{E9}" == "e\u{301}")
        #expect(!"\u{E9}".hasSameBytes(as: "e\u{301}"))
    }

    @Test(
        "rule tokens next to non-ASCII text",
        arguments: [
            ("é [ELIG-002] ü", ["ELIG-002"]), ("[ELIG-002\u{301}] mark", []), ("ünï @rule X_1é", ["X_1"]),
            ("[rule: ünï] [CO-3]", ["CO-3"]), ("😀[rule:db:chk]😀", ["db:chk"]), ("[ no close", []),
            ("@rule", []), ("@rule  A-1 and @rule B", ["A-1", "B"]),
        ])
    func ruleTokens(_ name: String, rules: [String]) {
        #expect(TraceLinks.ruleTokens(in: name) == rules)
    }
}

@Suite("Suite identities")
struct SuiteIdentitiesTests {
    @Test(
        "a hash repeats only under the same path, counted over every earlier element with it, as a dictionary of path and hash counts"
    )
    func matchesCounting() {
        var random = SplitMix64(state: 5)
        var identities = SuiteIdentities()
        var reference: [[UInt64]: Int] = [:]
        var mismatches = 0
        var repeats = 0
        for _ in 0..<3000 {
            // Few paths and few hashes, so paths come again and their tests repeat, some more
            // than twice; a path's first element and later ones hold overlapping hashes.
            let path = UInt64.random(in: 0..<40, using: &random)
            let size = Int.random(in: 0..<30, using: &random)
            let hashes = Array(Set((0..<size).map { _ in UInt64.random(in: 0..<60, using: &random) }))
            let expected = hashes.enumerated().compactMap { position, hash -> (Int, Int)? in
                defer { reference[[path, hash], default: 0] += 1 }
                return reference[[path, hash]].map { (position, $0) }
            }
            let found = identities.note(path: path, hashes: hashes)
            if found.map(\.position) != expected.map(\.0) || found.map(\.earlier) != expected.map(\.1) {
                mismatches += 1
            }
            repeats += found.count
        }
        #expect(mismatches == 0)
        #expect(repeats > 10_000)
        #expect(reference.values.contains { $0 > 3 })
    }

    @Test("the same hash under another path is no repeat")
    func pathsApart() {
        var identities = SuiteIdentities()
        #expect(identities.note(path: 1, hashes: [7, 8]).isEmpty)
        #expect(identities.note(path: 2, hashes: [7, 8]).isEmpty)
        #expect(identities.note(path: 1, hashes: [8, 9]).map(\.position) == [0])
        #expect(identities.note(path: 1, hashes: [9, 8]).map(\.earlier) == [1, 2])
    }
}
