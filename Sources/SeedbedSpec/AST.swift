// The syntax tree of a spec file, as written (before names are resolved).
// Every node carries its source range so the checker can point at it.

/// A name in a spec (a table, column, rule ID, function or provider), with where it was written.
public struct Identifier: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange = .synthetic) {
        self.name = name
        self.range = range
    }

    public var description: String { name }
}

/// A value together with the range it was written at.
public struct Located<Value: Hashable & Sendable>: Hashable, Sendable {
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, range: SourceRange = .synthetic) {
        self.value = value
        self.range = range
    }
}

/// A whole spec file.
public struct SpecFile: Hashable, Sendable {
    public var dataset: DatasetDecl?
    public var items: [Item]

    public init(dataset: DatasetDecl?, items: [Item]) {
        self.dataset = dataset
        self.items = items
    }

    public var tables: [TableDecl] { items.compactMap { if case .table(let t) = $0 { t } else { nil } } }
    public var rules: [RuleDecl] { items.compactMap { if case .rule(let r) = $0 { r } else { nil } } }
    public var scenarios: [ScenarioDecl] { items.compactMap { if case .scenario(let s) = $0 { s } else { nil } } }
}

public enum Item: Hashable, Sendable {
    case table(TableDecl)
    case rule(RuleDecl)
    case scenario(ScenarioDecl)
}

// MARK: - Dataset

/// `dataset NAME [version STRING] [as of DATE] [seed INT] [profile STRING]`
public struct DatasetDecl: Hashable, Sendable {
    public var name: Identifier
    public var version: Located<String>?
    /// Days since 1970-01-01.
    public var asOf: Located<Int>?
    public var seed: Located<Int>?
    public var profile: Located<String>?
    /// From `dataset` to the name.
    public var headerRange: SourceRange

    public init(
        name: Identifier, version: Located<String>? = nil, asOf: Located<Int>? = nil, seed: Located<Int>? = nil,
        profile: Located<String>? = nil, headerRange: SourceRange = .synthetic
    ) {
        self.name = name
        self.version = version
        self.asOf = asOf
        self.seed = seed
        self.profile = profile
        self.headerRange = headerRange
    }
}

// MARK: - Tables

/// `table NAME { rows … column… correlate… }`
public struct TableDecl: Hashable, Sendable {
    public var name: Identifier
    public var rows: Located<RowCount>?
    public var columns: [ColumnDecl]
    public var correlations: [Correlation]
    /// From `table` to `{`.
    public var headerRange: SourceRange
    /// The closing `}`.
    public var closeRange: SourceRange

    public init(
        name: Identifier, rows: Located<RowCount>?, columns: [ColumnDecl], correlations: [Correlation] = [],
        headerRange: SourceRange = .synthetic, closeRange: SourceRange = .synthetic
    ) {
        self.name = name
        self.rows = rows
        self.columns = columns
        self.correlations = correlations
        self.headerRange = headerRange
        self.closeRange = closeRange
    }

    public func column(named name: String) -> ColumnDecl? { columns.first { $0.name.name == name } }
}

/// How many rows a table gets.
public enum RowCount: Hashable, Sendable {
    /// `rows 10_000`
    case fixed(Int)
    /// `rows per customer poisson(1.3)`: a number of children for each parent row.
    case perParent(Identifier, Distribution)
}

/// `NAME TYPE [GENERATOR] [MODIFIER…]`
public struct ColumnDecl: Hashable, Sendable {
    public var name: Identifier
    public var type: TypeName
    public var generator: Located<Generator>?
    public var modifiers: [Located<Modifier>]
    public var range: SourceRange

    public init(
        name: Identifier, type: TypeName, generator: Located<Generator>? = nil, modifiers: [Located<Modifier>] = [],
        range: SourceRange = .synthetic
    ) {
        self.name = name
        self.type = type
        self.generator = generator
        self.modifiers = modifiers
        self.range = range
    }
}

/// A column type as written: `int`, `decimal(2)`, …
public struct TypeName: Hashable, Sendable {
    public var name: Identifier
    /// The `(SCALE)` of `decimal(SCALE)`.
    public var scale: Located<Int>?

    public init(name: Identifier, scale: Located<Int>? = nil) {
        self.name = name
        self.scale = scale
    }
}

/// How a column's values are made.
public enum Generator: Hashable, Sendable {
    /// `uniform(A, B)`, `normal(mean: M, sd: S)`, `one of { … }`, …
    case distribution(Distribution)
    /// `sequence` or `sequence(start: N, step: K)`
    case sequence([Argument])
    /// `from profile`
    case fromProfile
    /// `fake person.name`
    case fake(Identifier)
    /// `pattern "[0-9]{4}"`
    case pattern(Located<String>)
    /// `= EXPR`
    case derived(Expr)
}

/// A distribution: a named call or a categorical `one of`.
public enum Distribution: Hashable, Sendable {
    /// `uniform(0, 3)`, `poisson(1.3)`, `lognormal(median: 65000, sigma: 0.6)`
    case call(Identifier, [Argument])
    /// `one of { "F": 0.51, "M": 0.49 }`
    case oneOf([Choice])
}

/// An argument of a distribution, positional or labelled (`sd: 2`).
public struct Argument: Hashable, Sendable {
    public var label: Identifier?
    public var value: Literal
    public var range: SourceRange

