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
    /// Tests written so far (the next test's `seq`).
    public private(set) var count = 0

    /// - Parameter foreignKeysOff: the SQLite connection checks no foreign keys (rows may then
    ///   reach their tables in any order).
    init(runID: String, database: any Database, location: String, foreignKeysOff: Bool) throws(CatalogError) {
        self.location = location
        if let sqlite = database as? SQLiteDatabase {
            do {
                rows = try SQLiteTestRows(runID: runID, database: sqlite, foreignKeysOff: foreignKeysOff)
            } catch {
                throw CatalogError(.environment, "the catalog (\(location)): \(error.message)")
            }
        } else {
            rows = BatchedTestRows(runID: runID, database: database)
        }
    }

    /// Adds a test of the run.
    public func add(_ result: TestResultRecord) throws(CatalogError) {
        try add(contentsOf: [result])
    }

    /// Adds tests of the run, in order.
    public func add(contentsOf results: [TestResultRecord]) throws(CatalogError) {
        let first = Int64(count)
        count += results.count
        do {
            try rows.add(contentsOf: results, firstSeq: first)
        } catch {
            throw CatalogError(.environment, "the catalog (\(location)): \(error.message)")
        }
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
