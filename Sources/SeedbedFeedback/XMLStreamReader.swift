import CLibXML2

/// libxml2's SAX2 push parser over an `XMLInput`, freed exactly once.
///
/// SAX rather than `xmlTextReader`: the reader builds a tree node for every element, attribute
/// and text and frees it again, which was most of the parse time. SAX2 hands over element and
/// attribute names interned in the parser's dictionary (compared by pointer) and attribute
/// values as slices of its buffer, so nothing is allocated for what the report builder does not
/// keep. The push parser is the one `xmlTextReader` runs on, so its messages and limits are the
/// same; it is fed `chunkSize` bytes at a time, so memory stays bounded whatever the file's size.
///
/// Options: no `XML_PARSE_NOENT` (entities are not substituted), no `XML_PARSE_DTDLOAD` or
/// validation (no external DTD or entity is ever loaded), `XML_PARSE_NONET`, no
/// `XML_PARSE_HUGE` (libxml2's own limits stay: depth 256) and no `XML_PARSE_RECOVER` (a broken
/// file is an error, not a guess). `XML_PARSE_BIG_LINES` keeps line numbers past 65535 right.
/// The SAX handler (see `ReportBuilder+SAX.swift`) refuses a document type declaration and
/// entity references, and resolves no entity at all.
final class XMLStreamReader {
    static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_BIG_LINES.rawValue)
    /// Bytes read and pushed at a time: large enough that libxml2's per-push work (finding the
    /// last `<` and `>` of the buffer) is negligible, small enough to stay out of the way of memory.
    static let chunkSize = 256 << 10

    let context: xmlParserCtxtPtr
    private let input: XMLInput

    /// Creates the parser with the first bytes of `input` (libxml2 detects the encoding from
    /// them), calling `handler`'s functions with `userData`.
    init(input: XMLInput, handler: xmlSAXHandler, userData: UnsafeMutableRawPointer) throws(JUnitError) {
        var handler = handler
        var head = (UInt8(0), UInt8(0), UInt8(0), UInt8(0))
        let count = withUnsafeMutableBytes(of: &head) { raw in
            raw.baseAddress.map { input.read(into: $0, capacity: raw.count) } ?? -1
        }
        if count < 0, let refused = input.failure { throw refused }
        let made = withUnsafeBytes(of: &head) { raw in
            raw.withMemoryRebound(to: CChar.self) { bytes in
                xmlCreatePushParserCtxt(&handler, userData, bytes.baseAddress, max(0, count), input.name)
            }
        }
        guard let made else {
            throw JUnitError(.unreadable, file: input.name, line: nil, message: "libxml2 could not start reading")
        }
        xmlCtxtUseOptions(made, Self.options)
        self.context = made
        self.input = input
    }

    deinit {
        xmlFreeParserCtxt(context)
    }

    /// Reads and pushes the whole input; true when the document ended well-formed, false when
    /// libxml2 found an error, the input refused a read, or a callback stopped the parser.
    func parse() -> Bool {
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: Self.chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        let bytes = buffer.assumingMemoryBound(to: CChar.self)
        while true {
            let count = input.read(into: buffer, capacity: Self.chunkSize)
            if count < 0 { return false }
            _ = xmlParseChunk(context, bytes, count, count == 0 ? 1 : 0)
            if context.pointee.disableSAX != 0 || context.pointee.wellFormed == 0 { return false }
            if count == 0 { return true }
        }
    }

    /// Stops parsing from inside a callback: libxml2 calls nothing more.
    func stop() {
        xmlStopParser(context)
    }

    /// The line libxml2 is reading (1-based).
    var line: Int { Int(xmlSAX2GetLineNumber(context)) }

    /// The line at the end of what libxml2 has decoded so far: where a reader that parses ahead
    /// stands (used for a declaration that has no place in a report).
    var lineReadAhead: Int {
        guard let current = context.pointee.input else { return line }
        var line = Int(current.pointee.line)
        guard var cursor = current.pointee.cur, let end = current.pointee.end else { return line }
        while cursor < end {
            if cursor.pointee == 0x0A { line += 1 }
            cursor += 1
        }
        return line
    }

    /// `name` from the parser's dictionary: the pointer its callbacks pass for that name.
    func intern(_ name: StaticString) -> UnsafePointer<xmlChar> {
        // A dictionary lookup only fails when memory runs out; the name then matches nothing.
        xmlDictLookup(context.pointee.dict, name.utf8Start, Int32(name.utf8CodeUnitCount)) ?? name.utf8Start
    }
}

