import SeedbedSpec

/// Everything the first pass learns about one column, in memory bounded by the sketch and the
/// category cap, whatever the row count.
struct ColumnAccumulator {
    /// Past this many distinct values a column is not categorical, and the counts are dropped.
    static let maximumCategories = 1000

    let name: String
    let declaredType: ValueType?
    private(set) var rows = 0
    private(set) var nulls = 0
    private(set) var inference = TypeInference()
    /// Numbers as they are; dates and timestamps as seconds since the epoch (so a column mixing
    /// both needs no conversion); booleans as 0 and 1.
    private(set) var values: QuantileSketch
    private(set) var lengths: QuantileSketch
    /// Category counts by text, until there are too many.
    private(set) var categories: [String: Int] = [:]
    private(set) var tooManyCategories = false
    /// Sums over values of each character class's share of the value: upper, lower, digit,
    /// space, punctuation, other.
    private(set) var characterShares = [Double](repeating: 0, count: 6)
    private(set) var detector = IdentifierDetector()
    /// Values with two spaces or more: sentences rather than labels.
    private(set) var wordy = 0

    init(name: String, declaredType: ValueType?, exactLimit: Int) {
        self.name = name
        self.declaredType = declaredType
        values = QuantileSketch(exactLimit: exactLimit)
        lengths = QuantileSketch(exactLimit: exactLimit)
    }

    var nonNull: Int { rows - nulls }

    /// The column's type: the database's when it declared one, else inferred.
    var type: ValueType { declaredType ?? inference.type }

    mutating func add(_ value: SourceValue) {
        rows += 1
        switch value {
        case .null:
            nulls += 1
        case .text(let text):
            let kind = FieldClassifier.classify(text)
            if kind == .null {
                nulls += 1
                return
            }
            inference.add(kind)
            switch kind {
            case .integer(let v): values.add(Double(v))
            case .decimal(let v, _), .float(let v): values.add(v)
            case .date(let days): values.add(Double(days) * 86_400)
            case .timestamp(let seconds): values.add(seconds)
            case .boolean(let v): values.add(v ? 1 : 0)
            case .null, .text: break
            }
            count(category: FieldClassifier.trimmed(text))
            addShape(text)
        case .integer(let v):
            inference.add(.integer(v))
            values.add(Double(v))
            count(category: String(v))
        case .real(let v):
            inference.add(.float(v))
            values.add(v)
            count(category: "\(v)")
        case .boolean(let v):
            inference.add(.boolean(v))
            values.add(v ? 1 : 0)
            count(category: v ? "true" : "false")
        case .date(let days):
            inference.add(.date(days))
            values.add(Double(days) * 86_400)
            count(category: CivilDate.format(days: days))
        case .timestamp(let micros):
            inference.add(.timestamp(Double(micros) / 1e6))
            values.add(Double(micros) / 1e6)
            count(category: CivilDate.format(microseconds: micros))
        }
    }

    private mutating func count(category: String) {
        guard !tooManyCategories else { return }
        categories[category, default: 0] += 1
        if categories.count > Self.maximumCategories {
            tooManyCategories = true
            categories = [:]
        }
    }

    private mutating func addShape(_ text: String) {
        detector.add(text)
        var counts = [Int](repeating: 0, count: 6)
        var length = 0
        for scalar in text.unicodeScalars {
            length += 1
            let properties = scalar.properties
            if properties.isUppercase {
                counts[0] += 1
            } else if properties.isLowercase {
                counts[1] += 1
            } else if properties.numericType == .decimal {
                counts[2] += 1
            } else if properties.isWhitespace {
                counts[3] += 1
            } else if scalar.isASCII && (scalar.value >= 33 && scalar.value <= 126) {
                counts[4] += 1
            } else {
                counts[5] += 1
            }
        }
        lengths.add(Double(length))
        if counts[3] >= 2 { wordy += 1 }
        guard length > 0 else { return }
        for index in 0..<6 { characterShares[index] += Double(counts[index]) / Double(length) }
    }

    static let characterClasses = ["upper", "lower", "digit", "space", "punctuation", "other"]
}
