public import SeedbedSpec

/// A production baseline: aggregate statistics of a source, never its rows.
///
/// Saved as versioned JSON (`"format": "seedbed-profile/2"`, see docs/profile.md). Numeric
/// statistics of dates are in days since 1970-01-01 and of timestamps in seconds since
/// 1970-01-01T00:00:00Z.
public struct Profile: Codable, Sendable, Equatable {
    /// The format this version writes and reads.
    public static let currentFormat = "seedbed-profile/2"
    /// Formats this version reads: version 1 is version 2 without `dependence`.
    public static let readableFormats = ["seedbed-profile/1", currentFormat]

    public var format: String
    /// The source's name (a file or folder name, never a connection string).
    public var source: String
    public var privacy: PrivacyRecord
    public var tables: [TableProfile]
    public var foreignKeys: [ForeignKeyProfile]

    public init(source: String, privacy: PrivacyRecord, tables: [TableProfile], foreignKeys: [ForeignKeyProfile]) {
        self.format = Self.currentFormat
        self.source = source
        self.privacy = privacy
        self.tables = tables
        self.foreignKeys = foreignKeys
    }

    public func table(named name: String) -> TableProfile? { tables.first { $0.name == name } }
}

/// The protection applied, and the privacy budget each statistic spent.
public struct PrivacyRecord: Codable, Sendable, Equatable {
    /// Categories with fewer rows were merged into "other"; quantiles were clipped to the
    /// K-th value from each end.
    public var minCount: Int
    /// The differential-privacy budget asked for; `nil` when the profile is not DP.
    public var epsilon: Double?
    /// The sum of the ledger: what the profile spent in total.
    public var epsilonSpent: Double
    public var ledger: [BudgetEntry]
    /// `table.column` of every column whose values were left out (only their shape kept).
    public var shapeOnlyColumns: [String]

    public init(
        minCount: Int, epsilon: Double?, epsilonSpent: Double, ledger: [BudgetEntry], shapeOnlyColumns: [String]
    ) {
        self.minCount = minCount
        self.epsilon = epsilon
        self.epsilonSpent = epsilonSpent
        self.ledger = ledger
        self.shapeOnlyColumns = shapeOnlyColumns
    }
}

/// The privacy budget one statistic spent.
public struct BudgetEntry: Codable, Sendable, Equatable {
    /// `table`, `table.column` or `table.column→table.column`, then `:` and the statistic.
    public var statistic: String
    public var epsilon: Double
    /// How the noise was added: `laplace`, `noisy-histogram`, ….
    public var mechanism: String

    public init(statistic: String, epsilon: Double, mechanism: String) {
        self.statistic = statistic
        self.epsilon = epsilon
        self.mechanism = mechanism
    }
}

/// One table's statistics.
public struct TableProfile: Codable, Sendable, Equatable {
    public var name: String
    public var rows: Int
    public var columns: [ColumnProfile]
    /// Spearman rank correlations of every pair of numeric (and date) columns.
    public var rankCorrelations: [PairCorrelation]
    /// The Gaussian copula over every column that kept values, categories included.
    public var copula: CopulaProfile?
    /// Conditional tables along a Chow-Liu tree over the binned columns (format 2 on).
    public var dependence: DependenceProfile?

    public init(
        name: String, rows: Int, columns: [ColumnProfile], rankCorrelations: [PairCorrelation] = [],
        copula: CopulaProfile? = nil, dependence: DependenceProfile? = nil
    ) {
        self.name = name
        self.rows = rows
        self.columns = columns
        self.rankCorrelations = rankCorrelations
        self.copula = copula
        self.dependence = dependence
    }

    public func column(named name: String) -> ColumnProfile? { columns.first { $0.name == name } }
}

/// One column's statistics. Which parts are present depends on the type and on privacy:
/// a shape-only column has `shape` and nothing else.
public struct ColumnProfile: Codable, Sendable, Equatable {
    public var name: String
    /// A spec type: `int`, `decimal(2)`, `float`, `text`, `bool`, `date`, `timestamp`.
    public var type: String
    public var nulls: Int
    public var nullRate: Double
    /// Why the values were left out (`tagged pii in the spec`, `email addresses`, `free text`,
    /// …); `nil` when they were kept.
    public var shapeOnly: String?
    /// Numbers, dates and timestamps.
    public var numeric: NumericMarginal?
    /// Text categories, and every column with at most 20 distinct values.
    public var categories: CategoryMarginal?
    /// Text columns: lengths and character classes.
    public var shape: TextShape?

