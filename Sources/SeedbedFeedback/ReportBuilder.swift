import CLibXML2
import FoundationEssentials

/// Turns the reader's nodes into suites and test cases, one suite at a time, so memory holds
/// only the open suites and never the whole document.
struct ReportBuilder: ~Copyable {
    let options: JUnitParseOptions
    let file: String
    private var reader: XMLStreamReader
    private let input: XMLInput
    /// Called with each suite and its test cases when the suite's end tag is read.
    let emit: (TestSuite, [TestCase]) -> Void

    var run: TestRun
    var frames: [Frame] = []
    /// The line each open frame started on.
    var frameLines: [Int] = []
    var suites: [SuiteState] = []
    var testCase: TestCaseState?
    var result: ResultState?
    var property: PropertyState?
    private var rootSeen = false
    /// The identities (by hash: 8 bytes per test) seen in earlier suite elements, and how often
    /// those seen more than once were seen (rare: Playwright's projects).
    var seenIdentities: Set<UInt64> = []
    var repeatedIdentities: [UInt64: Int] = [:]

    init(input: XMLInput, options: JUnitParseOptions, emit: @escaping (TestSuite, [TestCase]) -> Void)
        throws(JUnitError)
    {
        self.options = options
        self.file = input.name
        self.input = input
        self.reader = try XMLStreamReader(input: input)
        self.emit = emit
        self.run = TestRun(file: input.name)
    }

    // MARK: - The loop

    /// Reads the whole document; throws on any refusal, and on a break unless partial reads are
    /// allowed.
    mutating func build() throws(JUnitError) {
        do throws(JUnitError) {
            while let more = reader.read() {
                guard more else {
                    guard rootSeen else { throw failure(.empty, line: nil, "the file holds no element") }
                    finishRun()
                    return
                }
                try handleNode()
            }
            throw readFailure()
        } catch {
            guard options.allowPartial, error.isRecoverable else { throw error }
            closeEverything()
            run.partial = error
            finishRun()
        }
    }

    private mutating func handleNode() throws(JUnitError) {
        switch reader.nodeType {
        case .element:
            try startElement()
        case .endElement:
            try endElement()
        case .text, .cdata, .significantWhitespace:
            try text()
        case .documentType:
            throw failure(.doctypeRefused, "a document type declaration (<!DOCTYPE) is refused")
        case .entityReference, .entity:
            throw failure(.entityRefused, "entity references are refused")
        default:
            break
        }
    }

    /// The error for a read that libxml2 (or the input) stopped.
    private func readFailure() -> JUnitError {
        if let refused = input.failure { return refused }
        let reported = reader.diagnostics.firstError
        let line = reported?.line ?? reader.line
        let message = reported?.message ?? "unreadable XML"
        if input.bytesRead == 0 || (!rootSeen && input.reachedEnd && input.bytesRead <= 3) {
            return failure(.empty, line: nil, "the file is empty")
        }
        if !rootSeen && !input.looksLikeMarkup {
            return failure(.notXML, line: line, "not an XML document (libxml2: \(message))")
        }
        if input.reachedEnd, Self.isEndOfInput(message) {
            // libxml2 may find the end before handing over any node of a small file.
            guard let open = frames.lastIndex(where: { if case .ignored = $0 { false } else { true } }) else {
                return failure(
                    .truncated, line: input.newlines + 1,
                    "the file ends before its root element is closed (libxml2: \(message))")
            }
            return failure(
                .truncated, line: input.newlines + 1,
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

    private mutating func startElement() throws(JUnitError) {
        let depth = reader.depth + 1
        if depth > options.limits.maxDepth {
            throw failure(.tooDeep, "elements nest deeper than the limit of \(options.limits.maxDepth)")
        }
        let name = reader.localName.map { String(cString: $0) } ?? ""
        let empty = reader.isEmptyElement
        let line = reader.line
        let attributes = try readAttributes()
        let frame = try open(name, attributes: attributes, line: line)
        frames.append(frame)
        frameLines.append(line)
        if empty { try close() }
    }

    private mutating func endElement() throws(JUnitError) {
        try close()
    }

    private mutating func readAttributes() throws(JUnitError) -> [(String, String)] {
        var attributes: [(String, String)] = []
        let limit = options.limits.maxAttributeBytes
        let line = reader.line
        let file = file
        try reader.forEachAttribute { name, value throws(JUnitError) in
            let length = Int(xmlStrlen(value))
            guard length <= limit else {
                throw JUnitError(
                    .attributeTooLong, file: file, line: line,
                    message: "an attribute value is longer than the limit of \(limit) bytes")
            }
            attributes.append((String(cString: name), String(cString: value)))
        }
        return attributes
    }

    /// What an element's start means where it stands.
    private mutating func open(_ name: String, attributes: [(String, String)], line: Int) throws(JUnitError) -> Frame {
        guard rootSeen else {
            rootSeen = true
            switch name {
            case "testsuites":
                run.name = attributes.value("name")
                run.declared = Self.declaredCounts(attributes)
                run.timestamp = timestamp(attributes.value("timestamp"), line: line)
                suites.append(SuiteState(index: nil, path: [], declared: run.declared, line: line))
                return .root
            case "testsuite":
                run.name = attributes.value("name")
                openSuite(attributes, line: line)
                return .suite
            default:
                throw failure(
                    .notJUnit, line: line,
                    "the root element <\(name)> is not a JUnit report (expected <testsuites> or <testsuite>)")
            }
        }
        switch (frames.last, name) {
        case (.root, "testsuite"), (.suite, "testsuite"):
            openSuite(attributes, line: line)
            return .suite
        case (.root, "testcase"), (.suite, "testcase"):
            openTestCase(attributes, line: line)
            return .testCase
        case (.root, "properties"), (.suite, "properties"), (.testCase, "properties"):
            return .properties
        case (.properties, "property"):
            property = PropertyState(name: attributes.value("name"), value: attributes.value("value"))
            return .property
        case (.testCase, _):
            if let kind = ResultState.Kind(elementName: name) {
                result = ResultState(
                    kind: kind, message: attributes.value("message"), type: attributes.value("type"),
                    duration: duration(attributes.value("time"), line: line))
                return .result
            }
            return outputFrame(name) ?? .ignored
        case (.result, "stackTrace"):
            return .stackTrace
        case (.result, _), (.suite, _), (.root, _):
            return outputFrame(name) ?? .ignored
        default:
            return .ignored
        }
    }

    private func outputFrame(_ name: String) -> Frame? {
        switch name {
        case "system-out": .systemOut
        case "system-err": .systemErr
        default: nil
        }
    }

    private mutating func close() throws(JUnitError) {
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

    // MARK: - Text

    private mutating func text() throws(JUnitError) {
        guard let value = reader.value else { return }
        let count = Int(xmlStrlen(value))
        let keep = options.storedTextBytes
        let limit = options.limits.maxTextBytes
        var within = count <= limit
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
            throw failure(.textTooLong, "an element holds more text than the limit of \(limit) bytes")
        }
    }

    // MARK: - Attribute values

    mutating func duration(_ text: String?, line: Int) -> Double? {
        guard let text else { return nil }
        guard let seconds = JUnitDuration.parse(text) else {
            warn(.unreadableTime, line: line, "time \"\(text)\" is not a number of seconds; read as unknown")
            return nil
        }
        return seconds
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
