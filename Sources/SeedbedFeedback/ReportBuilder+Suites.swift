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
        suites.append(
            SuiteState(suite: suite, index: index, path: path, pathHash: pathHash, declared: declared, line: line))
    }

    mutating func closeSuite() {
        guard let state = suites.popLast() else { return }
        finishSuite(state)
    }

    /// Checks the declared counts, numbers repeated identities and hands the suite on.
    mutating func finishSuite(_ state: SuiteState) {
        if let parent = suites.indices.last, let counted = state.counted.tests {
            suites[parent].counted.tests? += counted
            suites[parent].counted.failures? += state.counted.failures ?? 0
            suites[parent].counted.errors? += state.counted.errors ?? 0
            suites[parent].counted.skipped? += state.counted.skipped ?? 0
        }
        checkDeclared(state)
        var cases = state.cases
        for (index, key) in state.hashes.enumerated() {
            if seenIdentities.insert(key) { continue }
            let earlier = repeatedIdentities[key, default: 1]
            cases[index].occurrence = earlier
            repeatedIdentities[key] = earlier + 1
        }
        if let index = state.index, let suite = state.suite { run.suites[index] = suite }
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

    private mutating func testCaseState(_ attributes: XMLAttributes, line: Int) -> TestCaseState {
        var state = TestCaseState(reportLine: line)
        state.name = attributes.string(names.name)
        state.classname =
            attributes.string(names.classname, reusing: lastClassname)
            ?? attributes.string(names.class, reusing: lastClassname)
        lastClassname = state.classname
        state.file = attributes.string(names.file)
        state.sourceLine = attributes.string(names.line).flatMap { Int($0.trimmingSpaces()) }
        state.duration = duration(attributes.bytes(names.time), line: line)
        state.timestamp = attributes.string(names.timestamp)
        state.markedFlaky = attributes.equalsIgnoringCase(names.flaky, "true")
        state.disabled =
            attributes.equalsIgnoringCase(names.status, anyOf: "disabled", "notrun", "skipped", "ignored")
            || attributes.equalsIgnoringCase(names.disabled, "true")
        if let requirement = attributes.string(names.requirement) {
            state.properties.append(Property(name: "requirement", value: requirement, origin: .attribute))
        }
        return state
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
        let value = closed.value ?? closed.text.text(keep: options.storedTextBytes) ?? ""
        let item = Property(name: closed.name ?? "", value: value)
        if testCase != nil {
            testCase?.properties.append(item)
        } else if let open = suites.indices.last, suites[open].suite != nil {
            suites[open].suite?.properties.append(item)
        } else {
            run.properties.append(item)
        }
    }

    mutating func closeTestCase() {
        guard !suites.isEmpty, let state = testCase.take() else { return }
        let keep = options.storedTextBytes
        if state.name == nil {
            warn(.missingName, line: state.reportLine, "a testcase has no name; it is read with an empty one")
        }
        let identity = TestIdentity(
            suitePath: suites[suites.count - 1].path, classname: state.classname, name: state.name ?? "",
            file: state.file)
        let own = Self.ownAttempt(state, keep: keep)
        var attempts: [Attempt] = []
        attempts.reserveCapacity(state.flakyRuns.count + 1 + state.reruns.count)
        for run in state.flakyRuns { attempts.append(Self.attempt(from: run, keep: keep)) }
        attempts.append(own)
        for run in state.reruns { attempts.append(Self.attempt(from: run, keep: keep)) }

        var properties = state.properties
        if let output = own.systemOut { properties += OutputMarkers.properties(in: output) }
        if let output = own.systemErr { properties += OutputMarkers.properties(in: output) }
        count(own.outcome)

        let suite = suites.count - 1
        let hash = TestIdentity.hasher(
            classHash: classHash(suitePath: suites[suite].pathHash, classname: identity.classname ?? ""),
            name: identity.name, file: identity.file
        ).value
        var existing = suites[suite].firstCase(withHash: hash)
        if let found = existing, suites[suite].cases[found].identity != identity {
            // Two identities with one 64-bit hash: vanishingly rare, so a scan is fine.
            existing = suites[suite].cases.firstIndex { $0.identity == identity }
        }
        if let existing {
            var merged = suites[suite].cases[existing]
            let room = max(0, options.maxAttemptsPerTest - merged.attempts.count)
            if attempts.count > room {
                warn(
                    .tooManyAttempts, line: state.reportLine,
                    "\(identity) has more than \(options.maxAttemptsPerTest) attempts; the rest are dropped")
            }
            merged.attempts += attempts.prefix(room)
            merged.properties += properties.filter { !merged.properties.contains($0) }
            merged.markedFlaky = merged.markedFlaky || state.markedFlaky
            suites[suite].cases[existing] = merged
        } else {
            let testCase = TestCase(
                identity: identity, sourceLine: state.sourceLine, reportLine: state.reportLine,
                timestamp: timestamp(state.timestamp, line: state.reportLine), properties: properties,
                attempts: attempts.count > options.maxAttemptsPerTest
                    ? Array(attempts.prefix(options.maxAttemptsPerTest)) : attempts,
                markedFlaky: state.markedFlaky)
            suites[suite].append(testCase, hash: hash)
        }
    }

    /// The identity hash up to the class name: the suite path's part was made when the suite
    /// opened, and the class name's is the last test case's when the bytes are the same.
    private mutating func classHash(suitePath: FNV1a64, classname: String) -> FNV1a64 {
        if let last = lastClassHash, last.suitePath == suitePath.value, last.classname.hasSameBytes(as: classname) {
            return last.hash
        }
        let hash = TestIdentity.classHasher(suitePath: suitePath, classname: classname)
        lastClassHash = (suitePath.value, classname, hash)
        return hash
    }

    /// Counts a test case element in its suite by its own result, for the declared counts.
    private mutating func count(_ outcome: Outcome) {
        let suite = suites.count - 1
        suites[suite].counted.tests? += 1
        switch outcome {
        case .failed: suites[suite].counted.failures? += 1
        case .error: suites[suite].counted.errors? += 1
        case .skipped: suites[suite].counted.skipped? += 1
        case .passed: break
        }
    }

    /// The test case's own result: error over failure over skipped; passed without any.
    private static func ownAttempt(_ state: TestCaseState, keep: Int) -> Attempt {
        var attempt: Attempt
        if let deciding = Self.deciding(state.results) {
            attempt = Self.attempt(from: deciding, keep: keep)
        } else {
            attempt = Attempt(outcome: state.disabled ? .skipped : .passed)
        }
        attempt.duration = state.duration
        attempt.issueCount = state.results.count { $0.kind != .skipped }
        attempt.systemOut = state.systemOut.text(keep: keep)
        attempt.systemErr = state.systemErr.text(keep: keep)
        return attempt
    }

    /// The first error, else the first failure, else the first skip.
    private static func deciding(_ results: [ResultState]) -> ResultState? {
        results.first { $0.kind == .error } ?? results.first { $0.kind == .failure }
            ?? results.first { $0.kind == .skipped }
    }

    private static func attempt(from state: ResultState, keep: Int) -> Attempt {
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
        var attempt = Attempt(
            outcome: state.kind.outcome, origin: state.kind.origin, duration: state.duration, message: message,
            type: state.type, stackTrace: stack, systemOut: state.systemOut.text(keep: keep),
            systemErr: state.systemErr.text(keep: keep), issueCount: state.kind.outcome == .skipped ? 0 : 1)
        if attempt.outcome == .failed || attempt.outcome == .error {
            attempt.fingerprint = FailureFingerprint(type: state.type, message: state.message, stackTrace: stack)
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
