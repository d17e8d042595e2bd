/// Finds where the prolog of an XML document ends, or a document type declaration in it,
/// reading the bytes libxml2 has not seen yet.
///
/// The prolog is a BOM, an XML declaration, processing instructions, comments and white space;
/// a `<!DOCTYPE` there is what the scan looks for (inside a comment it is only text). A UTF-16
/// document does not look like ASCII markup, so the scan stops at once and the document-type
/// node check in the reader is the guard for it.
struct PrologScanner {
    enum Result: Equatable {
        /// The root element (or something that is not prolog) starts; nothing to refuse.
        /// `markup` is false when what follows the prolog is not `<`: the file is not XML.
        case done(markup: Bool)
        /// A document type declaration starts at this offset.
        case doctype(Int)
        /// The bytes end inside the prolog.
        case needMore
    }

    func scan(_ bytes: [UInt8]) -> Result {
        var index = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            index = 3
        } else if bytes.count < 3 && [0xEF, 0xBB, 0xBF].starts(with: bytes) {
            return .needMore
        }
        while true {
            while index < bytes.count, Self.isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else { return .needMore }
            guard bytes[index] == UInt8(ascii: "<") else { return .done(markup: false) }
            let rest = bytes[index...]
            if Self.isPrefix("<?", of: rest) {
                guard let end = Self.find("?>", in: bytes, from: index + 2) else { return .needMore }
                index = end
            } else if Self.isPrefix("<!--", of: rest) {
                guard let end = Self.find("-->", in: bytes, from: index + 4) else { return .needMore }
                index = end
            } else if Self.isPrefix("<!DOCTYPE", of: rest) {
                return .doctype(index)
            } else if rest.count < 9 && (Self.isPrefix(rest, of: "<!DOCTYPE") || Self.isPrefix(rest, of: "<!--")) {
                return .needMore
            } else {
                return .done(markup: true)
            }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    private static func isPrefix(_ prefix: String, of bytes: ArraySlice<UInt8>) -> Bool {
        bytes.starts(with: prefix.utf8)
    }

    private static func isPrefix(_ bytes: ArraySlice<UInt8>, of text: String) -> Bool {
        text.utf8.starts(with: bytes)
    }

    /// The offset just past the first `needle` at or after `start`.
    private static func find(_ needle: String, in bytes: [UInt8], from start: Int) -> Int? {
        let pattern = Array(needle.utf8)
        guard bytes.count >= pattern.count else { return nil }
        var index = start
        while index + pattern.count <= bytes.count {
            if bytes[index] == pattern[0], bytes[index..<index + pattern.count].elementsEqual(pattern) {
                return index + pattern.count
            }
            index += 1
        }
        return nil
    }
}
