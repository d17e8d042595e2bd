// Where each comment goes when a file is formatted.
//
// Comments attach to line units (a header, a clause, a column, a closing brace) by source
// position, so they travel with their unit when the printer reorders units (dataset clauses,
// table members) and land in the same place when formatted text is formatted again:
// - after a unit's last token on the same line: that unit's trailing comment;
// - inside a unit that spans lines: a leading comment of that unit;
// - anywhere else: a leading comment of the next unit, or at the end of the file.
// Blank lines between comments, and between a comment block and its unit, are kept (one at most),
// so a file header or a commented-out block keeps its shape.

extension SpecPrinter {
    struct CommentPlacement {
        /// A comment on a line of its own.
        struct Line {
            /// The text after `#`, without trailing white space.
            var text: String
            var blankLineBefore: Bool
        }

        /// For each unit, in printed order: the comments on lines above it.
        var leading: [[Line]]
        /// For each unit: whether a blank line separates its leading comments from it.
        var blankLineAfterLeading: [Bool]
        /// For each unit: the comment at the end of its line.
        var trailing: [String?]
        /// Comments after the last unit.
        var end: [Line] = []

        /// No comments.
        init(unitCount: Int) {
            leading = Array(repeating: [], count: unitCount)
            blankLineAfterLeading = Array(repeating: false, count: unitCount)
            trailing = Array(repeating: nil, count: unitCount)
        }

        init(units: [LineUnit], comments: [Comment], source: SourceFile) {
            self.init(unitCount: units.count)
            var leadingComments = Array(repeating: [Comment](), count: units.count)
            var endComments: [Comment] = []
            // Units in source order; the printed order may differ.
            let order = units.indices.sorted { (units[$0].range.start, $0) < (units[$1].range.start, $1) }
            var next = 0
            for comment in comments {
                while next < order.count, units[order[next]].range.start < comment.range.start { next += 1 }
                if next > 0 {
                    let previous = order[next - 1]
                    let range = units[previous].range
                    if comment.range.start < range.end {
                        // Inside a unit that spans lines: on no line of its own after formatting.
                        leadingComments[previous].append(comment)
                        continue
                    }
                    if comment.isTrailing, trailing[previous] == nil,
                        source.line(of: comment.range.start) == source.line(of: Swift.max(range.start, range.end - 1))
                    {
                        trailing[previous] = Self.text(of: comment)
                        continue
                    }
                }
                if next < order.count {
                    leadingComments[order[next]].append(comment)
                } else {
                    endComments.append(comment)
                }
            }
            for (index, comments) in leadingComments.enumerated() where !comments.isEmpty {
                leading[index] = Self.lines(comments, after: nil, in: source)
                let unitStart = units[index].range.start
                if let last = comments.last, last.range.start < unitStart {
                    blankLineAfterLeading[index] = Self.hasBlankLine(
                        between: last.range.start, and: unitStart, in: source)
                }
            }
            let lastCode = units.map(\.range).max { $0.end < $1.end }.map { Swift.max($0.start, $0.end - 1) }
            end = Self.lines(endComments, after: lastCode, in: source)
        }

        /// Comments as lines, each remembering whether a blank line stands between it and what
        /// precedes: the previous comment, or for the first one the offset `start` if given.
        private static func lines(_ comments: [Comment], after start: Int?, in source: SourceFile) -> [Line] {
            var previous = start
            return comments.map { comment in
                let blank = previous.map { hasBlankLine(between: $0, and: comment.range.start, in: source) } ?? false
                previous = comment.range.start
                return Line(text: text(of: comment), blankLineBefore: blank)
            }
        }

        private static func text(of comment: Comment) -> String {
            var text = Substring(comment.text)
            while let last = text.last, last == " " || last == "\t" { text.removeLast() }
            return String(text)
        }

        /// Whether a line holding only white space lies strictly between the lines of two offsets.
        private static func hasBlankLine(between start: Int, and end: Int, in source: SourceFile) -> Bool {
            let first = source.line(of: start) + 1
            let last = source.line(of: end) - 1
            guard first <= last else { return false }
            return (first...last).contains { line in
                source.lineText(line).allSatisfy { $0 == " " || $0 == "\t" }
            }
        }
    }
}
