extension NameResolver {
    mutating func checkGenerator(
        _ generator: Located<Generator>, column: ColumnDecl, type: ValueType, in table: TableDecl
    ) {
        switch generator.value {
        case .distribution(.call(let name, let arguments)):
            checkDistributionCall(name, arguments, type: type, range: generator.range)
        case .distribution(.oneOf(let choices)):
            checkChoices(choices, type: type, at: generator.range)
        case .sequence(let arguments):
            if type != .int && !type.isNumeric {
                error(.generatorTypeMismatch("sequence", type: type, expected: "numbers"), at: generator.range)
            }
            checkLabelled("sequence", arguments, required: [], optional: ["start", "step"], at: generator.range)
            for argument in arguments {
                guard case .number(let n) = argument.value, n.integerValue != nil else {
                    error(
                        .argumentType("'\(argument.label?.name ?? "argument")'", expected: "a whole number"),
                        at: argument.range)
                    continue
                }
                if argument.label?.name == "step", n.integerValue == 0 {
                    error(.argumentType("'step'", expected: "a whole number other than 0"), at: argument.range)
                }
            }
        case .fromProfile:
            if spec.dataset?.profile == nil { error(.profileNotDeclared, at: generator.range) }
        case .fake(let provider):
            if FakeProvider(rawValue: provider.name) == nil {
                error(
                    .unknownProvider(provider.name), at: provider.range,
                    help: Suggestions.help(for: provider.name, in: FakeProvider.allCases.map(\.rawValue)))
            } else if type != .text {
                error(
                    .generatorTypeMismatch("fake \(provider.name)", type: type, expected: "text"), at: generator.range)
            }
        case .pattern(let pattern):
            if type != .text {
                error(.generatorTypeMismatch("a pattern", type: type, expected: "text"), at: generator.range)
            }
            checkPattern(pattern)
        case .derived(let expr):
            let before = diagnostics.count
            let found = typeOf(expr, scope: .table(table.name.name))
            if diagnostics.count == before { checkReach(expr, from: table.name.name) }
            if !found.fits(type) {
                error(.derivedTypeMismatch(found.description, column: type), at: expr.range)
            }
        }
    }

    mutating func checkPattern(_ pattern: Located<String>) {
        do {
            _ = try PatternSyntax.parse(pattern.value)
        } catch {
            self.error(.invalidPattern(error.description), at: pattern.range)
        }
    }

    // MARK: - Named distributions

    mutating func checkDistributionCall(
        _ name: Identifier, _ arguments: [Argument], type: ValueType, range: SourceRange
    ) {
        switch name.name {
        case "uniform":
            guard arguments.count == 2, arguments.allSatisfy({ $0.label == nil }) else {
                error(.argumentCount("uniform", expected: "two bounds: uniform(LOW, HIGH)"), at: range)
                return
            }
            guard type.isOrdered else {
                error(
                    .generatorTypeMismatch("uniform", type: type, expected: "numbers, dates or timestamps"), at: range)
                return
            }
            for argument in arguments where !ExprType(argument.value).fits(type) || argument.value == .null {
                error(
                    .argumentType("a bound of \(type.withArticle) column", expected: "\(type.withArticle) value"),
                    at: argument.range)
                return
            }
            if let low = Self.order(arguments[0].value), let high = Self.order(arguments[1].value), low > high {
                error(
                    .emptyRange(low: Self.describe(arguments[0].value), high: Self.describe(arguments[1].value)),
                    at: range)
            }
        case "normal", "lognormal", "poisson":
            guard type.isNumeric else {
                error(.distributionNeedsNumbers(name.name, type: type), at: range)
                return
            }
            let labels = ["normal": ["mean", "sd"], "lognormal": ["median", "sigma"], "poisson": []][name.name] ?? []
            if name.name == "poisson" {
                guard arguments.count == 1, arguments[0].label == nil else {
                    error(.argumentCount("poisson", expected: "one rate: poisson(L)"), at: range)
                    return
                }
            } else if !checkLabelled(name.name, arguments, required: labels, optional: [], at: range) {
                return
            }
            for argument in arguments {
                guard let value = Self.number(argument.value) else {
                    error(
                        .argumentType("'\(argument.label?.name ?? "the rate")'", expected: "a number"),
                        at: argument.range)
                    continue
                }
                let label = argument.label?.name ?? "rate"
                if ["sd", "sigma", "median", "rate"].contains(label), value <= 0 {
                    error(.argumentType("'\(label)'", expected: "above 0"), at: argument.range)
                }
            }
        default:
            error(
                .unknownDistribution(name.name), at: name.range,
                help: Suggestions.help(for: name.name, in: ["uniform", "normal", "lognormal", "poisson", "sequence"]))
        }
    }

