import SeedbedSpec
import SeedbedTestSupport

/// A random spec text for the generation property: one table `p`, or `p` and a child `c`
/// (`rows per p poisson(…)`, `pid references p.id`), 3–7 columns each of random types and
/// generators, and 1–6 random rules mixing `when … require`, `when … forbid`, `forbid`,
/// comparisons with constants and with other columns, `between`, `in`, `is null`,
/// `and`/`or`/`not`, and reads of the parent's columns from the child.
struct RandomRuleSpec {
    enum Kind {
        case int(low: Int, high: Int)
        /// uniform(low, high), or with `normal` set normal(mean: low, sd: (high − low) / 4), on
        /// the grid of `scale`.
        case decimal(scale: Int, low: Double, high: Double, normal: Bool)
        case float(mean: Double, sd: Double)
        case date(low: Int, high: Int)
        case text([String])
        case bool
    }

    struct Column {
        var table: String
        var name: String
        var kind: Kind
        var nullShare: Double?

        var qualified: String { "\(table).\(name)" }
    }

    var random: SplitMix64
    var columns: [Column] = []
    var hasChild = false
    var ruleIDs: [String] = []

    /// The spec text for a seed, with the IDs of its rules.
    static func make(seed: UInt64) -> (text: String, ruleIDs: [String]) {
        var maker = RandomRuleSpec(random: SplitMix64(state: seed))
        let text = maker.text()
        return (text, maker.ruleIDs)
    }

