import SeedbedSpec

/// A finished row and the parent rows its references point at.
struct MadeRow {
    var values: RowValues
    /// For each referencing column, the parent row index (−1 for null or other columns).
    var parentRows: [Int]
    var uuids: [UUIDValue]

    init(columns: Int) {
        values = RowValues(columns: columns)
        parentRows = Array(repeating: -1, count: columns)
        uuids = Array(repeating: UUIDValue(high: 0, low: 0), count: columns)
    }
}

/// What a row is made for.
struct RowPurpose {
    /// The scenario (index among the table's scenarios) the row must satisfy.
    var scenario: Int?
    /// The rule (index among the table's rules) the row must break, for `--negative`.
    var brokenRule: Int?
    /// The parent row of the `rows per` reference.
    var parent: (column: Int, row: Int)?
}

/// Why a row could not be made.
struct RowFailure: Error {
    /// The rules and scenarios that could not be met.
    var ids: [String]
}

extension TableMaker {
    func mode(of constraint: Int, for purpose: RowPurpose) -> Constraint.Mode {
        if constraint < ruleCount { return constraint == purpose.brokenRule ? .broken : .holds }
        return constraint - ruleCount == purpose.scenario ? .scenario : .notScenario
    }

    /// Makes row `row`, trying again with fresh randomness when the finished row misses a rule.
    /// - Throws: `RowFailure` naming the rules that could not be met after every attempt.
    func make(
        row: Int, purpose: RowPurpose, generation: Generation, context: inout RowContext, into made: inout MadeRow,
        attempts: Int = TableMaker.maximumAttempts
    ) throws(RowFailure) {
        var failing: [String: Int] = [:]
        for number in 0..<attempts {
            switch attempt(
                row: row, attempt: number, purpose: purpose, generation: generation, context: &context, made: &made)
            {
            case nil:
                for (id, count) in failing { retries[id, default: 0] += count }
                return
            case let ids?:
                for id in ids { failing[id, default: 0] += 1 }
            }
        }
        // Most frequent first; on a tie a rule or scenario before the column it narrows (callers
        // may report only the first), then by name, so the report does not follow hash order.
        let ids = Set(constraints.map(\.id))
        throw RowFailure(
            ids: failing.sorted {
                ($0.value, ids.contains($0.key) ? 1 : 0, $1.key) > ($1.value, ids.contains($1.key) ? 1 : 0, $0.key)
            }.map(\.key))
    }

