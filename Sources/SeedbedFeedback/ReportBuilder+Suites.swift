import FoundationEssentials

/// Opening and closing suites, test cases, result elements and properties.
extension ReportBuilder {
    // MARK: - Suites

    mutating func openSuite(_ attributes: XMLAttributes, line: Int) {
        let name = attributes.string(names.name) ?? ""
        let path = (suites.last?.path ?? []) + [name]
        let pathHash = TestIdentity.pathHasher(extending: suites.last?.pathHash ?? FNV1a64(), with: name)
        let declared = declaredCounts(attributes)
        let timestamp = timestamp(attributes.string(names.timestamp), line: line)
        let suite = TestSuite(
            path: path, hostname: attributes.string(names.hostname), timestamp: timestamp,
            file: attributes.string(names.file), duration: duration(attributes.bytes(names.time), line: line),
            declared: declared, reportLine: line)
        if let timestamp { earliestSuite = min(earliestSuite ?? timestamp, timestamp) }
        var index: Int?
        if keepSuites {
            run.suites.append(suite)
            index = run.suites.count - 1
        }
        var state = SuiteState(
            suite: suite, index: index, path: path, pathHash: pathHash, declared: declared, line: line)
        if emitsRows { state.rows = TestRowBuffer(suitePath: path) }
        state.reserve(declaredTests: declared.tests)
        suites.append(state)
    }

    mutating func closeSuite() {
        guard let state = suites.popLast() else { return }
        finishSuite(state)
    }

    /// Checks the declared counts, numbers repeated identities and hands the suite on.
    mutating func finishSuite(_ state: consuming SuiteState) {
        if let parent = suites.indices.last, let counted = state.counted.tests {
            suites[parent].counted.tests? += counted
            suites[parent].counted.failures? += state.counted.failures ?? 0
            suites[parent].counted.errors? += state.counted.errors ?? 0
            suites[parent].counted.skipped? += state.counted.skipped ?? 0
        }
        checkDeclared(state)
        state.settleProperties()
        if let properties = state.suite?.properties, !properties.isEmpty { lastSuiteProperties = properties }
        let repeats = seenIdentities.note(path: state.pathHash.value, hashes: state.hashes)
        if let index = state.index, let suite = state.suite { run.suites[index] = suite }
        if case .rows(let emitRows) = emitter {
            guard var rows = state.rows.take(), rows.count > 0 else { return }
            rows.finish(repeats: repeats)
            emitRows(rows)
            return
        }
        guard case .testCases(let emit) = emitter else { return }
        var cases = state.cases
        for (index, earlier) in repeats { cases[index].occurrence = earlier }
        let suite = state.suite ?? TestSuite(path: [], reportLine: state.line)
        if !cases.isEmpty || state.suite != nil { emit(suite, cases, state.hashes) }
    }

    private mutating func checkDeclared(_ state: SuiteState) {
        let pairs: [(String, Int?, Int?)] = [
            ("tests", state.declared.tests, state.counted.tests),
            ("failures", state.declared.failures, state.counted.failures),
            ("errors", state.declared.errors, state.counted.errors),
            ("skipped", state.declared.skipped, state.counted.skipped),
        ]
        let differing = pairs.compactMap { name, declared, counted -> String? in
            guard let declared, let counted, declared != counted else { return nil }
            return "\(name)=\(declared) but \(counted) found"
        }
        guard !differing.isEmpty else { return }
        let what = state.suite == nil ? "testsuites" : "testsuite \"\(state.path.last ?? "")\""
        warn(
            .declaredCountsDiffer, line: state.line,
            "\(what) declares \(differing.joined(separator: ", ")); the counts found are used")
    }

    func declaredCounts(_ attributes: XMLAttributes) -> DeclaredCounts {
        func count(_ name: UnsafePointer<UInt8>) -> Int? {
            attributes.string(name).flatMap { Int($0.trimmingSpaces()) }
        }
        return DeclaredCounts(
            tests: count(names.tests), failures: count(names.failures), errors: count(names.errors),
            skipped: count(names.skipped) ?? count(names.skips) ?? count(names.disabled))
    }

