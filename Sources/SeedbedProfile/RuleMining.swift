public import SeedbedSpec

/// A candidate rule found in the data: it held in every row it applies to.
///
/// `seedbed init` writes these as commented-out suggestions after the starter spec, each with
/// its evidence, for a person to accept or drop: a rule that held in this data may still be an
/// accident of the sample rather than a business rule.
public struct MinedRule: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// `require T.N >= 0` or `require T.N between 0 and 1`.
        case bound
        /// `when T.C = "v" require T.N < b` (or `>= a`, or `between a and b`).
        case implication
        /// `when T.C1 = "a" forbid T.C2 = "b"`: two frequent categories never seen together.
        case exclusion
    }

    /// The spec name of the table the rule reads.
    public var table: String
    public var kind: Kind
    public var rule: RuleDecl
    /// Why the rule is suggested, in words: how many rows it held in, and what independence
    /// would have predicted.
    public var evidence: String
    /// Rows the rule applies to (all held).
    public var support: Int
    /// How much the rule says: the rows that independence between its columns would have put
    /// outside it. Suggestions are ranked by it, strongest first.
    public var strength: Double

    public init(table: String, kind: Kind, rule: RuleDecl, evidence: String, support: Int, strength: Double) {
        self.table = table
        self.kind = kind
        self.rule = rule
        self.evidence = evidence
        self.support = support
        self.strength = strength
    }

    /// The rule on one line, as the spec language reads it: `rule ID KIND when … require …`.
    public var text: String {
        SpecPrinter.print(SpecFile(dataset: nil, items: [.rule(rule)]))
            .split(separator: "\n").map { $0.drop { $0 == " " } }.joined(separator: " ")
    }
}

/// Finds candidate rules in one streaming pass over a table, in memory bounded by the number of
/// columns and categories considered, whatever the row count.
///
/// - Implications: for each frequent category `v` of a categorical column `C` (text, integer or
///   boolean, named in the profile, with at least `minSupport` rows) and each numeric column
///   `N`, the range of `N` over the rows where `C = v`; rounded outward to a coarse grid, it
///   becomes `when C = v require N < b`, `N >= a` or `N between a and b` when that bound is
///   tighter than the column's own profiled range (so at least K rows elsewhere fall outside it).
/// - Exclusions: two frequent categories of two columns never seen in the same row although
///   independence predicts at least `minSupport` rows with both.
/// - Bounds: `N >= 0` (or `between 0 and 1`) for a numeric column that never left that range.
///
/// Columns the caller excludes (pii, keys, references, identifiers) are never read.
public struct RuleMining: Sendable {
    /// The fewest rows a rule must apply to (and a category must have) to be suggested.
    public var minSupport: Int
    /// Implications and exclusions kept per table, strongest first (bounds are one per column).
    public var maximumPerTable: Int

    /// Categorical columns considered per table, and categories per column (the most frequent):
    /// they bound the pass's memory, which grows with their product.
    static let maximumConditionColumns = 40
    static let maximumValuesPerColumn = 30
    /// Numeric columns considered per table.
    static let maximumTargetColumns = 40

    public init(minSupport: Int = 30, maximumPerTable: Int = 20) {
        self.minSupport = minSupport
        self.maximumPerTable = maximumPerTable
    }

    /// One table's candidate rules: its bounds in column order, then the strongest
    /// implications and exclusions. Rule IDs are `MINED-001`, … in that order; renumber them
    /// when several tables share a file.
    ///
    /// - Parameters:
    ///   - table: The source table, scanned once more.
    ///   - source: Where its rows come from.
    ///   - profile: The table's profile: types, categories and quantiles.
    ///   - specTable: The table's name in the spec.
    ///   - specColumns: The spec name of each column of `table`, in its order.
    ///   - excluded: Indexes of the columns never to read (pii, keys, references, identifiers).
    /// - Throws: `ProfileError` when the source cannot be read.
    /// - Complexity: O(rows × (categorical × numeric + categorical²)) time over the capped
    ///   column sets; memory independent of the row count.
    public func mine(
        _ table: SourceTable, in source: some ProfileSource, profile: TableProfile, specTable: String,
        specColumns: [String], excluded: Set<Int>
    ) throws(ProfileError) -> [MinedRule] {
        var scan = MiningScan(
            table: table, profile: profile, excluded: excluded, minSupport: minSupport)
        guard !scan.targets.isEmpty || scan.conditions.count >= 2 else { return [] }
        try source.scan(table) { (batch: SourceBatch) throws(ProfileError) in scan.add(batch) }
        let naming = RuleNaming(table: specTable, columns: specColumns)
        let bounds = scan.bounds(naming: naming)
        let implications = scan.implications(naming: naming)
        let exclusions = scan.exclusions(naming: naming, implied: implications.bounds)
        let ranked = (implications.rules + exclusions).sorted {
            ($0.strength, $1.text) > ($1.strength, $0.text)
        }
        var rules = bounds + ranked.prefix(maximumPerTable)
        for index in rules.indices { rules[index].rule.id = Identifier(Self.id(index + 1)) }
        return rules
    }

    /// `MINED-001`: rule IDs are letters, digits and `-`.
    static func id(_ number: Int) -> String {
        let digits = String(number)
        return "MINED-" + String(repeating: "0", count: max(0, 3 - digits.count)) + digits
    }
}

/// The spec names a table's rules are written with.
struct RuleNaming {
    var table: String
    var columns: [String]

    func column(_ index: Int) -> Expr {
        Expr(.column(table: Identifier(table), column: Identifier(columns[index])))
    }
}
