import SeedbedSpec

/// What changed between two spec texts: rules and scenarios by ID, tables by name, and the
/// changed lines.
public struct SpecComparison: Sendable, Equatable {
    public var rulesAdded: [String] = []
    public var rulesRemoved: [String] = []
    /// Rules whose condition, requirement, kind or title changed (compared as printed, so layout
    /// and comments do not count).
    public var rulesChanged: [String] = []
    public var scenariosAdded: [String] = []
    public var scenariosRemoved: [String] = []
    public var scenariosChanged: [String] = []
    public var tablesAdded: [String] = []
    public var tablesRemoved: [String] = []
    public var tablesChanged: [String] = []
    /// `- old` and `+ new` lines, in order (empty when the texts are equal).
    public var lines: [String] = []

    /// Whether a rule or scenario changed: rows made under the old rules may break the new ones.
    public var ruleSetChanged: Bool {
        !(rulesAdded.isEmpty && rulesRemoved.isEmpty && rulesChanged.isEmpty && scenariosAdded.isEmpty
            && scenariosRemoved.isEmpty && scenariosChanged.isEmpty)
    }

    public init(old: String, new: String) {
        let before = Self.parse(old)
        let after = Self.parse(new)
        func compare(_ a: [String: String], _ b: [String: String]) -> (
            added: [String], removed: [String], changed: [String]
        ) {
            (
                b.keys.filter { a[$0] == nil }.sorted(), a.keys.filter { b[$0] == nil }.sorted(),
                a.keys.filter { b[$0] != nil && b[$0] != a[$0] }.sorted()
            )
        }
        (rulesAdded, rulesRemoved, rulesChanged) = compare(before.rules, after.rules)
        (scenariosAdded, scenariosRemoved, scenariosChanged) = compare(before.scenarios, after.scenarios)
        (tablesAdded, tablesRemoved, tablesChanged) = compare(before.tables, after.tables)
        lines = LineDiff.lines(old: old, new: new)
    }

    /// Each rule, scenario and table printed on its own, by ID or name.
    private static func parse(_ text: String) -> (
        rules: [String: String], scenarios: [String: String], tables: [String: String]
    ) {
        let syntax = ParsedSpec.parse(SourceFile(name: "spec.seed", text: text)).syntax
        var rules: [String: String] = [:]
        var scenarios: [String: String] = [:]
        var tables: [String: String] = [:]
        for item in syntax.items {
            let printed = SpecPrinter.print(SpecFile(dataset: nil, items: [item]))
            switch item {
            case .rule(let rule): rules[rule.id.name] = printed
            case .scenario(let scenario): scenarios[scenario.id.name] = printed
            case .table(let table): tables[table.name.name] = printed
            }
        }
        return (rules, scenarios, tables)
    }
}

/// A line diff by longest common subsequence; specs are small, and past a bound the texts are
/// shown as wholly replaced rather than spending quadratic time.
enum LineDiff {
    static let maximumCells = 4_000_000

    static func lines(old: String, new: String) -> [String] {
        guard old != new else { return [] }
        let a = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard a.count * b.count <= maximumCells else { return a.map { "- " + $0 } + b.map { "+ " + $0 } }
        var lengths = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in stride(from: a.count - 1, through: 0, by: -1) {
            for j in stride(from: b.count - 1, through: 0, by: -1) {
                lengths[i][j] = a[i] == b[j] ? lengths[i + 1][j + 1] + 1 : max(lengths[i + 1][j], lengths[i][j + 1])
            }
        }
        var out: [String] = []
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if i < a.count, j < b.count, a[i] == b[j] {
                i += 1
                j += 1
            } else if j < b.count, i == a.count || lengths[i][j + 1] >= lengths[i + 1][j] {
                out.append("+ " + b[j])
                j += 1
            } else {
                out.append("- " + a[i])
                i += 1
            }
        }
        return out
    }
}
