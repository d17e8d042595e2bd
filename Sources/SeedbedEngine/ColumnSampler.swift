import SeedbedSpec

/// How one column's values are made: resolved once per table, switched on per value
/// (an enum of concrete samplers, no existential in the row loop).
enum ColumnSampler {
    /// A numeric, date or timestamp distribution, truncated per row to what the rules allow.
    case numeric(NumericDistribution, base: IntervalSet, output: NumericOutput)
    /// `one of`: values and their weights.
    case categorical(values: [RowValue], weights: [Double])
    /// `sequence(start:, step:)` by row index.
    case sequence(start: Double, step: Double, output: NumericOutput)
    case fake(FakeValues, unique: Bool)
    case pattern(PatternGenerator, unique: Bool)
    case uuid
    case derived(RowExpr, output: NumericOutput?)
    /// A referencing column: its value is the parent row's referenced column; `level` is the
    /// row level it fills for rules (nil when another reference already reaches that table).
    case reference(table: Int, column: Int, level: Int?)
}

/// How a sampled number lands in the column's buffer.
enum NumericOutput: Equatable {
    case int
    case decimal(scale: Int)
    case float
    case date
    case timestamp

    init?(_ type: ValueType) {
        switch type {
        case .int: self = .int
        case .decimal(let scale): self = .decimal(scale: scale)
        case .float: self = .float
        case .date: self = .date
        case .timestamp: self = .timestamp
        default: return nil
        }
    }

    /// Whether values are whole numbers (days and microseconds are).
    var isIntegral: Bool { self != .float && !isDecimal }

    var isDecimal: Bool { if case .decimal = self { true } else { false } }

    /// The step between representable values (1 for integers, 10^-scale for decimals, 0 for floats).
    var grid: Double {
        switch self {
        case .decimal(let scale): pow10(-scale)
        case .float: 0
        default: 1
        }
    }
}

func pow10(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<abs(exponent) { result *= 10 }
    return exponent < 0 ? 1 / result : result
}

// MARK: - Building

extension ColumnSampler {
    static func make(column index: Int, table: TableModel, model: GenerationModel, compiler: RowExprCompiler)
        throws(GenerationError) -> ColumnSampler
    {
        let column = table.columns[index]
        func fail(_ message: String) -> GenerationError {
            GenerationError("\(table.name).\(column.name): \(message)")
        }
        if let reference = column.reference {
            let level = compiler.levels.levels.firstIndex { $0.parent?.level == 0 && $0.parent?.column == index }
            return .reference(table: reference.table, column: reference.column, level: level)
        }
        let output = NumericOutput(column.type)
        switch column.generator {
        case nil:
            if let quantiles = column.profileQuantiles, let output {
                return try profiled(quantiles, column: column, output: output, fail: fail)
            }
            return try defaultSampler(for: column, asOf: model.asOf, output: output, fail: fail)
        case .distribution(.call(let name, let arguments))?:
            guard let output else { throw fail("\(name.name) makes numbers, but the column is \(column.type)") }
            return try numeric(name.name, arguments, column: column, output: output, fail: fail)
        case .distribution(.oneOf(let choices))?:
            let values = choices.map { choice -> RowValue in
                switch choice.value {
                case .date(let d) where column.type == .timestamp: .number(Double(d) * RowExprCompiler.microsPerDay)
                default: compiler.literalValue(choice.value)
                }
            }
            let weights = choices.map { $0.weight?.value ?? 1 }
            return .categorical(values: values, weights: weights)
        case .sequence(let arguments)?:
            let start = arguments.first { $0.label?.name == "start" }.flatMap { number($0.value) } ?? 1
            let step = arguments.first { $0.label?.name == "step" }.flatMap { number($0.value) } ?? 1
            return .sequence(start: start, step: step, output: output ?? .int)
        case .fromProfile?:
            guard let quantiles = column.profileQuantiles, let output else {
                throw fail(
                    "'from profile' needs a production profile: name one in the dataset line (profile \"FILE\") or pass --profile"
                )
            }
            return try profiled(quantiles, column: column, output: output, fail: fail)
        case .fake(let provider)?:
            guard let fake = FakeProvider(rawValue: provider.name) else {
                throw fail("unknown provider '\(provider.name)'")
            }
            return .fake(FakeValues(fake), unique: column.isUnique)
        case .pattern(let pattern)?:
            do {
                return .pattern(try PatternGenerator(try PatternSyntax.parse(pattern.value)), unique: column.isUnique)
            } catch {
                throw fail("pattern \"\(pattern.value)\": \(error)")
            }
        case .derived(let expr)?:
            return .derived(compiler.compile(expr), output: output)
        }
    }

    /// A column drawn from a profile's quantiles, kept inside its `min` and `max`.
    private static func profiled(
        _ quantiles: EmpiricalQuantiles, column: ColumnModel, output: NumericOutput, fail: (String) -> GenerationError
    ) throws(GenerationError) -> ColumnSampler {
        do {
            return .numeric(try NumericDistribution(.empirical(quantiles)), base: base(column, output), output: output)
        } catch {
            throw fail("\(error)")
        }
    }

    private static func number(_ literal: Literal) -> Double? {
        if case .number(let n) = literal { return n.value }
        return nil
    }

