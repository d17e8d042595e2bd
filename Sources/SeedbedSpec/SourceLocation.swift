/// A position in a spec file, 1-based, as shown to users.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// Counted in Unicode scalars, so a caret lines up under the character a user sees.
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// A half-open span of a source file in UTF-8 byte offsets.
///
/// Offsets keep AST nodes small and comparable; `SourceFile` turns them into line and column
/// only when a diagnostic is shown.
public struct SourceRange: Hashable, Sendable {
    public var start: Int
    public var end: Int

    public init(start: Int, end: Int) {
        self.start = start
        self.end = end
    }

    /// The range of a node made by code rather than parsed (a generated AST, say).
    public static let synthetic = SourceRange(start: 0, end: 0)

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(start: Swift.min(start, other.start), end: Swift.max(end, other.end))
    }
}
