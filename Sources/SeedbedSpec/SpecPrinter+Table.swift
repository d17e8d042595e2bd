// The members of a table: the rows clause, aligned columns, generators and modifiers.

extension SpecPrinter {
    // MARK: - Rows and columns

    static func rowsClause(_ rows: RowCount) -> String {
        switch rows {
        case .fixed(let count): "rows " + integer(count)
        case .perParent(let parent, let distribution): "rows per \(name(parent)) \(self.distribution(distribution))"
        }
    }

    /// The columns of one table as lines: the names padded to the widest name, the types to the
    /// widest type, two spaces between the name, the type, the generator and the modifiers.
    static func columnTexts(_ columns: [ColumnDecl]) -> [String] {
        let names = columns.map { name($0.name) }
        let types = columns.map { typeName($0.type) }
        let nameWidth = names.map(\.count).max() ?? 0
        let typeWidth = types.map(\.count).max() ?? 0
        return zip(columns, zip(names, types)).map { column, nameAndType in
            let (name, type) = nameAndType
            let rest = [
                column.generator.map { generator($0.value) },
                column.modifiers.isEmpty ? nil : column.modifiers.map { modifier($0.value) }.joined(separator: " "),
            ].compactMap { $0 }
            // No padding after the last group: a line never ends in spaces.
            guard !rest.isEmpty else { return padded(name, to: nameWidth) + "  " + type }
            return ([padded(name, to: nameWidth), padded(type, to: typeWidth)] + rest).joined(separator: "  ")
        }
    }

    private static func padded(_ text: String, to width: Int) -> String {
        text + String(repeating: " ", count: Swift.max(0, width - text.count))
    }

    /// `int`, `decimal(2)`. The parser reads a type only from an unquoted, unreserved name.
    static func typeName(_ type: TypeName) -> String {
        type.name.name + (type.scale.map { "(\(integer($0.value)))" } ?? "")
    }

    // MARK: - Generators

    static func generator(_ generator: Generator) -> String {
        switch generator {
        case .distribution(let distribution): self.distribution(distribution)
        case .sequence(let arguments): arguments.isEmpty ? "sequence" : "sequence" + self.arguments(arguments)
        case .fromProfile: "from profile"
        case .fake(let provider): "fake " + self.provider(provider)
        case .pattern(let pattern): "pattern " + string(pattern.value)
        case .derived(let expression): "= " + self.expression(expression)
        }
    }

    static func distribution(_ distribution: Distribution) -> String {
        switch distribution {
        case .call(let function, let arguments):
            // Like a function in an expression, a distribution is named without backquotes.
            return function.name + self.arguments(arguments)
        case .oneOf(let choices):
            guard !choices.isEmpty else { return "one of { }" }
            let texts = choices.map { choice in
                // A text value is a string literal even when it was written as a bare word.
                literal(choice.value) + (choice.weight.map { ": " + number($0) } ?? "")
            }
            return "one of { " + texts.joined(separator: ", ") + " }"
        }
    }

    private static func arguments(_ arguments: [Argument]) -> String {
        let texts = arguments.map { argument in
            (argument.label.map { name($0) + ": " } ?? "") + literal(argument.value)
        }
        return "(" + texts.joined(separator: ", ") + ")"
    }

    // MARK: - Modifiers

    static func modifier(_ modifier: Modifier) -> String {
        switch modifier {
        case .key: "key"
        case .unique: "unique"
        case .references(let table, let column): "references \(name(table)).\(name(column))"
        case .nullable(let share): "nullable " + number(share)
        case .min(let value): "min " + literal(value)
        case .max(let value): "max " + literal(value)
        case .pii: "pii"
        case .quasiIdentifier: "quasi-identifier"
        case .sensitive: "sensitive"
        }
    }
}