    /// One attempt: `nil` on success, else the IDs of what failed.
    private func attempt(
        row: Int, attempt: Int, purpose: RowPurpose, generation: Generation, context: inout RowContext,
        made: inout MadeRow
    ) -> [String]? {
        // Attempt 0 is the row's own randomness; later attempts mix the attempt in.
        let rowKey = attempt == 0 ? UInt64(row) : UInt64(row) ^ (UInt64(attempt) << 48)
        var uniforms: [Double] = []
        if let copula {
            var random = RowRandom(key: copulaKey, row: rowKey)
            uniforms = Array(repeating: 0, count: copula.dimension)
            copula.uniforms(&random, into: &uniforms)
        }
        for index in order {
            let column = model.columns[index]
            var random = RowRandom(key: valueKeys[index], row: rowKey)
            switch samplers[index] {
            case .reference(let table, let target, let level):
                let parentRow: Int
                if let forced = purpose.parent, forced.column == index {
                    parentRow = forced.row
                } else {
                    var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
                    let parents = generation.rowCount(of: table)
                    if parents == 0 || (column.nullShare > 0 && nullRandom.nextUnit() < column.nullShare) {
                        made.parentRows[index] = -1
                        context.levels[0][index] = .null
                        continue
                    }
                    parentRow = Int(random.next(below: UInt64(parents)))
                }
                guard let parent = generation.row(of: table, at: parentRow) else { return [column.name] }
                made.parentRows[index] = parentRow
                context.levels[0][index] = parent.values[target]
                if let level { fillAncestors(from: level, parent: parent, generation: generation, context: &context) }
            case .derived(let expr, let output):
                context.levels[0][index] = Self.fit(expr.evaluate(context), to: output)
            case .sequence(let start, let step, _):
                context.levels[0][index] = .number(start + step * Double(row))
            case .uuid:
                made.uuids[index] = UUIDValue(random: &random)
                context.levels[0][index] = .text(made.uuids[index].description)
            case .numeric(let distribution, let base, let output):
                guard
                    let value = drawNumber(
                        index, distribution, base, output, row: row, rowKey: rowKey,
                        uniform: copulaSlot[index].map { uniforms[$0] }, random: &random, purpose: purpose,
                        context: context)
                else { return narrowing[index].map { constraints[$0.constraint].id } + [column.name] }
                context.levels[0][index] = value
            case .categorical(let values, let weights):
                guard
                    let value = drawChoice(
                        index, values, weights, rowKey: rowKey, random: &random, purpose: purpose, context: &context)
                else { return narrowing[index].map { constraints[$0.constraint].id } + [column.name] }
                context.levels[0][index] = value
            case .fake(let fake, let unique):
                guard
                    let value = drawText(
                        index, rowKey: rowKey, purpose: purpose, context: &context,
                        make: { random in
                            unique
                                ? fake.uniqueValue(index: self.uniqueIndex(index, row: row), random: &random)
                                : fake.value(&random)
                        }, random: &random)
                else { return textChecks[index].map { constraints[$0].id } + [column.name] }
                context.levels[0][index] = value
            case .pattern(let generator, let unique):
                guard
                    let value = drawText(
                        index, rowKey: rowKey, purpose: purpose, context: &context,
                        make: { random in
                            unique
                                ? generator.string(at: self.uniqueIndex(index, row: row)) ?? ""
                                : generator.string(&random)
                        }, random: &random)
                else { return textChecks[index].map { constraints[$0].id } + [column.name] }
                context.levels[0][index] = value
            }
        }
        var failed: [String] = []
        for (index, constraint) in constraints.enumerated()
        where !constraint.isSatisfied(mode(of: index, for: purpose), context) {
            failed.append(constraint.id)
        }
        if failed.isEmpty { made.values = context.levels[0] }
        return failed.isEmpty ? nil : failed
    }

    /// The index a unique column's construction uses for `row`: a keyed shuffle, so unique
    /// values do not look sequential; rows past the table (negative rows) follow on.
    func uniqueIndex(_ column: Int, row: Int) -> UInt64 {
        guard row < rowCount, let order = uniqueOrder[column] else { return UInt64(row) }
        return order(UInt64(row))
    }

    private func fillAncestors(from level: Int, parent: MadeRow, generation: Generation, context: inout RowContext) {
        context.levels[level] = parent.values
        for (deeper, candidate) in levels.levels.enumerated() where candidate.parent?.level == level {
            guard let via = candidate.parent?.column, parent.parentRows[via] >= 0,
                let grandparent = generation.row(of: candidate.table, at: parent.parentRows[via])
            else {
                context.levels[deeper] = RowValues(columns: generation.columnCount(of: candidate.table))
                continue
            }
            fillAncestors(from: deeper, parent: grandparent, generation: generation, context: &context)
        }
    }

    // MARK: - Drawing values

    private func allowed(_ column: Int, purpose: RowPurpose, context: RowContext) -> Allowed {
        var allowed = Allowed.everything
        for narrower in narrowing[column] {
            allowed = allowed.intersection(narrower.allowed(mode(of: narrower.constraint, for: purpose), context))
            if allowed.isEmpty { break }
        }
        return allowed
    }

