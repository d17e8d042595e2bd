import SeedbedCatalog

extension TestRowBuffer {
    /// Adds the suite's tests to `writer`, in order: the rows `TestRunWriter.add` writes for the
    /// records of the same tests read as `TestCase`s (`TestResultRecord(_:reportFile:)`), bound
    /// from the arena. The failures' fingerprints are made here, from the bytes.
    func write(to writer: TestRunWriter) throws(CatalogError) {
        // The suite path and report file the writer keeps and passes on per test are its own
        // copies, and the columns are read through pointers: the writing thread touches no
        // reference count of the reading thread's objects per test (retains of the suite path,
        // whose memory lies beside what the reading thread is using, made that thread's own
        // releases wait on the other core: 0.1 s of its time).
        let suitePath = suitePath.map { String(decoding: $0.utf8, as: UTF8.self) }
        let reportFile = String(decoding: reportFile.utf8, as: UTF8.self)
        try tests.withUnsafeBufferPointer { tests throws(CatalogError) in
            try attempts.withUnsafeBufferPointer { attempts throws(CatalogError) in
                try arena.withUnsafeBufferPointer { arena throws(CatalogError) in
                    try Rows(
                        tests: tests, attempts: attempts, properties: properties, suitePath: suitePath,
                        reportFile: reportFile, arena: arena, writer: writer
                    )
                    .write()
                }
            }
        }
    }

    /// The buffer's parts, as the writing thread reads them.
    private struct Rows {
        let tests: UnsafeBufferPointer<Test>
        let attempts: UnsafeBufferPointer<AttemptRow>
        let properties: [Int: [Property]]
        let suitePath: [String]
        let reportFile: String
        let arena: UnsafeBufferPointer<UInt8>
        let writer: TestRunWriter

        func write() throws(CatalogError) {
            var classnameMayNameRules = false
            for test in tests.indices {
                try write(test)
                if test == 0 || tests[test - 1].classname != tests[test].classname {
                    classnameMayNameRules = mayNameRules(tests[test].classname)
                }
                // Most tests have no links: no properties, and neither name has a `[` or `@`.
                if tests[test].hasProperties || classnameMayNameRules || mayNameRules(tests[test].name) {
                    try addLinks(of: test)
                }
            }
        }

        /// The links in the record's order: rules, scenarios, records, datasets.
        private func addLinks(of test: Int) throws(CatalogError) {
            let links = TraceLinks(
                properties: tests[test].hasProperties ? properties[test] ?? [] : [],
                name: string(tests[test].name) ?? "", classname: string(tests[test].classname))
            for value in links.rules { try writer.addLink(.rule, value) }
            for value in links.scenarios { try writer.addLink(.scenario, value) }
            for value in links.records { try writer.addLink(.record, value) }
            for value in links.datasets { try writer.addLink(.dataset, value) }
        }

        /// Whether `text` has a `[` or an `@`, without which it names no rule.
        private func mayNameRules(_ text: Text) -> Bool {
            bytes(text).map(TraceLinks.mayNameRules) ?? false
        }

        private static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

        private func write(_ test: Int) throws(CatalogError) {
            let status = tests[test].status
            let first = tests[test].firstAttempt
            let range = first..<(first + tests[test].attemptCount)
            let isFailure = status == .failed || status == .error
            // The attempt whose message and type the result shows: the last failure or error of
            // a failed test, else the last attempt (`TestCase.decidingAttempt`).
            let deciding =
                isFailure
                ? range.last { attempts[$0].outcome == .failed || attempts[$0].outcome == .error } : range.last
            var duration: Double?
            for index in range {
                if let seconds = attempts[index].duration { duration = (duration ?? 0) + seconds }
            }
            let key = TestKey.hash(identityHash: tests[test].identityHash, occurrence: tests[test].occurrence)
            let decidingFingerprint = deciding.flatMap(fingerprint)
            // The only attempt, the test case element's, is kept in the result's row
            // (`TestResultRecord.isPlainAttempt`: its message, type and fingerprints are the test's).
            let plain =
                range.count == 1 && attempts[first].origin == .testCase && attempts[first].duration == duration
            // The tests of a class share their class name's bytes: the same range, the same group.
            let sameGroup = test > 0 && tests[test - 1].classname == tests[test].classname
            try writer.addTest(
                key: .hash(key), suitePath: suitePath, sameGroup: sameGroup, classname: bytes(tests[test].classname),
                name: bytes(tests[test].name) ?? Self.empty, file: bytes(tests[test].file),
                occurrence: tests[test].occurrence, reportFile: reportFile, reportLine: tests[test].reportLine,
                status: status.rawValue, attemptCount: range.count, duration: duration,
                message: deciding.flatMap { bytes(attempts[$0].message) },
                failureType: deciding.flatMap { bytes(attempts[$0].type) },
                fingerprint: isFailure ? decidingFingerprint?.fine : nil,
                coarseFingerprint: isFailure ? decidingFingerprint?.coarse : nil, plainAttempt: plain,
                normalizedMessage: plain ? decidingFingerprint?.normalizedMessage : nil,
                frames: plain ? decidingFingerprint?.frames : nil)
            guard !plain else { return }
            for index in range {
                let fingerprint = index == deciding ? decidingFingerprint : fingerprint(of: index)
                try writer.addAttempt(
                    index - first, outcome: attempts[index].outcome.rawValue, origin: attempts[index].origin.rawValue,
                    duration: attempts[index].duration, message: bytes(attempts[index].message),
                    failureType: bytes(attempts[index].type), fingerprint: fingerprint?.fine,
                    coarseFingerprint: fingerprint?.coarse, normalizedMessage: fingerprint?.normalizedMessage,
                    frames: fingerprint?.frames)
            }
        }

        /// A failed or errored attempt's fingerprint, from its bytes: the one reading would make
        /// (`FailureFingerprint(type:message:stackTrace:)`, with the message only when the
        /// element had one of its own).
        private func fingerprint(of attempt: Int) -> FailureFingerprint? {
            guard let pending = attempts[attempt].pendingFingerprint else { return nil }
            return FailureFingerprint(
                type: string(attempts[attempt].type),
                message: pending == .message ? string(attempts[attempt].message) : nil,
                stackTrace: string(attempts[attempt].stack))
        }

        private func string(_ text: Text) -> String? {
            bytes(text).map { String(decoding: $0, as: UTF8.self) }
        }

        private func bytes(_ text: Text) -> UnsafeBufferPointer<UInt8>? {
            guard text.count >= 0 else { return nil }
            return UnsafeBufferPointer(rebasing: arena[text.offset..<(text.offset + text.count)])
        }
    }
}
