import CLibXML2

/// The SAX2 side of reading a report: libxml2 calls plain C functions, which find the parse in
/// progress through the user-data pointer and hand each event to its `ReportBuilder`.
extension ReportBuilder {
    /// One parse: the builder, the parser, and what stopped it. A class because libxml2 holds a
    /// pointer to it; the builder inside stays a value, so each event costs one exclusive access.
    final class Session {
        /// Set once the parser exists (its dictionary interns the names the builder compares).
        /// Unchecked: only libxml2's callbacks on the reading thread touch it, one at a time, and
        /// a checked access costs two runtime calls on every event.
        @exclusivity(unchecked) var builder: ReportBuilder?
        /// A refusal a callback raised; the parser is stopped at once.
        var refusal: JUnitError?
        /// libxml2's first error, at the line of the innermost open element (where
        /// `xmlTextReader` put it: the element being read is the place to look), else its own.
        var firstError: (line: Int, message: String)?
        private let options: JUnitParseOptions

        init(options: JUnitParseOptions) {
            self.options = options
        }

        /// Reads `input` to its end with `emitter` given each suite's tests, and returns the run.
        /// - Parameter keepSuites: whether the run lists its suites (not when streaming, so memory
        ///   does not grow with their number).
        static func read(
            _ input: XMLInput, options: JUnitParseOptions, keepSuites: Bool,
            emitter: ReportBuilder.Emitter
        ) throws(JUnitError) -> TestRun {
            let session = Session(options: options)
            return try withExtendedLifetime(session) { () throws(JUnitError) -> TestRun in
                let reader = try XMLStreamReader(
                    input: input, handler: ReportBuilder.handler,
                    userData: Unmanaged.passUnretained(session).toOpaque())
                session.builder = ReportBuilder(
                    input: input, reader: reader, options: options, keepSuites: keepSuites, emitter: emitter)
                let ended = reader.parse()
                return try session.finish(ended: ended)
            }
        }

        private func finish(ended: Bool) throws(JUnitError) -> TestRun {
            guard var builder else { throw JUnitError(.unreadable, file: "", line: nil, message: "no parser") }
            self.builder = nil
            do throws(JUnitError) {
                if let refusal { throw refusal }
                guard ended else { throw builder.readFailure(firstError) }
                guard builder.rootSeen else { throw builder.failure(.empty, line: nil, "the file holds no element") }
                builder.finishRun()
            } catch {
                guard options.allowPartial, error.isRecoverable else { throw error }
                builder.closeEverything()
                builder.run.partial = error
                builder.finishRun()
            }
            return builder.run
        }

        // MARK: - Events

        /// Calls `body` with the session behind libxml2's user-data pointer, without retaining
        /// and releasing it: `read` keeps it alive for the whole parse, and the content
        /// callbacks run for every element and piece of text.
        @inline(__always)
        static func with(_ context: UnsafeMutableRawPointer, _ body: (Session) -> Void) {
            Unmanaged<Session>.fromOpaque(context)._withUnsafeGuaranteedRef(body)
        }

        func startElement(_ name: UnsafePointer<xmlChar>, _ attributes: XMLAttributes) {
            guard refusal == nil else { return }
            do throws(JUnitError) {
                try builder?.startElement(name, attributes)
            } catch {
                refuse(error)
            }
        }

        func endElement() {
            guard refusal == nil else { return }
            builder?.endElement()
        }

        func text(_ bytes: UnsafePointer<xmlChar>, _ count: Int) {
            guard refusal == nil else { return }
            do throws(JUnitError) {
                try builder?.text(bytes, count: count)
            } catch {
                refuse(error)
            }
        }

        /// A document type declaration the prolog check could not see (a UTF-16 file): refused
        /// before libxml2 reads its internal subset. It has no line of its own here; the line
        /// given is where libxml2's read-ahead stands, as `xmlTextReader` gave it.
        func refuseDoctype() {
            guard refusal == nil, let builder else { return }
            refuse(
                builder.failure(
                    .doctypeRefused, line: builder.reader.lineReadAhead,
                    "a document type declaration (<!DOCTYPE) is refused"))
        }

        func refuseEntity() {
            guard refusal == nil, let builder else { return }
            refuse(builder.failure(.entityRefused, "entity references are refused"))
        }

