extension NameResolver {
    mutating func checkTable(_ table: TableDecl) {
        let name = table.name.name
        checkRows(table)
        var keyColumn: ColumnDecl?
        for column in table.columns where tables[name]?.column(named: column.name.name) == column {
            let type = columnTypes[name]?[column.name.name]
            checkModifiers(column, type: type, in: table)
            if column.isKey {
                if let first = keyColumn {
                    let key = column.modifiers.first { $0.value == .key }?.range ?? column.name.range
                    error(
                        .twoKeys, at: key,
                        notes: [.init(DiagnosticMessage.keyDeclaredHere(first.name.name).text, at: first.name.range)])
                } else {
                    keyColumn = column
                }
            }
            if let type, let generator = column.generator {
                checkGenerator(generator, column: column, type: type, in: table)
            }
        }
        checkCorrelations(table)
        checkDerivedCycles(table)
    }

    // MARK: - Rows

    private mutating func checkRows(_ table: TableDecl) {
        guard let rows = table.rows else {
            if !parsed.damagedRows.contains(table.name.name) {
                error(.missingRows(table.name.name), at: table.name.range)
            }
            return
        }
        guard case .perParent(let parent, let distribution) = rows.value else { return }
        guard tables[parent.name] != nil else {
            error(
                .unknownTable(parent.name), at: parent.range, help: Suggestions.help(for: parent.name, in: tables.keys))
            return
        }
        if !(parents[table.name.name] ?? []).contains(where: { $0.parent == parent.name }) {
            error(.rowsPerWithoutReference(child: table.name.name, parent: parent.name), at: parent.range)
        }
        checkCountDistribution(distribution, at: rows.range)
    }

    /// The number of children per parent must be a whole, non-negative count.
    private mutating func checkCountDistribution(_ distribution: Distribution, at range: SourceRange) {
        switch distribution {
        case .oneOf(let choices):
            checkChoices(choices, type: .int, at: range)
            for choice in choices {
                if case .number(let n) = choice.value, let count = n.integerValue, count < 0 {
                    error(.argumentType("a number of children", expected: "0 or more"), at: choice.range)
                }
            }
        case .call(let name, let arguments):
            switch name.name {
            case "poisson", "uniform":
                checkDistributionCall(name, arguments, type: .int, range: range)
                if let low = arguments.first.flatMap({ Self.number($0.value) }), low < 0 {
                    error(.argumentType("a number of children", expected: "0 or more"), at: arguments[0].range)
                }
            case "normal", "lognormal":
                error(.countDistributionRequired(name.name), at: name.range)
            default:
                error(
                    .unknownDistribution(name.name), at: name.range,
                    help: Suggestions.help(for: name.name, in: ["poisson", "uniform"]))
            }
        }
    }

    // MARK: - Modifiers

    private mutating func checkModifiers(_ column: ColumnDecl, type: ValueType?, in table: TableDecl) {
        var seen = Set<String>()
        var bounds: (min: Located<Literal>?, max: Located<Literal>?) = (nil, nil)
        for modifier in column.modifiers {
            let spelled = modifier.value.keyword
            if !seen.insert(spelled).inserted {
                error(.duplicateModifier(spelled), at: modifier.range)
                continue
            }
            switch modifier.value {
            case .references(let parentName, let target):
                checkReference(column, type: type, parent: parentName, target: target, at: modifier.range)
            case .nullable(let share):
                if column.isKey { error(.nullableKey, at: modifier.range) }
                if !(0...1).contains(share.value) { error(.shareOutOfRange("the share of nulls"), at: modifier.range) }
            case .min(let value), .max(let value):
                guard let type else { break }
                if !type.isOrdered {
                    error(.boundsOnUnordered(type), at: modifier.range)
                } else if !ExprType(value).fits(type) || value == .null {
                    error(.boundTypeMismatch(spelled, type: type), at: modifier.range)
                } else if case .min = modifier.value {
                    bounds.min = Located(value, range: modifier.range)
                } else {
                    bounds.max = Located(value, range: modifier.range)
                }
            case .key, .unique, .pii, .quasiIdentifier, .sensitive:
                break
            }
        }
        if let low = bounds.min, let high = bounds.max, let a = Self.order(low.value), let b = Self.order(high.value),
            a > b
        {
            error(.minAboveMax(Self.describe(low.value), Self.describe(high.value)), at: low.range.union(high.range))
        }
    }

