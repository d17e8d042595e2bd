import CLibXML2
import FoundationEssentials

/// Turns the parser's events into suites and test cases, one suite at a time, so memory holds
/// only the open suites and never the whole document.
struct ReportBuilder {
    let options: JUnitParseOptions
    let file: String
    let reader: XMLStreamReader
    let names: XMLNames
    private let input: XMLInput
    /// Where each suite's tests go when the suite's end tag is read.
    let emitter: Emitter
    /// The attempts array each test's are built in when they become rows.
    var reusedAttempts: [Attempt] = []
    /// Whether `run.suites` lists the suites (not when streaming).
    let keepSuites: Bool

    var run: TestRun
    var frames: [Frame] = []
    /// The line each open frame started on.
    var frameLines: [Int] = []
    var suites: [SuiteState] = []
    var testCase: TestCaseState?
    var result: ResultState?
    var property: PropertyState?
    /// The last test case's class name, shared by the next one when it is the same text.
    var lastClassname: String?
    /// The identity hash up to the class name of the last test case, and the suite path hash
    /// and class name it was made from: the tests of a class hash its name once.
    var lastClassHash: (suitePath: UInt64, classname: String, hash: FNV1a64)?
    private(set) var rootSeen = false
    /// The identities (by hash: 8 bytes per test) seen in earlier suite elements.
    var seenIdentities = SuiteIdentities()
    /// The properties of the last suite that had any: the next suite's are most often the same
    /// (Surefire writes the JVM's facts in every suite), and then share its strings and array.
    var lastSuiteProperties: [Property] = []
    /// The earliest suite timestamp, for a run whose root has none.
    var earliestSuite: Date?
    /// Bytes of character data since the last tag, and the line it started on: the text of one
    /// node in the element limit's sense, wherever it goes.
    private var textRun = 0
    private var textLine = 0

    init(
        input: XMLInput, reader: XMLStreamReader, options: JUnitParseOptions, keepSuites: Bool,
        emitter: Emitter
    ) {
        self.options = options
        self.file = input.name
        self.input = input
        self.reader = reader
        self.names = XMLNames(reader)
        self.keepSuites = keepSuites
        self.emitter = emitter
        self.run = TestRun(file: input.name)
    }

    /// Whether the emitter takes rows (then each open suite fills a `TestRowBuffer`).
    var emitsRows: Bool {
        if case .rows = emitter { return true }
        return false
    }

    /// What the builder hands each finished suite's tests to. One state machine reads every
    /// dialect either way: the emitter sees finished tests, never the parser's events.
    enum Emitter {
        /// The suite, its test cases and their identity hashes (`TestIdentity.hasher`):
        /// `JUnitParser.parse`, `stream` and the dry run.
        case testCases((TestSuite, [TestCase], [UInt64]) -> Void)
        /// The suite's tests as the catalog's rows (the ingest), without a `TestCase` each.
        case rows((consuming TestRowBuffer) -> Void)
    }

    static let libxml2MaxDepth = Int(clibxml2_max_depth())

    // MARK: - Failures

    /// The error for a read that libxml2 (or the input) stopped.
    func readFailure(_ reported: (line: Int, message: String)?) -> JUnitError {
        if let refused = input.failure { return refused }
        let line = reported?.line ?? reader.line
        let message = reported?.message ?? "unreadable XML"
        if input.bytesRead == 0 || (!rootSeen && input.reachedEnd && input.bytesRead <= 3) {
            return failure(.empty, line: nil, "the file is empty")
        }
        if !rootSeen && !input.looksLikeMarkup {
            return failure(.notXML, line: line, "not an XML document (libxml2: \(message))")
        }
        if input.reachedEnd, Self.isEndOfInput(message) {
            let lastLine = input.lineFeedsRead() + 1
            // libxml2 may find the end before handing over any element of a small file.
            guard let open = frames.lastIndex(where: { if case .ignored = $0 { false } else { true } }) else {
                return failure(
                    .truncated, line: lastLine,
                    "the file ends before its root element is closed (libxml2: \(message))")
            }
            return failure(
                .truncated, line: lastLine,
                "the file ends before <\(Self.elementName(frames[open]))> opened at line \(frameLines[open]) "
                    + "is closed (libxml2: \(message))")
        }
        return failure(.malformed, line: line, "malformed XML: \(message)")
    }

