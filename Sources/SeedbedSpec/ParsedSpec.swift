/// A spec file after parsing: its syntax tree, comments and syntax diagnostics.
public struct ParsedSpec: Sendable {
    public let source: SourceFile
    public let syntax: SpecFile
    /// Every `#` comment, in file order (for `seedbed fmt`).
    let comments: [Comment]
    public let diagnostics: [Diagnostic]
    /// `table.column` names whose declaration had a syntax error: the checker does not report
    /// them again as unknown.
    let damagedNames: Set<String>
    /// Tables whose `rows` clause had a syntax error: the checker does not say they lack one.
    let damagedRows: Set<String>

    /// Whether the file parsed without a syntax error.
    public var isWellFormed: Bool { !diagnostics.contains { $0.severity == .error } }

    /// Parses a spec file.
    ///
    /// - Complexity: O(n) in the size of the file.
    public static func parse(_ source: SourceFile) -> ParsedSpec {
        if source.bytes.count > maximumBytes {
            return ParsedSpec(
                source: source, syntax: SpecFile(dataset: nil, items: []), comments: [],
                diagnostics: [
                    .error(.fileTooLarge(bytes: source.bytes.count, limit: maximumBytes), at: .init(start: 0, end: 0))
                ],
                damagedNames: [], damagedRows: [])
        }
        if let bad = firstInvalidUTF8Offset(source.bytes) {
            return ParsedSpec(
                source: source, syntax: SpecFile(dataset: nil, items: []), comments: [],
                diagnostics: [.error(.invalidUTF8(byte: source.bytes[bad]), at: .init(start: bad, end: bad + 1))],
                damagedNames: [], damagedRows: [])
        }
        let lexer = Lexer.tokenize(source)
        var parser = Parser(file: source, tokens: lexer.tokens)
        let syntax = parser.parseFile()
        let diagnostics = (lexer.diagnostics + parser.diagnostics).sorted { $0.range.start < $1.range.start }
        return ParsedSpec(
            source: source, syntax: syntax, comments: lexer.comments, diagnostics: diagnostics,
            damagedNames: parser.damagedNames, damagedRows: parser.damagedRows)
    }

    /// The same file with a changed syntax tree: items added from elsewhere (a database schema)
    /// carry synthetic ranges, and the file's own diagnostics and comments stay.
    public func amending(_ syntax: SpecFile) -> ParsedSpec {
        ParsedSpec(
            source: source, syntax: syntax, comments: comments, diagnostics: diagnostics, damagedNames: damagedNames,
            damagedRows: damagedRows)
    }

    /// Specs are text written by people; a file this large is a mistake or an attack.
    public static let maximumBytes = 16 << 20

    /// The offset of the first byte that does not belong to a valid UTF-8 sequence.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                return nil
            case .error:
                return offset
            }
        }
    }
}
