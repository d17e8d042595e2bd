/// Finds the stack frames in a failure's text, in the forms the common runtimes print, and
/// reduces each to what survives an unrelated edit: the function and the file's base name,
/// without line and column numbers, addresses or directories.
///
/// Forms: Java, .NET and JavaScript `at Function (file:line:column)` / `at Class.method(File.java:42)`;
/// Python `File "path", line N, in function`; backtraces `#N 0xADDR in function at file:line`
/// (Swift, gdb); and `path/file.ext:line: …` (pytest, Go, XCTest). Frames of test runners and
/// frameworks (JUnit, TestNG, reflection, `node_modules`, `node:internal`, `_pytest`, `pluggy`,
/// `unittest`, XCTest, Swift Testing, Go's `testing.`) are skipped: they are the same for every
/// failure.
enum StackFrames {
    static func extract(from text: String, limit: Int = 16) -> [String] {
        var frames: [String] = []
        forEachLine(of: text) { line in
            let trimmed = line.trimmingSpaces()
            // The whole line is checked (first: it is the cheaper test, and most skipped lines
            // fail it): reducing drops the directories (`node_modules/…`).
            guard !isFramework(trimmed), let frame = frame(in: trimmed), !isFramework(frame) else { return true }
            frames.append(frame)
            return frames.count < limit
        }
        return frames
    }

    /// Calls `body` with each non-empty line of `text` (lines end where `Character.isNewline`
    /// is true), found by scanning the UTF-8 bytes, until it returns false. Lazy: a long stack
    /// is read only as far as its first frames, and no grapheme breaking is done.
    static func forEachLine(of text: String, _ body: (Substring) -> Bool) {
        let utf8 = text.utf8
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex {
            // The byte length of a line break starting here, or 0.
            var length = 0
            switch utf8[index] {
            case 0x0A...0x0D:
                length = 1
            case 0xC2:  // U+0085
                let next = utf8.index(after: index)
                if next != utf8.endIndex, utf8[next] == 0x85 { length = 2 }
            case 0xE2:  // U+2028, U+2029
                let second = utf8.index(after: index)
                if second != utf8.endIndex, utf8[second] == 0x80 {
                    let third = utf8.index(after: second)
                    if third != utf8.endIndex, utf8[third] == 0xA8 || utf8[third] == 0xA9 { length = 3 }
                }
            default:
                break
            }
            guard length > 0 else {
                index = utf8.index(after: index)
                continue
            }
            if start != index, !body(text[start..<index]) { return }
            index = utf8.index(index, offsetBy: length)
            start = index
        }
        if start != utf8.endIndex { _ = body(text[start..<utf8.endIndex]) }
    }

    /// The reduced frame on one trimmed line, or nil when the line is not a frame.
    static func frame(in line: String) -> String? {
        if line.hasPrefix("at ") {
            // Most frames are ASCII, where characters are bytes: read them as bytes.
            if line.utf8.allSatisfy({ $0 < 0x80 }),
                let frame = ASCIIFrame.javaOrJavaScript(Array(line.utf8.dropFirst(3)))
            {
                return frame
            }
            return javaOrJavaScript(String(line.dropFirst(3)))
        }
        if line.hasPrefix("File \""), let frame = python(line) {
            return frame
        }
        if line.hasPrefix("#"), let frame = backtrace(line) {
            return frame
        }
        return fileLine(line)
    }

    private static let frameworkMarkers = [
        "org.junit.", "junit.framework.", "org.testng.", "sun.reflect.", "java.lang.reflect.", "jdk.internal.",
        "org.apache.maven.surefire", "java.base/", "org.gradle.", "node_modules", "node:internal", "_pytest", "pluggy",
        "unittest/", "XCTest", "swift-testing", "testing.tRunner", "System.RuntimeMethodHandle",
        "NUnit.Framework", "Xunit.",
    ]

