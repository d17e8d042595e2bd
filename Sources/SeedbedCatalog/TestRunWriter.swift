import SeedbedStores

/// Stores the tests of one run as they are read, in batches, inside the transaction
/// `Catalog.recordTestRun` opened; nothing is visible to others before the whole run commits.
public final class TestRunWriter {
    /// Tests per batch: large enough that a batch costs one prepared statement or COPY, small
    /// enough that memory holds only a few thousand tests whatever the run's size.
    static let batchSize = 2000

    let runID: String
    private let database: any Database
    private let location: String
    private var results = PendingRows(
        table: "test_result",
        columns: [
            ("run_id", false), ("seq", true), ("test_key", false), ("suite_path", false), ("classname", false),
            ("name", false), ("file", false), ("occurrence", true), ("report_file", false), ("report_line", true),
            ("status", false), ("attempt_count", true), ("duration_us", true), ("message", false),
            ("failure_type", false), ("fingerprint", false), ("coarse_fingerprint", false),
            ("normalized_message", false), ("frames", false),
        ])
    private var attempts = PendingRows(
        table: "test_attempt",
        columns: [
            ("run_id", false), ("seq", true), ("attempt", true), ("outcome", false), ("origin", false),
            ("duration_us", true), ("message", false), ("failure_type", false), ("fingerprint", false),
            ("coarse_fingerprint", false), ("normalized_message", false), ("frames", false),
        ])
    private var links = PendingRows(
        table: "test_link", columns: [("run_id", false), ("seq", true), ("kind", false), ("value", false)])
    /// Tests written so far (the next test's `seq`).
    public private(set) var count = 0
    /// The last suite path and its JSON text: the tests of a suite come one after another, so
    /// the path is encoded once per suite rather than once per test.
    private var lastSuitePath: [String] = []
    private var lastSuitePathText = "[]"

    init(runID: String, database: any Database, location: String) {
        self.runID = runID
        self.database = database
        self.location = location
    }

    /// Adds a test of the run; it is written with its batch.
    public func add(_ result: TestResultRecord) throws(CatalogError) {
        let seq = Int64(count)
        count += 1
        results.append(0, runID)
        results.append(1, seq)
        results.append(2, result.key)
        if result.suitePath != lastSuitePath {
            lastSuitePath = result.suitePath
            lastSuitePathText = StringListText.encode(result.suitePath)
        }
        results.append(3, lastSuitePathText)
        results.append(4, result.classname)
        results.append(5, result.name)
        results.append(6, result.file)
        results.append(7, Int64(result.occurrence))
        results.append(8, result.reportFile)
        results.append(9, Int64(result.reportLine))
        results.append(10, result.status)
        results.append(11, Int64(result.attempts.count))
        results.append(12, Self.microseconds(result.duration))
        results.append(13, result.message)
        results.append(14, result.failureType)
        results.append(15, result.fingerprint)
        results.append(16, result.coarseFingerprint)
        // Most tests ran once, as their result says: that attempt lives in the result's row
        // (schema 4), saving a row and its primary-key entry per test.
        let inResult = result.attemptInResult
        results.append(17, inResult?.normalizedMessage)
        results.append(18, inResult.flatMap(Self.framesText))
        results.endRow()
        for (index, attempt) in result.attempts.enumerated() where inResult == nil {
            attempts.append(0, runID)
            attempts.append(1, seq)
            attempts.append(2, Int64(index))
            attempts.append(3, attempt.outcome)
            attempts.append(4, attempt.origin)
            attempts.append(5, Self.microseconds(attempt.duration))
            attempts.append(6, attempt.message)
            attempts.append(7, attempt.failureType)
            attempts.append(8, attempt.fingerprint)
            attempts.append(9, attempt.coarseFingerprint)
            attempts.append(10, attempt.normalizedMessage)
            attempts.append(11, Self.framesText(attempt))
            attempts.endRow()
        }
        // Links are few (most tests have none): a repeated one is found by a scan, not a set.
        for (index, link) in result.links.enumerated() where !result.links[..<index].contains(link) {
            links.append(0, runID)
            links.append(1, seq)
            links.append(2, link.kind.rawValue)
            links.append(3, link.value)
            links.endRow()
        }
        if results.count >= Self.batchSize { try flush() }
    }

    /// Writes what is gathered (results first: attempts and links reference them).
    func flush() throws(CatalogError) {
        do {
            try results.flush(to: database)
            try attempts.flush(to: database)
            try links.flush(to: database)
        } catch {
            throw CatalogError(.environment, "the catalog (\(location)): \(error.message)")
        }
    }

    /// Frames one a line; nil for none.
    static func framesText(_ attempt: TestAttemptRecord) -> String? {
        attempt.frames.isEmpty ? nil : attempt.frames.joined(separator: "\n")
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