    // MARK: - Test cases

    mutating func openTestCase(_ attributes: XMLAttributes, line: Int) {
        // Made by a function and assigned: the state moves into place (a local assigned to the
        // property is copied, every string and array retained, then released).
        testCase = testCaseState(attributes, line: line)
    }

    /// The test case's attributes, read in one pass over them (the first of a name counts, as
    /// `XMLAttributes.bytes` finds it), and the state made in one initialisation: a state
    /// built field by field is copied on return, every string and array in it retained.
    private mutating func testCaseState(_ attributes: XMLAttributes, line: Int) -> TestCaseState {
        typealias Value = UnsafeBufferPointer<UInt8>
        var name, classname, `class`, file, sourceLine, time, timestamp: Value?
        var flaky, status, disabled, requirement: Value?
        attributes.forEach { attribute, value in
            switch attribute {
            case names.name: if name == nil { name = value }
            case names.classname: if classname == nil { classname = value }
            case names.class: if `class` == nil { `class` = value }
            case names.file: if file == nil { file = value }
            case names.line: if sourceLine == nil { sourceLine = value }
            case names.time: if time == nil { time = value }
            case names.timestamp: if timestamp == nil { timestamp = value }
            case names.flaky: if flaky == nil { flaky = value }
            case names.status: if status == nil { status = value }
            case names.disabled: if disabled == nil { disabled = value }
            case names.requirement: if requirement == nil { requirement = value }
            default: break
            }
        }
        let reusedClassname =
            classname.map { XMLAttributes.decode($0, reusing: lastClassname) }
            ?? `class`.map { XMLAttributes.decode($0, reusing: lastClassname) }
        lastClassname = reusedClassname
        var properties: [Property] = []
        if let requirement {
            properties.append(
                Property(name: "requirement", value: XMLAttributes.decode(requirement), origin: .attribute))
        }
        return TestCaseState(
            name: name.map(XMLAttributes.decode), classname: reusedClassname, file: file.map(XMLAttributes.decode),
            sourceLine: sourceLine.flatMap { Int(XMLAttributes.decode($0).trimmingSpaces()) }, reportLine: line,
            duration: duration(time, line: line), timestamp: timestamp.map(XMLAttributes.decode),
            markedFlaky: flaky.map { XMLAttributes.equalsIgnoringCase($0, "true") } ?? false,
            disabled: status.map { value in
                ["disabled", "notrun", "skipped", "ignored"].contains { XMLAttributes.equalsIgnoringCase(value, $0) }
            } ?? false || disabled.map { XMLAttributes.equalsIgnoringCase($0, "true") } ?? false,
            properties: properties)
    }

    mutating func closeResult() {
        // Moved out, not copied: a copy would retain every string and capture it holds.
        guard let closed = result.take() else { return }
        switch closed.kind.origin {
        case .testCase: testCase?.results.append(closed)
        case .flakyRun: testCase?.flakyRuns.append(closed)
        case .rerun: testCase?.reruns.append(closed)
        }
    }

    mutating func closeProperty() {
        guard let closed = property.take() else { return }
        if closed.shared { return }
        if testCase == nil, let open = suites.indices.last { suites[open].settleProperties() }
        let value = closed.value ?? closed.text.text(keep: options.storedTextBytes) ?? ""
        let item = Property(name: closed.name ?? "", value: value)
        if testCase != nil {
            testCase?.properties.append(item)
        } else if let open = suites.indices.last, suites[open].isSuite {
            suites[open].suite?.properties.append(item)
        } else {
            run.properties.append(item)
        }
    }

    mutating func closeTestCase() {
        guard !suites.isEmpty, var state = testCase.take(), var open = suites.popLast() else { return }
        // The open suite is moved out while the test is added and moved back after: its fields
        // are read and changed in place, never copied (a copy retains every array it holds).
        add(&state, to: &open)
        suites.append(consume open)
    }

