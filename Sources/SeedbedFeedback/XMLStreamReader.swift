import CLibXML2

/// libxml2's pull reader over an `XMLInput`, freed exactly once.
///
/// Options: no `XML_PARSE_NOENT` (entities are not substituted), no `XML_PARSE_DTDLOAD` or
/// validation (no external DTD or entity is ever loaded), `XML_PARSE_NONET`, no
/// `XML_PARSE_HUGE` (libxml2's own limits stay: depth 256, 10 MB text nodes) and no
/// `XML_PARSE_RECOVER` (a broken file is an error, not a guess). `XML_PARSE_BIG_LINES` keeps
/// line numbers past 65535 right.
struct XMLStreamReader: ~Copyable {
    enum NodeType: Int32 {
        case element = 1
        case attribute = 2
        case text = 3
        case cdata = 4
        case entityReference = 5
        case entity = 6
        case processingInstruction = 7
        case comment = 8
        case document = 9
        case documentType = 10
        case documentFragment = 11
        case notation = 12
        case whitespace = 13
        case significantWhitespace = 14
        case endElement = 15
        case endEntity = 16
        case xmlDeclaration = 17
    }

    /// What libxml2 reported through the error handler, kept for the caller.
    final class Diagnostics {
        var firstError: (line: Int, message: String)?
    }

    private let handle: xmlTextReaderPtr
    private let input: XMLInput
    let diagnostics: Diagnostics

    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue | XML_PARSE_COMPACT.rawValue)

    init(input: XMLInput) throws(JUnitError) {
        let context = Unmanaged.passUnretained(input).toOpaque()
        guard
            let handle = xmlReaderForIO(
                { context, buffer, length in
                    guard let context, let buffer, length > 0 else { return -1 }
                    let input = Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue()
                    return input.read(into: UnsafeMutableRawPointer(buffer), capacity: Int(length))
                },
                { _ in 0 }, context, input.name, nil, Self.options)
        else {
            throw input.failure
                ?? JUnitError(.unreadable, file: input.name, line: nil, message: "libxml2 could not start reading")
        }
        self.handle = handle
        self.input = input
        self.diagnostics = Diagnostics()
        xmlTextReaderSetErrorHandler(
            handle,
            { context, message, severity, locator in
                guard let context else { return }
                let diagnostics = Unmanaged<Diagnostics>.fromOpaque(context).takeUnretainedValue()
                guard diagnostics.firstError == nil,
                    severity == XML_PARSER_SEVERITY_ERROR || severity == XML_PARSER_SEVERITY_VALIDITY_ERROR
                else { return }
                let text = message.map { String(cString: $0) } ?? "unknown error"
                let line = locator.map { Int(xmlTextReaderLocatorLineNumber($0)) } ?? 0
                diagnostics.firstError = (line, text.trimmingSpaces())
            }, Unmanaged.passUnretained(diagnostics).toOpaque())
    }

    deinit {
        xmlFreeTextReader(handle)
    }

    /// Moves to the next node: true on a node, false at the end; nil on an error.
    mutating func read() -> Bool? {
        switch xmlTextReaderRead(handle) {
        case 1: return true
        case 0: return false
        default: return nil
        }
    }

    var nodeType: NodeType? { NodeType(rawValue: xmlTextReaderNodeType(handle)) }
    var depth: Int { Int(xmlTextReaderDepth(handle)) }
    var isEmptyElement: Bool { xmlTextReaderIsEmptyElement(handle) == 1 }

    /// The 1-based line of the current node, or the parser's line when the node has none.
    var line: Int {
        if let node = xmlTextReaderCurrentNode(handle) {
            let line = xmlGetLineNo(node)
            if line > 0 { return line }
        }
        return Int(xmlTextReaderGetParserLineNumber(handle))
    }

    /// The local name of the current node, as a pointer into libxml2's dictionary (valid while
    /// the reader lives).
    var localName: UnsafePointer<xmlChar>? { xmlTextReaderConstLocalName(handle) }

    /// The text of the current text, CDATA or attribute node.
    var value: UnsafePointer<xmlChar>? { xmlTextReaderConstValue(handle) }

    /// libxml2's interned copy of `name`, for comparing names by pointer.
    func interned(_ name: String) -> UnsafePointer<xmlChar>? {
        name.withCString {
            xmlTextReaderConstString(handle, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self))
        }
    }

    /// Calls `body` with each attribute's interned local name and value, then returns to the
    /// element.
    func forEachAttribute(_ body: (UnsafePointer<xmlChar>, UnsafePointer<xmlChar>) throws(JUnitError) -> Void)
        throws(JUnitError)
    {
        guard xmlTextReaderHasAttributes(handle) == 1 else { return }
        defer { xmlTextReaderMoveToElement(handle) }
        while xmlTextReaderMoveToNextAttribute(handle) == 1 {
            guard let name = xmlTextReaderConstLocalName(handle), let value = xmlTextReaderConstValue(handle) else {
                continue
            }
            try body(name, value)
        }
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    func trimmingSpaces() -> String {
        // Most values have nothing to trim: decide on the first and last bytes.
        let bytes = Substring(self).utf8
        if let first = bytes.first, let last = bytes.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return String(self)
        }
        let text = Substring(self)
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(text.unicodeScalars[first..<scalars.index(after: last)])
    }
}
