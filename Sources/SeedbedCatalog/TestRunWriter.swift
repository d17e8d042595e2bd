import SeedbedStores

/// Stores the tests of one run as they are read inside the transaction `Catalog.recordTestRun`
/// opened; nothing is visible to others before the whole run commits.
///
/// On SQLite the rows are inserted as the tests come, a few to a statement (`SQLiteTestRows`);
/// elsewhere they are gathered and written in batches of a few thousand tests
/// (`BatchedTestRows`). Either way memory holds a bounded number of tests whatever the run's
/// size.
public final class TestRunWriter {
    private let location: String
    private let rows: any TestRowSink
    // Reached for every test: accesses are not checked for exclusivity at run time (one thread
    // uses the writer, and no access spans a call that could make another).
    /// Tests written so far (the next test's `seq`).
    @exclusivity(unchecked) public private(set) var count = 0
    /// Attempt and link rows written so far: the next one's ordinal in its key (schema 6).
    @exclusivity(unchecked) private var attemptRows: Int64 = 0
    @exclusivity(unchecked) private var linkRows: Int64 = 0

    /// - Parameter runNumber: the run's number: its rows are keyed from `runNumber * 2^32`.
    init(runNumber: Int64, database: any Database, location: String) throws(CatalogError) {
        self.location = location
        let base = RunKeys.base(runNumber)
        if let sqlite = database as? SQLiteDatabase {
            do {
                rows = try SQLiteTestRows(base: base, database: sqlite)
            } catch {
                throw CatalogError(.environment, "the catalog (\(location)): \(error.message)")
            }
        } else {
            rows = BatchedTestRows(base: base, database: database)
        }
    }

    /// The links of the test added last, to drop repeats (links are few: most tests have none).
    @exclusivity(unchecked) private var links: [TestLink] = []

    /// Adds a test of the run.
    public func add(_ result: TestResultRecord) throws(CatalogError) {
        let plain = result.attemptIsInResult
        // The record's texts as the bytes the rows take (records are the API's way in; the
        // ingest's row buffers hold bytes already).
        var texts = TextBytes()
        let classname = texts.add(result.classname)
        let name = texts.add(result.name)
        let file = texts.add(result.file)
        let message = texts.add(result.message)
        let failureType = texts.add(result.failureType)
        let attempts = plain ? [] : result.attempts.map { (texts.add($0.message), texts.add($0.failureType)) }
        try texts.read { bytes throws(CatalogError) in
            try addTest(
                key: .text(result.key), suitePath: result.suitePath, sameGroup: false, classname: bytes(classname),
                name: bytes(name) ?? UnsafeBufferPointer(start: nil, count: 0), file: bytes(file),
                occurrence: result.occurrence, reportFile: result.reportFile, reportLine: result.reportLine,
                status: result.status, attemptCount: result.attempts.count, duration: result.duration,
                message: bytes(message), failureType: bytes(failureType), fingerprint: result.fingerprint,
                coarseFingerprint: result.coarseFingerprint, plainAttempt: plain,
                normalizedMessage: plain ? result.attempts[0].normalizedMessage : nil,
                frames: plain ? result.attempts[0].frames : nil)
            for (index, (message, failureType)) in attempts.enumerated() {
                let attempt = result.attempts[index]
                try addAttempt(
                    index, outcome: attempt.outcome, origin: attempt.origin, duration: attempt.duration,
                    message: bytes(message), failureType: bytes(failureType), fingerprint: attempt.fingerprint,
                    coarseFingerprint: attempt.coarseFingerprint, normalizedMessage: attempt.normalizedMessage,
                    frames: attempt.frames)
            }
        }
        for link in result.links { try addLink(link.kind, link.value) }
    }

    /// Adds tests of the run, in order.
    public func add(contentsOf results: [TestResultRecord]) throws(CatalogError) {
        for index in results.indices { try add(results[index]) }
    }

    /// Adds a link of the test added last; a link it already has is not added again.
    public func addLink(_ kind: TestLink.Kind, _ value: String) throws(CatalogError) {
        let link = TestLink(kind, value)
        guard !links.contains(link) else { return }
        links.append(link)
        guard linkRows < RunKeys.rowsPerRun else { throw tooMany("links") }
        linkRows += 1
        do {
            try rows.addLink(seq: Int64(count - 1), ordinal: linkRows - 1, kind: kind, value: value)
        } catch {
            throw failure(error)
        }
    }