    /// Checks labelled arguments; returns whether they are all present and known.
    @discardableResult
    private mutating func checkLabelled(
        _ name: String, _ arguments: [Argument], required: [String], optional: [String], at range: SourceRange
    ) -> Bool {
        var ok = true
        var given = Set<String>()
        var unknown: [Identifier] = []
        for argument in arguments {
            guard let label = argument.label else {
                let all = (required + optional).map { "\($0): …" }.joined(separator: ", ")
                error(.argumentCount(name, expected: "labelled arguments: \(name)(\(all))"), at: argument.range)
                ok = false
                continue
            }
            if !(required + optional).contains(label.name) {
                unknown.append(label)
                ok = false
            } else if !given.insert(label.name).inserted {
                error(.duplicateModifier(label.name), at: label.range)
                ok = false
            }
        }
        // `normal(mean: 172, stdev: 9)` is one mistake: 'stdev' stands for the missing 'sd'.
        // Each unknown label takes the missing one it most likely means, and only labels
        // that nothing stands for are reported as missing.
        var missing = required.filter { !given.contains($0) }
        for label in unknown {
            let meant = Suggestions.closest(to: label.name, in: required + optional) ?? missing.first
            if let meant, let index = missing.firstIndex(of: meant) { missing.remove(at: index) }
            error(.unknownArgument(label.name, of: name), at: label.range, help: meant.map { "did you mean '\($0)'?" })
        }
        for label in missing {
            error(.missingArgument(label, of: name), at: range)
            ok = false
        }
        return ok
    }

    // MARK: - Categorical

    mutating func checkChoices(_ choices: [Choice], type: ValueType, at range: SourceRange) {
        guard !choices.isEmpty else {
            error(.emptyOneOf, at: range)
            return
        }
        var seen = Set<Literal>()
        for choice in choices {
            if choice.value == .null {
                error(.nullChoice, at: choice.range)
            } else if !ExprType(choice.value).fits(type) {
                error(
                    .argumentType("a value of \(type.withArticle) column", expected: "\(type.withArticle) value"),
                    at: choice.range)
            } else if !seen.insert(choice.value).inserted {
                error(.duplicateChoice(Self.describe(choice.value)), at: choice.range)
            }
            if let weight = choice.weight, weight.value < 0 { error(.negativeWeight, at: choice.range) }
        }
        let weights = choices.compactMap(\.weight)
        if !weights.isEmpty, weights.count != choices.count {
            // Point at the first value that breaks the pattern the list starts with.
            let odd = choices.first { ($0.weight == nil) != (choices[0].weight == nil) }
            error(.mixedWeights, at: odd?.range ?? range)
        } else if !weights.isEmpty {
            let sum = weights.reduce(0) { $0 + $1.value }
            if abs(sum - 1) > 1e-9 {
                error(.weightsDoNotSumToOne(Self.formatSum(sum)), at: range)
            }
        }
    }

    /// A sum printed without floating-point noise (0.95, not 0.9500000000000001).
    private static func formatSum(_ sum: Double) -> String {
        let rounded = (sum * 1e9).rounded() / 1e9
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