    /// libxml2's messages for running out of input (they differ between versions).
    private static func isEndOfInput(_ message: String) -> Bool {
        [
            "Premature end of data", "Extra content at the end of the document", "EndTag: '</' not found",
            "Couldn't find end of Start Tag", "Unescaped '<' not allowed", "AttValue: ' expected",
            "AttValue: \" or ' expected", "Specification mandates value for attribute", "expected '>'",
            "internal error: detected an error in element content",
        ]
        .contains { message.contains($0) }
    }

    private static func elementName(_ frame: Frame) -> String {
        switch frame {
        case .root: "testsuites"
        case .suite: "testsuite"
        case .testCase: "testcase"
        case .result: "a result element"
        case .properties: "properties"
        case .property: "property"
        case .stackTrace: "stackTrace"
        case .systemOut: "system-out"
        case .systemErr: "system-err"
        case .ignored: "an element"
        }
    }

    func failure(_ code: JUnitError.Code, line: Int?, _ message: String) -> JUnitError {
        JUnitError(code, file: file, line: line, message: message)
    }

    func failure(_ code: JUnitError.Code, _ message: String) -> JUnitError {
        failure(code, line: reader.line, message)
    }

    // MARK: - Elements

    /// An element's start. libxml2 calls this after the whole start tag, so an empty element
    /// (`<testcase …/>`) gets its end call next.
    mutating func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) throws(JUnitError) {
        textRun = 0
        let line = reader.line
        if frames.count >= options.limits.maxDepth {
            throw failure(
                .tooDeep, line: line, "elements nest deeper than the limit of \(options.limits.maxDepth)")
        }
        if frames.count > Self.libxml2MaxDepth {
            // libxml2's own ceiling, with its words: its tree builder would stop here, and the
            // ceiling holds even when the limit above is set past it.
            throw failure(
                .malformed, line: line,
                "malformed XML: Excessive depth in document: \(Self.libxml2MaxDepth) use XML_PARSE_HUGE option")
        }
        let limit = options.limits.maxAttributeBytes
        if attributes.count > 0, attributes.longestValue > limit {
            throw failure(
                .attributeTooLong, line: line, "an attribute value is longer than the limit of \(limit) bytes")
        }
        let frame = try open(name, attributes: attributes, line: line)
        frames.append(frame)
        frameLines.append(line)
    }

    mutating func endElement() {
        textRun = 0
        guard let frame = frames.popLast() else { return }
        frameLines.removeLast()
        switch frame {
        case .suite:
            closeSuite()
        case .testCase:
            closeTestCase()
        case .property:
            closeProperty()
        case .result:
            closeResult()
        case .root:
            if let root = suites.popLast() { finishSuite(root) }
        case .properties, .stackTrace, .systemOut, .systemErr, .ignored:
            break
        }
    }

    /// What an element's start means where it stands.
    private mutating func open(_ name: UnsafePointer<xmlChar>, attributes: XMLAttributes, line: Int)
        throws(JUnitError) -> Frame
    {
        guard rootSeen else {
            rootSeen = true
            switch name {
            case names.testsuites:
                run.name = attributes.string(names.name)
                run.declared = declaredCounts(attributes)
                run.timestamp = timestamp(attributes.string(names.timestamp), line: line)
                var root = SuiteState(suite: nil, index: nil, path: [], declared: run.declared, line: line)
                if emitsRows { root.rows = TestRowBuffer(suitePath: []) }
                suites.append(root)
                return .root
            case names.testsuite:
                run.name = attributes.string(names.name)
                openSuite(attributes, line: line)
                return .suite
            default:
                throw failure(
                    .notJUnit, line: line,
                    "the root element <\(String(cString: name))> is not a JUnit report "
                        + "(expected <testsuites> or <testsuite>)")
            }
        }
        switch frames.last {
        case .suite, .root:
            switch name {
            case names.testcase:
                openTestCase(attributes, line: line)
                return .testCase
            case names.testsuite:
                openSuite(attributes, line: line)
                return .suite
            case names.properties:
                return .properties
            default:
                return outputFrame(name) ?? .ignored
            }
        case .testCase:
            if let kind = names.resultKind(name) {
                result = ResultState(
                    kind: kind, message: attributes.string(names.message), type: attributes.string(names.type),
                    duration: duration(attributes.bytes(names.time), line: line))
                return .result
            }
            if name == names.properties { return .properties }
            return outputFrame(name) ?? .ignored
        case .properties:
            guard name == names.property else { return .ignored }
            if testCase == nil, let open = suites.indices.last, suites[open].isSuite,
                suites[open].sharesProperty(attributes, names: names, previous: lastSuiteProperties)
            {
                property = PropertyState(shared: true)
            } else {
                property = PropertyState(name: attributes.string(names.name), value: attributes.string(names.value))
            }
            return .property
        case .result:
            if name == names.stackTrace { return .stackTrace }
            return outputFrame(name) ?? .ignored
        default:
            return .ignored
        }
    }

    private func outputFrame(_ name: UnsafePointer<xmlChar>) -> Frame? {
        switch name {
        case names.systemOut: .systemOut
        case names.systemErr: .systemErr
        default: nil
        }
    }

    // MARK: - Text

    /// Character data (text, CDATA, white space) of the innermost element, in pieces.
    mutating func text(_ value: UnsafePointer<UInt8>, count: Int) throws(JUnitError) {
        if textRun == 0 { textLine = reader.line }
        textRun += count
        let keep = options.storedTextBytes
        let limit = options.limits.maxTextBytes
        var within = textRun <= limit
        switch frames.last {
        case .property:
            within = property?.text.append(value, count: count, keep: keep, limit: limit) ?? within
        case .result:
            within = result?.body.append(value, count: count, keep: keep, limit: limit) ?? within
        case .stackTrace:
            within = result?.stackTrace.append(value, count: count, keep: keep, limit: limit) ?? within
        case .systemOut:
            if result != nil {
                within = result?.systemOut.append(value, count: count, keep: keep, limit: limit) ?? within
            } else if testCase != nil {
                within = testCase?.systemOut.append(value, count: count, keep: keep, limit: limit) ?? within
            }
        case .systemErr:
            if result != nil {
                within = result?.systemErr.append(value, count: count, keep: keep, limit: limit) ?? within
            } else if testCase != nil {
                within = testCase?.systemErr.append(value, count: count, keep: keep, limit: limit) ?? within
            }
        default:
            break
        }
        if !within {
            throw failure(.textTooLong, line: textLine, "an element holds more text than the limit of \(limit) bytes")
        }
    }

    // MARK: - Attribute values

    /// Seconds from a `time` value; plain digits with a point are read without a string.
    mutating func duration(_ bytes: UnsafeBufferPointer<UInt8>?, line: Int) -> Double? {
        guard let bytes else { return nil }
        if let seconds = Self.plainDecimal(bytes) { return min(seconds, JUnitDuration.maximum) }
        return duration(XMLAttributes.decode(bytes), line: line)
    }

    mutating func duration(_ text: String?, line: Int) -> Double? {
        guard let text else { return nil }
        guard let seconds = JUnitDuration.parse(text) else {
            warn(.unreadableTime, line: line, "time \"\(text)\" is not a number of seconds; read as unknown")
            return nil
        }
        return seconds
    }

    /// `digits[.digits]` with at most 15 digits in all, as the double nearest to it: the digits
    /// make an exact integer and the power of ten is exact, so one division rounds once, as
    /// parsing the text does.
    static func plainDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
        var mantissa: Int64 = 0
        var digits = 0
        var fraction = -1
        for byte in bytes {
            if byte >= 0x30 && byte <= 0x39 {
                mantissa = mantissa * 10 + Int64(byte - 0x30)
                digits += 1
                if fraction >= 0 { fraction += 1 }
            } else if byte == 0x2E && fraction < 0 && digits > 0 {
                fraction = 0
            } else {
                return nil
            }
        }
        guard digits > 0, digits <= 15, fraction != 0 else { return nil }
        guard fraction > 0 else { return Double(mantissa) }
        return Double(mantissa) / powersOfTen[fraction]
    }

    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    mutating func timestamp(_ text: String?, line: Int) -> Date? {
        guard let text, !text.trimmingSpaces().isEmpty else { return nil }
        let date = JUnitTimestamp.parse(text)
        if date == nil, !text.hasPrefix("0001-01-01") {
            warn(.unreadableTimestamp, line: line, "timestamp \"\(text)\" is not a date; read as absent")
        }
        return date
    }

    mutating func warn(_ code: JUnitWarning.Code, line: Int, _ message: String) {
        run.warnings.append(JUnitWarning(code, file: file, line: line, message: message))
    }
}