    public init(
        name: String, type: ValueType, nulls: Int, nullRate: Double, shapeOnly: String? = nil,
        numeric: NumericMarginal? = nil, categories: CategoryMarginal? = nil, shape: TextShape? = nil
    ) {
        self.name = name
        self.type = type.description
        self.nulls = nulls
        self.nullRate = nullRate
        self.shapeOnly = shapeOnly
        self.numeric = numeric
        self.categories = categories
        self.shape = shape
    }

    /// The column's type, or `nil` when `type` is not a spec type.
    public var valueType: ValueType? { Self.valueType(from: type) }

    static func valueType(from text: String) -> ValueType? {
        switch text {
        case "int": return .int
        case "float": return .float
        case "text": return .text
        case "bool": return .bool
        case "date": return .date
        case "timestamp": return .timestamp
        case "uuid": return .uuid
        default:
            guard text.hasPrefix("decimal("), text.hasSuffix(")"),
                let scale = Int(text.dropFirst(8).dropLast()), (0...18).contains(scale)
            else { return nil }
            return .decimal(scale: scale)
        }
    }
}

/// A numeric marginal: clipped extremes and equally spaced quantiles.
public struct NumericMarginal: Codable, Sendable, Equatable {
    /// The K-th smallest value (K = the profile's `minCount`), not the true minimum.
    public var min: Double
    /// The K-th largest value.
    public var max: Double
    /// Quantiles at 0, 1/(q-1), …, 1 (101 of them: every percentile), clipped to [min, max].
    public var quantiles: [Double]
    /// Whether the quantiles come from every value (`true`) or from a KLL sketch.
    public var exact: Bool

    public init(min: Double, max: Double, quantiles: [Double], exact: Bool) {
        self.min = min
        self.max = max
        self.quantiles = quantiles
        self.exact = exact
    }
}

/// Category frequencies, most frequent first; rare ones merged into `other`.
public struct CategoryMarginal: Codable, Sendable, Equatable {
    public var counts: [CategoryCount]
    /// Rows whose category had fewer than `minCount` rows.
    public var otherRows: Int
    /// How many distinct categories were merged into `other`.
    public var otherCategories: Int

    public init(counts: [CategoryCount], otherRows: Int, otherCategories: Int) {
        self.counts = counts
        self.otherRows = otherRows
        self.otherCategories = otherCategories
    }
}

public struct CategoryCount: Codable, Sendable, Equatable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// What text looks like without what it says.
public struct TextShape: Codable, Sendable, Equatable {
    /// Lengths in Unicode scalars.
    public var lengths: NumericMarginal
    /// The mean share of each character class per value: `upper`, `lower`, `digit`, `space`,
    /// `punctuation`, `other`.
    public var characters: [String: Double]

    public init(lengths: NumericMarginal, characters: [String: Double]) {
        self.lengths = lengths
        self.characters = characters
    }
}

/// A rank correlation between two columns of a table.
public struct PairCorrelation: Codable, Sendable, Equatable {
    public var first: String
    public var second: String
    public var rho: Double

    public init(first: String, second: String, rho: Double) {
        self.first = first
        self.second = second
        self.rho = rho
    }
}

/// A Gaussian copula: each column mapped to normal scores through its marginal (numbers by
/// value, text categories in the order of `categories.counts`, then `other`), and the
/// correlation matrix of those scores.
public struct CopulaProfile: Codable, Sendable, Equatable {
    public var columns: [String]
    /// Symmetric, ones on the diagonal, `correlation[i][j]` for `columns[i]` and `columns[j]`.
    public var correlation: [[Double]]

    public init(columns: [String], correlation: [[Double]]) {
        self.columns = columns
        self.correlation = correlation
    }
}

/// How many children each parent row has along a `references` column.
public struct ForeignKeyProfile: Codable, Sendable, Equatable {
    /// `table.column` of the referencing column.
    public var child: String
    /// `table.column` it references.
    public var parent: String
    /// Child rows whose value matched no parent (nulls not counted).
    public var orphans: Int
    /// Parents by number of children, ascending; counts above the K-th largest are clipped to it.
    public var fanOut: [FanOutCount]

    public init(child: String, parent: String, orphans: Int, fanOut: [FanOutCount]) {
        self.child = child
        self.parent = parent
        self.orphans = orphans
        self.fanOut = fanOut
    }
}

public struct FanOutCount: Codable, Sendable, Equatable {
    public var children: Int
    public var parents: Int

    public init(children: Int, parents: Int) {
        self.children = children
        self.parents = parents
    }
}
