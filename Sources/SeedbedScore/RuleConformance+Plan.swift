import SeedbedSpec

/// What conformance needs to know of a spec's tables before reading them: the order to read
/// them in, each rule's table, and which parent columns to keep for descendants' rules.
struct ConformancePlan {
    /// One step up the references chain: `child.column` references `ancestor.parentColumn`.
    struct Hop {
        var ancestor: String
        var child: String
        var column: String
        var parentColumn: String
    }

    /// Parents before children (declaration order otherwise).
    var order: [String] = []
    /// Each table's ancestors, nearest first, with the hop that reaches each.
    var ancestry: [String: [Hop]] = [:]
    /// Tables with a rule or scenario naming another table.
    var readsParents: Set<String> = []
    /// Per parent table, the columns kept for descendants: those rules name, and the columns
    /// of the hops through it.
    var keptColumns: [String: [String]] = [:]
    /// Per parent table, the columns the kept rows are found by.
    var indexedColumns: [String: [String]] = [:]

    init(spec: SpecFile) {
        var parents: [String: [(column: String, table: String, target: String)]] = [:]
        for table in spec.tables {
            for column in table.columns {
                for case .references(let parent, let target) in column.modifiers.map(\.value)
                where parent.name != table.name.name {
                    parents[table.name.name, default: []].append((column.name.name, parent.name, target.name))
                }
            }
        }
        order = Self.topologicalOrder(spec.tables.map(\.name.name), parents: parents)
        for name in order {
            var hops: [Hop] = []
            var seen: Set<String> = [name]
            var queue = [name]
            var head = 0
            while head < queue.count {
                let child = queue[head]
                head += 1
                for parent in parents[child, default: []] where seen.insert(parent.table).inserted {
                    hops.append(
                        Hop(ancestor: parent.table, child: child, column: parent.column, parentColumn: parent.target))
                    queue.append(parent.table)
                }
            }
            ancestry[name] = hops
        }
        // The parent columns each anchored rule or scenario reads, and the hops to reach them.
        var kept: [String: Set<String>] = [:]
        var indexed: [String: Set<String>] = [:]
        let expressions: [(anchor: String, exprs: [Expr])] =
            spec.rules.map { (anchor(of: $0), [$0.condition, $0.body].compactMap(\.self)) }
            + spec.scenarios.map { ($0.table.name, [$0.condition]) }
        for (anchor, exprs) in expressions {
            let foreign = exprs.flatMap(\.columnReferences).filter { ($0.table ?? anchor) != anchor }
            guard !foreign.isEmpty else { continue }
            readsParents.insert(anchor)
            let hops = ancestry[anchor, default: []]
            for reference in foreign {
                guard let table = reference.table else { continue }
                kept[table, default: []].insert(reference.column)
                // Walk back down from the ancestor to the anchor, keeping each hop's columns.
                var current = table
                while let hop = hops.first(where: { $0.ancestor == current }) {
                    indexed[hop.ancestor, default: []].insert(hop.parentColumn)
                    if hop.child != anchor { kept[hop.child, default: []].insert(hop.column) }
                    current = hop.child
                    if current == anchor { break }
                }
            }
        }
        keptColumns = kept.mapValues { $0.sorted() }
        indexedColumns = indexed.mapValues { $0.sorted() }
        for (table, columns) in indexedColumns {
            let known = keptColumns[table, default: []]
            keptColumns[table, default: []] += columns.filter { !known.contains($0) }
        }
    }

    /// The table a rule belongs to: the child-most table it names, the one every other named
    /// table is an ancestor of (SPEC-LANGUAGE.md, Rules); the first named when none is.
    func anchor(of rule: RuleDecl) -> String {
        let named = ((rule.condition?.columnReferences ?? []) + rule.body.columnReferences).compactMap(\.table)
        let distinct = Array(Set(named)).sorted()
        let found = distinct.first { candidate in
            let reach = Set(ancestry[candidate, default: []].map(\.ancestor))
            return distinct.allSatisfy { $0 == candidate || reach.contains($0) }
        }
        return found ?? named.first ?? ""
    }

    /// Kahn's algorithm, taking tables in declaration order whenever several are ready; a
    /// cycle's tables follow in declaration order (their rules cannot read across it).
    private static func topologicalOrder(
        _ names: [String], parents: [String: [(column: String, table: String, target: String)]]
    ) -> [String] {
        var remaining = names
        var placed: Set<String> = []
        var order: [String] = []
        while !remaining.isEmpty {
            let ready = remaining.firstIndex { name in
                parents[name, default: []].allSatisfy { placed.contains($0.table) || !names.contains($0.table) }
            }
            let index = ready ?? 0
            let name = remaining.remove(at: index)
            placed.insert(name)
            order.append(name)
        }
        return order
    }
}
