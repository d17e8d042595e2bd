import SeedbedSpec

/// The order a table's columns are drawn in.
///
/// Referencing columns come first (they decide the parent rows rules read), `when` columns
/// before the columns they constrain, sources before derived columns; otherwise declaration
/// order. (Which column each rule narrows follows from this order: see `TableMaker`.)
struct DrawPlan {
    var order: [Int]

    init(table: TableModel) {
        let count = table.columns.count
        var edges = Array(repeating: Set<Int>(), count: count)  // edges[a] ∋ b: a before b
        for (index, column) in table.columns.enumerated() {
            if case .derived(let expr)? = column.generator {
                for source in Set(expr.ownColumns(in: table)) where source != index { edges[source].insert(index) }
            }
        }
        for index in 0..<count where table.columns[index].reference != nil {
            for other in 0..<count where table.columns[other].reference == nil { edges[index].insert(other) }
        }
        // `when` columns first; these edges give way where they would make a cycle.
        var preferences: [(Int, Int)] = []
        for rule in table.rules {
            let conditions = Set(rule.condition?.ownColumns(in: table) ?? [])
            for constrained in Set(rule.body.ownColumns(in: table)).subtracting(conditions) {
                for condition in conditions { preferences.append((condition, constrained)) }
            }
        }
        order = Self.topologicalOrder(
            count: count, required: edges, preferred: preferences + Self.treePreferences(table.dependence, count: count)
        )
    }

    /// A profile's dependence tree oriented away from the column with the most bins in each of its
    /// components (the one whose marginal a conditional table would blur most), so parents are
    /// drawn before their children where the rules leave the order free.
    private static func treePreferences(_ tree: [ProfileEdge], count: Int)
        -> [(Int, Int)]
    {
        var neighbours = Array(repeating: [Int](), count: count)
        var bins = Array(repeating: 0, count: count)
        for edge in tree {
            neighbours[edge.first].append(edge.second)
            neighbours[edge.second].append(edge.first)
            bins[edge.first] = edge.counts.count
            bins[edge.second] = edge.counts.first?.count ?? 0
        }
        var preferences: [(Int, Int)] = []
        var seen = Set<Int>()
        let roots = (0..<count).sorted { bins[$0] != bins[$1] ? bins[$0] > bins[$1] : $0 < $1 }
        for root in roots where !neighbours[root].isEmpty && seen.insert(root).inserted {
            var queue = [root]
            while !queue.isEmpty {
                let node = queue.removeFirst()
                for next in neighbours[node] where seen.insert(next).inserted {
                    preferences.append((node, next))
                    queue.append(next)
                }
            }
        }
        return preferences
    }

    /// Kahn's algorithm, smallest declaration index first; preferred edges are added one by
    /// one and skipped when they would close a cycle.
    private static func topologicalOrder(count: Int, required: [Set<Int>], preferred: [(Int, Int)]) -> [Int] {
        var edges = required
        for (a, b) in preferred where a != b && !reaches(from: b, to: a, edges: edges) {
            edges[a].insert(b)
        }
        var incoming = Array(repeating: 0, count: count)
        for targets in edges { for target in targets { incoming[target] += 1 } }
        var ready = (0..<count).filter { incoming[$0] == 0 }
        var order: [Int] = []
        while let next = ready.min() {
            ready.removeAll { $0 == next }
            order.append(next)
            for target in edges[next] {
                incoming[target] -= 1
                if incoming[target] == 0 { ready.append(target) }
            }
        }
        // Required edges never form a cycle (the checker rejects circular derived columns);
        // should one slip through, keep every column anyway.
        return order + (0..<count).filter { !order.contains($0) }
    }

    private static func reaches(from start: Int, to goal: Int, edges: [Set<Int>]) -> Bool {
        var stack = [start]
        var seen: Set<Int> = [start]
        while let node = stack.popLast() {
            if node == goal { return true }
            for next in edges[node] where seen.insert(next).inserted { stack.append(next) }
        }
        return false
    }
}

extension Expr {
    /// The columns of `table` itself (not its parents) the expression reads.
    func ownColumns(in table: TableModel) -> [Int] {
        columnReferences.compactMap { reference in
            reference.table == nil || reference.table == table.name ? table.column(named: reference.column) : nil
        }
    }
}
