import Testing

@testable import SeedbedFeedback

@Suite("Failure fingerprints")
struct FingerprintTests {
    @Test(
        "messages are normalised",
        arguments: [
            ("expected 100 but was 99", "expected <N> but was <N>"),
            ("loan 81723 has LTV 0.97", "loan <N> has LTV <N>"),
            ("order 3f2b8c1e-9a4d-4e6f-8b2a-1c3d5e7f9a0b not found", "order <UUID> not found"),
            ("at 2026-11-20T14:03:07.120+01:00 the job stopped", "at <TS> the job stopped"),
            ("started 2026-11-20 14:03:07,512 ERROR", "started <TS> <TS> ERROR"),
            ("segfault at 0x7ffd5e8c4a10", "segfault at <HEX>"),
            ("commit 9fceb02d0ae598e95dc970b74767f19372d61af8 missing", "commit <HEX> missing"),
            (
                "com.acme.Loan@1b6d3586 differs from com.acme.Loan@4554617c",
                "com.acme.Loan@<HEX> differs from com.acme.Loan@<HEX>"
            ),
            ("Lambda$ab24b failed", "Lambda$<HEX> failed"),
            ("cannot open /tmp/pytest-of-ci/pytest-12/test_a0/data.csv", "cannot open <PATH>"),
            ("cannot open C:\\agent\\_work\\1\\s\\data.csv", "cannot open <PATH>"),
            ("see ./build/out/report.html", "see <PATH>"),
            ("rule ELIG-002 failed for row 17", "rule ELIG-002 failed for row <N>"),
            ("test2 and utf8 keep their digits", "test2 and utf8 keep their digits"),
            ("HTTP 503 after 3 retries", "HTTP 503 after <N> retries"),
            ("status: 404 for id=12", "status: 404 for id=<N>"),
            ("took 250ms", "took <N>ms"),
            ("  several   spaces\n\n and lines  ", "several spaces and lines"),
            ("GET http://localhost:8080/api/loans/42", "GET http://localhost:<N>/api/loans/<N>"),
        ])
    func normalisation(_ message: String, expected: String) {
        #expect(MessageNormalizer.normalize(message) == expected)
    }