    private mutating func checkReference(
        _ column: ColumnDecl, type: ValueType?, parent: Identifier, target: Identifier, at range: SourceRange
    ) {
        if let generator = column.generator { error(.referenceWithGenerator, at: generator.range) }
        guard let parentTable = tables[parent.name] else {
            error(
                .unknownTable(parent.name), at: parent.range, help: Suggestions.help(for: parent.name, in: tables.keys))
            return
        }
        guard let targetColumn = parentTable.column(named: target.name) else {
            error(
                .unknownColumn(target.name, table: parent.name), at: target.range,
                help: Suggestions.help(for: target.name, in: parentTable.columns.map(\.name.name)))
            return
        }
        if !targetColumn.isUnique {
            error(.referenceTargetNotUnique("\(parent.name).\(target.name)"), at: target.range)
        }
        if let type, let targetType = columnTypes[parent.name]?[target.name], ExprType(type) != ExprType(targetType) {
            error(.referenceTypeMismatch(type, target: targetType), at: range)
        }
    }

    // MARK: - Correlations

    private mutating func checkCorrelations(_ table: TableDecl) {
        var pairs: [[String]: SourceRange] = [:]
        for correlation in table.correlations {
            if !(-1...1).contains(correlation.coefficient.value) {
                error(.correlationOutOfRange, at: correlation.range)
            }
            if correlation.first.name == correlation.second.name {
                error(.correlationWithItself, at: correlation.second.range)
                continue
            }
            let pair = [correlation.first.name, correlation.second.name].sorted()
            if let first = pairs[pair] {
                error(
                    .duplicateCorrelation(correlation.first.name, correlation.second.name), at: correlation.range,
                    notes: [.init(DiagnosticMessage.firstCorrelation.text, at: first)])
            } else {
                pairs[pair] = correlation.range
            }
            for name in [correlation.first, correlation.second] {
                guard let column = table.column(named: name.name) else {
                    if !parsed.damagedNames.contains("\(table.name.name).\(name.name)") {
                        error(
                            .unknownColumn(name.name, table: table.name.name), at: name.range,
                            help: Suggestions.help(for: name.name, in: table.columns.map(\.name.name)))
                    }
                    continue
                }
                if case .derived? = column.generator?.value {
                    error(.derivedCorrelation, at: name.range)
                } else if let type = columnTypes[table.name.name]?[name.name], !type.isOrdered {
                    error(.correlationNeedsNumbers(name.name), at: name.range)
                }
            }
        }
    }

    // MARK: - Derived columns

    /// Derived columns of one table must not depend on each other in a circle.
    private mutating func checkDerivedCycles(_ table: TableDecl) {
        var graph: [String: [String]] = [:]
        for column in table.columns {
            guard case .derived(let expr)? = column.generator?.value else { continue }
            graph[column.name.name] = expr.columnReferences.filter { $0.table == nil || $0.table == table.name.name }
                .map(\.column)
        }
        for component in StronglyConnected.components(of: graph) {
            let isCycle = component.count > 1 || (graph[component[0]] ?? []).contains(component[0])
            guard isCycle, let first = table.columns.first(where: { component.contains($0.name.name) }) else {
                continue
            }
            let cycle = StronglyConnected.cycle(from: first.name.name, in: graph, within: Set(component))
            error(.derivedCycle(cycle), at: first.name.range)
        }
    }

    // MARK: - Literal helpers

    static func number(_ literal: Literal) -> Double? {
        if case .number(let n) = literal { return n.value }
        return nil
    }

    /// A comparable position of an ordered literal (numbers, dates, timestamps in microseconds).
    static func order(_ literal: Literal) -> Double? {
        switch literal {
        case .number(let n): n.value
        case .date(let days): Double(days) * 86_400_000_000
        case .timestamp(let micros): Double(micros)
        default: nil
        }
    }

    static func describe(_ literal: Literal) -> String {
        switch literal {
        case .number(let n):
            switch n {
            case .integer(let i): String(i)
            case .decimal(let x): String(x)
            case .percent(let p): "\(p)%"
            }
        case .string(let s): "\"\(s)\""
        case .date(let days): CivilDate.format(days: days)
        case .timestamp(let micros): CivilDate.format(microseconds: micros)
        case .bool(let b): String(b)
        case .null: "null"
        }
    }
}

extension Expr {
    /// Every column the expression reads, in order, with the table when it is written `TABLE.COLUMN`.
    public var columnReferences: [(table: String?, column: String, range: SourceRange)] {
        var result: [(table: String?, column: String, range: SourceRange)] = []
        func visit(_ expr: Expr) {
            switch expr.kind {
            case .literal: break
            case .column(let table, let column): result.append((table?.name, column.name, expr.range))
            case .call(_, let arguments): arguments.forEach(visit)
            case .negate(let e), .not(let e), .inList(let e, _, _), .isNull(let e, _), .matches(let e, _): visit(e)
            case .binary(_, let a, let b):
                visit(a)
                visit(b)
            case .between(let e, let low, let high, _):
                visit(e)
                visit(low)
                visit(high)
            }
        }
        visit(self)
        return result
    }
}
