import Testing

@testable import SeedbedSpec

/// Random small specs whose every possible row can be enumerated: each claim the analysis
/// makes is checked by brute force with an evaluator of SQL's three-valued logic written
/// independently of the analysis, over the syntax tree.
@Suite("Satisfiability analysis is sound")
struct SatisfiabilitySoundnessTests {
    static let header = """
        dataset d
        table t {
          rows 100
          x int uniform(0, 5)
          y int uniform(0, 5) nullable 10%
          p text one of { a: 0.5, b: 0.3, c: 0.2 }
          q text one of { a: 0.5, b: 0.5 } nullable 5%
        }

        """

    /// Every row the declarations allow.
    static let rows: [[String: Value]] = {
        var rows: [[String: Value]] = []
        for x in 0...5 {
            for y in [Value.null] + (0...5).map(Value.int) {
                for p in ["a", "b", "c"] {
                    for q in [Value.null, .text("a"), .text("b")] {
                        rows.append(["x": .int(x), "y": y, "p": .text(p), "q": q])
                    }
                }
            }
        }
        return rows
    }()

    @Test(arguments: 0..<16)
    func everyClaimHoldsOnEveryRow(batch: Int) throws {
        var random = LinearCongruential(seed: UInt64(1000 + batch))
        var claims = 0
        for _ in 0..<60 {
            var text = Self.header
            let ruleCount = 2 + random.next(4)
            for index in 0..<ruleCount {
                let condition = random.next(2) == 0 ? " when " + Self.expression(&random, depth: 1) : ""
                let requirement = random.next(3) == 0 ? "forbid" : "require"
                text += "rule R\(index)\(condition) \(requirement) \(Self.expression(&random, depth: 2))\n"
            }
            if random.next(2) == 0 {
                let quota = ["share 10%", "count 5", "share 100%"][random.next(3)]
                text += "scenario S \(quota) of t where \(Self.expression(&random, depth: 2))\n"
            }
            let parsed = ParsedSpec.parse(SourceFile(name: "t.seed", text: text))
            try #require(parsed.diagnostics.isEmpty, "\(text)")
            for diagnostic in SatisfiabilityAnalysis.diagnose(parsed.syntax) {
                claims += 1
                // Comparisons of two columns are beyond the analysis, so a list of rules is
                // minimal only as far as it can see; without them it must be minimal outright.
                let comparesColumns = ["x < y", "x = y", "x >= y"].contains { text.contains($0) }
                try Self.verify(diagnostic, in: parsed.syntax, text: text, checkMinimal: !comparesColumns)
            }
        }
        #expect(claims > 10, "the random specs should exercise the analysis")
    }

    // MARK: - Checking a claim

    static func verify(_ diagnostic: Diagnostic, in spec: SpecFile, text: String, checkMinimal: Bool) throws {
        let rules = spec.rules
        let named = diagnostic.notes.compactMap { note -> RuleDecl? in
            guard note.message.hasPrefix("rule ") else { return nil }
            let id = note.message.split(separator: " ")[1]
            return rules.first { $0.id.name == id }
        }
        let message = diagnostic.message
        let context = "\(message)\n\(text)"
        func subject() throws -> RuleDecl {
            let id = message.split(separator: " ")[1]
            return try #require(rules.first { $0.id.name == id }, "\(context)")
        }
        /// No row satisfies all of these (each a truth-value test).
        func noRow(_ tests: [([String: Value]) -> Bool]) {
            let witness = rows.first { row in tests.allSatisfy { $0(row) } }
            #expect(witness == nil, "refuted by \(witness ?? [:]): \(context)")
        }
        /// Removing any one named rule admits a row: the list is minimal.
        func minimal(_ extra: [([String: Value]) -> Bool]) {
            guard checkMinimal else { return }
            for left in named.indices {
                let others = named.indices.filter { $0 != left }.map { named[$0] }
                let exists = rows.contains { row in
                    extra.allSatisfy { $0(row) } && others.allSatisfy { passes($0, row) }
                }
                #expect(exists, "\(named[left].id.name) is not needed: \(context)")
            }
        }
        let whereCondition = spec.scenarios.first?.condition
        if message.contains("can never hold") {
            let rule = try subject()
            noRow([{ passes(rule, $0) }])
        } else if message.hasSuffix("contradict each other") {
            noRow(named.map { rule in { passes(rule, $0) } })
            minimal([])
        } else if message.contains("never applies: no row can have") {
            let rule = try subject()
            let condition = try #require(rule.condition)
            noRow([{ evaluate(condition, $0) == .true }])
        } else if message.hasPrefix("rule ") && message.contains("can only hold by never having") {
            let rule = try subject()
            let condition = try #require(rule.condition)
            noRow([{ evaluate(condition, $0) == .true }, { passes(rule, $0) }])
        } else if message.contains("can only hold by never having") || message.contains(" rule out ")
            || message.contains(" rules out ")
        {
            // The warning stands at the `when` of the rule whose condition is ruled out.
            let rule = try #require(rules.first { $0.condition?.range == diagnostic.range }, "\(context)")
            let condition = try #require(rule.condition)
            let applies: ([String: Value]) -> Bool = { evaluate(condition, $0) == .true }
            noRow([applies] + named.map { rule in { passes(rule, $0) } })
            minimal([applies])
        } else if message.contains("can never happen") {
            let condition = try #require(whereCondition)
            noRow([{ evaluate(condition, $0) == .true }])
        } else if message.contains("contradicts") {
            let condition = try #require(whereCondition)
            let selected: ([String: Value]) -> Bool = { evaluate(condition, $0) == .true }
            noRow([selected] + named.map { rule in { passes(rule, $0) } })
            minimal([selected])
        } else if message.contains("cannot avoid it") {
            let condition = try #require(whereCondition)
            let other: ([String: Value]) -> Bool = { evaluate(condition, $0) != .true }
            noRow([other] + named.map { rule in { passes(rule, $0) } })
            minimal([other])
        } else {
            Issue.record("unexpected diagnostic: \(context)")
        }
    }

