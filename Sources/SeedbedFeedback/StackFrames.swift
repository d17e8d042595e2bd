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
        var text = text
        text.withUTF8 { bytes in
            forEachLine(of: bytes) { line in
                guard let frame = frame(onLine: line), !isFramework(frame) else { return true }
                frames.append(frame)
                return frames.count < limit
            }
        }
        return frames
    }

    /// The reduced frame on one untrimmed line, unless the line is a runner's or not a frame.
    /// The whole line is checked first (the cheaper test, and most skipped lines fail it):
    /// reducing drops the directories (`node_modules/…`). An ASCII line, where a character is a
    /// byte, is read on its bytes and becomes a string only when it is a frame of the general
    /// forms; any other line is read as text.
    private static func frame(onLine line: UnsafeBufferPointer<UInt8>) -> String? {
        guard let trimmed = ASCIIFrame.trimmedIfASCII(line) else {
            let trimmed = String(decoding: line, as: UTF8.self).trimmingSpaces()
            return isFramework(trimmed) ? nil : frame(in: trimmed)
        }
        guard !ASCIIFrame.isFramework(trimmed) else { return nil }
        switch ASCIIFrame.frame(in: trimmed) {
        case .some(let frame): return frame
        case nil: return frame(in: String(decoding: trimmed, as: UTF8.self))
        }
    }

    /// `forEachLine(of:_:)` on UTF-8 bytes: each non-empty line, without its line break.
    static func forEachLine(of bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Bool) {
        var start = 0
        var index = 0
        let count = bytes.count
        while index < count {
            let length = lineBreakLength(bytes, at: index)
            guard length > 0 else {
                index += 1
                continue
            }
            if start != index, !body(UnsafeBufferPointer(rebasing: bytes[start..<index])) { return }
            index += length
            start = index
        }
        if start != count { _ = body(UnsafeBufferPointer(rebasing: bytes[start..<count])) }
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
            if line.utf8.allSatisfy({ $0 < 0x80 }) {
                var line = line
                let frame = line.withUTF8 { bytes in
                    ASCIIFrame.javaOrJavaScript(UnsafeBufferPointer(rebasing: bytes[3...]))
                }
                if let frame { return frame }
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

    /// Each at least two bytes: `containsMarker` compares a candidate's second byte first.
    static let frameworkMarkers = [
        "org.junit.", "junit.framework.", "org.testng.", "sun.reflect.", "java.lang.reflect.", "jdk.internal.",
        "org.apache.maven.surefire", "java.base/", "org.gradle.", "node_modules", "node:internal", "_pytest", "pluggy",
        "unittest/", "XCTest", "swift-testing", "testing.tRunner", "System.RuntimeMethodHandle",
        "NUnit.Framework", "Xunit.",
    ]

    /// Whole frames of runners that the markers would over-match as substrings.
    static let frameworkFrames: Set<String> = ["testing.go", "unittest.py", "case.py", "runner.py"]

    /// The longest of `frameworkFrames`, in bytes: a longer frame cannot be one of them (they
    /// are ASCII with no character that another one decomposes to), so it skips hashing.
    static let longestFrameworkFrame = frameworkFrames.map(\.utf8.count).max() ?? 0

    static func isFramework(_ frame: String) -> Bool {
        (frame.utf8.count <= longestFrameworkFrame && frameworkFrames.contains(frame))
            || frame.hasSuffix(" <anonymous>") || frame.hasPrefix("sun.")
            || frame.hasPrefix("jdk.") || containsMarker(frame)
    }

    /// The markers' bytes, all of them in one buffer, each from its start offset to the next's.
    private static let markerBytes: [UInt8] = frameworkMarkers.flatMap { Array($0.utf8) }
    private static let markerStarts: [Int] = frameworkMarkers.reduce(into: [0]) { starts, marker in
        starts.append((starts.last ?? 0) + marker.utf8.count)
    }

    /// For each byte value, a bit per marker (by index) that starts with it: one scan of a line
    /// looks for all of them, and most bytes start none. At most 32 markers (tested).
    private static let markersByFirstByte: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 256)
        for (index, marker) in frameworkMarkers.enumerated() {
            if let first = marker.utf8.first { table[Int(first)] |= 1 << UInt32(index) }
        }
        return table
    }()

    /// Whether any of `frameworkMarkers` occurs in `text` (as bytes).
    private static func containsMarker(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(containsMarker)
    }

    static func containsMarker(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        markersByFirstByte.withUnsafeBufferPointer { table in
            markerBytes.withUnsafeBufferPointer { markers in
                markerStarts.withUnsafeBufferPointer { starts in
                    for start in bytes.indices {
                        var candidates = table[Int(bytes[start])]
                        while candidates != 0 {
                            let index = candidates.trailingZeroBitCount
                            candidates &= candidates - 1
                            let marker = UnsafeBufferPointer(rebasing: markers[starts[index]..<starts[index + 1]])
                            // The second byte first (every marker has one): most candidates
                            // end there, without a call to compare the rest.
                            if marker.count <= bytes.count - start, bytes[start + 1] == marker[1],
                                sameBytes(UnsafeBufferPointer(rebasing: bytes[start..<start + marker.count]), marker)
                            {
                                return true
                            }
                        }
                    }
                    return false
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