    private func drawNumber(
        _ index: Int, _ distribution: NumericDistribution, _ base: IntervalSet, _ output: NumericOutput, row: Int,
        rowKey: UInt64, uniform: Double?, random: inout RowRandom, purpose: RowPurpose, context: RowContext
    ) -> RowValue? {
        let column = model.columns[index]
        if column.isUnique, case .uniformInteger(let lower, _) = distribution.family {
            return .number(Double(lower) + Double(uniqueIndex(index, row: row)))
        }
        var allowed = allowed(index, purpose: purpose, context: context)
        allowed.values = allowed.values.intersection(base)
        var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
        let nullable = allowed.null && column.nullShare > 0
        if nullable && (allowed.values.isEmpty || nullRandom.nextUnit() < column.nullShare) { return .null }
        let u = uniform ?? random.nextOpenUnit()
        let value: Double?
        switch output {
        case .float: value = distribution.quantile(u, within: allowed.values)
        case .decimal(let scale): value = distribution.quantile(u, within: allowed.values, decimalScale: scale)
        default: value = distribution.quantile(u, within: allowed.values, decimalScale: 0)
        }
        if let value { return .number(value) }
        if purpose.brokenRule != nil, let value = Self.outside(distribution, allowed.values, u: u, output: output) {
            // Bad data on purpose may lie outside the column's own distribution (an age of 15
            // where birth dates make everyone an adult): draw it next to the distribution.
            return .number(value)
        }
        return nullable ? .null : nil
    }

    /// A value of `allowed` near the distribution's bulk, uniformly, for `--negative` rows.
    private static func outside(
        _ distribution: NumericDistribution, _ allowed: IntervalSet, u: Double, output: NumericOutput
    )
        -> Double?
    {
        let low = distribution.quantile(0.001)
        let high = distribution.quantile(0.999)
        let margin = max(high - low, 1)
        let window = allowed.intersection(.greaterOrEqual, low - margin).intersection(.lessOrEqual, high + margin)
        guard let uniform = try? NumericDistribution(.uniform(lower: low - margin, upper: high + margin)) else {
            return nil
        }
        switch output {
        case .float: return uniform.quantile(u, within: window)
        case .decimal(let scale): return uniform.quantile(u, within: window, decimalScale: scale)
        default: return uniform.quantile(u, within: window, decimalScale: 0)
        }
    }

    private func drawChoice(
        _ index: Int, _ values: [RowValue], _ weights: [Double], rowKey: UInt64, random: inout RowRandom,
        purpose: RowPurpose, context: inout RowContext
    ) -> RowValue? {
        let column = model.columns[index]
        // The allowed set holds value indices (see `NarrowExpr.enumerated`).
        let allowed = allowed(index, purpose: purpose, context: context)
        var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
        let nullable = column.nullShare > 0 && allowed.null
        if nullable, nullRandom.nextUnit() < column.nullShare { return .null }
        // Renormalise over the values the rules leave this row.
        var total = 0.0
        var open = [Double](repeating: 0, count: values.count)
        for choice in values.indices where allowed.admits(choice: choice, of: values.count) {
            open[choice] = weights[choice]
            total += weights[choice]
        }
        guard total > 0 else { return nullable ? .null : nil }
        var target = random.nextUnit() * total
        for (choice, weight) in open.enumerated() where weight > 0 {
            target -= weight
            if target < 0 { return values[choice] }
        }
        return values[open.lastIndex { $0 > 0 } ?? 0]
    }

    private func drawText(
        _ index: Int, rowKey: UInt64, purpose: RowPurpose, context: inout RowContext,
        make: (inout RowRandom) -> String, random: inout RowRandom
    ) -> RowValue? {
        let column = model.columns[index]
        let constraintsHere = textChecks[index]
        func admitted(_ value: RowValue) -> Bool {
            constraintsHere.allSatisfy { constraints[$0].admits(value, mode(of: $0, for: purpose), &context) }
        }
        var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
        if column.nullShare > 0, nullRandom.nextUnit() < column.nullShare, admitted(.null) { return .null }
        // Text cannot be narrowed ahead of time; a few fresh draws stand in (unique values are fixed by row).
        for _ in 0..<(column.isUnique ? 1 : 16) {
            let value = RowValue.text(make(&random))
            if constraintsHere.isEmpty || admitted(value) { return value }
        }
        return column.nullShare > 0 && admitted(.null) ? .null : nil
    }

    /// A derived value stored as its column's type.
    static func fit(_ value: RowValue, to output: NumericOutput?) -> RowValue {
        guard case .number(let x) = value, let output else { return value }
        switch output {
        case .float: return value
        case .decimal(let scale):
            let factor = pow10(scale)
            return .number((x * factor).rounded() / factor)
        default: return .number(x.rounded(.down))
        }
    }
}