    private mutating func add(_ state: inout TestCaseState, to open: inout SuiteState) {
        let keep = options.storedTextBytes
        if state.name == nil {
            warn(.missingName, line: state.reportLine, "a testcase has no name; it is read with an empty one")
        }
        var attempts: [Attempt] = []
        // Rows take the attempts' values, so one array serves every test; test cases keep theirs.
        if emitsRows { swap(&attempts, &reusedAttempts) }
        attempts.reserveCapacity(state.flakyRuns.count + 1 + state.reruns.count)
        // Rows leave every fingerprint to the writing thread, which has the time to spare.
        let later = emitsRows
        for run in state.flakyRuns { attempts.append(Self.attempt(from: run, keep: keep, fingerprintLater: later)) }
        let own = attempts.count
        attempts.append(Self.ownAttempt(state, keep: keep, fingerprintLater: later))
        for run in state.reruns { attempts.append(Self.attempt(from: run, keep: keep, fingerprintLater: later)) }

        var properties: [Property] = []
        swap(&properties, &state.properties)
        if let output = attempts[own].systemOut { properties += OutputMarkers.properties(in: output) }
        if let output = attempts[own].systemErr { properties += OutputMarkers.properties(in: output) }
        open.count(attempts[own].outcome)

        let classname = state.classname.take()
        let name = state.name.take() ?? ""
        let file = state.file.take()
        let hash = TestIdentity.hasher(
            classHash: classHash(suitePath: open.pathHash, classname: classname), name: name, file: file
        ).value
        var existing = open.firstCase(withHash: hash)
        if let found = existing, !open.isSame(found, classname, name, file) {
            // Two identities with one 64-bit hash: vanishingly rare, so a scan is fine.
            existing = open.firstTest(classname, name, file)
        }
        let limit = options.maxAttemptsPerTest
        if let existing {
            let room = max(0, limit - open.attemptCount(of: existing))
            if attempts.count > room {
                let identity = TestIdentity(suitePath: open.path, classname: classname, name: name, file: file)
                warn(
                    .tooManyAttempts, line: state.reportLine,
                    "\(identity) has more than \(limit) attempts; the rest are dropped")
            }
            if open.rows != nil {
                open.rows?.merge(
                    into: existing, attempts: attempts, attemptLimit: room, properties: properties,
                    markedFlaky: state.markedFlaky)
            } else {
                open.cases[existing].attempts += attempts.prefix(room)
                let known = open.cases[existing].properties
                open.cases[existing].properties += properties.filter { !known.contains($0) }
                open.cases[existing].markedFlaky = open.cases[existing].markedFlaky || state.markedFlaky
            }
        } else if open.rows != nil {
            // Read for its warning: the catalog keeps no per-test timestamp.
            _ = timestamp(state.timestamp, line: state.reportLine)
            open.note(hash)
            open.rows?.append(
                identityHash: hash, classname: classname, name: name, file: file, reportLine: state.reportLine,
                markedFlaky: state.markedFlaky, attempts: attempts, attemptLimit: limit, properties: properties)
        } else {
            if attempts.count > limit { attempts = Array(attempts.prefix(limit)) }
            let testCase = TestCase(
                identity: TestIdentity(suitePath: open.path, classname: classname, name: name, file: file),
                sourceLine: state.sourceLine, reportLine: state.reportLine,
                timestamp: timestamp(state.timestamp, line: state.reportLine), properties: properties,
                attempts: attempts, markedFlaky: state.markedFlaky)
            open.append(testCase, hash: hash)
        }
        if emitsRows {
            attempts.removeAll(keepingCapacity: true)
            swap(&attempts, &reusedAttempts)
        }
    }