    /// Adds a test of the run from its parts, its texts as UTF-8 bytes (the ingest's row
    /// buffers), without a record: the rows `add(_:)` writes for the record of these values (a
    /// `.hash` key is stored as its 16 lowercase hex digits, `TestKey`'s text). Its attempts
    /// follow with `addAttempt` unless `plainAttempt`, then its links with `addLink`.
    /// - Parameters:
    ///   - sameGroup: the test has the suite path, class name and report file of the test added
    ///     before it (its group is not looked for).
    ///   - attemptCount: how many attempts the test has.
    ///   - plainAttempt: the test's only attempt is what its own values say
    ///     (`TestResultRecord.isPlainAttempt`): the attempt's normalised message and `frames` are
    ///     kept with the test, and no `addAttempt` follows.
    public func addTest(
        key: TestRowKey, suitePath: [String], sameGroup: Bool, classname: UnsafeBufferPointer<UInt8>?,
        name: UnsafeBufferPointer<UInt8>,
        file: UnsafeBufferPointer<UInt8>?, occurrence: Int, reportFile: String, reportLine: Int, status: String,
        attemptCount: Int, duration: Double?, message: UnsafeBufferPointer<UInt8>?,
        failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?, coarseFingerprint: String?, plainAttempt: Bool,
        normalizedMessage: String?, frames: [String]?
    ) throws(CatalogError) {
        let seq = Int64(count)
        guard seq < RunKeys.rowsPerRun else { throw tooMany("tests") }
        count += 1
        if !links.isEmpty { links.removeAll(keepingCapacity: true) }
        do {
            try rows.addResult(
                seq: seq, key: key, suitePath: suitePath, sameGroup: sameGroup, classname: classname,
                reportFile: reportFile, name: name, file: file, occurrence: occurrence, reportLine: reportLine,
                status: status, attemptCount: attemptCount, duration: duration, message: message,
                failureType: failureType, fingerprint: fingerprint, coarseFingerprint: coarseFingerprint,
                plainAttempt: plainAttempt, normalizedMessage: normalizedMessage, frames: frames)
        } catch {
            throw failure(error)
        }
    }

    /// Adds attempt `index` (from 0) of the test added last, its texts as UTF-8 bytes.
    public func addAttempt(
        _ index: Int, outcome: String, origin: String, duration: Double?, message: UnsafeBufferPointer<UInt8>?,
        failureType: UnsafeBufferPointer<UInt8>?, fingerprint: String?, coarseFingerprint: String?,
        normalizedMessage: String?, frames: [String]?
    ) throws(CatalogError) {
        guard attemptRows < RunKeys.rowsPerRun else { throw tooMany("attempts") }
        attemptRows += 1
        do {
            try rows.addAttempt(
                seq: Int64(count - 1), ordinal: attemptRows - 1, index: index, outcome: outcome, origin: origin,
                duration: duration, message: message, failureType: failureType, fingerprint: fingerprint,
                coarseFingerprint: coarseFingerprint, normalizedMessage: normalizedMessage, frames: frames)
        } catch {
            throw failure(error)
        }
    }

    /// A run past 2^32 tests, attempts or links: its keys would run into the next run's.
    private func tooMany(_ rows: String) -> CatalogError {
        CatalogError(
            .environment,
            "the catalog (\(location)) keeps at most \(RunKeys.rowsPerRun) \(rows) per run; ingest the reports as several runs (a --run ID each)"
        )
    }

    private func failure(_ error: StoreError) -> CatalogError {
        CatalogError(.environment, "the catalog (\(location)): \(error.message)")
    }

    /// Writes what is gathered.
    func flush() throws(CatalogError) {
        do {
            try rows.flush()
        } catch {
            throw CatalogError(.environment, "the catalog (\(location)): \(error.message)")
        }
    }

    /// Frames one a line; nil for none.
    static func framesText(_ frames: [String]?) -> String? {
        guard let frames, !frames.isEmpty else { return nil }
        return frames.joined(separator: "\n")
    }

    static func microseconds(_ seconds: Double?) -> Int64? {
        guard let seconds, seconds.isFinite else { return nil }
        return Int64((seconds * 1_000_000).rounded())
    }
}

/// A list of strings as a JSON array in one column (suite paths), written without a JSON encoder
/// per row.
enum StringListText {
    static func encode(_ list: [String]) -> String {
        var text = "["
        for (index, item) in list.enumerated() {
            if index > 0 { text += "," }
            text += "\""
            for scalar in item.unicodeScalars {
                switch scalar {
                case "\"": text += "\\\""
                case "\\": text += "\\\\"
                case "\n": text += "\\n"
                case "\r": text += "\\r"
                case "\t": text += "\\t"
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                    } else {
                        text.unicodeScalars.append(scalar)
                    }
                }
            }
            text += "\""
        }
        return text + "]"
    }

    static func decode(_ text: String?) -> [String] {
        CatalogJSON.decode([String].self, text) ?? []
    }
}

/// Optional texts copied into one byte array, read back as buffers of it.
private struct TextBytes {
    private var bytes: [UInt8] = []
    private var ranges: [Range<Int>?] = []

    /// Copies `text`; returns its number for `read`.
    mutating func add(_ text: String?) -> Int {
        ranges.append(
            text.map { text in
                let start = bytes.count
                bytes += text.utf8
                return start..<bytes.count
            })
        return ranges.count - 1
    }

    /// Calls `body` with a function giving each text's bytes by number (nil for a nil text).
    func read<E: Error>(_ body: ((Int) -> UnsafeBufferPointer<UInt8>?) throws(E) -> Void) throws(E) {
        try bytes.withUnsafeBufferPointer { buffer throws(E) in
            try body { number in ranges[number].map { UnsafeBufferPointer(rebasing: buffer[$0]) } }
        }
    }
}
