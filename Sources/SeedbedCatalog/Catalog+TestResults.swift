import Foundation

extension Catalog {
    // MARK: - Tests with their runs

    /// The tests of a run, in the order ingested, with attempts and links.
    /// - Parameter failuresOnly: only failed and errored tests.
    public func testResults(ofRun runID: String, failuresOnly: Bool = false) throws(CatalogError)
        -> [StoredTestResult]
    {
        let condition = "run.id = $1" + (failuresOnly ? " AND res.status IN ('failed', 'error')" : "")
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
                res.test_key IN (SELECT r.test_key FROM test_run x JOIN test_result r ON \(RunKeys.inRun("r", of: "x"))
                    WHERE x.id = $1 AND r.status IN ('failed', 'error'))
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
                run.files_json, res.id - \(RunKeys.base()), res.test_key, grp.suite_path, grp.classname,
                res.name, res.file, res.occurrence, grp.report_file, res.report_line, res.status, res.duration_us,
                res.message, res.failure_type, res.fingerprint, res.coarse_fingerprint, res.attempt_count,
                res.normalized_message, res.frames, run.negative, run.number
            FROM test_run run JOIN test_result res ON \(RunKeys.inRun("res"))
                JOIN test_group grp ON grp.id = \(RunKeys.base()) + res.group_seq
            WHERE \(condition)
            ORDER BY run.run_at, run.ingested_at, run.id, res.id
            """, parameters)
        var runs: [String: TestRunRecord] = [:]
        var results: [StoredTestResult] = []
        // Per result: its run's number and the attempt its own row holds (schema 4: a test whose
        // only attempt is its result has no attempt row); per run number, the tests wanted.
        var numbers: [Int64] = []
        var plainAttempts: [TestAttemptRecord?] = []
        var wanted: [Int64: Set<Int>] = [:]
        for row in found where row.count == 28 {
            guard let runID = row[0], let run = runs[runID] ?? Self.testRun(Array(row[0..<8]) + [row[26]]),
                let sequence = row[8].flatMap({ Int($0) }), let key = row[9], let name = row[12],
                let number = row[27].flatMap({ Int64($0) })
            else { continue }
            runs[runID] = run
            let result = TestResultRecord(
                key: key, suitePath: StringListText.decode(row[10]), classname: row[11], name: name, file: row[13],
                occurrence: row[14].flatMap { Int($0) } ?? 0, reportFile: row[15] ?? "",
                reportLine: row[16].flatMap { Int($0) } ?? 0, status: row[17] ?? "",
                duration: Self.seconds(row[18]), message: row[19], failureType: row[20], fingerprint: row[21],
                coarseFingerprint: row[22], attempts: [], links: [])
            if details {
                numbers.append(number)
                plainAttempts.append(
                    row[23] == "1"
                        ? result.plainAttempt(normalizedMessage: row[24], frames: Self.frames(row[25])) : nil)
                wanted[number, default: []].insert(sequence)
            }
            results.append(StoredTestResult(run: run, sequence: sequence, result: result))
        }
        guard details else { return results }
        // Schema 6 has no index on an attempt's or link's `seq`: each run's attempt and link rows
        // are read once, by key range, and handed to its tests.
        var attempts: [Int64: [Int: [TestAttemptRecord]]] = [:]
        var links: [Int64: [Int: [TestLink]]] = [:]
        for (number, sequences) in wanted {
            attempts[number] = try self.attempts(run: number, sequences: sequences)
            links[number] = try self.links(run: number, sequences: sequences)
        }
        for index in results.indices {
            let number = numbers[index]
            let sequence = results[index].sequence
            results[index].result.attempts =
                attempts[number]?[sequence] ?? plainAttempts[index].map { [$0] } ?? []
            results[index].result.links = links[number]?[sequence] ?? []
        }
        return results
    }

    /// The attempt rows of run `number` for these tests, by test, in attempt order.
    private func attempts(run number: Int64, sequences: Set<Int>) throws(CatalogError) -> [Int: [TestAttemptRecord]] {
        var found: [Int: [TestAttemptRecord]] = [:]
        for row in try rows(
            """
            SELECT seq, outcome, origin, duration_us, message, failure_type, fingerprint, coarse_fingerprint,
                normalized_message, frames
            FROM test_attempt WHERE id >= $1 AND id < $2 ORDER BY seq, attempt
            """, RunKeys.range(number))
        {
            guard row.count == 10, let sequence = row[0].flatMap({ Int($0) }), sequences.contains(sequence) else {
                continue
            }
            found[sequence, default: []].append(
                TestAttemptRecord(
                    outcome: row[1] ?? "", origin: row[2] ?? "", duration: Self.seconds(row[3]), message: row[4],
                    failureType: row[5], fingerprint: row[6], coarseFingerprint: row[7], normalizedMessage: row[8],
                    frames: Self.frames(row[9])))
        }
        return found
    }

    static func frames(_ text: String?) -> [String] {
        text.map { $0.split(separator: "\n").map(String.init) } ?? []
    }

    /// The links of run `number`'s tests, by test. Stored in the order the test named them; that
    /// order is not kept, so kinds are listed in a fixed order and values alphabetically.
    private func links(run number: Int64, sequences: Set<Int>) throws(CatalogError) -> [Int: [TestLink]] {
        var found: [Int: [TestLink]] = [:]
        for row in try rows("SELECT seq, kind, value FROM test_link WHERE id >= $1 AND id < $2", RunKeys.range(number))
        {
            guard row.count == 3, let sequence = row[0].flatMap({ Int($0) }), sequences.contains(sequence),
                let kind = row[1].flatMap(TestLink.Kind.init), let value = row[2]
            else { continue }
            found[sequence, default: []].append(TestLink(kind, value))
        }
        for sequence in found.keys {
            found[sequence]?.sort {
                (TestLink.Kind.allCases.firstIndex(of: $0.kind) ?? 0, $0.value)
                    < (TestLink.Kind.allCases.firstIndex(of: $1.kind) ?? 0, $1.value)
            }
        }
        return found
    }

    static func seconds(_ microseconds: String?) -> Double? {
        microseconds.flatMap { Int64($0) }.map { Double($0) / 1_000_000 }
    }
}
