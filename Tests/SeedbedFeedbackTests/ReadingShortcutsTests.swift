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

@Suite("Identity hash set")
struct IdentityHashSetTests {
    @Test("inserts answer as a Set's do, through growth, for 0, repeats and keys alike in their low or high bits")
    func matchesSet() {
        var random = SplitMix64(state: 5)
        var keys: [UInt64] = [0, 0, 1, 1, .max, .max]
        for _ in 0..<20_000 { keys.append(UInt64.random(in: 0...UInt64.max, using: &random)) }
        for shift in 0..<64 { keys.append(1 << UInt64(shift)) }
        for low in 0..<3000 { keys.append(UInt64(low) << 40) }  // the same low bits
        for high in 0..<3000 { keys.append(UInt64(high)) }  // the same high bits
        keys += keys.prefix(5000)  // repeats after growth
        var set = IdentityHashSet()
        var reference = Set<UInt64>()
        var mismatches = 0
        for key in keys where set.insert(key) != reference.insert(key).inserted {
            mismatches += 1
        }
        #expect(mismatches == 0)
        #expect(reference.count > 25_000)
        // In batches (a suite's keys at a time), the repeats are the keys a Set already holds
        // or was given earlier in the batch, growing through the batches as one at a time.
        var batched = IdentityHashSet()
        var batchReference = Set<UInt64>()
        var batchMismatches = 0
        var repeats = 0
        var start = 0
        for size in [1, 2, 50, 700, 3, 0, 9000].cycled(until: keys.count) {
            let batch = Array(keys[start..<min(keys.count, start + size)])
            start += batch.count
            let expected = batch.indices.filter { !batchReference.insert(batch[$0]).inserted }
            let found = batched.insert(contentsOf: batch)
            if found != expected { batchMismatches += 1 }
            repeats += found.count
        }
        #expect(start == keys.count)
        #expect(batchMismatches == 0)
        #expect(repeats == keys.count - batchReference.count)
        #expect(repeats > 5000)
    }
}

extension Array where Element == Int {
    /// The sizes again and again until they add up to at least `total`.
    fileprivate func cycled(until total: Int) -> [Int] {
        var sizes: [Int] = []
        var sum = 0
        while sum < total, contains(where: { $0 > 0 }) {
            for size in self {
                sizes.append(size)
                sum += size
            }
        }
        return sizes
    }
}
