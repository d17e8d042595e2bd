/// The text of one spec file, with what diagnostics need to point into it.
public struct SourceFile: Sendable {
    /// The name diagnostics show (the path as the user gave it).
    public let name: String
    /// The file's bytes; the lexer works on these directly.
    public let bytes: [UInt8]
    /// Byte offset at which each line starts.
    private let lineStarts: [Int]
    /// Where the text starts: after a UTF-8 byte order mark, which some Windows editors write
    /// and no one sees, so it neither is a token nor counts as a column.
    let textStart: Int

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
        textStart = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts = [textStart]
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        self.lineStarts = starts
    }

    public init(name: String, text: String) {
        self.init(name: name, bytes: Array(text.utf8))
    }

    /// The 1-based line holding `offset`.
    public func line(of offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low + 1
    }

    /// The location of a byte offset, with the column counted in Unicode scalars.
    public func location(of offset: Int) -> SourceLocation {
        let line = line(of: offset)
        let start = lineStarts[line - 1]
        let end = Swift.min(Swift.max(offset, start), bytes.count)
        // Every byte that is not a UTF-8 continuation byte starts a scalar.
        let scalars = bytes[start..<end].reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) }
        return SourceLocation(file: name, line: line, column: scalars + 1)
    }

    /// The text of a 1-based line, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<Swift.max(start, end)], as: UTF8.self)
    }

    /// The source text of a range.
    public func text(_ range: SourceRange) -> String {
        let start = Swift.max(0, Swift.min(range.start, bytes.count))
        let end = Swift.max(start, Swift.min(range.end, bytes.count))
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// Whether a line break separates two offsets.
    func hasLineBreak(between start: Int, and end: Int) -> Bool {
        line(of: start) != line(of: end)
    }
}
