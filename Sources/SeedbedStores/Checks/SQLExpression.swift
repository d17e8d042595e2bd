/// A CHECK condition as SQL wrote it, before its names and literals are matched to the table.
///
/// Only the forms a CHECK can be translated from are built; the parser reports anything else as
/// unsupported with its reason.
indirect enum SQLExpression: Equatable, Sendable {
    /// A column, with the table it is qualified by (`loan.amount`) and whether it was quoted (a
    /// double-quoted SQLite name that is no column is a string, as SQLite reads it).
    case column(qualifier: String?, name: String, quotedWith: UInt8?)
    /// A number as written: `42`, `0.5`, `1e3`.
    case number(String)
    case string(String)
    case boolean(Bool)
    case null
    /// Unary `-` or `+`.
    case sign(negative: Bool, SQLExpression)
    case not(SQLExpression)
    case and(SQLExpression, SQLExpression)
    case or(SQLExpression, SQLExpression)
    /// `=`, `<>`, `<`, `<=`, `>`, `>=` (`==` and `!=` arrive as `=` and `<>`).
    case comparison(String, SQLExpression, SQLExpression)
    /// `+`, `-`, `*`, `/`, `%`.
    case arithmetic(String, SQLExpression, SQLExpression)
    case between(SQLExpression, low: SQLExpression, high: SQLExpression, negated: Bool)
    /// `IN (…)`, and PostgreSQL's `= ANY (ARRAY[…])` / `<> ALL (ARRAY[…])`.
    case inList(SQLExpression, [SQLExpression], negated: Bool)
    case isNull(SQLExpression, negated: Bool)
    /// PostgreSQL's `x IS [NOT] TRUE` / `IS [NOT] FALSE`: never unknown.
    case isBoolean(SQLExpression, Bool, negated: Bool)
    /// `expr::type` or `CAST(expr AS type)`, with the type's name in lower case.
    case cast(SQLExpression, type: String)
    /// A function call, with the function's name in lower case.
    case call(String, [SQLExpression])
}
