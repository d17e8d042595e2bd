import SeedbedCatalog

extension TestRowBuffer {
    /// Adds the suite's tests to `writer`, in order: the rows `TestRunWriter.add` writes for the
    /// records of the same tests read as `TestCase`s (`TestResultRecord(_:reportFile:)`), bound
    /// from the arena. The failures' fingerprints are made here, from the bytes.
    func write(to writer: TestRunWriter) throws(CatalogError) {
        try arena.withUnsafeBufferPointer { arena throws(CatalogError) in
            var link = 0
            for test in 0..<count {
                try write(test, arena: arena, to: writer)
                while link < linkTests.count, linkTests[link] == test {
                    try writer.addDistinctLink(linkKinds[link], bytes(linkValues[link], arena) ?? .init(start: nil, count: 0))
                    link += 1
                }
            }
        }
    }

    private func write(_ test: Int, arena: UnsafeBufferPointer<UInt8>, to writer: TestRunWriter) throws(CatalogError) {
        let status = statuses[test]
        let first = firstAttempts[test]
        let attempts = first..<(first + attemptCounts[test])
        let isFailure = status == .failed || status == .error
        // The attempt whose message and type the result shows: the last failure or error of a
        // failed test, else the last attempt (`TestCase.decidingAttempt`).
        let deciding =
            isFailure ? attempts.last { outcomes[$0] == .failed || outcomes[$0] == .error } : attempts.last
        var duration: Double?
        for index in attempts {
            if let seconds = durations[index] { duration = (duration ?? 0) + seconds }
        }
        let key = TestKey.hash(identityHash: identityHashes[test], occurrence: occurrences[test])
        let decidingFingerprint = deciding.flatMap { fingerprint(of: $0) }
        // The only attempt, the test case element's, is kept in the result's row
        // (`TestResultRecord.isPlainAttempt`: its message, type and fingerprints are the test's).
        let plain = attempts.count == 1 && origins[first] == .testCase && durations[first] == duration
        try writer.addTest(
            key: .hash(key), suitePath: suitePath, classname: bytes(classnames[test], arena),
            name: bytes(names[test], arena) ?? UnsafeBufferPointer(start: nil, count: 0),
            file: bytes(files[test], arena), occurrence: occurrences[test], reportFile: reportFile,
            reportLine: reportLines[test], status: status.rawValue, attemptCount: attempts.count, duration: duration,
            message: deciding.flatMap { bytes(messages[$0], arena) },
            failureType: deciding.flatMap { bytes(types[$0], arena) },
            fingerprint: isFailure ? decidingFingerprint?.fine : nil,
            coarseFingerprint: isFailure ? decidingFingerprint?.coarse : nil, plainAttempt: plain,
            normalizedMessage: plain ? decidingFingerprint?.normalizedMessage : nil,
            frames: plain ? decidingFingerprint?.frames : nil)
        guard !plain else { return }
        for index in attempts {
            let fingerprint = index == deciding ? decidingFingerprint : fingerprint(of: index)
            try writer.addAttempt(
                index - first, outcome: outcomes[index].rawValue, origin: origins[index].rawValue,
                duration: durations[index], message: bytes(messages[index], arena),
                failureType: bytes(types[index], arena), fingerprint: fingerprint?.fine,
                coarseFingerprint: fingerprint?.coarse, normalizedMessage: fingerprint?.normalizedMessage,
                frames: fingerprint?.frames)
        }
    }

    /// A failed or errored attempt's fingerprint (`Attempt.settledFingerprint`).
    private func fingerprint(of attempt: Int) -> FailureFingerprint? {
        guard let pending = pendingFingerprints[attempt] else { return nil }
        return FailureFingerprint(
            type: string(types[attempt]), message: pending == .message ? string(messages[attempt]) : nil,
            stackTrace: string(stacks[attempt]))
    }

    private func bytes(_ text: Text, _ arena: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        guard text.count >= 0 else { return nil }
        return UnsafeBufferPointer(rebasing: arena[text.offset..<(text.offset + text.count)])
    }
}