    // MARK: - Choices

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func unit() -> Double { Double.random(in: 0..<1, using: &random) }
    mutating func chance(_ probability: Double) -> Bool { unit() < probability }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }

    // MARK: - Declarations

    mutating func text() -> String {
        hasChild = chance(0.5)
        var text = "dataset random\n\n"
        // About 2,000 rows either way; a child of 500–900 rows keeps the cases where most children
        // cannot be made (each tried 64 times) affordable.
        text += table("p", header: hasChild ? "rows 1_300" : "rows 2_000")
        if hasChild {
            let fanOut = pick(["0.4", "0.55", "0.7"])
            text += table("c", header: "rows per p poisson(\(fanOut))\n  pid int references p.id")
        }
        for index in 1...int(1...6) {
            let id = "R-\(index)"
            ruleIDs.append(id)
            text += rule(id) + "\n"
        }
        return text
    }

    mutating func table(_ name: String, header: String) -> String {
        var text = "table \(name) {\n  \(header)\n  id int key\n"
        for index in 1...int(3...7) {
            var column = Column(table: name, name: "\(name)\(index)", kind: kind(), nullShare: nil)
            if chance(0.3) { column.nullShare = pick([0.05, 0.1, 0.25]) }
            text += "  \(column.name) \(declaration(column))\n"
            columns.append(column)
        }
        return text + "}\n\n"
    }

    mutating func kind() -> Kind {
        switch int(0...5) {
        case 0:
            let low = int(-50...50)
            return .int(low: low, high: low + int(1...100))
        case 1:
            let scale = int(1...3)
            let low = int(-1000...1000)
            return .decimal(
                scale: scale, low: Double(low) / 10, high: Double(low + int(1...500)) / 10, normal: chance(0.4))
        case 2:
            return .float(mean: Double(int(-100...100)), sd: Double(int(1...30)))
        case 3:
            let low = CivilDate.days(year: 2020, month: 1, day: 1)! + int(0...1000)
            return .date(low: low, high: low + int(1...1500))
        case 4:
            let pool = ["red", "green", "blue", "amber", "teal", "plum"]
            return .text(Array(pool.shuffled(using: &random).prefix(int(2...5))))
        default:
            return .bool
        }
    }

    mutating func declaration(_ column: Column) -> String {
        var text: String
        switch column.kind {
        case .int(let low, let high):
            text = "int uniform(\(low), \(high))"
        case .decimal(let scale, let low, let high, let normal):
            text =
                normal
                ? "decimal(\(scale)) normal(mean: \(number(low)), sd: \(number((high - low) / 4)))"
                : "decimal(\(scale)) uniform(\(number(low)), \(number(high)))"
        case .float(let mean, let sd):
            text = "float normal(mean: \(number(mean)), sd: \(number(sd)))"
        case .date(let low, let high):
            text = "date uniform(\(CivilDate.format(days: low)), \(CivilDate.format(days: high)))"
        case .text(let values):
            text = "text one of { \(weighted(values)) }"
        case .bool:
            text = "bool"
        }
        if let share = column.nullShare { text += " nullable \(Int(share * 100))%" }
        return text
    }

    /// `a: 0.37, b: 0.63` (weights in hundredths summing to 1), `a: 40%, b: 60%`, or `a, b`.
    mutating func weighted(_ values: [String]) -> String {
        let style = int(0...2)
        if style == 0 { return values.joined(separator: ", ") }
        var left = 100
        var weights: [Int] = []
        for index in values.indices {
            let weight = index == values.count - 1 ? left : int(1...(left - (values.count - 1 - index)))
            weights.append(weight)
            left -= weight
        }
        return zip(values, weights).map { value, weight in
            style == 1 ? "\(value): \(Double(weight) / 100)" : "\(value): \(weight)%"
        }.joined(separator: ", ")
    }

    /// A number with at most three decimals, as a spec writes it.
    func number(_ x: Double) -> String {
        let rounded = (x * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// The values a numeric column mostly takes (a normal's mean ± 2 sd), for comparing columns
    /// whose values can meet.
    func span(_ kind: Kind) -> ClosedRange<Double>? {
        switch kind {
        case .int(let low, let high): Double(low)...Double(high)
        case .decimal(_, let low, let high, let normal):
            normal ? (low - (high - low) / 2)...(low + (high - low) / 2) : low...high
        case .float(let mean, let sd): (mean - 2 * sd)...(mean + 2 * sd)
        case .date(let low, let high): Double(low)...Double(high)
        case .text, .bool: nil
        }
    }

    // MARK: - Rules

    mutating func rule(_ id: String) -> String {
        // The table the rule is about: the child when there is one, mostly.
        let anchor = hasChild && chance(0.6) ? "c" : "p"
        let own = columns.filter { $0.table == anchor }
        // A child's rule reads its parent in `when` conditions and in comparisons with its own
        // columns. What it requires of the parent alone it cannot bring about (the parent row is
        // made already), so such a rule leaves out the children of other parents: it belongs on
        // the parent, and stating it on the child is a different, rarer failure.
        let parent = anchor == "c" ? columns.filter { $0.table == "p" } : []
        let conditions = own + parent.filter { _ in chance(0.5) }
        let partners = own + parent
        switch int(0...3) {
        case 0:
            return
                "rule \(id) when \(expression(conditions, partners, depth: 1)) require \(expression(own, partners, depth: 1))"
        case 1:
            return
                "rule \(id) when \(expression(conditions, partners, depth: 1)) forbid \(expression(own, partners, depth: 1))"
        case 2:
            return "rule \(id) require \(expression(own, partners, depth: 2))"
        default:
            return "rule \(id) forbid \(expression(own, partners, depth: 2))"
        }
    }

    /// An expression over the columns of `pool`, comparing some with columns of `partners`.
    mutating func expression(_ pool: [Column], _ partners: [Column], depth: Int) -> String {
        guard depth > 0, chance(0.5) else { return atom(pool, partners) }
        switch int(0...2) {
        case 0:
            return
                "(\(expression(pool, partners, depth: depth - 1)) and \(expression(pool, partners, depth: depth - 1)))"
        case 1:
            return
                "(\(expression(pool, partners, depth: depth - 1)) or \(expression(pool, partners, depth: depth - 1)))"
        default: return "not (\(expression(pool, partners, depth: depth - 1)))"
        }
    }

    mutating func atom(_ pool: [Column], _ partners: [Column]) -> String {
        let column = pick(pool)
        let name = column.qualified
        if chance(column.nullShare == nil ? 0.05 : 0.25) {
            return "\(name) is \(chance(0.5) ? "not " : "")null"
        }
        // A continuous column equals a given value with probability zero, so a spec asking for it
        // (`= c`, or `!= c` under `not` or `forbid`) is degenerate and the generator reports the
        // rule: floats get order comparisons only.
        let isFloat = if case .float = column.kind { true } else { false }
        let comparison = pick(isFloat ? ["<", "<=", ">", ">="] : ["=", "!=", "<", "<=", ">", ">="])
        switch column.kind {
        case .text(let values):
            let value = chance(0.9) ? pick(values) : "violet"
            if chance(0.3) {
                let list = values.shuffled(using: &random).prefix(int(1...values.count)).map { "\"\($0)\"" }
                return "\(name) \(chance(0.3) ? "not " : "")in { \(list.joined(separator: ", ")) }"
            }
            return "\(name) \(chance(0.5) ? "=" : "!=") \"\(value)\""
        case .bool:
            return "\(name) \(chance(0.7) ? "=" : "!=") \(chance(0.5))"
        case .int, .decimal, .float, .date:
            if chance(0.15),
                let other = partners.shuffled(using: &random).first(where: {
                    comparable(column, $0) && $0.qualified != name
                })
            {
                let otherIsFloat = if case .float = other.kind { true } else { false }
                let order = otherIsFloat && ["=", "!="].contains(comparison) ? "<=" : comparison
                return "\(name) \(order) \(other.qualified)"
            }
            let (a, b) = (constant(column), constant(column))
            let form = int(0...5)
            if form == 0 {
                return "\(name) \(chance(0.2) ? "not " : "")between \(min(a, b).text) and \(max(a, b).text)"
            }
            if form == 1, case .int = column.kind {
                let list = (0..<int(1...4)).map { _ in constant(column).text }
                return "\(name) \(chance(0.3) ? "not " : "")in { \(list.joined(separator: ", ")) }"
            }
            return "\(name) \(comparison) \(a.text)"
        }
    }

    /// Whether two columns can be compared: both numbers or both dates, with values that meet
    /// (a comparison of columns that never overlap is a contradiction the checker cannot see).
    func comparable(_ a: Column, _ b: Column) -> Bool {
        guard let x = span(a.kind), let y = span(b.kind), x.overlaps(y) else { return false }
        return switch (a.kind, b.kind) {
        case (.date, .date): true
        case (.int, .int), (.int, .decimal), (.int, .float), (.decimal, .int), (.decimal, .decimal),
            (.decimal, .float), (.float, .int), (.float, .decimal), (.float, .float):
            true
        default: false
        }
    }

    /// A literal near the column's values (mostly inside their range, sometimes just outside).
    struct Constant: Comparable {
        var value: Double
        var text: String
        static func < (a: Constant, b: Constant) -> Bool { a.value < b.value }
    }

    mutating func constant(_ column: Column) -> Constant {
        let u = unit() * 1.2 - 0.1
        switch column.kind {
        case .int(let low, let high):
            let value = Int((Double(low) + u * Double(high - low)).rounded())
            return Constant(value: Double(value), text: String(value))
        case .decimal(let scale, let low, let high, let normal):
            // A normal decimal has mean `low` and sd (high − low) / 4: constants within 3 sd.
            let (from, to) = normal ? (low - 0.75 * (high - low), low + 0.75 * (high - low)) : (low, high)
            var factor = 1.0
            for _ in 0..<int(0...scale) { factor *= 10 }
            let value = ((from + u * (to - from)) * factor).rounded() / factor
            return Constant(value: value, text: number(value))
        case .float(let mean, let sd):
            let value = ((mean + (u - 0.5) * 6 * sd) * 10).rounded() / 10
            return Constant(value: value, text: number(value))
        case .date(let low, let high):
            let value = low + Int((u * Double(high - low)).rounded())
            return Constant(value: Double(value), text: CivilDate.format(days: value))
        case .text, .bool:
            return Constant(value: 0, text: "0")
        }
    }
}
