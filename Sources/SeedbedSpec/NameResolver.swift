/// Resolves names and checks types: tables, columns, generators, modifiers, references,
/// rules and scenarios. It reports every problem it finds and goes on, so a file with
/// several mistakes shows all of them at once.
struct NameResolver {
    let parsed: ParsedSpec
    var diagnostics: [Diagnostic] = []
    /// Tables by name (the first declaration wins when one is declared twice).
    var tables: [String: TableDecl] = [:]
    /// Declared column types by table, then column.
    var columnTypes: [String: [String: ValueType]] = [:]
    /// The parents each table references, with the referencing columns.
    var parents: [String: [(parent: String, column: String, nullable: Bool)]] = [:]

    init(parsed: ParsedSpec) {
        self.parsed = parsed
    }

    var spec: SpecFile { parsed.syntax }

    mutating func run() {
        declareTables()
        for table in spec.tables where tables[table.name.name] == table {
            checkTable(table)
        }
        checkReferenceCycles()
        checkIDs()
        for rule in spec.rules { checkRule(rule) }
        for scenario in spec.scenarios { checkScenario(scenario) }
    }

    mutating func error(
        _ message: DiagnosticMessage, at range: SourceRange, notes: [Diagnostic.Note] = [], help: String? = nil
    ) {
        diagnostics.append(.error(message, at: range, notes: notes, help: help))
    }

    mutating func warning(_ message: DiagnosticMessage, at range: SourceRange, help: String? = nil) {
        diagnostics.append(.warning(message, at: range, help: help))
    }

    // MARK: - Declarations

    private mutating func declareTables() {
        for table in spec.tables {
            let name = table.name.name
            if let first = tables[name] {
                error(
                    .duplicateTable(name), at: table.name.range,
                    notes: [.init(DiagnosticMessage.previousDeclaration(name).text, at: first.name.range)])
                continue
            }
            tables[name] = table
            var types: [String: ValueType] = [:]
            var seen: [String: Identifier] = [:]
            for column in table.columns {
                if let first = seen[column.name.name] {
                    error(
                        .duplicateColumn(column.name.name, table: name), at: column.name.range,
                        notes: [.init(DiagnosticMessage.previousDeclaration(column.name.name).text, at: first.range)])
                    continue
                }
                seen[column.name.name] = column.name
                if let type = resolveType(column.type) { types[column.name.name] = type }
            }
            columnTypes[name] = types
        }
        for table in tables.values {
            for column in table.columns {
                for modifier in column.modifiers {
                    guard case .references(let parent, _) = modifier.value else { continue }
                    parents[table.name.name, default: []].append(
                        (parent.name, column.name.name, column.nullShare != nil))
                }
            }
        }
    }

    /// The column's type, or `nil` after reporting an unknown one.
    private mutating func resolveType(_ type: TypeName) -> ValueType? {
        let name = type.name.name
        // An unknown type gets one error; whether it may take a scale is beside the point.
        if let scale = type.scale, name != "decimal", ValueType.names.contains(name) {
            error(.scaleOnNonDecimal(name), at: scale.range)
        }
        if let written = type.scale, name == "decimal", !(0...18).contains(written.value) {
            error(.scaleOutOfRange, at: written.range)
        }
        guard let resolved = type.valueType else {
            error(.unknownType(name), at: type.name.range, help: Suggestions.help(for: name, in: ValueType.names))
            return nil
        }
        return resolved
    }

    /// Whether a column exists, or was damaged by a syntax error (then nothing more is said).
    func columnType(_ table: String, _ column: String) -> ValueType?? {
        if let type = columnTypes[table]?[column] { return .some(type) }
        if parsed.damagedNames.contains("\(table).\(column)") { return .some(nil) }
        if tables[table]?.column(named: column) != nil { return .some(nil) }  // its type was unknown
        return nil
    }

    // MARK: - IDs

    private mutating func checkIDs() {
        var seen: [String: Identifier] = [:]
        let ids = spec.items.compactMap { item -> Identifier? in
            switch item {
            case .rule(let rule): rule.id
            case .scenario(let scenario): scenario.id
            case .table: nil
            }
        }
        for id in ids {
            if let first = seen[id.name] {
                error(
                    .duplicateID(id.name), at: id.range,
                    notes: [.init(DiagnosticMessage.previousDeclaration(id.name).text, at: first.range)])
            } else {
                seen[id.name] = id
            }
        }
    }

    // MARK: - Reference graph

    /// Every ancestor of `table` with the distinct reference paths that lead to it.
    func ancestors(of table: String) -> [String: [[String]]] {
        var result: [String: [[String]]] = [:]
        func visit(_ current: String, path: [String], onPath: Set<String>) {
            for edge in parents[current] ?? [] where !onPath.contains(edge.parent) {
                let newPath = path + ["\(current).\(edge.column)"]
                if result[edge.parent, default: []].count < 4 { result[edge.parent, default: []].append(newPath) }
                visit(edge.parent, path: newPath, onPath: onPath.union([edge.parent]))
            }
        }
        visit(table, path: [], onPath: [table])
        return result
    }