    /// A bound as the column stores it: days for dates, microseconds for timestamps.
    private static func ordered(_ literal: Literal, for output: NumericOutput) -> Double? {
        switch literal {
        case .number(let n): n.value
        case .date(let d): output == .timestamp ? Double(d) * RowExprCompiler.microsPerDay : Double(d)
        case .timestamp(let t): Double(t)
        default: nil
        }
    }

    /// What `min` and `max` allow.
    private static func base(_ column: ColumnModel, _ output: NumericOutput) -> IntervalSet {
        var set = IntervalSet.all
        if let low = column.minimum.flatMap({ ordered($0, for: output) }) {
            set = set.intersection(.greaterOrEqual, low)
        }
        if let high = column.maximum.flatMap({ ordered($0, for: output) }) {
            set = set.intersection(.lessOrEqual, high)
        }
        return set
    }

    private static func numeric(
        _ name: String, _ arguments: [Argument], column: ColumnModel, output: NumericOutput,
        fail: (String) -> GenerationError
    ) throws(GenerationError) -> ColumnSampler {
        func argument(_ label: String?, at position: Int) -> Double? {
            let found =
                label.flatMap { l in arguments.first { $0.label?.name == l } }
                ?? (position < arguments.count ? arguments[position] : nil)
            return found.flatMap { ordered($0.value, for: output) }
        }
        let family: NumericDistribution.Family
        switch name {
        case "uniform":
            guard let low = argument(nil, at: 0), let high = argument(nil, at: 1) else {
                throw fail("uniform needs two bounds")
            }
            if output.isIntegral {
                family = .uniformInteger(lower: Int(low.rounded(.up)), upper: Int(high.rounded(.down)))
            } else if low == high {
                family = .uniformInteger(lower: Int(low), upper: Int(low))
            } else {
                family = .uniform(lower: low, upper: high)
            }
        case "normal":
            family = .normal(mean: argument("mean", at: 0) ?? 0, standardDeviation: argument("sd", at: 1) ?? 1)
        case "lognormal":
            family = .lognormal(median: argument("median", at: 0) ?? 1, sigma: argument("sigma", at: 1) ?? 1)
        case "poisson":
            family = .poisson(mean: argument(nil, at: 0) ?? 1)
        default:
            throw fail("unknown distribution '\(name)'")
        }
        do {
            return .numeric(try NumericDistribution(family), base: base(column, output), output: output)
        } catch {
            throw fail("\(error)")
        }
    }

    /// A column without a generator: a sensible default for its type.
    private static func defaultSampler(
        for column: ColumnModel, asOf: Int?, output: NumericOutput?, fail: (String) -> GenerationError
    ) throws(GenerationError) -> ColumnSampler {
        if column.isKey, output == .int || output?.isDecimal == true {
            return .sequence(start: 1, step: 1, output: output ?? .int)
        }
        let end = Double(asOf ?? CivilDate.days(year: 2025, month: 12, day: 31) ?? 20_453)
        let family: NumericDistribution.Family
        switch column.type {
        case .int: family = .uniformInteger(lower: 0, upper: 1000)
        case .decimal, .float: family = .uniform(lower: 0, upper: 1000)
        case .date: family = .uniformInteger(lower: Int(end) - 3650, upper: Int(end))
        case .timestamp:
            family = .uniformInteger(
                lower: Int((end - 3650) * RowExprCompiler.microsPerDay), upper: Int(end * RowExprCompiler.microsPerDay))
        case .bool: return .categorical(values: [.bool(true), .bool(false)], weights: [1, 1])
        case .text: return .fake(FakeValues(.loremWord), unique: column.isUnique)
        case .uuid: return .uuid
        }
        guard let output else { throw fail("no default generator for \(column.type)") }
        do {
            return .numeric(try NumericDistribution(family), base: base(column, output), output: output)
        } catch {
            throw fail("\(error)")
        }
    }

    /// Unique values are made by construction, so the construction must have room for every row.
    /// - Returns: how many distinct values the construction has (nil when unbounded).
    func checkUniqueCapacity(rows: Int, column: String, table: String) throws(GenerationError) -> UInt64? {
        func fail(_ message: String) -> GenerationError {
            GenerationError("\(table).\(column) is unique, but \(message)")
        }
        switch self {
        case .sequence, .uuid, .reference, .derived:
            return nil
        case .numeric(let distribution, _, _):
            guard case .uniformInteger(let lower, let upper) = distribution.family else {
                throw fail("only sequence, uniform over whole numbers, fake, pattern and uuid can make unique values")
            }
            if upper - lower + 1 < rows {
                throw fail("uniform(\(lower), \(upper)) has \(upper - lower + 1) values for \(rows) rows")
            }
            return UInt64(upper - lower + 1)
        case .categorical(let values, _):
            if values.count < rows { throw fail("'one of' has \(values.count) values for \(rows) rows") }
            return UInt64(values.count)
        case .fake(let fake, _):
            if let capacity = fake.uniqueCapacity(), capacity < UInt64(rows) {
                throw fail("fake \(fake.provider.rawValue) has \(capacity) distinct values for \(rows) rows")
            }
            return fake.uniqueCapacity()
        case .pattern(let generator, _):
            guard let count = generator.count, count >= UInt64(rows) else {
                throw fail(
                    "its pattern cannot be enumerated into \(rows) distinct values; use a fixed-length pattern such as \"[A-Z]{3}[0-9]{6}\""
                )
            }
            return count
        }
    }
}
