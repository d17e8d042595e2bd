public import SeedbedSpec

/// Where each rule and scenario of a dataset version's spec is: the spec the catalog kept is
/// parsed again (with SeedbedSpec's parser), so a test's `[rule:ELIG-002]` leads to a file and
/// line even after the spec file changed or moved.
public struct SpecIndex: Sendable {
    /// A rule or scenario of the spec.
    public struct Entry: Sendable, Hashable {
        public enum Kind: String, Sendable, Hashable {
            case rule
            case scenario
        }

        public var kind: Kind
        public var id: String
        /// The spec file as recorded, the line where the declaration starts, and that line's text.
        public var location: SourceLocation
        public var text: String
    }

    /// In the order the spec declares them.
    public private(set) var rules: [Entry] = []
    public private(set) var scenarios: [Entry] = []

    /// - Parameters:
    ///   - text: the spec's text as the catalog holds it.
    ///   - path: the spec's path as recorded, shown in locations.
    public init(text: String, path: String) {
        let source = SourceFile(name: path, text: text)
        let parsed = ParsedSpec.parse(source)
        for item in parsed.syntax.items {
            switch item {
            case .rule(let rule):
                rules.append(Self.entry(.rule, rule.id, rule.headerRange, source))
            case .scenario(let scenario):
                scenarios.append(Self.entry(.scenario, scenario.id, scenario.headerRange, source))
            case .table:
                break
            }
        }
    }

    private static func entry(_ kind: Entry.Kind, _ id: Identifier, _ range: SourceRange, _ source: SourceFile)
        -> Entry
    {
        let location = source.location(of: range.start)
        return Entry(
            kind: kind, id: id.name, location: location,
            text: source.lineText(location.line).trimmingSpaces())
    }

    public func rule(_ id: String) -> Entry? { rules.first { $0.id == id } }

    public func scenario(_ id: String) -> Entry? { scenarios.first { $0.id == id } }
}
