/// One field as a text file spells it, before it is typed, with where it starts.
struct RawField {
    enum Form {
        /// CSV: an empty unquoted field; JSON: `null`.
        case null
        /// CSV: a quoted field; JSON: a string.
        case quoted
        /// CSV: a non-empty unquoted field; JSON: a number, `true` or `false`.
        case bare
    }

    var form: Form
    var text: String
    var line: Int
    var column: Int
}
