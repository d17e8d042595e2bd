import Foundation
package import SeedbedSpec

// Turning the pass's counts into rules, and the round numbers their bounds are written with.

/// Round numbers for bounds: a step of 1, 2 or 5 × 10^e near a tenth of the column's profiled
/// range, never finer than the column's scale (1 for integers).
///
/// A group's extremes are rounded outward to the grid, so a rule reads `age < 35` rather than
/// `age <= 34.7`, and no single row's exact value reaches the spec.
package struct BoundGrid {
    let mantissa: Int
    let exponent: Int

    package init(low: Double, high: Double, type: ValueType) {
        let finest: Int
        switch type {
        case .int: finest = 0
        case .decimal(let scale): finest = -scale
        default: finest = -6
        }
        let raw = (high - low) / 10
        guard raw.isFinite, raw > 0 else {
            (mantissa, exponent) = (1, finest)
            return
        }
        var exponent = Int(log10(raw).rounded(.down))
        let fraction = raw / pow(10, Double(exponent))
        var mantissa: Int
        switch fraction {
        case ..<1.5: mantissa = 1
        case ..<3.5: mantissa = 2
        case ..<7.5: mantissa = 5
        default:
            mantissa = 1
            exponent += 1
        }
        if exponent < finest { (mantissa, exponent) = (1, finest) }
        (self.mantissa, self.exponent) = (mantissa, exponent)
    }

    /// The `k`-th grid point, as close to the decimal number as a `Double` gets.
    func value(_ k: Int) -> Double {
        let units = Double(k * mantissa)
        return exponent >= 0 ? units * pow(10, Double(exponent)) : units / pow(10, Double(-exponent))
    }

    /// The distance between grid points.
    package var step: Double { value(1) }

    /// The grid index near `x`, or `nil` when `x` is too far out for the grid to count to.
    private func index(near x: Double) -> Int? {
        let k = (x / step).rounded(.down)
        guard k.isFinite, abs(k) < 1e15 else { return nil }
        return Int(k)
    }

    /// The largest grid point at most `x`.
    package func floor(_ x: Double) -> Double? {
        guard var k = index(near: x) else { return nil }
        while value(k) > x { k -= 1 }
        while value(k + 1) <= x { k += 1 }
        return value(k)
    }

    /// The smallest grid point at least `x`.
    package func ceiling(_ x: Double) -> Double? {
        guard var k = index(near: x) else { return nil }
        while value(k) < x { k += 1 }
        while value(k - 1) >= x { k -= 1 }
        return value(k)
    }

    /// The smallest grid point above `x`.
    package func above(_ x: Double) -> Double? {
        guard var k = index(near: x) else { return nil }
        while value(k) <= x { k += 1 }
        while value(k - 1) > x { k -= 1 }
        return value(k)
    }

    /// A grid point as a literal: whole numbers as integers.
    static func literal(_ value: Double) -> Literal {
        if value == value.rounded(), abs(value) < 1e15 { return .number(.integer(Int(value))) }
        return .number(.decimal(value))
    }
}

extension NumericMarginal {
    /// About what share of the values lie below `x`, interpolating between the quantiles.
    func shareBelow(_ x: Double) -> Double {
        guard let first = quantiles.first, let last = quantiles.last, quantiles.count >= 2 else { return 0 }
        if x <= first { return 0 }
        if x > last { return 1 }
        let step = 1 / Double(quantiles.count - 1)
        guard let i = quantiles.lastIndex(where: { $0 < x }), i + 1 < quantiles.count else { return 1 }
        let width = quantiles[i + 1] - quantiles[i]
        return Double(i) * step + (width > 0 ? (x - quantiles[i]) / width * step : 0)
    }

    /// About what share of the values lie above `x`.
    func shareAbove(_ x: Double) -> Double {
        guard let first = quantiles.first, let last = quantiles.last, quantiles.count >= 2 else { return 0 }
        if x >= last { return 0 }
        if x < first { return 1 }
        let step = 1 / Double(quantiles.count - 1)
        guard let j = quantiles.firstIndex(where: { $0 > x }), j > 0 else { return 1 }
        let width = quantiles[j] - quantiles[j - 1]
        return Double(quantiles.count - 1 - j) * step + (width > 0 ? (quantiles[j] - x) / width * step : 0)
    }
}

