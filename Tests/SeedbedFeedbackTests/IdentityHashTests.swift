import Foundation
import SeedbedCatalog
import SeedbedStores
import Testing

@testable import SeedbedFeedback

/// The reader hashes each identity once (the suite path once per suite) and the test key
/// continues from that hash: the shortcuts must give exactly the values of hashing afresh.
@Suite("Identity hashes and test keys")
struct IdentityHashTests {
    @Test("the reader's identity hashes are the identities' own, in nested and repeated suites")
    func readerHashes() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("hash-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        for seed in 0..<40 {
            try Data(RandomReport.make(seed: UInt64(seed)).xml.utf8).write(to: file)
            var checked = 0
            _ = try JUnitParser().stream(file: file.path) { _, cases, hashes in
                #expect(hashes.count == cases.count)
                for (testCase, hash) in zip(cases, hashes) {
                    #expect(hash == testCase.identity.hasher.value)
                    checked += 1
                }
            }
            #expect(checked > 0 || seed > 0)
        }
    }

    @Test("a record made from the reader's hash has the key made from the identity")
    func recordKeys() throws {
        var keys: [String] = []
        _ = try JUnitParser().stream(file: Fixtures.path("playwright.xml")) { _, cases, hashes in
            for (testCase, hash) in zip(cases, hashes) {
                let record = TestResultRecord(testCase, identityHash: hash, reportFile: "p.xml")
                #expect(record == TestResultRecord(testCase, reportFile: "p.xml"))
                keys.append(record.key)
            }
        }
        // Playwright repeats its tests per project: later ones have occurrence 1, 2, another key.
        #expect(keys.count > 1)
        #expect(Set(keys).count == keys.count)
    }

    @Test("an ingest's records are the records made afresh from each parsed test case")
    func ingestRecords() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("records-\(UUID().uuidString).xml")
        defer { try? FileManager.default.removeItem(at: file) }
        var paths = Fixtures.dialects.map(Fixtures.path)
        for seed in 0..<20 {
            let path = file.path + ".\(seed).xml"
            try Data(RandomReport.make(seed: UInt64(seed)).xml.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        defer {
            for path in paths.dropFirst(Fixtures.dialects.count) { try? FileManager.default.removeItem(atPath: path) }
        }
        for path in paths {
            let parser = JUnitParser()
            var ingested: [TestResultRecord] = []
            _ = try TestRunIngestion.read(path, with: parser) { record throws(CatalogError) in ingested.append(record) }
            let expected = try parser.parse(file: path).testCases.map { TestResultRecord($0, reportFile: path) }
            #expect(ingested == expected, "\(path)")
        }
    }

    @Test(
        "the pipeline's batches hold the rows of the records made afresh, whole suites to a batch and batches across files",
        arguments: [1, 7, 1000])
    func pipelineRecords(_ batchSize: Int) throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("batches-\(UUID().uuidString)").path
        var paths = Fixtures.dialects.map(Fixtures.path)
        for seed in 0..<8 {
            let path = base + ".\(seed).xml"
            try Data(RandomReport.make(seed: UInt64(seed)).xml.utf8).write(to: URL(fileURLWithPath: path))
            paths.append(path)
        }
        // One suite larger than two batches of the ingest's size, with failures and repeats.
        var large = "<testsuite name=\"large\">\n"
        for index in 0..<2_500 {
            let name = "<testcase classname=\"L\" name=\"t\(index % 2_400)\" time=\"0.5\""
            large +=
                index % 9 == 0
                ? "\(name)><failure message=\"no \(index)\">at L.t(L.java:\(index))</failure></testcase>\n"
                : "\(name)/>\n"
        }
        paths.insert(base + ".large.xml", at: Fixtures.dialects.count + 3)
        try Data((large + "</testsuite>\n").utf8).write(to: URL(fileURLWithPath: paths[Fixtures.dialects.count + 3]))
        defer {
            for path in paths.dropFirst(Fixtures.dialects.count) { try? FileManager.default.removeItem(atPath: path) }
        }
        let parser = JUnitParser()
        var expected: [TestResultRecord] = []
        var summaries: [RunSummary] = []
        for path in paths {
            expected += try parser.parse(file: path).testCases.map { TestResultRecord($0, reportFile: path) }
            summaries.append(try TestRunIngestion.read(path, with: parser) { _ throws(CatalogError) in }.file.summary)
        }
        let pipeline = IngestPipeline.start(files: paths, parser: parser, batchSize: batchSize)
        defer { pipeline.cancel() }
        // What each batch's rows say of each test, as the records of the tests read afresh say it.
        typealias Facts = [String?]
        func facts(_ record: TestResultRecord) -> Facts {
            [record.key, record.name, record.reportFile, record.status, "\(record.attempts.count)", record.message]
        }
        var made: [Facts] = []
        var batches = 0
        var sizes: [Int] = []
        var read: IngestPipeline.Read?
        while read == nil {
            switch pipeline.next() {
            case .item(let batch):
                #expect(batch.count == batch.suites.reduce(0) { $0 + $1.count })
                sizes.append(batch.count)
                // Each test with the key its identity hash makes, in order.
                for rows in batch.suites {
                    for test in rows.tests {
                        let attempts = test.firstAttempt..<(test.firstAttempt + test.attemptCount)
                        let failed = test.status == .failed || test.status == .error
                        let deciding =
                            failed
                            ? attempts.last {
                                rows.attempts[$0].outcome == .failed || rows.attempts[$0].outcome == .error
                            }
                            : attempts.last
                        made.append([
                            TestKey.of(identityHash: test.identityHash, occurrence: test.occurrence),
                            rows.string(test.name), rows.reportFile, test.status.rawValue, "\(attempts.count)",
                            deciding.flatMap { rows.string(rows.attempts[$0].message) },
                        ])
                    }
                }
                batches += 1
                pipeline.stored(batch)
            case .finished(let result):
                read = try result.get()
            }
        }
        #expect(made == expected.map(facts))
        // Whole suites: a batch ends at the first suite end past its size, the last one sooner.
        #expect(sizes.dropLast().allSatisfy { $0 >= batchSize })
        #expect(sizes.reduce(0, +) == expected.count)
        #expect(read?.files.map(\.file) == paths)
        #expect(read?.files.map(\.summary) == summaries)
        // Repeats inside the suite are retries of its first 100 tests: 2,400 tests there.
        #expect(expected.count == 2_400 + 95)
    }

    @Test("the key is FNV-1a over the identity's parts and the occurrence's decimal digits")
    func keyValue() {
        let identity = TestIdentity(suitePath: ["a", "b"], classname: "C", name: "t", file: nil)
        for occurrence in [0, 1, 9, 10, 42, 100, 1_000_007, -3] {
            let expected = FingerprintTests.reference(["a", "b", "", "C", "t", "", "\(occurrence)"])
            #expect(TestKey.of(identity, occurrence: occurrence) == expected)
        }
    }

    @Test("decimal digits are hashed as the written number", arguments: [0, 7, 10, 99, 12_345, Int.max, Int.min, -1])
    func decimal(_ number: Int) {
        var direct = FNV1a64()
        direct.combine(decimal: number)
        var written = FNV1a64()
        written.combine("\(number)")
        #expect(direct.value == written.value)
    }

    @Test("hex is 16 lowercase digits, zero padded")
    func hex() {
        for value: UInt64 in [0, 1, 0xA, 0xDEAD_BEEF, 0x0123_4567_89AB_CDEF, .max] {
            let digits = String(value, radix: 16)
            #expect(FNV1a64(continuing: value).hex == String(repeating: "0", count: 16 - digits.count) + digits)
        }
    }
}

