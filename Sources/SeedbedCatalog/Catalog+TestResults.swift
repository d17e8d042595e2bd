import Foundation

extension Catalog {
    // MARK: - Tests with their runs

    /// The tests of a run, in the order ingested, with attempts and links.
    /// - Parameter failuresOnly: only failed and errored tests.
    public func testResults(ofRun runID: String, failuresOnly: Bool = false) throws(CatalogError)
        -> [StoredTestResult]
    {
        let condition = "res.run_id = $1" + (failuresOnly ? " AND res.status IN ('failed', 'error')" : "")
        return try storedResults(where: condition, [runID])
    }

    /// Every stored result of the tests `text` names: a test key, a test name, or
    /// `classname.name`, oldest run first.
    public func testResults(named text: String) throws(CatalogError) -> [StoredTestResult] {
        try storedResults(
            where: "(res.test_key = $1 OR res.name = $1 OR grp.classname || '.' || res.name = $1)", [text])
    }

    /// The history of every test that failed or errored in run `runID`, by test key, oldest
    /// first: one pass over the results, whatever the number of failures (a query per failure
    /// scanned the table once each).
    public func failureHistories(ofRun runID: String) throws(CatalogError) -> [String: [StoredTestResult]] {
        let found = try storedResults(
            where: """
                res.test_key IN (SELECT test_key FROM test_result
                    WHERE run_id = $1 AND status IN ('failed', 'error'))
                """, [runID])
        return Dictionary(grouping: found, by: \.result.key)
    }

    /// The failed and errored tests of every run of one dataset version, without attempts. Runs
    /// on negative data are left out: their failures are expected, and count towards the catch
    /// rate only.
    public func failingResults(of reference: DatasetReference) throws(CatalogError) -> [StoredTestResult] {
        try storedResults(
            where: "run.name = $1 AND run.version = $2 AND run.negative = 0 AND res.status IN ('failed', 'error')",
            [reference.name, reference.version.description], details: false)
    }

    func storedResults(where condition: String, _ parameters: [String?], details: Bool = true) throws(CatalogError)
        -> [StoredTestResult]
    {
        let found = try rows(
            """
            SELECT run.id, run.name, run.version, run.commit_sha, run.run_at, run.ingested_at, run.partial,
                run.files_json, res.seq, res.test_key, grp.suite_path, grp.classname, res.name, res.file,
                res.occurrence, grp.report_file, res.report_line, res.status, res.duration_us, res.message,
                res.failure_type, res.fingerprint, res.coarse_fingerprint, res.attempt_count,
                res.normalized_message, res.frames, run.negative
            FROM test_result res JOIN test_run run ON run.id = res.run_id
                JOIN test_group grp ON grp.run_id = res.run_id AND grp.group_seq = res.group_seq
            WHERE \(condition)
            ORDER BY run.run_at, run.ingested_at, run.id, res.seq
            """, parameters)
        var runs: [String: TestRunRecord] = [:]
        var results: [StoredTestResult] = []
        for row in found where row.count == 27 {
            guard let runID = row[0], let run = runs[runID] ?? Self.testRun(Array(row[0..<8]) + [row[26]]),
                let sequence = row[8].flatMap({ Int($0) }), let key = row[9], let name = row[12]
            else { continue }
            runs[runID] = run
            var result = TestResultRecord(
                key: key, suitePath: StringListText.decode(row[10]), classname: row[11], name: name, file: row[13],
                occurrence: row[14].flatMap { Int($0) } ?? 0, reportFile: row[15] ?? "",
                reportLine: row[16].flatMap { Int($0) } ?? 0, status: row[17] ?? "",
                duration: Self.seconds(row[18]), message: row[19], failureType: row[20], fingerprint: row[21],
                coarseFingerprint: row[22], attempts: [], links: [])
            if details {
                result.attempts = try attempts(run: runID, sequence: sequence)
                if result.attempts.isEmpty, row[23] == "1" {
                    // Schema 4: the only attempt is in the result's row.
                    result.attempts = [result.plainAttempt(normalizedMessage: row[24], frames: Self.frames(row[25]))]
                }
                result.links = try links(run: runID, sequence: sequence)
            }
            results.append(StoredTestResult(run: run, sequence: sequence, result: result))
        }
        return results
    }

    private func attempts(run: String, sequence: Int) throws(CatalogError) -> [TestAttemptRecord] {
        try rows(
            """
            SELECT outcome, origin, duration_us, message, failure_type, fingerprint, coarse_fingerprint,
                normalized_message, frames
            FROM test_attempt WHERE run_id = $1 AND seq = $2 ORDER BY attempt
            """, [run, "\(sequence)"]
        ).compactMap { row in
            guard row.count == 9 else { return nil }
            return TestAttemptRecord(
                outcome: row[0] ?? "", origin: row[1] ?? "", duration: Self.seconds(row[2]), message: row[3],
                failureType: row[4], fingerprint: row[5], coarseFingerprint: row[6], normalizedMessage: row[7],
                frames: Self.frames(row[8]))
        }
    }

    static func frames(_ text: String?) -> [String] {
        text.map { $0.split(separator: "\n").map(String.init) } ?? []
    }

    private func links(run: String, sequence: Int) throws(CatalogError) -> [TestLink] {
        // Stored in the order the test named them; rowid order is not portable, so kinds are
        // listed in a fixed order and values alphabetically.
        try rows("SELECT kind, value FROM test_link WHERE run_id = $1 AND seq = $2", [run, "\(sequence)"])
            .compactMap { row in
                guard row.count == 2, let kind = row[0].flatMap(TestLink.Kind.init), let value = row[1] else {
                    return nil
                }
                return TestLink(kind, value)
            }
            .sorted {
                (TestLink.Kind.allCases.firstIndex(of: $0.kind) ?? 0, $0.value)
                    < (TestLink.Kind.allCases.firstIndex(of: $1.kind) ?? 0, $1.value)
            }
    }

    static func seconds(_ microseconds: String?) -> Double? {
        microseconds.flatMap { Int64($0) }.map { Double($0) / 1_000_000 }
    }
}
