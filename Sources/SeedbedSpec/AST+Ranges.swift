// Position-free copies of syntax trees.
//
// Every node's `==` compares its source ranges too, which is right for the checker but wrong
// for "is this the same spec?": a tree printed by `seedbed fmt` and parsed again has moved.
// `withoutRanges()` sets every range to `.synthetic` so such trees compare by content.

// MARK: - File and items

extension SpecFile {
    /// The same tree with every source range set to `.synthetic`.
    package func withoutRanges() -> SpecFile {
        SpecFile(dataset: dataset?.withoutRanges(), items: items.map { $0.withoutRanges() })
    }
}

extension Item {
    package func withoutRanges() -> Item {
        switch self {
        case .table(let table): .table(table.withoutRanges())
        case .rule(let rule): .rule(rule.withoutRanges())
        case .scenario(let scenario): .scenario(scenario.withoutRanges())
        }
    }
}

extension Identifier {
    package func withoutRanges() -> Identifier { Identifier(name) }
}

extension Located {
    package func withoutRanges() -> Located { Located(value) }
}

extension DatasetDecl {
    package func withoutRanges() -> DatasetDecl {
        DatasetDecl(
            name: name.withoutRanges(), version: version?.withoutRanges(), asOf: asOf?.withoutRanges(),
            seed: seed?.withoutRanges(), profile: profile?.withoutRanges())
    }
}

// MARK: - Tables

extension TableDecl {
    package func withoutRanges() -> TableDecl {
        TableDecl(
            name: name.withoutRanges(), rows: rows.map { Located($0.value.withoutRanges()) },
            columns: columns.map { $0.withoutRanges() }, correlations: correlations.map { $0.withoutRanges() })
    }
}

extension RowCount {
    package func withoutRanges() -> RowCount {
        switch self {
        case .fixed: self
        case .perParent(let parent, let distribution): .perParent(parent.withoutRanges(), distribution.withoutRanges())
        }
    }
}

extension ColumnDecl {
    package func withoutRanges() -> ColumnDecl {
        ColumnDecl(
            name: name.withoutRanges(), type: type.withoutRanges(),
            generator: generator.map { Located($0.value.withoutRanges()) },
            modifiers: modifiers.map { Located($0.value.withoutRanges()) })
    }
}

extension TypeName {
    package func withoutRanges() -> TypeName {
        TypeName(name: name.withoutRanges(), scale: scale?.withoutRanges())
    }
}

extension Generator {
    package func withoutRanges() -> Generator {
        switch self {
        case .distribution(let distribution): .distribution(distribution.withoutRanges())
        case .sequence(let arguments): .sequence(arguments.map { $0.withoutRanges() })
        case .fromProfile: .fromProfile
        case .fake(let provider): .fake(provider.withoutRanges())
        case .pattern(let pattern): .pattern(pattern.withoutRanges())
        case .derived(let expression): .derived(expression.withoutRanges())
        }
    }
}

extension Distribution {
    package func withoutRanges() -> Distribution {
        switch self {
        case .call(let name, let arguments): .call(name.withoutRanges(), arguments.map { $0.withoutRanges() })
        case .oneOf(let choices): .oneOf(choices.map { $0.withoutRanges() })
        }
    }
}

extension Argument {
    package func withoutRanges() -> Argument {
        Argument(label: label?.withoutRanges(), value: value)
    }
}

extension Choice {
    package func withoutRanges() -> Choice {
        Choice(value: value, weight: weight)
    }
}

extension Modifier {
    package func withoutRanges() -> Modifier {
        switch self {
        case .references(let table, let column):
            .references(table: table.withoutRanges(), column: column.withoutRanges())
        case .key, .unique, .nullable, .min, .max, .pii, .quasiIdentifier, .sensitive: self
        }
    }
}

extension Correlation {
    package func withoutRanges() -> Correlation {
        Correlation(first: first.withoutRanges(), second: second.withoutRanges(), coefficient: coefficient)
    }
}

// MARK: - Rules and scenarios

extension RuleDecl {
    package func withoutRanges() -> RuleDecl {
        RuleDecl(
            id: id.withoutRanges(), kind: kind, title: title, condition: condition?.withoutRanges(),
            requirement: requirement, body: body.withoutRanges(),
            // Present exactly when the keyword was written, so an absent one stays absent.
            whenKeyword: whenKeyword.map { _ in .synthetic })
    }
}

extension ScenarioDecl {
    package func withoutRanges() -> ScenarioDecl {
        ScenarioDecl(
            id: id.withoutRanges(), title: title, quota: quota.withoutRanges(), table: table.withoutRanges(),
            condition: condition.withoutRanges())
    }
}

// MARK: - Expressions

extension Expr {
    package func withoutRanges() -> Expr {
        Expr(kind.withoutRanges())
    }
}

extension ExprKind {
    package func withoutRanges() -> ExprKind {
        switch self {
        case .literal: self
        case .column(let table, let column): .column(table: table?.withoutRanges(), column: column.withoutRanges())
        case .call(let name, let arguments): .call(name.withoutRanges(), arguments.map { $0.withoutRanges() })
        case .negate(let operand): .negate(operand.withoutRanges())
        case .not(let operand): .not(operand.withoutRanges())
        case .binary(let op, let lhs, let rhs): .binary(op, lhs.withoutRanges(), rhs.withoutRanges())
        case .between(let value, let low, let high, let negated):
            .between(value.withoutRanges(), low: low.withoutRanges(), high: high.withoutRanges(), negated: negated)
        case .inList(let value, let list, let negated): .inList(value.withoutRanges(), list, negated: negated)
        case .isNull(let value, let negated): .isNull(value.withoutRanges(), negated: negated)
        case .matches(let value, let pattern): .matches(value.withoutRanges(), pattern: pattern.withoutRanges())
        }
    }
}
