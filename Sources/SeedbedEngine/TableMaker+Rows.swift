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

/// What making rows of one table needs between values: the row and its ancestors, memoised
/// narrowing answers, and scratch buffers. Each caller owns one, so making a parent row in the
/// middle of a child's never disturbs the child's.
struct RowWorkspace {
    var context: RowContext
    var memo: [Allowed?]
    /// The value index each categorical column drew in the current row (its count for null).
    var choiceIndex: [Int]
    var uniforms: [Double]
    /// Prepared draws by their memo slot (see `TableMaker.prepared`), unretained: taking a
    /// reference per column per row cost a retain and a release each, the largest share of the
    /// reference counting left in the row loop. `preparedOwners` keeps them alive.
    var prepared: [Unmanaged<PreparedDraw>?]
    var preparedOwners: [PreparedDraw] = []
    /// Per column without a memo, its last prepared draw, alive until the column's next draw.
    var unmemoised: [PreparedDraw?] = []
    /// Whether a numeric draw of this attempt fell outside its narrowed set (a grid point
    /// beyond the exact range of doubles): the row is then checked against every constraint.
    var drewOutside = false
    /// While a pilot runs (see `TableMaker.balance`), the values each categorical
    /// column was allowed, one bit mask per draw.
    var allowedMasks: [[UInt64]]? = nil
    /// While a pilot runs, each numeric column's draws: where in its distribution the value fell
    /// (F(x)), and whether the rules narrowed that row's draw.
    var numericDraws: [[(narrowed: Bool, position: Double)]]? = nil
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
        row: Int, purpose: RowPurpose, generation: Generation, workspace: inout RowWorkspace, into made: inout MadeRow,
        attempts: Int = TableMaker.maximumAttempts
    ) throws(RowFailure) {
        var failing: [String: Int] = [:]
        for number in 0..<attempts {
            switch attempt(
                row: row, attempt: number, purpose: purpose, generation: generation, workspace: &workspace, made: &made,
                samplers: samplers)
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
        row: Int, attempt: Int, purpose: RowPurpose, generation: Generation, workspace: inout RowWorkspace,
        made: inout MadeRow, samplers: borrowing [ColumnSampler]
    ) -> [String]? {
        // Through a span, which lends each sampler in place (an array's subscript copies it).
        let samplers = samplers.span
        // Attempt 0 is the row's own randomness; later attempts mix the attempt in.
        let rowKey = attempt == 0 ? UInt64(row) : UInt64(row) ^ (UInt64(attempt) << 48)
        workspace.drewOutside = false
        if let copula {
            var random = RowRandom(key: copulaKey, row: rowKey)
            copula.uniforms(&random, into: &workspace.uniforms)
        }
        for index in order {
            var random = RowRandom(key: valueKeys[index], row: rowKey)
            switch samplers[index] {
            case .reference(let table, let target, let level):
                let parentRow: Int
                if let forced = purpose.parent, forced.column == index {
                    parentRow = forced.row
                } else {
                    var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
                    let parents = generation.rowCount(of: table)
                    if parents == 0 || (nullShares[index] > 0 && nullRandom.nextUnit() < nullShares[index]) {
                        made.parentRows[index] = -1
                        workspace.context.levels[0][index] = .null
                        continue
                    }
                    parentRow = Int(random.next(below: UInt64(parents)))
                }
                if table >= self.index {
                    // A reference back along a cycle (a self-reference, or to a table made later):
                    // making that row could come back here, so only its key is computed.
                    made.parentRows[index] = parentRow
                    let key = generation.keyValue(of: table, column: target, row: parentRow)
                    if case .text(let text) = key, let uuid = UUIDValue(text) { made.uuids[index] = uuid }
                    workspace.context.levels[0][index] = key
                    continue
                }
                guard let parent = generation.row(of: table, at: parentRow) else { return [model.columns[index].name] }
                made.parentRows[index] = parentRow
                // The writer takes uuid columns from `uuids`, so a uuid reference copies the parent's.
                made.uuids[index] = parent.uuids[target]
                workspace.context.levels[0][index] = parent.values[target]
                if let level {
                    fillAncestors(from: level, parent: parent, generation: generation, workspace: &workspace)
                }
            case .derived(let expr, let output):
                workspace.context.levels[0][index] = Self.fit(expr.evaluate(workspace.context), to: output)
            case .sequence(let start, let step, _):
                workspace.context.levels[0][index] = .number(start + step * Double(row))
            case .uuid:
                // By row, not attempt: a key another row may name before this one is made.
                var stable = RowRandom(key: valueKeys[index], row: UInt64(row))
                made.uuids[index] = UUIDValue(random: &stable)
                workspace.context.levels[0][index] = .text(made.uuids[index].description)
            case .numeric(let distribution, _, let output):
                guard
                    let value = drawNumber(
                        index, distribution, output, row: row, attempt: attempt, rowKey: rowKey,
                        uniform: copulaSlot[index].map { workspace.uniforms[$0] }, random: &random, purpose: purpose,
                        workspace: &workspace)
                else { return narrowing[index].map { constraints[$0.constraint].id } + [model.columns[index].name] }
                workspace.context.levels[0][index] = value
            case .categorical:
                // The values are read from a flat list: binding them here retained the arrays per row.
                guard
                    let value = drawChoice(
                        index, row: row, attempt: attempt, rowKey: rowKey,
                        uniform: copulaSlot[index].map { workspace.uniforms[$0] }, random: &random, purpose: purpose,
                        workspace: &workspace)
                else { return narrowing[index].map { constraints[$0.constraint].id } + [model.columns[index].name] }
                workspace.context.levels[0][index] = value
            case .fake(let fake, let unique):
                guard
                    let value = drawText(
                        index, rowKey: rowKey, purpose: purpose, workspace: &workspace,
                        make: { random in
                            unique
                                ? self.uniqueIndex(index, row: row, attempt: attempt).map {
                                    fake.uniqueValue(index: $0, random: &random)
                                }
                                : fake.value(&random)
                        }, random: &random)
                else { return textChecks[index].map { constraints[$0].id } + [model.columns[index].name] }
                workspace.context.levels[0][index] = value
            case .pattern(let generator, let unique):
                guard
                    let value = drawText(
                        index, rowKey: rowKey, purpose: purpose, workspace: &workspace,
                        make: { random in
                            unique
                                ? self.uniqueIndex(index, row: row, attempt: attempt).flatMap(generator.string(at:))
                                : generator.string(&random)
                        }, random: &random)
                else { return textChecks[index].map { constraints[$0].id } + [model.columns[index].name] }
                workspace.context.levels[0][index] = value
            }
        }
        let failed = failures(
            constraints, purpose: purpose, checkAll: purpose.brokenRule != nil || workspace.drewOutside,
            context: workspace.context)
        // Hand the row over without copying; every column is written again before it is read.
        if failed.isEmpty { swap(&made.values, &workspace.context.levels[0]) }
        return failed.isEmpty ? nil : failed
    }

    /// The IDs of the constraints the finished row misses, among those it is checked against.
    private func failures(
        _ constraints: borrowing [Constraint], purpose: RowPurpose, checkAll: Bool, context: RowContext
    ) -> [String] {
        var failed: [String] = []
        // Through a span, which lends each constraint in place: an array's subscript copies it,
        // and a constraint is large (copying it per row showed in profiles).
        let lent = constraints.span
        for index in lent.indices
        where (checkAll || checked[index]) && !lent[index].isSatisfied(mode(of: index, for: purpose), context) {
            failed.append(lent[index].id)
        }
        return failed
    }

    /// The index a unique column's construction uses for `row`: a keyed shuffle, so unique
    /// values do not look sequential; rows past the table (negative rows) follow on.
    /// Attempt k of row i takes index i + k·(rows + negative rows), so every attempt of every row
    /// has its own value; nil when the construction has run out of values.
    func uniqueIndex(_ column: Int, row: Int, attempt: Int) -> UInt64? {
        let (offset, overflow) = uniqueStride.multipliedReportingOverflow(by: UInt64(attempt))
        let base = UInt64(row) &+ offset
        guard !overflow else { return nil }
        guard let order = uniqueOrder[column] else { return base }
        return base < order.count ? order(base) : nil
    }

    private func fillAncestors(from level: Int, parent: MadeRow, generation: Generation, workspace: inout RowWorkspace)
    {
        workspace.context.levels[level] = parent.values
        for (deeper, candidate) in levels.levels.enumerated() where candidate.parent?.level == level {
            guard let via = candidate.parent?.column, parent.parentRows[via] >= 0,
                let grandparent = generation.row(of: candidate.table, at: parent.parentRows[via])
            else {
                workspace.context.levels[deeper] = RowValues(columns: generation.columnCount(of: candidate.table))
                continue
            }
            fillAncestors(from: deeper, parent: grandparent, generation: generation, workspace: &workspace)
        }
    }

    // MARK: - Drawing values

    private func allowed(_ column: Int, purpose: RowPurpose, workspace: inout RowWorkspace) -> Allowed {
        var allowed = Allowed.everything
        for slot in narrowing[column].indices {
            let constraint = narrowing[column][slot].constraint
            let mode = mode(of: constraint, for: purpose)
            let answer: Allowed
            if let (inputs, base) = narrowing[column][slot].memo {
                var key = mode.rawValue
                for (input, radix) in inputs { key = key * radix + workspace.choiceIndex[input] }
                if let known = workspace.memo[base + key] {
                    answer = known
                } else {
                    answer = narrowing[column][slot].allowed(mode, workspace.context)
                    workspace.memo[base + key] = answer
                }
            } else {
                answer = narrowing[column][slot].allowed(mode, workspace.context)
            }
            allowed = allowed.intersection(answer)
            if allowed.isEmpty { break }
        }
        return allowed
    }

    /// The uniform deciding whether the column is null in this row, drawn only for nullable
    /// columns (the stream is the column's own, so skipping it changes no other value).
    private func nullDraw(_ index: Int, _ rowKey: UInt64) -> Double {
        var random = RowRandom(key: nullKeys[index], row: rowKey)
        return random.nextUnit()
    }

    /// The column's draw as the rules leave it in this row, from the memo when it has one.
    private func prepared(_ column: Int, purpose: RowPurpose, workspace: inout RowWorkspace)
        -> Unmanaged<PreparedDraw>
    {
        let base = preparedBases[column]
        guard purpose.brokenRule == nil, base >= 0 else {
            let made = prepare(column, allowed(column, purpose: purpose, workspace: &workspace))
            if workspace.unmemoised.count < samplers.count {
                workspace.unmemoised = Array(repeating: nil, count: samplers.count)
            }
            workspace.unmemoised[column] = made
            return Unmanaged.passUnretained(made)
        }
        // The row's scenario (or none), then its inputs' value indices, in mixed radix.
        var key = purpose.scenario.map { $0 + 1 } ?? 0
        for position in preparedInputRanges[column] {
            let input = preparedInputList[position]
            key = key * input.radix + workspace.choiceIndex[input.column]
        }
        let slot = base + key
        if let known = workspace.prepared[slot] { return known }
        let made = prepare(column, allowed(column, purpose: purpose, workspace: &workspace))
        workspace.preparedOwners.append(made)
        workspace.prepared[slot] = Unmanaged.passUnretained(made)
        return Unmanaged.passUnretained(made)
    }

    private func prepare(_ column: Int, _ allowed: Allowed) -> PreparedDraw {
        switch samplers[column] {
        case .numeric(let distribution, let base, _):
            var allowed = allowed
            if !base.isAll { allowed.values = allowed.values.intersection(base) }
            let cells = gridScales[column].map { DecimalGrid(scale: $0).cells(of: allowed.values) } ?? allowed.values
            return PreparedDraw(
                allowed: allowed, cells: cells, truncated: distribution.truncated(to: cells),
                unrestricted: cells.isAll && distribution.poissonTable == nil)
        case .categorical(let values, let weights):
            // Weights balanced by the pilot where it ran; the pilot's own workspace is dropped
            // before they change, so no prepared draw outlives them.
            let weights = balancedWeights[column] ?? weights
            var open = [Double](repeating: 0, count: values.count)
            var total = 0.0
            for choice in values.indices where allowed.admits(choice: choice, of: values.count) {
                open[choice] = weights[choice]
                total += weights[choice]
            }
            return PreparedDraw(allowed: allowed, weights: open, total: total)
        default:
            return PreparedDraw(allowed: allowed)
        }
    }

    private func drawNumber(
        _ index: Int, _ distribution: NumericDistribution, _ output: NumericOutput, row: Int,
        attempt: Int, rowKey: UInt64, uniform: Double?, random: inout RowRandom, purpose: RowPurpose,
        workspace: inout RowWorkspace
    ) -> RowValue? {
        if isUnique[index], case .uniformInteger(let lower, _) = distribution.family {
            return uniqueIndex(index, row: row, attempt: attempt).map { .number(Double(lower) + Double($0)) }
        }
        // Borrowed for the draw: the workspace owns it (see `RowWorkspace.prepared`).
        return prepared(index, purpose: purpose, workspace: &workspace)._withUnsafeGuaranteedRef { prepared in
            if let conditional = conditionals[index], case .empirical(let quantiles) = distribution.family,
                let value = conditionalNumber(
                    index, conditional, quantiles: quantiles, prepared: prepared, rowKey: rowKey,
                    uniform: conditional.usesCopula ? (uniform ?? random.nextOpenUnit()) : random.nextOpenUnit(),
                    workspace: &workspace)
            {
                return value
            }
            let nullable = prepared.allowed.null && nullShares[index] > 0
            if nullable && (prepared.allowed.values.isEmpty || nullDraw(index, rowKey) < nullShares[index]) {
                return .null
            }
            var u = uniform ?? random.nextOpenUnit()
            // Rows the rules leave alone make up for the ones they narrow (see `balanceNumbers`).
            let narrowed = prepared.allowed.values != baseSets[index]
            if !narrowed, let reweighting = balancedQuantiles[index] {
                u = min(max(reweighting.quantile(u), 0x1p-64), 1 - 0x1p-53)
            }
            let value = prepared.value(of: distribution, at: u, gridScale: gridScales[index])
            if let value {
                if !prepared.admits(value) { workspace.drewOutside = true }
                if workspace.numericDraws != nil {
                    workspace.numericDraws?[index].append((narrowed, distribution.cdf(value)))
                }
                return .number(value)
            }
            if purpose.brokenRule != nil,
                let value = Self.outside(distribution, prepared.allowed.values, u: u, output: output)
            {
                // Bad data on purpose may lie outside the column's own distribution (an age of 15
                // where birth dates make everyone an adult): draw it next to the distribution.
                return .number(value)
            }
            return nullable ? .null : nil
        }
    }

    /// A value of `allowed` just outside the distribution's bulk, for `--negative` rows: the
    /// nearest window that holds one (5%, then 25%, then 100% of the bulk's width beyond it), so
    /// an applicant is 16 rather than born in 2047.
    private static func outside(
        _ distribution: NumericDistribution, _ allowed: IntervalSet, u: Double, output: NumericOutput
    )
        -> Double?
    {
        let low = distribution.quantile(0.001)
        let high = distribution.quantile(0.999)
        for fraction in [0.05, 0.25, 1.0] {
            let margin = max((high - low) * fraction, 1)
            let window = allowed.intersection(.greaterOrEqual, low - margin).intersection(.lessOrEqual, high + margin)
            guard !window.isEmpty,
                let uniform = try? NumericDistribution(.uniform(lower: low - margin, upper: high + margin))
            else { continue }
            let value: Double?
            switch output {
            case .float: value = uniform.quantile(u, within: window)
            case .decimal(let scale): value = uniform.quantile(u, within: window, decimalScale: scale)
            default: value = uniform.quantile(u, within: window, decimalScale: 0)
            }
            if let value { return value }
        }
        return nil
    }

    /// - Parameter uniform: the copula's uniform when the column is correlated (a profile's
    ///   dependence places categories on the normal scale in their order).
    private func drawChoice(
        _ index: Int, row: Int, attempt: Int, rowKey: UInt64, uniform: Double?, random: inout RowRandom,
        purpose: RowPurpose, workspace: inout RowWorkspace
    ) -> RowValue? {
        let values = choiceRanges[index]
        let first = values.lowerBound
        // The allowed set holds value indices (see `NarrowExpr.enumerated`).
        if isUnique[index] {
            let allowed = allowed(index, purpose: purpose, workspace: &workspace)
            // One value per row, by construction; a retry takes another.
            guard let unique = uniqueIndex(index, row: row, attempt: attempt).map(Int.init),
                allowed.admits(choice: unique, of: values.count)
            else { return nil }
            workspace.choiceIndex[index] = unique
            return choiceValues[first + unique]
        }
        // Borrowed for the draw: the workspace owns it (see `RowWorkspace.prepared`).
        let chosen: Int? = prepared(index, purpose: purpose, workspace: &workspace)._withUnsafeGuaranteedRef {
            prepared in
            let nullable = nullShares[index] > 0 && prepared.allowed.null
            if let conditional = conditionals[index],
                let chosen = conditionalChoice(
                    index, conditional, prepared: prepared, nullable: nullable, rowKey: rowKey,
                    uniform: conditional.usesCopula ? (uniform ?? random.nextUnit()) : random.nextUnit(),
                    workspace: workspace)
            {
                if values.count <= 64, !narrowing[index].isEmpty {
                    workspace.allowedMasks?[index].append(prepared.allowed.members)
                }
                return chosen
            }
            if nullable, nullDraw(index, rowKey) < nullShares[index] { return values.count }
            if values.count <= 64, !narrowing[index].isEmpty {
                workspace.allowedMasks?[index].append(prepared.allowed.members)
            }
            // Renormalised over the values the rules leave this row (see `prepare`).
            guard prepared.total > 0 else { return nullable ? values.count : nil }
            return prepared.weights.withUnsafeBufferPointer { open in
                var target = (uniform ?? random.nextUnit()) * prepared.total
                var chosen = (0..<values.count).last { open[$0] > 0 } ?? 0
                for choice in 0..<values.count where open[choice] > 0 {
                    target -= open[choice]
                    if target < 0 {
                        chosen = choice
                        break
                    }
                }
                return chosen
            }
        }
        // The value's index, or the count of values for null.
        guard let chosen else {
            workspace.choiceIndex[index] = values.count
            return nil
        }
        workspace.choiceIndex[index] = chosen
        return chosen < values.count ? choiceValues[first + chosen] : .null
    }

    private func drawText(
        _ index: Int, rowKey: UInt64, purpose: RowPurpose, workspace: inout RowWorkspace,
        make: (inout RowRandom) -> String?, random: inout RowRandom
    ) -> RowValue? {
        let constraintsHere = textChecks[index]
        func admitted(_ value: RowValue) -> Bool {
            constraintsHere.allSatisfy { constraints[$0].admits(value, mode(of: $0, for: purpose), &workspace.context) }
        }
        var nullRandom = RowRandom(key: nullKeys[index], row: rowKey)
        if nullShares[index] > 0, nullRandom.nextUnit() < nullShares[index], admitted(.null) { return .null }
        // Text cannot be narrowed ahead of time; a few fresh draws stand in (a unique value is
        // fixed per attempt, and a construction out of values gives none: the attempt fails
        // rather than repeat a value).
        for _ in 0..<(isUnique[index] ? 1 : 16) {
            guard let text = make(&random) else { return nil }
            let value = RowValue.text(text)
            if constraintsHere.isEmpty || admitted(value) { return value }
        }
        return nullShares[index] > 0 && admitted(.null) ? .null : nil
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