/// What an implication requires of its numeric column.
enum MinedBound {
    /// `N < b`
    case below(Double)
    /// `N >= a`
    case atLeast(Double)
    /// `N between a and b`
    case between(Double, Double)

    func expression(_ column: Expr) -> Expr {
        switch self {
        case .below(let b): Expr(.binary(.less, column, Expr(.literal(BoundGrid.literal(b)))))
        case .atLeast(let a): Expr(.binary(.greaterOrEqual, column, Expr(.literal(BoundGrid.literal(a)))))
        case .between(let a, let b):
            Expr(
                .between(
                    column, low: Expr(.literal(BoundGrid.literal(a))), high: Expr(.literal(BoundGrid.literal(b))),
                    negated: false))
        }
    }

    var text: String {
        let spell = { (x: Double) in SpecPrinter.literal(BoundGrid.literal(x)) }
        switch self {
        case .below(let b): return "< " + spell(b)
        case .atLeast(let a): return ">= " + spell(a)
        case .between(let a, let b): return "between \(spell(a)) and \(spell(b))"
        }
    }

    func admits(_ x: Double) -> Bool {
        switch self {
        case .below(let b): x < b
        case .atLeast(let a): x >= a
        case .between(let a, let b): a <= x && x <= b
        }
    }

    /// About what share of all the column's values the bound leaves out.
    func excludedShare(_ marginal: NumericMarginal) -> Double {
        switch self {
        case .below(let b): 1 - marginal.shareBelow(b)
        case .atLeast(let a): marginal.shareBelow(a)
        case .between(let a, let b): marginal.shareBelow(a) + marginal.shareAbove(b)
        }
    }
}

extension TargetColumn {
    /// The bound a group's range gives, rounded outward to the grid, when it is tighter than
    /// the column's profiled range: the profile's `min` and `max` are the K-th smallest and
    /// largest values, so a bound inside them leaves out at least K rows of other groups.
    func bound(over range: ValueRange) -> MinedBound? {
        guard let low = grid.floor(range.min), let strictHigh = grid.above(range.max),
            let high = grid.ceiling(range.max)
        else { return nil }
        let lowerSays = low > marginal.min
        if lowerSays && high < marginal.max { return .between(low, high) }
        if lowerSays { return .atLeast(low) }
        if strictHigh <= marginal.max { return .below(strictHigh) }
        return nil
    }
}

// MARK: - Rules

extension MiningScan {
    /// A placeholder ID: `RuleMining.mine` numbers the rules once they are ranked.
    private static let pendingID = Identifier("MINED-000")

    /// `require N >= 0` or `require N between 0 and 1` for each numeric column that never left
    /// that range.
    func bounds(naming: RuleNaming) -> [MinedRule] {
        var rules: [MinedRule] = []
        for (t, target) in targets.enumerated() {
            let range = global[t]
            guard range.count >= minSupport, range.min >= 0 else { continue }
            let column = naming.column(target.index)
            let body =
                range.max <= 1
                ? Expr(
                    .between(
                        column, low: Expr(.literal(.number(.integer(0)))), high: Expr(.literal(.number(.integer(1)))),
                        negated: false))
                : Expr(.binary(.greaterOrEqual, column, Expr(.literal(.number(.integer(0))))))
            let withValue = range.count < rows ? " with a value" : ""
            rules.append(
                MinedRule(
                    table: naming.table, kind: .bound,
                    rule: RuleDecl(id: Self.pendingID, kind: .eligibility, requirement: .require, body: body),
                    evidence: "holds in all \(range.count) rows\(withValue)", support: range.count, strength: 0))
        }
        return rules
    }

    /// An implication's condition and column: `when C = v require N …` as (C, v, N) by
    /// column index and category key.
    struct ImplicationKey: Hashable {
        var condition: Int
        var value: String
        var target: Int
    }