    /// The identity hash up to the class name: the suite path's part was made when the suite
    /// opened, and the class name's is the last test case's when the bytes are the same.
    ///
    /// The cache is read in place, not copied out: a copy retains the class name, a string the
    /// writing thread retains and releases too, so each retain waits for the other core.
    private mutating func classHash(suitePath: FNV1a64, classname: String?) -> FNV1a64 {
        if let hash = lastClassHash?.hash, lastClassHash?.suitePath == suitePath.value,
            lastClassHash?.classname.hasSameBytes(as: classname) == true
        {
            return hash
        }
        let hash = TestIdentity.classHasher(suitePath: suitePath, classname: classname)
        lastClassHash = (suitePath.value, classname ?? "", hash)
        return hash
    }

    /// The test case's own result: error over failure over skipped; passed without any. Its
    /// duration, issue count and outputs are the test case's.
    @inline(__always)
    private static func ownAttempt(_ state: TestCaseState, keep: Int, fingerprintLater: Bool) -> Attempt {
        let own = OwnFacts(
            duration: state.duration, issueCount: state.results.count { $0.kind != .skipped },
            systemOut: state.systemOut.text(keep: keep), systemErr: state.systemErr.text(keep: keep))
        if let deciding = Self.deciding(state.results) {
            return Self.attempt(
                from: state.results[deciding], keep: keep, own: own, fingerprintLater: fingerprintLater)
        }
        return Attempt(
            outcome: state.disabled ? .skipped : .passed, duration: own.duration, systemOut: own.systemOut,
            systemErr: own.systemErr, issueCount: own.issueCount)
    }

    /// What the test case's own attempt takes from the test case rather than its result element.
    private struct OwnFacts {
        var duration: Double?
        var issueCount: Int
        var systemOut: String?
        var systemErr: String?
    }

    /// The index of the first error, else the first failure, else the first skip.
    private static func deciding(_ results: [ResultState]) -> Int? {
        results.firstIndex { $0.kind == .error } ?? results.firstIndex { $0.kind == .failure }
            ?? results.firstIndex { $0.kind == .skipped }
    }

    private static func attempt(
        from state: ResultState, keep: Int, own: OwnFacts? = nil, fingerprintLater: Bool
    ) -> Attempt {
        let body = state.body.text(keep: keep)
        var stack = state.stackTrace.text(keep: keep) ?? body
        var message = state.message.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        if message == nil, state.kind.outcome == .skipped {
            // Swift Testing writes the skip comment as the element's text.
            message = stack
            stack = nil
        } else if message == nil, let stack {
            message = stack.split(whereSeparator: \.isNewline).first.map { String($0).trimmingSpaces() }
        }
        let outcome = state.kind.outcome
        let failed = outcome == .failed || outcome == .error
        let fingerprint =
            failed && !fingerprintLater
            ? FailureFingerprint(type: state.type, message: state.message, stackTrace: stack) : nil
        var attempt = Attempt(
            outcome: outcome, origin: state.kind.origin, duration: own.map(\.duration) ?? state.duration,
            message: message, type: state.type, stackTrace: stack,
            systemOut: own.map(\.systemOut) ?? state.systemOut.text(keep: keep),
            systemErr: own.map(\.systemErr) ?? state.systemErr.text(keep: keep),
            issueCount: own?.issueCount ?? (outcome == .skipped ? 0 : 1), fingerprint: fingerprint)
        if failed && fingerprintLater {
            // `message` is the attribute exactly when the attribute has more than spaces.
            let ownMessage = state.message.map { !$0.trimmingSpaces().isEmpty } ?? false
            attempt.pendingFingerprint = ownMessage ? .message : .stack
        }
        return attempt
    }

    // MARK: - Ends

    /// After a break: drops the unfinished test case and closes every open suite with what it
    /// held.
    mutating func closeEverything() {
        testCase = nil
        result = nil
        property = nil
        frames = []
        frameLines = []
        while let state = suites.popLast() {
            finishSuite(state)
        }
    }

    mutating func finishRun() {
        if run.timestamp == nil {
            run.timestamp = earliestSuite
        }
    }
}