@Suite("Repeated test cases in large suites")
struct RepeatedCaseTests {
    @Test("repeats are merged whether the suite is scanned or indexed", arguments: [5, 63, 64, 65, 200])
    func repeatsMerge(_ count: Int) throws {
        var xml = "<testsuite name=\"s\">\n"
        for index in 0..<count { xml += "<testcase classname=\"c\" name=\"t\(index)\"/>\n" }
        // Retries of the first and the last test, then one more new test.
        xml += "<testcase classname=\"c\" name=\"t0\"><failure message=\"m\"/></testcase>\n"
        xml += "<testcase classname=\"c\" name=\"t\(count - 1)\"><failure message=\"m\"/></testcase>\n"
        xml += "<testcase classname=\"c\" name=\"t0\"/>\n"
        xml += "<testcase classname=\"c\" name=\"new\"/>\n</testsuite>\n"
        let run = try JUnitParser().parse(text: xml, name: "r.xml")
        #expect(run.testCases.count == count + 1)
        #expect(run.testCases.map(\.identity.name) == (0..<count).map { "t\($0)" } + ["new"])
        #expect(run.testCases[0].attempts.map(\.outcome) == [.passed, .failed, .passed])
        #expect(run.testCases[count - 1].attempts.map(\.outcome) == [.passed, .failed])
        #expect(run.testCases[count].attempts.map(\.outcome) == [.passed])
    }
}