    /// `when C = v require N …` for each frequent category whose rows keep a numeric column in
    /// a narrower range than the whole table; with the bound of each, by condition and column.
    func implications(naming: RuleNaming) -> (rules: [MinedRule], bounds: [ImplicationKey: MinedBound]) {
        var rules: [MinedRule] = []
        var bounds: [ImplicationKey: MinedBound] = [:]
        for (c, condition) in conditions.enumerated() {
            for v in condition.values.indices where valueCounts[c][v] >= minSupport {
                let literal = condition.literal(v)
                let conditionName = naming.columns[condition.index]
                for (t, target) in targets.enumerated() where target.index != condition.index {
                    let range = ranges[offsets[c] + v * targets.count + t]
                    guard range.count >= minSupport, let bound = target.bound(over: range) else { continue }
                    let share = bound.excludedShare(target.marginal)
                    let targetName = naming.columns[target.index]
                    let withValue = range.count < valueCounts[c][v] ? " and a value of \(targetName)" : ""
                    let evidence =
                        "all \(range.count) rows with \(conditionName) = \(SpecPrinter.literal(literal))\(withValue) "
                        + "have \(targetName) \(bound.text); \(Self.percent(share)) of all rows do not"
                    let rule = RuleDecl(
                        id: Self.pendingID, kind: .coOccurrence,
                        condition: Expr(
                            .binary(.equal, naming.column(condition.index), Expr(.literal(literal)))),
                        requirement: .require, body: bound.expression(naming.column(target.index)))
                    rules.append(
                        MinedRule(
                            table: naming.table, kind: .implication, rule: rule, evidence: evidence,
                            support: range.count, strength: Double(range.count) * share))
                    bounds[
                        ImplicationKey(condition: condition.index, value: condition.values[v], target: target.index)] =
                        bound
                }
            }
        }
        return (rules, bounds)
    }

    /// `when C1 = a forbid C2 = b` for frequent categories never seen together although
    /// independence predicts at least `minSupport` rows with both, unless an implication says
    /// it already (`when C1 = a require C2 < 1` leaves out `C2 = 1`, in either direction).
    func exclusions(naming: RuleNaming, implied: [ImplicationKey: MinedBound]) -> [MinedRule] {
        func isImplied(_ condition: ConditionColumn, _ a: Int, _ other: ConditionColumn, _ b: Int) -> Bool {
            guard
                let bound = implied[
                    ImplicationKey(condition: condition.index, value: condition.values[a], target: other.index)],
                let value = Double(other.values[b])
            else { return false }
            return !bound.admits(value)
        }
        var rules: [MinedRule] = []
        for pair in pairs where pair.rows > 0 {
            let first = conditions[pair.first]
            let second = conditions[pair.second]
            for a in first.values.indices {
                for b in second.values.indices where pair.joint[a * second.values.count + b] == 0 {
                    let expected = Double(pair.firstTotals[a]) * Double(pair.secondTotals[b]) / Double(pair.rows)
                    guard expected >= Double(minSupport), !isImplied(first, a, second, b),
                        !isImplied(second, b, first, a)
                    else { continue }
                    let rule = RuleDecl(
                        id: Self.pendingID, kind: .impossible,
                        condition: Expr(
                            .binary(.equal, naming.column(first.index), Expr(.literal(first.literal(a))))),
                        requirement: .forbid,
                        body: Expr(.binary(.equal, naming.column(second.index), Expr(.literal(second.literal(b))))))
                    let evidence =
                        "never together in \(pair.rows) rows with both; independence predicts "
                        + "\(Int(expected.rounded()))"
                    rules.append(
                        MinedRule(
                            table: naming.table, kind: .exclusion, rule: rule, evidence: evidence,
                            support: pair.firstTotals[a], strength: expected))
                }
            }
        }
        return rules
    }

    /// `about 12%`, or `under 1%`.
    static func percent(_ share: Double) -> String {
        let value = share * 100
        return value < 1 ? "under 1%" : "about \(Int(value.rounded()))%"
    }
}
