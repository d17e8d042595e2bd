/// `StackFrames` on a line that is all ASCII, where a character is a byte: the same answers as
/// its string forms without grapheme breaking or intermediate strings. Failed attempts run
/// through here line by line (tens of thousands of stack traces in a large report), and most
/// lines are ASCII: `at function(location)` frames and `Type: message` lines.
enum ASCIIFrame {
    typealias Bytes = UnsafeBufferPointer<UInt8>
    typealias Part = Slice<UnsafeBufferPointer<UInt8>>

    /// The line without leading and trailing white space, when the line is ASCII; nil when it
    /// holds any other byte (it then needs the general path).
    static func trimmedIfASCII(_ line: Bytes) -> Bytes? {
        for byte in line where byte >= 0x80 { return nil }
        return trimmingASCIISpaces(line)
    }

    /// `StackFrames.isFramework` on a trimmed ASCII line.
    static func isFramework(_ line: Bytes) -> Bool {
        if line.count <= StackFrames.longestFrameworkFrame,
            StackFrames.frameworkFrames.contains(String(decoding: line, as: UTF8.self))
        {
            return true
        }
        return hasSuffix(line, " <anonymous>") || hasPrefix(line, "sun.") || hasPrefix(line, "jdk.")
            || StackFrames.containsMarker(line)
    }

    /// `StackFrames.frame(in:)` on a trimmed ASCII line: the reduced frame, `.some(nil)` for a
    /// line that is not one, nil when the line needs the string forms (.NET's ` in `, Python,
    /// backtraces, and `file:line` candidates).
    static func frame(in line: Bytes) -> String?? {
        if hasPrefix(line, "at ") { return javaOrJavaScript(Bytes(rebasing: line[3...])) }
        if hasPrefix(line, "File \"") || hasPrefix(line, "#") { return nil }
        // `file:line` needs a `:` right before a digit; most lines here (`Type: message`) have none.
        var index = 0
        while index + 1 < line.count {
            if line[index] == 0x3A, isDigit(line[index + 1]) { return nil }
            index += 1
        }
        return .some(nil)
    }

    /// `at function(location)` without its `at `: the reduced frame; `.some(nil)` for none; nil
    /// when the line needs the general path (.NET's ` in `).
    static func javaOrJavaScript(_ rest: Bytes) -> String?? {
        if contains(rest, " in ") { return nil }
        if let open = rest.lastIndex(of: 0x28), rest.last == 0x29 {
            let function = trimmed(rest[..<open])
            let file = baseName(stripLineNumbers(rest[(open + 1)..<(rest.count - 1)]))
            return .some(function.isEmpty ? text(file) : text(function, file))
        }
        let location = baseName(stripLineNumbers(rest[...]))
        return .some(location.isEmpty ? nil : text(location))
    }

    private static func text(_ bytes: Part) -> String { String(decoding: bytes, as: UTF8.self) }

    /// `first second`, written into one string.
    private static func text(_ first: Part, _ second: Part) -> String {
        String(unsafeUninitializedCapacity: first.count + 1 + second.count) { buffer in
            var index = buffer.initialize(fromContentsOf: first)
            buffer[index] = 0x20
            index += 1
            index += UnsafeMutableBufferPointer(rebasing: buffer[index...]).initialize(fromContentsOf: second)
            return index
        }
    }

    private static func hasPrefix(_ bytes: Bytes, _ prefix: StaticString) -> Bool {
        let pattern = Bytes(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return bytes.count >= pattern.count && sameBytes(Bytes(rebasing: bytes[..<pattern.count]), pattern)
    }

    private static func hasSuffix(_ bytes: Bytes, _ suffix: StaticString) -> Bool {
        let pattern = Bytes(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        return bytes.count >= pattern.count
            && sameBytes(Bytes(rebasing: bytes[(bytes.count - pattern.count)...]), pattern)
    }

    private static func contains(_ bytes: Bytes, _ needle: StaticString) -> Bool {
        let pattern = Bytes(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { start in
            pattern.indices.allSatisfy { bytes[start + $0] == pattern[$0] }
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func trimmed(_ bytes: Part) -> Part {
        guard let first = bytes.firstIndex(where: { !$0.isASCIISpace }),
            let last = bytes.lastIndex(where: { !$0.isASCIISpace })
        else { return bytes[bytes.startIndex..<bytes.startIndex] }
        return bytes[first...last]
    }

    /// Without the trailing `:digits` groups.
    private static func stripLineNumbers(_ location: Part) -> Part {
        var text = trimmed(location)
        while let colon = text.lastIndex(of: 0x3A), colon + 1 != text.endIndex,
            text[(colon + 1)...].allSatisfy(isDigit)
        {
            text = text[..<colon]
        }
        return text
    }

    /// The last `/` or `\\` part that is not empty (the whole text when none is), trimmed.
    private static func baseName(_ path: Part) -> Part {
        var end = path.endIndex
        while end > path.startIndex, path[end - 1] == 0x2F || path[end - 1] == 0x5C { end -= 1 }
        guard end > path.startIndex else { return trimmed(path) }
        var start = end
        while start > path.startIndex, path[start - 1] != 0x2F, path[start - 1] != 0x5C { start -= 1 }
        return trimmed(path[start..<end])
    }
}
