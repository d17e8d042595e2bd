public import SeedbedSpec

/// Turns a table's CHECK constraints into spec rules: `CHECK (c)` becomes `rule db:NAME require c`.
///
/// The two mean the same thing because SQL and the spec language share null semantics: a CHECK
/// fails only when its condition is false, and a `require` is broken only when its body is false;
/// unknown passes both. The translation keeps that exactly, so it takes only what the spec
/// language says the same way: comparisons, `IN` lists, `BETWEEN`, `IS [NOT] NULL`, `AND` / `OR` /
/// `NOT`, arithmetic on numbers, and `length`, `lower`, `upper`, `abs` (and SQLite's two-argument
/// `min` / `max`). Anything else, or anything whose meaning the database's typing changes (an
/// integer division that truncates, a text column compared with a number), is unsupported, with
/// the reason.
///
/// Columns are matched to the table's columns case-insensitively (PostgreSQL folds unquoted
/// names) and written `TABLE.COLUMN` with the spec's names when a spec table is given; literals
/// take the type of the column they meet (`'2020-01-01'` against a date column is a date).
public struct CheckTranslator: Sendable {
    public var dialect: Dialect

    public init(dialect: Dialect) {
        self.dialect = dialect
    }

    /// Translates one CHECK of `table`.
    ///
    /// - Parameters:
    ///   - check: The constraint, its condition as the database prints it.
    ///   - table: The table the check belongs to, for its columns and their declared types.
    ///   - spec: The spec's declaration of the table, when it has one: its table and column names
    ///     are the ones the rule uses, and its column types override the declared ones.
    /// - Returns: The rule `db:NAME`, or why the check cannot be one.
    public func translate(_ check: CheckConstraint, of table: TableSchema, spec: TableDecl? = nil) -> CheckTranslation {
        do throws(CheckUnsupported) {
            let scope = Scope(dialect: dialect, table: table, spec: spec)
            let sql = scope.resolvingStrings(try SQLExpressionParser.parse(check.expression, dialect: dialect))
            let body = try scope.value(sql)
            guard body.type == .bool else {
                throw CheckUnsupported("the condition is \(Scope.describe(body.type)), not true or false")
            }
            return .rule(RuleDecl(id: Identifier("db:" + check.name), requirement: .require, body: body.expr))
        } catch {
            return .unsupported(reason: error.reason)
        }
    }

    /// Translates every CHECK of a table, in order.
    public func translateChecks(of table: TableSchema, spec: TableDecl? = nil) -> [(CheckConstraint, CheckTranslation)]
    {
        table.checks.map { ($0, translate($0, of: table, spec: spec)) }
    }
}

extension CheckTranslator {
    /// A translated operand: its spec expression and its type (`nil` for the null literal, which
    /// fits any type). Conditions have type `bool`.
    struct Operand {
        var expr: Expr
        var type: ValueType?
        /// Whether the operand is a constant as written (a literal, possibly signed or cast), whose
        /// type comes from what it meets.
        var isLiteral = false
    }

    /// The table a check reads, with the names and types its columns have on the spec's side.
    struct Scope {
        var dialect: Dialect
        var table: TableSchema
        var spec: TableDecl?

        var specTableName: String { spec?.name.name ?? table.name.name }

        /// A column of the table: its spec-side reference and type; `nil` when the table has no
        /// such column.
        func column(qualifier: String?, name: String) throws(CheckUnsupported) -> Operand? {
            if let qualifier, qualifier.lowercased() != table.name.name.lowercased() {
                throw CheckUnsupported("reads '\(qualifier).\(name)', a column of another table")
            }
            guard let column = table.column(named: name) else { return nil }
            if column.isGenerated {
                throw CheckUnsupported("reads the generated column '\(column.name)', which the database computes")
            }
            let declared = spec?.columns.first { $0.name.name.lowercased() == column.name.lowercased() }
            guard let type = declared?.type.valueType ?? dialect.valueType(forDeclared: column.declaredType) else {
                throw CheckUnsupported(
                    "reads '\(column.name)', whose type '\(column.declaredType)' the spec language has no type for")
            }
            let reference = ExprKind.column(
                table: Identifier(specTableName), column: Identifier(declared?.name.name ?? column.name))
            return Operand(expr: Expr(reference), type: type)
        }

        /// SQLite reads a double-quoted name that is no column as a string (its "DQS" leniency), so
        /// `status IN ("a", "b")` lists strings.
        func resolvingStrings(_ sql: SQLExpression) -> SQLExpression {
            guard dialect == .sqlite else { return sql }
            func resolved(_ sql: SQLExpression) -> SQLExpression {
                switch sql {
                case .column(nil, let name, UInt8(ascii: "\"")?) where table.column(named: name) == nil: .string(name)
                case .column, .number, .string, .boolean, .null: sql
                case .sign(let negative, let a): .sign(negative: negative, resolved(a))
                case .not(let a): .not(resolved(a))
                case .and(let a, let b): .and(resolved(a), resolved(b))
                case .or(let a, let b): .or(resolved(a), resolved(b))
                case .comparison(let op, let a, let b): .comparison(op, resolved(a), resolved(b))
                case .arithmetic(let op, let a, let b): .arithmetic(op, resolved(a), resolved(b))
                case .between(let x, let low, let high, let negated):
                    .between(resolved(x), low: resolved(low), high: resolved(high), negated: negated)
                case .inList(let x, let list, let negated): .inList(resolved(x), list.map(resolved), negated: negated)
                case .isNull(let x, let negated): .isNull(resolved(x), negated: negated)
                case .isBoolean(let x, let truth, let negated): .isBoolean(resolved(x), truth, negated: negated)
                case .cast(let x, let type): .cast(resolved(x), type: type)
                case .call(let name, let arguments): .call(name, arguments.map(resolved))
                }
            }
            return resolved(sql)
        }

        static func describe(_ type: ValueType?) -> String {
            guard let type else { return "null" }
            return switch type {
            case .int: "an integer"
            case .decimal, .float: "a number"
            case .text: "a text"
            case .bool: "a boolean"
            case .date: "a date"
            case .timestamp: "a timestamp"
            case .uuid: "a uuid"
            }
        }
    }
}
