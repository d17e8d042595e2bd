import SeedbedTestSupport

@testable import SeedbedSpec

/// Builds random, well-formed spec syntax trees: every value is one the language can write
/// (finite numbers, dates with four-digit years, names without backquotes or line breaks), and
/// names lean towards the awkward: reserved words, keyword-like words, names needing backquotes.
struct RandomSpec {
    var random: SplitMix64

    /// The spec for a seed.
    static func file(seed: UInt64) -> SpecFile {
        var maker = RandomSpec(random: SplitMix64(state: seed))
        return maker.file()
    }

    // MARK: - Choices

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
    mutating func pick<T>(_ values: [T]) -> T { values[int(0...values.count - 1)] }
    mutating func maybe<T>(_ probability: Double = 0.5, _ make: (inout RandomSpec) -> T) -> T? {
        chance(probability) ? make(&self) : nil
    }
    mutating func list<T>(_ count: ClosedRange<Int>, _ make: (inout RandomSpec) -> T) -> [T] {
        (0..<int(count)).map { _ in make(&self) }
    }

    // MARK: - Items

    mutating func file() -> SpecFile {
        let dataset = DatasetDecl(
            name: identifier(), version: maybe { Located($0.string()) }, asOf: maybe { Located($0.date()) },
            seed: maybe { Located($0.integer()) }, profile: maybe { Located($0.string()) })
        let items: [Item] = list(0...4) { maker in
            switch maker.int(0...2) {
            case 0: .table(maker.table())
            case 1: .rule(maker.rule())
            default: .scenario(maker.scenario())
            }
        }
        return SpecFile(dataset: dataset, items: items)
    }

    mutating func table() -> TableDecl {
        let rows: Located<RowCount>? = maybe(0.7) { maker in
            Located(maker.chance(0.5) ? .fixed(maker.integer()) : .perParent(maker.identifier(), maker.distribution()))
        }
        return TableDecl(
            name: identifier(), rows: rows, columns: list(0...5) { $0.column() },
            correlations: list(0...2) {
                Correlation(first: $0.identifier(), second: $0.identifier(), coefficient: $0.number())
            })
    }

    mutating func column() -> ColumnDecl {
        let typeName = pick(["int", "decimal", "float", "text", "bool", "date", "timestamp", "uuid"])
        let scale = typeName == "decimal" ? maybe { Located($0.int(-2...20)) } : nil
        return ColumnDecl(
            name: identifier(), type: TypeName(name: Identifier(typeName), scale: scale),
            generator: maybe(0.8) { Located($0.generator()) }, modifiers: list(0...3) { Located($0.modifier()) })
    }

    mutating func rule() -> RuleDecl {
        let condition = maybe { $0.expression(depth: 4) }
        return RuleDecl(
            id: Identifier(ruleID()), kind: maybe { $0.pick(RuleKind.allCases) }, title: maybe { $0.string() },
            condition: condition, requirement: chance(0.5) ? .require : .forbid, body: expression(depth: 4),
            whenKeyword: condition == nil ? nil : .synthetic)
    }

    mutating func scenario() -> ScenarioDecl {
        ScenarioDecl(
            id: Identifier(ruleID()), title: maybe { $0.string() },
            quota: Located(chance(0.5) ? .share(number()) : .count(integer())), table: identifier(),
            condition: expression(depth: 4))
    }

    // MARK: - Generators and modifiers

    mutating func generator() -> Generator {
        switch int(0...5) {
        case 0: .distribution(distribution())
        case 1: .sequence(list(0...2) { $0.argument() })
        case 2: .fromProfile
        case 3: .fake(Identifier(list(1...3) { $0.name(dotted: false) }.joined(separator: ".")))
        case 4: .pattern(Located(string()))
        default: .derived(expression(depth: 3))
        }
    }

    mutating func distribution() -> Distribution {
        if chance(0.3) {
            return .oneOf(list(1...4) { Choice(value: $0.literal(), weight: $0.maybe { $0.number() }) })
        }
        return .call(Identifier(functionName(reservedAllowed: false)), list(0...3) { $0.argument() })
    }

    mutating func argument() -> Argument {
        Argument(label: maybe { $0.identifier() }, value: literal())
    }

    mutating func modifier() -> Modifier {
        switch int(0...8) {
        case 0: .key
        case 1: .unique
        case 2: .references(table: identifier(), column: identifier())
        case 3: .nullable(number())
        case 4: .min(literal())
        case 5: .max(literal())
        case 6: .pii
        case 7: .quasiIdentifier
        default: .sensitive
        }
    }

    // MARK: - Expressions

    mutating func expression(depth: Int) -> Expr {
        guard depth > 0, chance(0.75) else { return Expr(leaf()) }
        func sub(_ maker: inout RandomSpec) -> Expr { maker.expression(depth: depth - 1) }
        switch int(0...9) {
        // Includes `-(5)`: the printer keeps a negated number apart from the literal `-5`.
        case 0: return Expr(.negate(sub(&self)))
        case 1: return Expr(.not(sub(&self)))
        case 2, 3, 4: return Expr(.binary(pick(BinaryOperator.allCases), sub(&self), sub(&self)))
        case 5: return Expr(.between(sub(&self), low: sub(&self), high: sub(&self), negated: chance(0.5)))
        case 6: return Expr(.inList(sub(&self), list(1...3) { $0.literal() }, negated: chance(0.5)))
        case 7: return Expr(.isNull(sub(&self), negated: chance(0.5)))
        case 8: return Expr(.matches(sub(&self), pattern: Located(string())))
        default: return Expr(.call(Identifier(functionName(reservedAllowed: true)), list(0...3) { sub(&$0) }))
        }
    }

    mutating func leaf() -> ExprKind {
        switch int(0...2) {
        case 0: .literal(literal())
        case 1: .column(table: maybe { $0.identifier() }, column: identifier())
        default: .call(Identifier(functionName(reservedAllowed: true)), [])
        }
    }

    /// A function or distribution name: the parser reads them only unquoted. Functions may be
    /// named like column words (`min`, `max`); distributions may not.
    mutating func functionName(reservedAllowed: Bool) -> String {
        let known = [
            "years_between", "days_between", "year", "month", "as_of", "length", "lower", "upper", "abs", "min", "max",
            "uniform", "normal", "lognormal", "poisson", "one", "from", "per", "of",
        ]
        let banned = reservedAllowed ? Parser.structuralWords : Parser.reservedWords
        while true {
            let name = chance(0.6) ? pick(known) : plainName()
            if !banned.contains(name) { return name }
        }
    }
}
