import Foundation
import SeedbedProfile
import SeedbedSpec
import SeedbedTestSupport
import Testing

@Suite("Rule mining")
struct RuleMiningTests {
    /// 400 policies. Planted: every student is 18 to 30 (everyone else 18 to 90), and no gold
    /// policy is in the west although 75 policies are (independence predicts 100 × 75 / 400).
    static let planted: String = {
        var lines = ["id,email,plan,region,age,premium"]
        for i in 0..<400 {
            let plan = ["basic", "gold", "student", "basic"][i % 4]
            var region = ["north", "south", "east", "west"][(i / 4) % 4]
            if plan == "gold" && region == "west" { region = "north" }
            let age = plan == "student" ? 18 + i % 13 : 18 + (i * 7) % 73
            lines.append("\(i + 1),p\(i)@mail.example,\(plan),\(region),\(age),\(100 + (i * 37) % 900).25")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    /// Profiles `csv` (as `policy.csv`) and mines it, leaving out the columns at `excluded`.
    static func mine(
        _ csv: String, minSupport: Int = 15, maximum: Int = 20, excluded: Set<Int> = [0]
    ) throws -> [MinedRule] {
        let folder = try TemporaryDirectory()
        let source = try CSVSource(path: try folder.write("policy.csv", csv))
        let profile = try Profiler().profile(source)
        let table = try #require(try source.tables().first)
        let tableProfile = try #require(profile.table(named: "policy"))
        return try RuleMining(minSupport: minSupport, maximumPerTable: maximum).mine(
            table, in: source, profile: tableProfile, specTable: "policy", specColumns: table.columns.map(\.name),
            excluded: excluded)
    }

    @Test func findsThePlantedImplicationAndNeverSeenPairExactly() throws {
        let rules = try Self.mine(Self.planted)
        #expect(
            rules.map { "\($0.text)  # \($0.evidence)" } == [
                "rule MINED-001 eligibility require policy.age >= 0  # holds in all 400 rows",
                "rule MINED-002 eligibility require policy.premium >= 0  # holds in all 400 rows",
                "rule MINED-003 co-occurrence when policy.plan = \"student\" require policy.age < 35  "
                    + "# all 100 rows with plan = \"student\" have age < 35; about 57% of all rows do not",
                "rule MINED-004 impossible when policy.plan = \"gold\" forbid policy.region = \"west\"  "
                    + "# never together in 400 rows with both; independence predicts 19",
            ])
        #expect(rules.map(\.kind) == [.bound, .bound, .implication, .exclusion])
        #expect(rules.map(\.support) == [400, 400, 100, 100])
    }

    @Test func aPairBelowTheSupportIsNotSuggested() throws {
        // Independence predicts 18.75 gold policies in the west: fewer than 30.
        let rules = try Self.mine(Self.planted, minSupport: 30)
        #expect(rules.map(\.kind) == [.bound, .bound, .implication])
    }

    @Test func theCapKeepsTheStrongestAndBoundsStay() throws {
        let rules = try Self.mine(Self.planted, maximum: 1)
        #expect(rules.map(\.rule.id.name) == ["MINED-001", "MINED-002", "MINED-003"])
        #expect(rules.last?.kind == .implication)
        #expect(try Self.mine(Self.planted, maximum: 0).map(\.kind) == [.bound, .bound])
    }

    @Test func excludedAndPiiColumnsAreNeverRead() throws {
        // `plan` excluded: no implication or pair starts from it.
        let withoutPlan = try Self.mine(Self.planted, excluded: [0, 2])
        #expect(withoutPlan.allSatisfy { !$0.text.contains("plan") })
        // An email column with two frequent values that predict age perfectly: shape only in
        // the profile, so never a condition.
        let csv =
            "contact_email,age\n"
            + (0..<200).map { $0 % 2 == 0 ? "a@corp.example,\(20 + $0 % 10)" : "b@corp.example,\(60 + $0 % 30)" }
            .joined(separator: "\n")
        let rules = try Self.mine(csv, excluded: [])
        #expect(rules.map(\.text) == ["rule MINED-001 eligibility require policy.age >= 0"])
    }

    @Test func aNullNeitherBreaksNorSupportsAnImplication() throws {
        var lines = ["kind,size"]
        for i in 0..<120 {
            let kind = i % 2 == 0 ? "small" : "large"
            let size = i % 6 == 0 ? "" : String(kind == "small" ? i % 10 : 50 + i % 50)
            lines.append("\(kind),\(size)")
        }
        let rules = try Self.mine(lines.joined(separator: "\n"), excluded: [])
        // Every sixth row has no size: 20 of the 60 small ones, none of the large ones.
        #expect(
            rules.map { "\($0.text)  # \($0.evidence)" } == [
                "rule MINED-001 eligibility require policy.size >= 0  # holds in all 100 rows with a value",
                "rule MINED-002 co-occurrence when policy.kind = \"large\" require policy.size >= 50  "
                    + "# all 60 rows with kind = \"large\" have size >= 50; about 41% of all rows do not",
                "rule MINED-003 co-occurrence when policy.kind = \"small\" require policy.size < 10  "
                    + "# all 40 rows with kind = \"small\" and a value of size have size < 10; about 61% of all rows do not",
            ])
        #expect(rules.map(\.support) == [100, 60, 40])
    }

