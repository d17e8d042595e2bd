/// A set of rows described column by column: each column may take any value of its domain,
/// independently of the others.
///
/// Only the columns narrowed so far are stored; the others keep the domain their declaration
/// allows, which the refiner supplies. A disjunction of boxes describes what one box cannot
/// (`p = "a" or x > 10`).
struct Box: Hashable, Sendable {
    private(set) var narrowed: [Int: Domain]

    init(_ narrowed: [Int: Domain] = [:]) {
        self.narrowed = narrowed
    }

    func domain(of column: Int, declared: [Domain]) -> Domain {
        narrowed[column] ?? declared[column]
    }

    /// The smallest box holding all of `boxes`, each column the union of its domains; `nil`
    /// for no boxes.
    static func hull(_ boxes: [Box]) -> Box? {
        guard var result = boxes.first else { return nil }
        for box in boxes.dropFirst() {
            var merged: [Int: Domain] = [:]
            // A column one box leaves alone keeps its declared domain in the hull too.
            for (column, domain) in result.narrowed {
                if let other = box.narrowed[column] { merged[column] = domain.union(other) }
            }
            result = Box(merged)
        }
        return result
    }

    /// This box with the columns `other` narrowed beyond `base` narrowed as there too. For
    /// boxes of groups of rules over different columns, which never narrow the same column.
    func merging(_ other: Box, base: Box) -> Box {
        var merged = narrowed
        for (column, domain) in other.narrowed where base.narrowed[column] != domain { merged[column] = domain }
        return Box(merged)
    }

    /// The box with one column's domain replaced.
    func with(_ column: Int, _ domain: Domain) -> Box {
        var copy = self
        copy.narrowed[column] = domain
        return copy
    }
}

/// One way to satisfy a constraint: each formula takes one of its wanted truth values.
struct Alternative: Hashable, Sendable {
    var conjuncts: [Requirement]

    struct Requirement: Hashable, Sendable {
        var formula: Formula
        var wanted: TruthSet
    }

    init(_ conjuncts: [(Formula, TruthSet)]) {
        self.conjuncts = conjuncts.map { Requirement(formula: $0.0, wanted: $0.1) }
    }
}

/// What every row must satisfy: one of its alternatives.
struct Constraint: Hashable, Sendable {
    var alternatives: [Alternative]
    /// The columns it can narrow, so propagation revisits it only when one of them changes.
    private(set) var columns: [Int]

    /// `formula` takes one of the `wanted` truth values.
    init(_ formula: Formula, _ wanted: TruthSet) {
        self.init(alternatives: [Alternative([(formula, wanted)])])
    }

    init(alternatives: [Alternative]) {
        self.alternatives = alternatives
        var columns: Set<Int> = []
        for alternative in alternatives {
            for requirement in alternative.conjuncts { requirement.formula.collectColumns(into: &columns) }
        }
        self.columns = columns.sorted()
    }
}

extension Formula {
    func collectColumns(into columns: inout Set<Int>) {
        switch self {
        case .truth: break
        case .test(let column, _): columns.insert(column)
        case .strict(let list): columns.formUnion(list)
        case .not(let operand): operand.collectColumns(into: &columns)
        case .and(let lhs, let rhs), .or(let lhs, let rhs):
            lhs.collectColumns(into: &columns)
            rhs.collectColumns(into: &columns)
        }
    }
}