    /// Whole frames of runners that the markers would over-match as substrings.
    private static let frameworkFrames: Set<String> = ["testing.go", "unittest.py", "case.py", "runner.py"]

    /// The longest of `frameworkFrames`, in bytes: a longer frame cannot be one of them (they
    /// are ASCII with no character that another one decomposes to), so it skips hashing.
    private static let longestFrameworkFrame = frameworkFrames.map(\.utf8.count).max() ?? 0

    private static func isFramework(_ frame: String) -> Bool {
        (frame.utf8.count <= longestFrameworkFrame && frameworkFrames.contains(frame))
            || frame.hasSuffix(" <anonymous>") || frame.hasPrefix("sun.")
            || frame.hasPrefix("jdk.") || containsMarker(frame)
    }

    /// The markers' bytes by their first byte: one scan of a line looks for all of them.
    private static let markersByFirstByte: [[[UInt8]]] = {
        var table = [[[UInt8]]](repeating: [], count: 256)
        for marker in frameworkMarkers {
            let bytes = Array(marker.utf8)
            if let first = bytes.first { table[Int(first)].append(bytes) }
        }
        return table
    }()

    /// Whether any of `frameworkMarkers` occurs in `text` (as bytes).
    private static func containsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            bytes.indices.contains { start in
                markersByFirstByte[Int(bytes[start])].contains { marker in
                    marker.count <= bytes.count - start && marker.indices.allSatisfy { bytes[start + $0] == marker[$0] }
                }
            }
        }
    }

    // MARK: - Forms

    /// `Class.method(File.java:42)`, `Object.<anonymous> (/path/file.test.js:12:5)`, `/path/file.js:3:1`.
    private static func javaOrJavaScript(_ rest: String) -> String? {
        // .NET: `Namespace.Class.Method(Type arg) in C:\path\File.cs:line 41`.
        if rest.containsBytes(" in "), let range = rest.firstRange(of: " in ") {
            let signature = rest[..<range.lowerBound]
            let function = signature.firstIndex(of: "(").map { signature[..<$0] } ?? signature
            var location = String(rest[range.upperBound...])
            if let line = location.firstRange(of: ":line ") { location = String(location[..<line.lowerBound]) }
            return "\(function.trimmingSpaces()) \(baseName(location))"
        }
        if let open = rest.lastIndex(of: "("), rest.hasSuffix(")") {
            let function = rest[..<open].trimmingSpaces()
            let location = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
            let file = baseName(stripLineNumbers(String(location)))
            return function.isEmpty ? file : "\(function) \(file)"
        }
        let location = baseName(stripLineNumbers(rest))
        return location.isEmpty ? nil : location
    }

    /// `File "/x/tests/test_a.py", line 12, in test_total`.
    private static func python(_ line: String) -> String? {
        let parts = line.split(separator: "\"", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return nil }
        let file = baseName(String(parts[1]))
        guard let range = parts[2].firstRange(of: ", in ") else { return file }
        return "\(parts[2][range.upperBound...].trimmingSpaces()) \(file)"
    }

    /// `#3 0x00005555 in Module.function() at /path/File.swift:12:5`, `#0 function (file:line)`.
    private static func backtrace(_ line: String) -> String? {
        var words = line.split(separator: " ").map(String.init)
        guard let first = words.first, first.dropFirst().allSatisfy(\.isASCIIDigit), first.count > 1 else {
            return nil
        }
        words.removeFirst()
        if let address = words.first, address.hasPrefix("0x") { words.removeFirst() }
        if words.first == "in" { words.removeFirst() }
        var function = words
        var file = ""
        if let at = words.firstIndex(of: "at") {
            function = Array(words[..<at])
            file = baseName(stripLineNumbers(words[(at + 1)...].joined(separator: " ")))
        }
        let name = function.joined(separator: " ")
        guard !name.isEmpty else { return nil }
        return file.isEmpty ? name : "\(name) \(file)"
    }

    /// `tests/test_a.py:12: AssertionError`, `foo_test.go:31: got 2`, `/x/BarTests.swift:9: error: …`.
    private static func fileLine(_ line: String) -> String? {
        // Cheap refusal first: the form needs a `:` byte right before an ASCII digit. Most lines
        // that reach here (an exception's `Type: message`) have none.
        guard
            line.utf8.indices.contains(where: { index in
                line.utf8[index] == UInt8(ascii: ":")
                    && line.utf8.index(after: index) != line.utf8.endIndex
                    && (0x30...0x39).contains(line.utf8[line.utf8.index(after: index)])
            })
        else { return nil }
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let path = line[..<colon]
        let afterColon = line[line.index(after: colon)...]
        guard !path.isEmpty, !path.utf8.contains(0x20), path.utf8.contains(0x2E), let digit = afterColon.first,
            digit.isASCIIDigit,
            afterColon.drop(while: \.isASCIIDigit).first == ":"
        else { return nil }
        let name = baseName(String(path))
        // A file name has an extension of letters: `1.5:` is a number, not a file.
        guard let dot = name.lastIndex(of: "."), name[name.index(after: dot)...].allSatisfy(\.isLetter),
            name.index(after: dot) != name.endIndex
        else { return nil }
        return name
    }

    // MARK: - Pieces

    /// `File.java:42`, `/a/b.js:12:5` → without the trailing `:digits` groups.
    private static func stripLineNumbers(_ location: String) -> String {
        var text = Substring(location.trimmingSpaces())
        while let colon = text.lastIndex(of: ":"), text[text.index(after: colon)...].allSatisfy(\.isASCIIDigit),
            text.index(after: colon) != text.endIndex
        {
            text = text[..<colon]
        }
        return String(text)
    }

    private static func baseName(_ path: String) -> String {
        let base = path.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
        return base.trimmingSpaces()
    }
}

