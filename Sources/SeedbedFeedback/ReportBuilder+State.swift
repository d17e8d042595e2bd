/// The pieces of a report still being read: open suites, the test case and the result element
/// inside it, and bounded text captures.
extension ReportBuilder {
    /// What each open element is, so text and end tags go to the right place.
    enum Frame {
        case root
        case suite
        case testCase
        case properties
        case property
        case result
        case stackTrace
        case systemOut
        case systemErr
        case ignored
    }

    /// Text kept up to a bound, with the total seen for the element limit.
    struct TextCapture {
        private(set) var bytes: [UInt8] = []
        private(set) var total = 0

        /// Appends; false when the element's text passes `limit`.
        mutating func append(_ pointer: UnsafePointer<UInt8>, count: Int, keep: Int, limit: Int) -> Bool {
            total += count
            if bytes.count < keep + 4 {
                let room = keep + 4 - bytes.count
                bytes.append(contentsOf: UnsafeBufferPointer(start: pointer, count: min(room, count)))
            }
            return total <= limit
        }

        var isEmpty: Bool { total == 0 }

        /// Trimmed, and cut at a character boundary with a marker past `keep` bytes.
        func text(keep: Int) -> String? {
            guard total > 0 else { return nil }
            var kept = bytes
            var cut = false
            if total > keep, kept.count > keep {
                var end = keep
                while end > 0, kept[end] & 0xC0 == 0x80 { end -= 1 }
                kept.removeSubrange(end...)
                cut = true
            }
            let text = Self.trimmedString(kept)
            if cut { return text + "\n… [cut: \(total) bytes in all]" }
            return text.isEmpty ? nil : text
        }

        /// `String(decoding: bytes, as: UTF8.self).trimmingSpaces()`, without the untrimmed
        /// string when both trimmed ends are ASCII (most texts: a stack trace starts and ends
        /// with a line break and indentation). Decoding is local, so bytes between two ASCII
        /// ones decode the same alone as within the whole.
        static func trimmedString(_ bytes: [UInt8]) -> String {
            bytes.withUnsafeBufferPointer { buffer in
                let trimmed = trimmingASCIISpaces(buffer)
                guard let first = trimmed.first, let last = trimmed.last else { return "" }
                guard first < 0x80, last < 0x80 else { return String(decoding: buffer, as: UTF8.self).trimmingSpaces() }
                return String(decoding: trimmed, as: UTF8.self)
            }
        }
    }

    /// A `failure`, `error` or `skipped` child of a test case, or one of Surefire's rerun and
    /// flaky elements.
    struct ResultState {
        enum Kind {
            case failure, error, skipped
            case flakyFailure, flakyError, rerunFailure, rerunError

            var outcome: Outcome {
                switch self {
                case .failure, .flakyFailure, .rerunFailure: .failed
                case .error, .flakyError, .rerunError: .error
                case .skipped: .skipped
                }
            }

            var origin: Attempt.Origin {
                switch self {
                case .failure, .error, .skipped: .testCase
                case .flakyFailure, .flakyError: .flakyRun
                case .rerunFailure, .rerunError: .rerun
                }
            }
        }

        var kind: Kind
        var message: String?
        var type: String?
        var duration: Double?
        var body = TextCapture()
        var stackTrace = TextCapture()
        var systemOut = TextCapture()
        var systemErr = TextCapture()
    }

    struct TestCaseState {
        var name: String?
        var classname: String?
        var file: String?
        var sourceLine: Int?
        var reportLine: Int
        var duration: Double?
        var timestamp: String?
        var markedFlaky = false
        var disabled = false
        var properties: [Property] = []
        /// The test case's own `failure`/`error`/`skipped` children.
        var results: [ResultState] = []
        var flakyRuns: [ResultState] = []
        var reruns: [ResultState] = []
        var systemOut = TextCapture()
        var systemErr = TextCapture()
    }

    struct SuiteState {
        /// The suite as read so far; nil for the `testsuites` root holding test cases itself.
        var suite: TestSuite?
        /// Index in `run.suites`, when the run keeps its suites.
        var index: Int?
        var path: [String]
        /// The path's hash, which starts the hash of every identity in the suite.
        var pathHash = FNV1a64()
        var cases: [TestCase] = []
        /// The suite's tests as catalog rows, in place of `cases`, when the builder emits rows
        /// (the ingest).
        var rows: TestRowBuffer?
        /// Each case's identity hash (add cases with `append`): finding a repeated test case
        /// compares 8-byte hashes, not the identity's strings.
        var hashes: [UInt64] = []
        /// Where each hash's first case is, once the suite has more than `scanLimit` cases.
        var caseIndex: [UInt64: Int]?
        /// A 256-bit filter of `hashes` (one bit each, from the hash's top byte) for the scan: a
        /// hash whose bit is clear is new without reading `hashes`, and most are (a suite's
        /// tests have distinct names; with fifty of them four bits in five are still clear).
        var hashFilter = SIMD4<UInt64>(repeating: 0)
        /// Test case elements in this suite and the suites inside it, by their own outcome.
        var counted = DeclaredCounts(tests: 0, failures: 0, errors: 0, skipped: 0)
        var declared: DeclaredCounts
        var line: Int
        /// How many of the suite's first properties are `propertySource`'s (not yet in `suite`).
        var sharedProperties = 0
        var propertySource: [Property] = []

