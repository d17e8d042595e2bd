import SeedbedCatalog

extension TestRowBuffer {
    /// Adds the suite's tests to `writer`, in order: the rows `TestRunWriter.add` writes for the
    /// records of the same tests read as `TestCase`s (`TestResultRecord(_:reportFile:)`), bound
    /// from the arena. The failures' fingerprints are made here, from the bytes.
    func write(to writer: TestRunWriter) throws(CatalogError) {
        try arena.withUnsafeBufferPointer { arena throws(CatalogError) in
            var link = 0
            for test in tests.indices {
                try write(test, arena: arena, to: writer)
                while link < links.count, links[link].test == test {
                    try writer.addDistinctLink(links[link].kind, bytes(links[link].value, arena) ?? Self.empty)
                    link += 1
                }
            }
        }
    }

    private static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    private func write(_ test: Int, arena: UnsafeBufferPointer<UInt8>, to writer: TestRunWriter) throws(CatalogError) {
        let status = tests[test].status
        let first = tests[test].firstAttempt
        let range = first..<(first + tests[test].attemptCount)
        let isFailure = status == .failed || status == .error
        // The attempt whose message and type the result shows: the last failure or error of a
        // failed test, else the last attempt (`TestCase.decidingAttempt`).
        let deciding =
            isFailure
            ? range.last { attempts[$0].outcome == .failed || attempts[$0].outcome == .error } : range.last
        var duration: Double?
        for index in range {
            if let seconds = attempts[index].duration { duration = (duration ?? 0) + seconds }
        }
        let key = TestKey.hash(identityHash: tests[test].identityHash, occurrence: tests[test].occurrence)
        let decidingFingerprint = deciding.flatMap { fingerprint(of: $0, arena) }
        // The only attempt, the test case element's, is kept in the result's row
        // (`TestResultRecord.isPlainAttempt`: its message, type and fingerprints are the test's).
        let plain = range.count == 1 && attempts[first].origin == .testCase && attempts[first].duration == duration
        // The tests of a class share their class name's bytes: the same range, the same group.
        let sameGroup = test > 0 && tests[test - 1].classname == tests[test].classname
        try writer.addTest(
            key: .hash(key), suitePath: suitePath, sameGroup: sameGroup, classname: bytes(tests[test].classname, arena),
            name: bytes(tests[test].name, arena) ?? Self.empty, file: bytes(tests[test].file, arena),
            occurrence: tests[test].occurrence, reportFile: reportFile, reportLine: tests[test].reportLine,
            status: status.rawValue, attemptCount: range.count, duration: duration,
            message: deciding.flatMap { bytes(attempts[$0].message, arena) },
            failureType: deciding.flatMap { bytes(attempts[$0].type, arena) },
            fingerprint: isFailure ? decidingFingerprint?.fine : nil,
            coarseFingerprint: isFailure ? decidingFingerprint?.coarse : nil, plainAttempt: plain,
            normalizedMessage: plain ? decidingFingerprint?.normalizedMessage : nil,
            frames: plain ? decidingFingerprint?.frames : nil)
        guard !plain else { return }
        for index in range {
            let fingerprint = index == deciding ? decidingFingerprint : fingerprint(of: index, arena)
            try writer.addAttempt(
                index - first, outcome: attempts[index].outcome.rawValue, origin: attempts[index].origin.rawValue,
                duration: attempts[index].duration, message: bytes(attempts[index].message, arena),
                failureType: bytes(attempts[index].type, arena), fingerprint: fingerprint?.fine,
                coarseFingerprint: fingerprint?.coarse, normalizedMessage: fingerprint?.normalizedMessage,
                frames: fingerprint?.frames)
        }
    }

    /// A failed or errored attempt's fingerprint (`Attempt.settledFingerprint`), from its bytes.
    private func fingerprint(of attempt: Int, _ arena: UnsafeBufferPointer<UInt8>) -> FailureFingerprint? {
        guard let pending = attempts[attempt].pendingFingerprint else { return nil }
        return FailureFingerprint(
            type: string(attempts[attempt].type, arena),
            message: pending == .message ? string(attempts[attempt].message, arena) : nil,
            stackTrace: string(attempts[attempt].stack, arena))
    }

    private func string(_ text: Text, _ arena: UnsafeBufferPointer<UInt8>) -> String? {
        bytes(text, arena).map { String(decoding: $0, as: UTF8.self) }
    }

    private func bytes(_ text: Text, _ arena: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard text.count >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: arena[text.offset..<(text.offset + text.count)])
    }
}