    public init(label: Identifier? = nil, value: Literal, range: SourceRange = .synthetic) {
        self.label = label
        self.value = value
        self.range = range
    }
}

/// One value of a `one of`, with its weight when one is given.
public struct Choice: Hashable, Sendable {
    public var value: Literal
    public var weight: NumberLiteral?
    public var range: SourceRange

    public init(value: Literal, weight: NumberLiteral? = nil, range: SourceRange = .synthetic) {
        self.value = value
        self.weight = weight
        self.range = range
    }
}

public enum Modifier: Hashable, Sendable {
    case key
    case unique
    case references(table: Identifier, column: Identifier)
    case nullable(NumberLiteral)
    case min(Literal)
    case max(Literal)
    case pii
    case quasiIdentifier
    case sensitive

    /// The word that starts the modifier in a spec.
    public var keyword: String {
        switch self {
        case .key: "key"
        case .unique: "unique"
        case .references: "references"
        case .nullable: "nullable"
        case .min: "min"
        case .max: "max"
        case .pii: "pii"
        case .quasiIdentifier: "quasi-identifier"
        case .sensitive: "sensitive"
        }
    }
}

/// `correlate A, B R`
public struct Correlation: Hashable, Sendable {
    public var first: Identifier
    public var second: Identifier
    public var coefficient: NumberLiteral
    public var range: SourceRange

    public init(first: Identifier, second: Identifier, coefficient: NumberLiteral, range: SourceRange = .synthetic) {
        self.first = first
        self.second = second
        self.coefficient = coefficient
        self.range = range
    }
}

// MARK: - Rules and scenarios

/// The label a rule carries in scorecards and reports; it does not change the rule's meaning.
public enum RuleKind: String, Hashable, Sendable, CaseIterable {
    case eligibility
    case coOccurrence = "co-occurrence"
    case impossible
}

/// `rule ID [KIND] [STRING] [when EXPR] (require EXPR | forbid EXPR)`
public struct RuleDecl: Hashable, Sendable {
    public enum Requirement: String, Hashable, Sendable {
        case require
        case forbid
    }

    public var id: Identifier
    public var kind: RuleKind?
    public var title: String?
    public var condition: Expr?
    public var requirement: Requirement
    public var body: Expr
    /// From `rule` to the end of the title (or kind, or ID).
    public var headerRange: SourceRange
    /// The `when` keyword.
    public var whenKeyword: SourceRange?
    /// The `require` or `forbid` keyword.
    public var requirementKeyword: SourceRange

    public init(
        id: Identifier, kind: RuleKind? = nil, title: String? = nil, condition: Expr? = nil,
        requirement: Requirement, body: Expr, headerRange: SourceRange = .synthetic,
        whenKeyword: SourceRange? = nil, requirementKeyword: SourceRange = .synthetic
    ) {
        self.id = id
        self.kind = kind
        self.title = title
        self.condition = condition
        self.requirement = requirement
        self.body = body
        self.headerRange = headerRange
        self.whenKeyword = whenKeyword
        self.requirementKeyword = requirementKeyword
    }

    /// The whole rule.
    public var range: SourceRange { headerRange.union(body.range) }
}

/// `scenario ID [STRING] (share NUMBER | count INT) of TABLE where EXPR`
public struct ScenarioDecl: Hashable, Sendable {
    public enum Quota: Hashable, Sendable {
        case share(NumberLiteral)
        case count(Int)
    }

    public var id: Identifier
    public var title: String?
    public var quota: Located<Quota>
    public var table: Identifier
    public var condition: Expr
    public var headerRange: SourceRange
    public var whereKeyword: SourceRange

    public init(
        id: Identifier, title: String? = nil, quota: Located<Quota>, table: Identifier, condition: Expr,
        headerRange: SourceRange = .synthetic, whereKeyword: SourceRange = .synthetic
    ) {
        self.id = id
        self.title = title
        self.quota = quota
        self.table = table
        self.condition = condition
        self.headerRange = headerRange
        self.whereKeyword = whereKeyword
    }

    public var range: SourceRange { headerRange.union(condition.range) }
}

// MARK: - Expressions

public struct Expr: Hashable, Sendable {
    public var kind: ExprKind
    public var range: SourceRange

    public init(_ kind: ExprKind, range: SourceRange = .synthetic) {
        self.kind = kind
        self.range = range
    }
}

public indirect enum ExprKind: Hashable, Sendable {
    case literal(Literal)
    /// `TABLE.COLUMN` or a bare `COLUMN`.
    case column(table: Identifier?, column: Identifier)
    case call(Identifier, [Expr])
    /// Unary `-`.
    case negate(Expr)
    case not(Expr)
    case binary(BinaryOperator, Expr, Expr)
    case between(Expr, low: Expr, high: Expr, negated: Bool)
    case inList(Expr, [Literal], negated: Bool)
    case isNull(Expr, negated: Bool)
    case matches(Expr, pattern: Located<String>)
}

public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or
    case and
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// Binding strength, loosest first, as in the grammar of SPEC-LANGUAGE.md.
    public var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual: 4
        case .add, .subtract: 5
        case .multiply, .divide, .remainder: 6
        }
    }

    public var isComparison: Bool { precedence == 4 }
    public var isArithmetic: Bool { precedence >= 5 }
}