        /// Up to this many cases, a scan of `hashes` finds a repeat: most suites hold tens of
        /// tests, and a dictionary per suite costs its allocations and rehashing as it grows.
        static let scanLimit = 64

        /// Whether this is a `testsuite` element (not the `testsuites` root), without copying
        /// the suite out to compare it.
        var isSuite: Bool {
            if case .some = suite { return true }
            return false
        }

        /// The index of the first case whose identity hash is `hash`.
        func firstCase(withHash hash: UInt64) -> Int? {
            if let caseIndex { return caseIndex[hash] }
            guard hashFilter[Int(truncatingIfNeeded: hash >> 62)] & Self.filterBit(hash) != 0 else { return nil }
            return hashes.firstIndex(of: hash)
        }

        private static func filterBit(_ hash: UInt64) -> UInt64 { 1 << (hash >> 56 & 63) }

        /// Whether a suite property with these attributes is the next of the properties this
        /// suite shares with `previous` (the last suite's): its name and value have the bytes of
        /// the property at the same place there, and every property before it was shared too.
        /// Such properties are only counted, and become the suite's with `settleProperties()`.
        mutating func sharesProperty(_ attributes: XMLAttributes, names: XMLNames, previous: [Property]) -> Bool {
            guard suite?.properties.isEmpty == true else { return false }
            if sharedProperties == 0 { propertySource = previous }
            guard sharedProperties < propertySource.count, let name = attributes.bytes(names.name),
                let value = attributes.bytes(names.value)
            else { return false }
            let candidate = propertySource[sharedProperties]
            guard Self.holds(candidate.name, name), Self.holds(candidate.value, value) else { return false }
            sharedProperties += 1
            return true
        }

        /// Whether `text` holds exactly `bytes`, a raw attribute value with no reference left in
        /// it (an `&` is decoded into other bytes).
        private static func holds(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            !containsAmpersand(bytes)
                && text.utf8.withContiguousStorageIfAvailable { sameBytes($0, bytes) } == true
        }

        /// Makes the shared properties the suite's own: the whole array of the last suite when
        /// they are all of it, else a copy of the part shared.
        mutating func settleProperties() {
            guard sharedProperties > 0, suite != nil else { return }
            if sharedProperties == propertySource.count {
                suite?.properties = propertySource
            } else {
                suite?.properties = Array(propertySource[..<sharedProperties])
            }
            sharedProperties = 0
            propertySource = []
        }

        /// Room for the tests the suite declares, up to `reserveLimit`: its arrays of cases and
        /// hashes then grow once rather than seven times for fifty tests, each time moving
        /// every case. A suite holding suites declares their tests too, so the room is
        /// capped: a wrong or hostile count costs at most that much, for as long as the suite
        /// is open.
        mutating func reserve(declaredTests: Int?) {
            guard let declaredTests, declaredTests > 0 else { return }
            let count = min(declaredTests, Self.reserveLimit)
            if rows != nil {
                rows?.reserve(tests: count)
            } else {
                cases.reserveCapacity(count)
            }
            hashes.reserveCapacity(count)
        }

        static let reserveLimit = 256

        /// Counts a test case element by its own result, for the declared counts.
        mutating func count(_ outcome: Outcome) {
            counted.tests? += 1
            switch outcome {
            case .failed: counted.failures? += 1
            case .error: counted.errors? += 1
            case .skipped: counted.skipped? += 1
            case .passed: break
            }
        }

        mutating func append(_ testCase: consuming TestCase, hash: UInt64) {
            note(hash)
            cases.append(testCase)
        }

        /// Notes the identity hash of the next test added (to `cases` or `rows`).
        mutating func note(_ hash: UInt64) {
            if caseIndex == nil, hashes.count >= Self.scanLimit {
                var index: [UInt64: Int] = [:]
                for (position, known) in hashes.enumerated() where index[known] == nil { index[known] = position }
                caseIndex = index
            }
            if caseIndex?[hash] == nil { caseIndex?[hash] = hashes.count }
            hashes.append(hash)
            hashFilter[Int(truncatingIfNeeded: hash >> 62)] |= Self.filterBit(hash)
        }

        /// Whether test `index` has these identity parts (the suite path is the suite's).
        func isSame(_ index: Int, _ classname: String?, _ name: String, _ file: String?) -> Bool {
            // Read through the optional, not bound to a copy (which would retain every array).
            if rows != nil { return rows?.isSame(index, classname, name, file) == true }
            return cases[index].identity.isSame(path, classname, name, file)
        }

        /// The first test with these identity parts.
        func firstTest(_ classname: String?, _ name: String, _ file: String?) -> Int? {
            if rows != nil { return rows?.firstTest(classname, name, file) }
            return cases.firstIndex { $0.identity.isSame(path, classname, name, file) }
        }

        func attemptCount(of index: Int) -> Int {
            rows?.attemptCount(of: index) ?? cases[index].attempts.count
        }
    }

    struct PropertyState {
        var name: String?
        var value: String?
        var text = TextCapture()
        /// The next of the suite's shared properties (see `SuiteState.sharesProperty`): its name
        /// and value are not read again.
        var shared = false
    }
}