    // MARK: - Random expressions

    static func expression(_ random: inout LinearCongruential, depth: Int) -> String {
        if depth > 0, random.next(3) == 0 {
            let lhs = expression(&random, depth: depth - 1)
            let rhs = expression(&random, depth: depth - 1)
            switch random.next(3) {
            case 0: return "(\(lhs) and \(rhs))"
            case 1: return "(\(lhs) or \(rhs))"
            default: return "not (\(lhs))"
            }
        }
        let number = { (random: inout LinearCongruential) in random.next(8) - 1 }
        let column = ["x", "y"][random.next(2)]
        let text = ["p", "q"][random.next(2)]
        let value = { (random: inout LinearCongruential) in ["\"a\"", "\"b\"", "\"c\"", "null"][random.next(4)] }
        switch random.next(10) {
        case 0, 1: return "\(column) \(["=", "!=", "<", "<=", ">", ">="][random.next(6)]) \(number(&random))"
        case 2: return "\(text) \(["=", "!="][random.next(2)]) \(value(&random).replacing("null", with: "\"a\""))"
        case 3: return "\(text) \(random.next(2) == 0 ? "" : "not ")in { \(value(&random)), \(value(&random)) }"
        case 4: return "\(column) \(random.next(2) == 0 ? "" : "not ")between \(number(&random)) and \(number(&random))"
        case 5: return "\(random.next(2) == 0 ? column : text) is \(random.next(2) == 0 ? "" : "not ")null"
        case 6: return "x \(["<", "=", ">="][random.next(3)]) y"
        case 7:
            return
                "\(column) \(["+ 1", "* 2", "- 2"][random.next(3)]) \([">", "<=", "="][random.next(3)]) \(number(&random))"
        case 8: return "\(column) in { \(number(&random)), \(number(&random)) }"
        default: return "\(column) \(["<", ">"][random.next(2)]) \(number(&random)) or \(text) = \"b\""
        }
    }
}

// MARK: - A reference evaluator

enum Value: Hashable {
    case int(Int)
    case text(String)
    case bool(Bool)
    case null
}

/// Whether a row obeys a rule: unknown neither satisfies a `when` nor violates a requirement.
func passes(_ rule: RuleDecl, _ row: [String: Value]) -> Bool {
    if let condition = rule.condition, evaluate(condition, row) != .true { return true }
    let body = evaluate(rule.body, row)
    return rule.requirement == .require ? body != .bool(false) : body != .bool(true)
}

extension Value {
    static let `true` = Value.bool(true)
}

/// SQL semantics, straight from the definitions.
func evaluate(_ expression: Expr, _ row: [String: Value]) -> Value {
    switch expression.kind {
    case .literal(.number(let n)): return .int(Int(n.value))
    case .literal(.string(let s)): return .text(s)
    case .literal(.bool(let b)): return .bool(b)
    case .literal: return .null
    case .column(_, let column): return row[column.name] ?? .null
    case .negate(let operand):
        guard case .int(let n) = evaluate(operand, row) else { return .null }
        return .int(-n)
    case .not(let operand):
        guard case .bool(let b) = evaluate(operand, row) else { return .null }
        return .bool(!b)
    case .binary(.and, let lhs, let rhs):
        let (a, b) = (evaluate(lhs, row), evaluate(rhs, row))
        if a == .bool(false) || b == .bool(false) { return .bool(false) }
        return a == .true && b == .true ? .true : .null
    case .binary(.or, let lhs, let rhs):
        let (a, b) = (evaluate(lhs, row), evaluate(rhs, row))
        if a == .true || b == .true { return .true }
        return a == .bool(false) && b == .bool(false) ? .bool(false) : .null
    case .binary(let op, let lhs, let rhs):
        return apply(op, evaluate(lhs, row), evaluate(rhs, row))
    case .between(let operand, let low, let high, let negated):
        let both = Expr(
            .binary(
                .and, Expr(.binary(.greaterOrEqual, operand, low)), Expr(.binary(.lessOrEqual, operand, high))))
        return evaluate(negated ? Expr(.not(both)) : both, row)
    case .inList(let operand, let values, let negated):
        let value = evaluate(operand, row)
        var result: Value
        if value == .null {
            result = .null
        } else if values.contains(where: { evaluate(Expr(.literal($0)), row) == value }) {
            result = .true
        } else {
            result = values.contains(.null) ? .null : .bool(false)
        }
        if negated, case .bool(let b) = result { result = .bool(!b) }
        return result
    case .isNull(let operand, let negated):
        return .bool((evaluate(operand, row) == .null) != negated)
    case .call, .matches:
        return .null
    }
}

private func apply(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)):
        switch op {
        case .add: return .int(x + y)
        case .subtract: return .int(x - y)
        case .multiply: return .int(x * y)
        case .equal: return .bool(x == y)
        case .notEqual: return .bool(x != y)
        case .less: return .bool(x < y)
        case .lessOrEqual: return .bool(x <= y)
        case .greater: return .bool(x > y)
        case .greaterOrEqual: return .bool(x >= y)
        default: return .null
        }
    case (.text(let x), .text(let y)) where op == .equal || op == .notEqual:
        return .bool((x == y) == (op == .equal))
    default:
        return .null
    }
}