/// `StackFrames`' common form, `at function(location)`, on an ASCII line's bytes, where a
/// character is a byte: the same answers without grapheme breaking or intermediate strings.
private enum ASCIIFrame {
    /// The reduced frame; `.some(nil)` for none; nil when the line needs the general path
    /// (.NET's ` in `).
    static func javaOrJavaScript(_ rest: [UInt8]) -> String?? {
        if contains(rest, " in ") { return nil }
        if let open = rest.lastIndex(of: 0x28), rest.last == 0x29 {
            let function = trimmed(rest[..<open])
            let file = baseName(stripLineNumbers(rest[(open + 1)..<(rest.count - 1)]))
            return .some(function.isEmpty ? text(file) : text(function) + " " + text(file))
        }
        let location = baseName(stripLineNumbers(rest[...]))
        return .some(location.isEmpty ? nil : text(location))
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }

    private static func contains(_ bytes: [UInt8], _ needle: StaticString) -> Bool {
        let pattern = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard bytes.count >= pattern.count else { return false }
        return (0...(bytes.count - pattern.count)).contains { start in
            pattern.indices.allSatisfy { bytes[start + $0] == pattern[$0] }
        }
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) })
        else { return [] }
        return bytes[first...last]
    }

    /// Without the trailing `:digits` groups.
    private static func stripLineNumbers(_ location: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var text = trimmed(location)
        while let colon = text.lastIndex(of: 0x3A), colon + 1 != text.endIndex,
            text[(colon + 1)...].allSatisfy(isDigit)
        {
            text = text[..<colon]
        }
        return text
    }

    /// The last `/` or `\\` part that is not empty (the whole text when none is), trimmed.
    private static func baseName(_ path: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var end = path.endIndex
        while end > path.startIndex, path[end - 1] == 0x2F || path[end - 1] == 0x5C { end -= 1 }
        guard end > path.startIndex else { return trimmed(path) }
        var start = end
        while start > path.startIndex, path[start - 1] != 0x2F, path[start - 1] != 0x5C { start -= 1 }
        return trimmed(path[start..<end])
    }
}
