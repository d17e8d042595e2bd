import SeedbedSpec

// Which declared or guessed references the spec keeps. `seedbed check` requires a reference to
// name an existing key or unique column of the same type family, and refuses a cycle of
// references that no nullable column breaks; a reference that would fail either is left out,
// with a comment on its column saying why.

extension StarterSpec {
    /// Sets each column's `reference`, in table then column order; returns what was left out.
    static func resolveReferences(_ plans: inout [TablePlan], schema: SourceSchema, guessed: Bool) -> [String] {
        var notes: [String] = []
        let tableIndex = Dictionary(
            plans.enumerated().map { ($1.source.name, $0) }, uniquingKeysWith: { first, _ in first })
        // Kept references that are never null, table to parent tables: a cycle of these cannot be filled.
        var strictEdges: [Int: Set<Int>] = [:]
        for (t, plan) in plans.enumerated() {
            for (c, column) in plan.columns.enumerated() {
                guard
                    let key = schema.foreignKeys.first(where: {
                        $0.table == plan.source.name && $0.column == column.sourceName
                    })
                else { continue }
                // Its values are another row's key whether or not the spec keeps the reference.
                plans[t].columns[c].isIdentifier = true
                let target = "\(key.parentTable).\(key.parentColumn)"
                func leaveOut(_ reason: String) {
                    plans[t].columns[c].notes.append("references \(target) left out: \(reason)")
                    notes.append("\(plan.name).\(column.name): references \(target) left out: \(reason)")
                }
                guard let p = tableIndex[key.parentTable],
                    let pc = plans[p].columns.firstIndex(where: { $0.sourceName == key.parentColumn })
                else {
                    leaveOut("the source has no such column of a type Seedbed reads")
                    continue
                }
                let parent = plans[p].columns[pc]
                guard parent.isKey || parent.isUnique else {
                    leaveOut("it is neither the key nor unique in the spec")
                    continue
                }
                guard sameTypeFamily(column.type, parent.type) else {
                    leaveOut("\(column.type) cannot reference \(parent.type)")
                    continue
                }
                if column.nullShare == nil {
                    if p == t || reaches(from: p, to: t, edges: strictEdges) {
                        leaveOut("it would close a cycle of references that are never null")
                        continue
                    }
                    strictEdges[t, default: []].insert(p)
                }
                plans[t].columns[c].reference = (p, pc)
                if guessed {
                    plans[t].columns[c].notes.append(
                        "references: every value is a \(plans[p].name).\(parent.name)")
                }
            }
        }
        return notes
    }

    /// Whether a reference from one type to the other checks: the checker compares numbers as
    /// integers or not, and every other type by itself.
    static func sameTypeFamily(_ a: ValueType, _ b: ValueType) -> Bool {
        switch (a, b) {
        case (.int, .int): true
        case (.decimal, .decimal), (.decimal, .float), (.float, .decimal), (.float, .float): true
        default: a == b
        }
    }

    private static func reaches(from start: Int, to goal: Int, edges: [Int: Set<Int>]) -> Bool {
        var seen: Set<Int> = [start]
        var stack = [start]
        while let node = stack.popLast() {
            if node == goal { return true }
            for next in edges[node] ?? [] where seen.insert(next).inserted { stack.append(next) }
        }
        return false
    }
}