/// The attributes of a start tag as libxml2's SAX2 callback hands them over: for each one, five
/// pointers (local name, prefix, namespace, value start, value end), valid during the callback.
struct XMLAttributes {
    let pointers: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw value of the attribute with this interned local name.
    func bytes(_ name: UnsafePointer<xmlChar>) -> UnsafeBufferPointer<UInt8>? {
        guard let pointers else { return nil }
        var item = pointers
        for _ in 0..<count {
            if item[0] == name, let start = item[3], let end = item[4] {
                return UnsafeBufferPointer(start: start, count: end - start)
            }
            item += 5
        }
        return nil
    }

    /// Calls `body` with each attribute's interned local name and raw value, in order.
    func forEach(_ body: (UnsafePointer<xmlChar>, UnsafeBufferPointer<UInt8>) -> Void) {
        guard let pointers else { return }
        var item = pointers
        for _ in 0..<count {
            if let name = item[0], let start = item[3], let end = item[4] {
                body(name, UnsafeBufferPointer(start: start, count: end - start))
            }
            item += 5
        }
    }

    /// The value as a string.
    func string(_ name: UnsafePointer<xmlChar>) -> String? {
        bytes(name).map(Self.decode)
    }

    /// `value` decoded, or `previous` itself when it is the same text: the test cases of a suite
    /// repeat one class name, and sharing its string costs a retain where a new one (past 15
    /// bytes) costs an allocation and a copy.
    static func decode(_ value: UnsafeBufferPointer<UInt8>, reusing previous: String?) -> String {
        if let previous, !containsAmpersand(value),
            previous.utf8.withContiguousStorageIfAvailable({ sameBytes($0, value) }) == true
        {
            return previous
        }
        return decode(value)
    }

    /// The longest value's length, for the attribute size limit.
    var longestValue: Int {
        var longest = 0
        forEach { _, value in longest = max(longest, value.count) }
        return longest
    }

    /// Whether the value equals `word`, ignoring ASCII case and surrounded by nothing else.
    static func equalsIgnoringCase(_ value: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard value.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (byte, wanted) in zip(value, expected) where byte | 0x20 != wanted | 0x20 {
            return false
        }
        return true
    }

    /// Without entity substitution libxml2 hands an `&` in an attribute value (written `&amp;`
    /// or `&#38;`) over as the five characters `&#38;`, for a tree builder to decode; every other
    /// reference is already decoded, and a bare `&` cannot occur in a well-formed value.
    static func decode(_ value: UnsafeBufferPointer<UInt8>) -> String {
        guard containsAmpersand(value) else { return String(decoding: value, as: UTF8.self) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.count)
        var index = 0
        while index < value.count {
            bytes.append(value[index])
            if value[index] == UInt8(ascii: "&"), index + 4 < value.count, value[index + 1] == UInt8(ascii: "#"),
                value[index + 2] == UInt8(ascii: "3"), value[index + 3] == UInt8(ascii: "8"),
                value[index + 4] == UInt8(ascii: ";")
            {
                index += 5
            } else {
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space and newlines.
    func trimmingSpaces() -> String {
        // Most values have nothing to trim, or ASCII white space (a stack line's tab) next to
        // ASCII text: decide on the bytes. An ASCII byte is a whole scalar, and the only
        // white space it can be is 0x09-0x0D or 0x20; a non-ASCII byte at either edge (a scalar
        // that may be white space, or a mark that joins its neighbour) takes the general path.
        let text = Substring(self)
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex, bytes[start].isASCIISpace { start = bytes.index(after: start) }
        var end = bytes.endIndex
        while end != start, bytes[bytes.index(before: end)].isASCIISpace { end = bytes.index(before: end) }
        if start == end { return "" }
        if bytes[start] < 0x80, bytes[bytes.index(before: end)] < 0x80 {
            if start == bytes.startIndex, end == bytes.endIndex { return String(self) }
            return String(Substring(bytes[start..<end]))
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(text.unicodeScalars[first..<scalars.index(after: last)])
    }
}