        func error(_ error: xmlErrorPtr) {
            let level = error.pointee.level
            guard firstError == nil, level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
            let message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
            let line = builder?.frameLines.last ?? Int(error.pointee.line)
            firstError = (line, message.trimmingSpaces())
        }

        private func refuse(_ error: JUnitError) {
            refusal = error
            builder?.reader.stop()
        }
    }

    /// The SAX2 functions: content, and refusals for everything a report has no use for and a
    /// hostile file could abuse (declarations, entity references, entity lookups).
    static var handler: xmlSAXHandler {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { context, name, _, _, _, _, count, _, attributes in
            guard let context, let name else { return }
            Session.with(context) { $0.startElement(name, XMLAttributes(pointers: attributes, count: Int(count))) }
        }
        sax.endElementNs = { context, _, _, _ in
            guard let context else { return }
            Session.with(context) { $0.endElement() }
        }
        sax.characters = { context, bytes, count in
            guard let context, let bytes, count > 0 else { return }
            Session.with(context) { $0.text(bytes, Int(count)) }
        }
        sax.ignorableWhitespace = sax.characters
        sax.cdataBlock = sax.characters
        sax.internalSubset = { context, _, _, _ in
            guard let context else { return }
            Unmanaged<Session>.fromOpaque(context).takeUnretainedValue().refuseDoctype()
        }
        sax.externalSubset = sax.internalSubset
        sax.reference = { context, _ in
            guard let context else { return }
            Unmanaged<Session>.fromOpaque(context).takeUnretainedValue().refuseEntity()
        }
        sax.getEntity = { _, _ in nil }
        sax.getParameterEntity = { _, _ in nil }
        sax.resolveEntity = { _, _, _ in nil }
        sax.serror = { context, error in
            guard let context, let error else { return }
            Unmanaged<Session>.fromOpaque(context).takeUnretainedValue().error(error)
        }
        return sax
    }
}

/// The element and attribute names a report uses, as the parser's dictionary holds them: the
/// parser passes these very pointers, so a name is recognised by one pointer comparison.
struct XMLNames {
    let testsuites, testsuite, testcase, properties, property, stackTrace, systemOut, systemErr: UnsafePointer<xmlChar>
    let failure, error, skipped, flakyFailure, flakyError, rerunFailure, rerunError: UnsafePointer<xmlChar>
    let name, classname, `class`, file, line, time, timestamp, hostname, value, message, type: UnsafePointer<xmlChar>
    let tests, failures, errors, skips, disabled, flaky, status, requirement: UnsafePointer<xmlChar>

    init(_ reader: XMLStreamReader) {
        testsuites = reader.intern("testsuites")
        testsuite = reader.intern("testsuite")
        testcase = reader.intern("testcase")
        properties = reader.intern("properties")
        property = reader.intern("property")
        stackTrace = reader.intern("stackTrace")
        systemOut = reader.intern("system-out")
        systemErr = reader.intern("system-err")
        failure = reader.intern("failure")
        error = reader.intern("error")
        skipped = reader.intern("skipped")
        flakyFailure = reader.intern("flakyFailure")
        flakyError = reader.intern("flakyError")
        rerunFailure = reader.intern("rerunFailure")
        rerunError = reader.intern("rerunError")
        name = reader.intern("name")
        classname = reader.intern("classname")
        `class` = reader.intern("class")
        file = reader.intern("file")
        line = reader.intern("line")
        time = reader.intern("time")
        timestamp = reader.intern("timestamp")
        hostname = reader.intern("hostname")
        value = reader.intern("value")
        message = reader.intern("message")
        type = reader.intern("type")
        tests = reader.intern("tests")
        failures = reader.intern("failures")
        errors = reader.intern("errors")
        skips = reader.intern("skips")
        disabled = reader.intern("disabled")
        flaky = reader.intern("flaky")
        status = reader.intern("status")
        requirement = reader.intern("requirement")
    }

    /// The result element kind of a test case child's name.
    func resultKind(_ name: UnsafePointer<xmlChar>) -> ReportBuilder.ResultState.Kind? {
        switch name {
        case failure: .failure
        case skipped: .skipped
        case error: .error
        case flakyFailure: .flakyFailure
        case flakyError: .flakyError
        case rerunFailure: .rerunFailure
        case rerunError: .rerunError
        default: nil
        }
    }
}
