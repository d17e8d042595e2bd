/// Renders diagnostics as people read them: location, message, the source line with a caret,
/// notes and help.
///
/// ```
/// lending.seed:12:23: error: unknown provider 'internet.emial'
///    12 |   email  text  fake internet.emial
///       |                     ^~~~~~~~~~~~~~
///    help: did you mean 'internet.email'?
/// ```
public struct DiagnosticRenderer: Sendable {
    public enum Style: Sendable {
        case plain
        /// ANSI colours, for a terminal.
        case colored
    }

    public var style: Style
    /// Source lines longer than this are shown as a window around the caret.
    public var maximumLineWidth = 120

    public init(style: Style = .plain) {
        self.style = style
    }

    /// Renders every diagnostic of a file, each followed by a blank line.
    public func render(_ diagnostics: [Diagnostic], in source: SourceFile) -> String {
        diagnostics.map { render($0, in: source) + "\n" }.joined()
    }

    /// Renders one diagnostic with its notes and help.
    public func render(_ diagnostic: Diagnostic, in source: SourceFile) -> String {
        // One gutter width for the diagnostic and its notes, so their `|` line up.
        let lines = [diagnostic.range.start] + diagnostic.notes.compactMap { $0.range?.start }
        let gutter = lines.map { String(source.line(of: $0)).count }.max() ?? 1
        var out = header(source.location(of: diagnostic.range.start), diagnostic.severity.rawValue, diagnostic.message)
        out += excerpt(diagnostic.range, in: source, gutter: gutter)
        for note in diagnostic.notes {
            if let range = note.range {
                out += header(source.location(of: range.start), "note", note.message)
                out += excerpt(range, in: source, gutter: gutter)
            } else {
                out += "    " + paint("note:", .note) + " " + note.message + "\n"
            }
        }
        if let help = diagnostic.help {
            out += "    " + paint("help:", .help) + " " + help + "\n"
        }
        return out
    }

    /// A one-line summary: `2 errors, 1 warning`.
    public static func summary(errors: Int, warnings: Int) -> String {
        func count(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        return "\(count(errors, "error")), \(count(warnings, "warning"))"
    }

    // MARK: - Parts

    private func header(_ location: SourceLocation, _ label: String, _ message: String) -> String {
        let role: Role = label == "error" ? .error : label == "warning" ? .warning : .note
        return paint("\(location):", .location) + " " + paint("\(label):", role) + " " + paint(message, .location)
            + "\n"
    }

    /// The source line and a caret line underlining the range (to the end of its first line).
    private func excerpt(_ range: SourceRange, in source: SourceFile, gutter width: Int) -> String {
        let start = source.location(of: range.start)
        let line = Array(source.lineText(start.line).unicodeScalars)
        let endLocation = source.location(of: Swift.max(range.start, range.end))
        var caretStart = Swift.min(start.column - 1, line.count)
        var caretEnd = endLocation.line == start.line ? Swift.min(endLocation.column - 1, line.count) : line.count
        caretEnd = Swift.max(caretEnd, caretStart + 1)

        // Show a window of a very long line, so a 1 MB line does not flood the terminal.
        var shown = line
        var prefix = ""
        if line.count > maximumLineWidth {
            let from = Swift.max(0, Swift.min(caretStart - maximumLineWidth / 2, line.count - maximumLineWidth))
            let to = Swift.min(line.count, from + maximumLineWidth)
            shown = Array(line[from..<to])
            if from > 0 { prefix = "…" }
            if to < line.count { shown.append("…") }
            caretStart -= from - (prefix.isEmpty ? 0 : 1)
            caretEnd -= from - (prefix.isEmpty ? 0 : 1)
            if !prefix.isEmpty { shown.insert("…", at: 0) }
            // The underline may reach under the closing '…', not past it.
            caretEnd = Swift.max(caretStart + 1, Swift.min(caretEnd, shown.count))
        }
        // Tabs stay tabs under the source text so the caret lines up in any tab width.
        let pad = shown.prefix(caretStart).map { $0 == "\t" ? "\t" : " " }.joined()
        let underline = "^" + String(repeating: "~", count: Swift.max(0, caretEnd - caretStart - 1))
        let number = String(start.line).leftPadded(to: width, with: " ")
        let gutter = String(repeating: " ", count: number.count)
        var text = ""
        for scalar in shown {
            text.unicodeScalars.append(scalar.value < 0x20 && scalar != "\t" ? "\u{FFFD}" : scalar)
        }
        return " \(number) | \(text)\n \(gutter) | \(pad)\(paint(underline, .caret))\n"
    }

    // MARK: - Colour

    private enum Role {
        case error, warning, note, help, location, caret
    }

    private func paint(_ text: String, _ role: Role) -> String {
        guard style == .colored else { return text }
        let code: String
        switch role {
        case .error: code = "1;31"
        case .warning: code = "1;33"
        case .note: code = "1;36"
        case .help: code = "1;32"
        case .location: code = "1"
        case .caret: code = "1;32"
        }
        return "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }
}