    @Test("every suggested rule holds in every row it applies to", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func suggestionsHoldInTheData(seed: UInt64) throws {
        var random = SplitMix64(state: seed)
        var rows: [(group: String, colour: String, value: Double?)] = []
        for _ in 0..<600 {
            let group = ["a", "b", "c", "d"][Int(random.next() % 4)]
            let colour = ["red", "green", "blue"][Int(random.next() % 3)]
            // Each group has its own range, so implications are there to be found.
            let base: Double = ["a": 0, "b": 10, "c": 25, "d": 5][group] ?? 0
            let spread = Double(random.next() % 1000) / 100
            let value: Double? = random.next() % 10 == 0 ? nil : base + spread
            let planted = group == "a" && colour == "blue" ? "red" : colour
            rows.append((group: group, colour: planted, value: value))
        }
        let csv =
            "group,colour,value\n"
            + rows.map { row in
                let value = row.2.map { String(format: "%.2f", $0) } ?? ""
                return "\(row.0),\(row.1),\(value)"
            }.joined(separator: "\n")
        let rules = try Self.mine(csv, excluded: [])
        #expect(rules.contains { $0.kind == .implication })
        for rule in rules {
            let violations = rows.filter { row in
                !Self.holds(rule.rule, group: row.0, colour: row.1, value: row.2)
            }
            #expect(violations.isEmpty, "\(rule.text) fails on \(violations.count) rows")
        }
    }

    /// Evaluates the forms the miner writes over one row of the test table.
    static func holds(_ rule: RuleDecl, group: String, colour: String, value: Double?) -> Bool {
        func column(_ expr: Expr) -> Literal? {
            guard case .column(_, let name) = expr.kind else { return nil }
            switch name.name {
            case "group": return .string(group)
            case "colour": return .string(colour)
            default: return value.map { .number(.decimal($0)) }
            }
        }
        func number(_ expr: Expr) -> Double? {
            if case .literal(.number(let n)) = expr.kind { return n.value }
            if case .number(let n)? = column(expr) { return n.value }
            return nil
        }
        func truth(_ expr: Expr) -> Bool? {
            switch expr.kind {
            case .binary(.equal, let left, let right):
                guard case .literal(let literal) = right.kind, let actual = column(left) else { return nil }
                if case .number(let n) = literal { return number(left) == n.value }
                return actual == literal
            case .binary(let op, let left, let right):
                guard let x = number(left), let y = number(right) else { return nil }
                switch op {
                case .less: return x < y
                case .greaterOrEqual: return x >= y
                default: return nil
                }
            case .between(let subject, let low, let high, _):
                guard let x = number(subject), let a = number(low), let b = number(high) else { return nil }
                return a <= x && x <= b
            default: return nil
            }
        }
        if let condition = rule.condition, truth(condition) != true { return true }
        guard let body = truth(rule.body) else { return true }
        return rule.requirement == .require ? body : !body
    }

    // MARK: - Bounds

    @Test func boundsAreRoundNumbersOutsideTheGroupsRange() {
        let ages = BoundGrid(low: 18, high: 90, type: .int)
        #expect(ages.step == 5)
        #expect(ages.floor(18) == 15)
        #expect(ages.above(30) == 35)
        #expect(ages.above(35) == 40)
        #expect(ages.ceiling(31) == 35)
        let ratios = BoundGrid(low: 0.1, high: 0.9, type: .float)
        #expect(ratios.step == 0.1)
        #expect(ratios.floor(0.3) == 0.3)
        #expect(ratios.above(0.3) == 0.4)
        #expect(ratios.ceiling(0.29) == 0.3)
        // Never finer than the column's scale, even for a narrow range.
        #expect(BoundGrid(low: 1, high: 3, type: .int).step == 1)
        #expect(BoundGrid(low: 1, high: 1.02, type: .decimal(scale: 1)).step == 0.1)
        #expect(BoundGrid(low: 125, high: 3800, type: .int).step == 500)
    }
}
