/// What the row loop may skip because the narrowing already decided it: checking constraints
/// the draws satisfy by construction, and narrowing a column again for inputs it has seen.
extension TableMaker {
    /// Per constraint, whether a finished row must still be checked against it (always for
    /// `--negative` rows).
    ///
    /// A constraint holds by construction when its last drawn column is narrowed exactly: a
    /// numeric or categorical column drawn inside the set the narrower computed (a numeric
    /// draw is still tested for membership, see `attempt`), from a narrower without opaque
    /// parts, reading no derived column (whose stored value is rounded; the narrower reads its
    /// definition), no parent row and no column drawn after it (which would hold the previous
    /// row's value while narrowing). Everything else is checked on the finished row.
    static func checkedConstraints(
        _ constraints: [Constraint], samplers: [ColumnSampler], order: [Int], narrowing: [[Narrower]],
        unique: [Bool]
    ) -> [Bool] {
        let position = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        return constraints.indices.map { index in
            let constraint = constraints[index]
            let expressions = [constraint.condition, constraint.body].compactMap { $0 }
            guard !expressions.contains(where: \.readsAncestors) else { return true }
            let read = Set(expressions.flatMap(\.ownColumns))
            var last: Int?
            for column in read {
                switch samplers[column] {
                case .derived: return true
                case .numeric, .categorical, .fake, .pattern:
                    if last.map({ position[column, default: 0] > position[$0, default: 0] }) ?? true { last = column }
                default: break
                }
            }
            guard let last, !unique[last], read.allSatisfy({ position[$0, default: 0] <= position[last, default: 0] })
            else { return true }
            switch samplers[last] {
            case .numeric, .categorical: break
            default: return true
            }
            guard let narrower = narrowing[last].first(where: { $0.constraint == index }) else { return true }
            return !narrower.isExact
        }
    }

    /// Per column, the memo of its whole narrowed draw (see `PreparedDraw`): when every
    /// narrower of a numeric or categorical column is memoised, what the column may take
    /// depends only on the row's scenario and the value indices of the categorical columns
    /// those narrowers read.
    static func preparedMemos(
        samplers: [ColumnSampler], narrowing: [[Narrower]], unique: [Bool], scenarios: Int
    ) -> (memos: [PreparedMemo?], size: Int) {
        var size = 0
        let memos = samplers.indices.map { column -> PreparedMemo? in
            switch samplers[column] {
            case .numeric, .categorical: break
            default: return nil
            }
            guard !unique[column], narrowing[column].allSatisfy({ $0.memo != nil }) else { return nil }
            var inputs: [(column: Int, radix: Int)] = []
            for narrower in narrowing[column] {
                for input in narrower.memo?.columns ?? [] where !inputs.contains(where: { $0.column == input.column }) {
                    inputs.append(input)
                }
            }
            let count = inputs.reduce(scenarios + 1) { $0 * $1.radix }
            guard count <= 1 << 14 else { return nil }
            defer { size += count }
            return PreparedMemo(inputs: inputs, base: size)
        }
        return (memos, size)
    }
}

/// Where a column's prepared draws live in `RowWorkspace.prepared`, and what they are keyed by.
struct PreparedMemo {
    /// The categorical columns read, with their number of values plus one (for null).
    var inputs: [(column: Int, radix: Int)]
    var base: Int
}

/// One column's draw as the rules leave it for one combination of inputs: what it may take and,
/// worked out once rather than per row, the set a numeric distribution is drawn from (the grid
/// cells of a decimal or whole-number column) or a categorical column's open weights.
///
/// A class, so taking one from the memo costs a retain rather than a copy of every field
/// (measured: the copies cost more than the narrowing they saved).
final class PreparedDraw {
    let allowed: Allowed
    /// Numeric columns: the set passed to the conditional quantile, and its pieces.
    let cells: IntervalSet
    let truncated: TruncatedDraw?
    /// Categorical columns: each value's weight where allowed, else 0, and their sum.
    let weights: [Double]
    let total: Double
    /// The allowed values when they are one interval: tested without copying the set.
    private let single: Interval?
    /// Whether the distribution is drawn whole (its cells are every number, and it is not a
    /// Poisson, which `quantile(_:within:)` draws by its table even then).
    private let unrestricted: Bool

    /// The value at `u` of `distribution` inside the allowed values, as
    /// `quantile(_:within:decimalScale:)` gives it, from the cells and pieces worked out once.
    func value(of distribution: NumericDistribution, at u: Double, gridScale: Int?) -> Double? {
        let value =
            if let truncated {
                distribution.quantile(u, truncated: truncated)
            } else if unrestricted {
                distribution.unrestrictedQuantile(u)
            } else {
                distribution.quantile(u, within: cells)
            }
        guard let scale = gridScale, let value else { return value }
        return DecimalGrid(scale: scale).snap(value, into: allowed.values) { admits($0) }
    }

    /// Whether a drawn number is among the allowed values.
    func admits(_ value: Double) -> Bool {
        if let single { return single.contains(value) }
        return allowed.values.contains(value)
    }

    init(
        allowed: Allowed, cells: IntervalSet = .empty, truncated: TruncatedDraw? = nil, unrestricted: Bool = false,
        weights: [Double] = [], total: Double = 0
    ) {
        self.allowed = allowed
        single = allowed.values.count == 1 ? allowed.values.first : nil
        self.unrestricted = unrestricted
        self.cells = cells
        self.truncated = truncated
        self.weights = weights
        self.total = total
    }
}

extension NarrowExpr {
    /// Whether `allowed` is exactly the set of target values giving each truth, so a value drawn
    /// inside it needs no check: false for the opaque, for calendars, and for forms whose
    /// arithmetic may round or whose bounds may be null.
    var isExact: Bool {
        switch self {
        case .fixed, .enumerated, .isNull, .inList: true
        case .compare(_, let scale, let offset, _):
            if scale == 1, case .constant(.number(0)) = offset { true } else { false }
        case .between(.constant(.number), .constant(.number), _): true
        case .between, .years, .opaque: false
        case .not(let inner): inner.isExact
        case .and(let a, let b), .or(let a, let b): a.isExact && b.isExact
        }
    }
}

extension Narrower {
    var isExact: Bool { body.isExact && (condition?.isExact ?? true) }
}