    @Test("only the first five non-empty lines count")
    func firstLines() {
        let message = (1...8).map { "line \($0)" }.joined(separator: "\n\n")
        #expect(MessageNormalizer.normalize(message) == "line <N> line <N> line <N> line <N> line <N>")
        #expect(
            MessageNormalizer.normalize(message + "\nmore") == MessageNormalizer.normalize(message))
    }

    @Test(
        "stack frames from each runtime, reduced",
        arguments: [
            ("\tat com.acme.LoanTest.caps(LoanTest.java:42)", "com.acme.LoanTest.caps LoanTest.java"),
            ("    at Object.<anonymous> (/home/ci/app/src/loan.test.js:27:22)", "Object.<anonymous> loan.test.js"),
            ("    at /work/app/tests/loan.spec.ts:21:40", "loan.spec.ts"),
            ("  File \"/home/ci/app/tests/test_loans.py\", line 10, in test_ltv_cap", "test_ltv_cap test_loans.py"),
            ("tests/test_loans.py:10: AssertionError", "test_loans.py"),
            ("    ltv_test.go:31: ltv 0.97 exceeds cap", "ltv_test.go"),
            (
                "#3 0x000055d1c8a3b2f1 in LoanTests.testCaps() at /src/Tests/LoanTests.swift:12:5",
                "LoanTests.testCaps() LoanTests.swift"
            ),
            (
                "   at Acme.PayoutTests.Rounds(Decimal amount) in C:\\s\\tests\\PayoutTests.cs:line 41",
                "Acme.PayoutTests.Rounds PayoutTests.cs"
            ),
        ])
    func frames(_ line: String, expected: String) {
        #expect(StackFrames.extract(from: line) == [expected])
    }

    @Test("runner and framework frames are skipped; lines that are not frames are ignored")
    func frameworkFramesSkipped() {
        let trace = """
            java.lang.AssertionError: expected 100 but was 99
            \tat org.junit.Assert.fail(Assert.java:89)
            \tat java.base/jdk.internal.reflect.NativeMethodAccessorImpl.invoke0(Native Method)
            \tat com.acme.claims.Payout.check(Payout.java:17)
            \tat com.acme.claims.PayoutTest.paysOut(PayoutTest.java:21)
            \tat org.junit.runners.ParentRunner.run(ParentRunner.java:413)
                at Promise.then.completed (/app/node_modules/jest-circus/build/utils.js:298:28)
                at process.processImmediate (node:internal/timers:476:21)
            """
        #expect(
            StackFrames.extract(from: trace) == [
                "com.acme.claims.Payout.check Payout.java", "com.acme.claims.PayoutTest.paysOut PayoutTest.java",
            ])
    }

    @Test("lines end at every newline Character: LF, CR LF, CR, VT, FF, NEL, LS, PS")
    func linesEndAtEveryNewline() {
        var lines: [String] = []
        StackFrames.forEachLine(of: "a\r\nb\rc\u{0B}d\u{0C}e\u{85}f\u{2028}g\u{2029}h\n\nx\u{E2}y é\n") { line in
            lines.append(String(line))
            return true
        }
        #expect(lines == ["a", "b", "c", "d", "e", "f", "g", "h", "x\u{E2}y é"])
        var first: [String] = []
        StackFrames.forEachLine(of: "one\ntwo\nthree") { line in
            first.append(String(line))
            return first.count < 2
        }
        #expect(first == ["one", "two"])
        #expect(
            StackFrames.extract(from: "boom\r\n\tat a.B.c(B.java:1)\u{2028}at d.E.f(E.java:2)")
                == ["a.B.c B.java", "d.E.f E.java"])
    }

    @Test("the normaliser reads only the first five non-empty lines, whatever ends them")
    func normalizerLines() {
        #expect(MessageNormalizer.normalize("\r\n  \u{2028}a 1\r\n\r\nb\u{85}c\u{0C}d\re\nf") == "a <N> b c d e")
        #expect(
            MessageNormalizer.normalize(" x = ( 12 ) ;\tHTTP 404, status: 503 , é 7")
                == "x = ( <N> ) ; HTTP 404, status: 503 , é <N>")
        #expect(MessageNormalizer.normalize("") == "")
        // A space before a combining mark is part of a character, as in earlier releases.
        #expect(MessageNormalizer.normalize("a \u{301}b  c 1") == "a \u{301}b c <N>")
    }

    @Test("the same failure on other data, lines and machines has the same fingerprints")
    func stableAcrossIncidentals() {
        let first = FailureFingerprint(
            type: "AssertionError", message: "loan 81723 at /home/a/x.csv has LTV 0.97",
            stackTrace: "at com.acme.Ltv.check(Ltv.java:42)\nat com.acme.LtvTest.caps(LtvTest.java:9)")
        let second = FailureFingerprint(
            type: "AssertionError", message: "loan 99 at /builds/b/y.csv has LTV 1.2",
            stackTrace: "at com.acme.Ltv.check(Ltv.java:57)\nat com.acme.LtvTest.caps(LtvTest.java:11)")
        #expect(first == second)
        #expect(first.normalizedMessage == "loan <N> at <PATH> has LTV <N>")
        #expect(first.frames == ["com.acme.Ltv.check Ltv.java", "com.acme.LtvTest.caps LtvTest.java"])
    }

    @Test("another caller keeps the coarse fingerprint and changes the fine one; another type changes both")
    func coarseAndFine() {
        let base = FailureFingerprint(type: "E", message: "m 1", stackTrace: "at a.B.c(B.java:1)")
        let otherCaller = FailureFingerprint(type: "E", message: "m 2", stackTrace: "at a.D.e(D.java:1)")
        let otherType = FailureFingerprint(type: "F", message: "m 1", stackTrace: "at a.B.c(B.java:1)")
        #expect(base.coarse == otherCaller.coarse)
        #expect(base.fine != otherCaller.fine)
        #expect(base.coarse != otherType.coarse)
        #expect(base.fine != otherType.fine)
    }

    @Test("only the top three frames count")
    func topThreeFrames() {
        let frames = (1...5).map { "at p.C.m\($0)(C.java:\($0))" }
        let five = FailureFingerprint(type: nil, message: "x", stackTrace: frames.joined(separator: "\n"))
        let three = FailureFingerprint(type: nil, message: "x", stackTrace: frames.prefix(3).joined(separator: "\n"))
        #expect(five.frames == ["p.C.m1 C.java", "p.C.m2 C.java", "p.C.m3 C.java"])
        #expect(five.fine == three.fine)
    }

    /// The scheme is stored: these values must never change (a new scheme gets a new prefix).
    @Test("FNV-1a 64 and the fingerprint values are fixed")
    func fixedValues() {
        var empty = FNV1a64()
        #expect(empty.hex == "cbf29ce484222325")
        empty.combine("a")
        #expect(empty.hex == "af63dc4c8601ec8c")
        var foobar = FNV1a64()
        foobar.combine("foobar")
        #expect(foobar.hex == "85944171f73967e8")
        let fingerprint = FailureFingerprint(type: "E", message: "m 1", stackTrace: "at a.B.c(B.java:1)")
        #expect(fingerprint.coarse == "v1:\(Self.reference(["E", "m <N>"]))")
        #expect(fingerprint.fine == "v1:\(Self.reference(["E", "m <N>", "a.B.c B.java"]))")
    }

    /// FNV-1a written out again, with 0xFF between the parts.
    static func reference(_ parts: [String]) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for (index, part) in parts.enumerated() {
            if index > 0 { value = (value ^ 0xFF) &* 0x100_0000_01b3 }
            for byte in part.utf8 { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @Test("failures in a report carry fingerprints; passes and skips do not")
    func fingerprintsInReports() throws {
        let run = try Fixtures.parse("surefire.xml")
        let withPrint = run.testCases.flatMap(\.attempts).map { $0.fingerprint != nil }
        #expect(withPrint == [false, true, true, true, true, true, true, false, false])
        // The rerun failed the same way: same fine fingerprint as the first run.
        let caps = run.testCases[1].attempts
        #expect(caps[0].fingerprint?.fine == caps[1].fingerprint?.fine)
        // The connection error changed port between runs: same fingerprint too.
        let ledger = run.testCases[2].attempts
        #expect(ledger[0].fingerprint?.coarse == ledger[1].fingerprint?.coarse)
    }
}
