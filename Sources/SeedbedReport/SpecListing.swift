import SeedbedSpec

/// A version's spec text as numbered lines, with the line where each rule and scenario starts
/// anchored (`#rule-ELIG-002`), so every place a rule is named can link to it.
struct SpecListing {
    struct Line {
        var number: Int
        var anchor: String
        var text: String
        /// The rule's or scenario's anchor, on the line it starts.
        var declaration: String?
        var isDeclaration: Bool
    }

    var lines: [Line]
    /// Anchor by rule ID, for the rules the spec declares (not `db:` rules, which come from the
    /// database's CHECK constraints).
    var rules: [String: String]
    var scenarios: [String: String]
    /// The rules' IDs in the order the spec declares them.
    var ruleIDs: [String]

    init(text: String) {
        let source = SourceFile(name: "spec", text: text)
        let parsed = ParsedSpec.parse(source)
        var declarations: [Int: String] = [:]
        var rules: [String: String] = [:]
        var scenarios: [String: String] = [:]
        var ruleIDs: [String] = []
        // The parser recovers from errors, so a spec that no longer checks still gets its anchors.
        for rule in parsed.syntax.rules where rules[rule.id.name] == nil {
            let anchor = PagePaths.ruleAnchor(rule.id.name)
            rules[rule.id.name] = anchor
            ruleIDs.append(rule.id.name)
            declarations[source.line(of: rule.headerRange.start)] = anchor
        }
        for scenario in parsed.syntax.scenarios where scenarios[scenario.id.name] == nil {
            let anchor = PagePaths.scenarioAnchor(scenario.id.name)
            scenarios[scenario.id.name] = anchor
            declarations[source.line(of: scenario.headerRange.start)] = anchor
        }
        var texts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if texts.last == "" { texts.removeLast() }
        lines = texts.enumerated().map { index, line in
            let number = index + 1
            let declaration = declarations[number]
            return Line(
                number: number, anchor: PagePaths.lineAnchor(number),
                text: line.hasSuffix("\r") ? String(line.dropLast()) : line, declaration: declaration,
                isDeclaration: declaration != nil)
        }
        self.rules = rules
        self.scenarios = scenarios
        self.ruleIDs = ruleIDs
    }
}