    /// The first column of `child` that references `parent` and is not nullable, with the range
    /// of its `references` modifier.
    private func referenceModifier(from child: String, to parent: String) -> (String, SourceRange)? {
        for column in tables[child]?.columns ?? [] where column.nullShare == nil {
            for modifier in column.modifiers {
                if case .references(let table, _) = modifier.value, table.name == parent {
                    return (column.name.name, modifier.range)
                }
            }
        }
        return nil
    }

    /// Cycles of references in which every column is not null can never be filled.
    private mutating func checkReferenceCycles() {
        var strictEdges: [String: [String]] = [:]
        for (table, edges) in parents {
            strictEdges[table] = edges.filter { !$0.nullable }.map(\.parent).filter { tables[$0] != nil }
        }
        for component in StronglyConnected.components(of: strictEdges) {
            let isCycle = component.count > 1 || (strictEdges[component[0]] ?? []).contains(component[0])
            guard isCycle, let first = spec.tables.first(where: { component.contains($0.name.name) }) else { continue }
            let cycle = StronglyConnected.cycle(from: first.name.name, in: strictEdges, within: Set(component))
            // A note at each reference of the cycle, so "make one of these nullable" names them.
            let notes = zip(cycle, cycle.dropFirst()).compactMap { child, parent in
                referenceModifier(from: child, to: parent).map { column, range in
                    Diagnostic.Note(DiagnosticMessage.referenceInCycle("\(child).\(column)", parent).text, at: range)
                }
            }
            error(.referenceCycle(cycle), at: first.name.range, notes: notes)
        }
        // `rows per` must lead back to a table with a fixed count.
        var reported = Set<String>()
        for table in spec.tables {
            var chain = [table.name.name]
            var current = table
            while case .perParent(let parent, _)? = current.rows?.value, let next = tables[parent.name] {
                if let start = chain.firstIndex(of: parent.name) {
                    let cycle = Array(chain[start...]) + [parent.name]
                    // Each table of the circle finds it; report it once, at the first.
                    if reported.insert(Set(cycle).sorted().joined(separator: ",")).inserted {
                        error(.rowsPerCycle(cycle), at: table.rows?.range ?? table.name.range)
                    }
                    break
                }
                chain.append(parent.name)
                current = next
            }
        }
    }
}

extension ColumnDecl {
    /// The share of nulls from `nullable P`, if any.
    public var nullShare: NumberLiteral? {
        for modifier in modifiers { if case .nullable(let p) = modifier.value { return p } }
        return nil
    }

    public var isKey: Bool { modifiers.contains { $0.value == .key } }
    /// Key or unique.
    public var isUnique: Bool { modifiers.contains { $0.value == .key || $0.value == .unique } }
}

/// Tarjan's strongly connected components, iterative so deep graphs cannot overflow the stack.
enum StronglyConnected {
    /// The shortest cycle from `start` back to it along the graph's edges, staying inside
    /// `component` (a strongly connected component holding `start`): `[start, …, start]`.
    /// A component lists its members in no particular order, so it cannot be shown as a cycle.
    static func cycle(from start: String, in graph: [String: [String]], within component: Set<String>) -> [String] {
        var previous: [String: String] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let node = queue[head]
            head += 1
            for next in graph[node] ?? [] where component.contains(next) {
                if next == start {
                    var path = [start]
                    var step: String? = node
                    while let current = step, current != start {
                        path.append(current)
                        step = previous[current]
                    }
                    return [start] + path.dropFirst().reversed() + [start]
                }
                if previous[next] == nil, next != start {
                    previous[next] = node
                    queue.append(next)
                }
            }
        }
        return [start, start]
    }

    static func components(of graph: [String: [String]]) -> [[String]] {
        var index = 0
        var indices: [String: Int] = [:]
        var lowLinks: [String: Int] = [:]
        var onStack = Set<String>()
        var stack: [String] = []
        var result: [[String]] = []
        for root in graph.keys.sorted() where indices[root] == nil {
            var work: [(node: String, next: Int)] = [(root, 0)]
            indices[root] = index
            lowLinks[root] = index
            index += 1
            stack.append(root)
            onStack.insert(root)
            while let (node, next) = work.last {
                let successors = graph[node] ?? []
                if next < successors.count {
                    work[work.count - 1].next += 1
                    let successor = successors[next]
                    if indices[successor] == nil {
                        indices[successor] = index
                        lowLinks[successor] = index
                        index += 1
                        stack.append(successor)
                        onStack.insert(successor)
                        work.append((successor, 0))
                    } else if onStack.contains(successor) {
                        lowLinks[node] = min(lowLinks[node] ?? 0, indices[successor] ?? 0)
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node { lowLinks[parent] = min(lowLinks[parent] ?? 0, lowLinks[node] ?? 0) }
                if lowLinks[node] == indices[node] {
                    var component: [String] = []
                    while let member = stack.popLast() {
                        onStack.remove(member)
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component.reversed())
                }
            }
        }
        return result
    }
}
