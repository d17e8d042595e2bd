import SeedbedSpec
import Yams

/// Reads a policy's YAML through Yams into gates, with each problem at the line and column
/// Yams' node marks give.
struct GatePolicyReader {
    let file: SourceFile
    var gates: [Gate] = []
    var diagnostics: [Diagnostic] = []
    /// Where the YAML text starts: after a UTF-8 byte order mark, which `SourceFile` skips too.
    private let textStart: Int
    /// Byte offset of each line of the YAML text.
    private let lineStarts: [Int]

    init(file: SourceFile) {
        self.file = file
        textStart = file.bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var starts = [textStart]
        for (offset, byte) in file.bytes.enumerated() where byte == UInt8(ascii: "\n") {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }

    mutating func read() {
        let text = file.bytes[textStart...]
        guard let yaml = String(validating: text, as: UTF8.self) else {
            diagnostics.append(.error(.policyNotUTF8, at: SourceRange(start: 0, end: 0)))
            return
        }
        if let refusal = GatePolicyGuard.check(file.bytes, from: textStart) {
            diagnostics.append(refusal)
            return
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .default, .default, .utf8)
        } catch let error as YamlError {
            diagnostics.append(diagnostic(for: error))
            return
        } catch {
            diagnostics.append(
                .error(.policyYAML("\(error)"), at: range(at: nil), help: DiagnosticMessage.policyYAMLHelp))
            return
        }
        guard let root, !Self.isNull(root) else {
            diagnostics.append(.error(.policyEmpty, at: SourceRange(start: textStart, end: textStart)))
            return
        }
        guard case .mapping(let top) = root else {
            diagnostics.append(.error(.policyNotMapping, at: range(of: root)))
            return
        }
        var gatesNode: Node?
        for (key, value) in top {
            guard let name = key.scalar?.string, name == "gates" else {
                let name = key.scalar?.string ?? "?"
                diagnostics.append(
                    .error(
                        .policyUnknownKey(name), at: range(of: key),
                        help: Suggestions.help(for: name, in: ["gates"]) ?? DiagnosticMessage.policyUnknownKeyHelp))
                continue
            }
            gatesNode = value
        }
        guard let gatesNode else {
            if diagnostics.isEmpty { diagnostics.append(.error(.policyNoGates, at: range(of: root))) }
            return
        }
        switch gatesNode {
        case .mapping(let mapping):
            for (key, value) in mapping { readGate(key, value) }
        case .scalar where Self.isNull(gatesNode):
            diagnostics.append(.error(.policyGatesNull, at: range(of: gatesNode)))
        default:
            diagnostics.append(.error(.policyGatesNotMapping, at: range(of: gatesNode)))
        }
        // In file order, as a reader fixes them (a stray key may come before the gates).
        diagnostics = diagnostics.enumerated().sorted {
            ($0.element.range.start, $0.offset) < ($1.element.range.start, $1.offset)
        }.map(\.element)
    }

    /// One `METRIC: CONDITION` or `METRIC: [CONDITION, …]` entry.
    private mutating func readGate(_ key: Node, _ value: Node) {
        guard case .scalar(let keyScalar) = key, [.plain, .singleQuoted, .doubleQuoted].contains(keyScalar.style)
        else {
            diagnostics.append(.error(.policyMetricNotText, at: range(of: key)))
            return
        }
        let name = keyScalar.string
        guard let metric = GateMetric.named(name) else {
            let help =
                Suggestions.help(for: name, in: GateMetric.all.map(\.name)) ?? DiagnosticMessage.policyUnknownMetricHelp
            diagnostics.append(.error(.policyUnknownMetric(name), at: span(of: keyScalar), help: help))
            return
        }
        switch value {
        case .scalar(let scalar) where !Self.isNull(value):
            readCondition(scalar, of: metric, gateAt: range(of: key).start)
        case .sequence(let sequence) where !sequence.isEmpty:
            for element in sequence {
                guard case .scalar(let scalar) = element, !Self.isNull(element) else {
                    diagnostics.append(.error(.policyConditionNotText(name), at: range(of: element)))
                    continue
                }
                readCondition(scalar, of: metric, gateAt: range(of: element).start)
            }
        case .scalar, .sequence:
            diagnostics.append(.error(.policyNoConditions(name), at: range(of: value)))
        case .mapping, .alias:
            diagnostics.append(.error(.policyConditionNotText(name), at: range(of: value)))
        }
    }

    private mutating func readCondition(_ scalar: Node.Scalar, of metric: GateMetric, gateAt location: Int) {
        let node = Node.scalar(scalar)
        // Where the text's characters are in the file: exact for a plain or quoted scalar on one
        // line without escapes (every condition a policy needs); otherwise the node's start.
        let start = range(of: node).start
        let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
        let contentStart = start + (quoted ? 1 : 0)
        let utf8 = Array(scalar.string.utf8)
        let exact =
            [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style)
            && contentStart + utf8.count <= file.bytes.count
            && file.bytes[contentStart..<(contentStart + utf8.count)].elementsEqual(utf8)
        let place: (Range<Int>) -> SourceRange = { span in
            exact
                ? SourceRange(start: contentStart + span.lowerBound, end: contentStart + span.upperBound)
                : SourceRange(start: start, end: start + 1)
        }
        switch GateCondition.parse(utf8, metric: metric) {
        case .success(let condition):
            gates.append(
                Gate(
                    metric: metric, comparison: condition.comparison, threshold: condition.threshold,
                    thresholdText: condition.thresholdText, location: file.location(of: location)))
        case .failure(let problem):
            diagnostics.append(.error(problem.message, at: place(problem.span), help: problem.help))
        }
    }

    // MARK: - Places

    /// The whole of a scalar written on one line (quotes included), for the caret to underline;
    /// its first character otherwise.
    private func span(of scalar: Node.Scalar) -> SourceRange {
        let start = range(at: scalar.mark)
        let quotes = scalar.style == .singleQuoted || scalar.style == .doubleQuoted ? 2 : 0
        let text = Array(scalar.string.utf8)
        let contentStart = start.start + quotes / 2
        guard [.plain, .singleQuoted, .doubleQuoted].contains(scalar.style),
            contentStart + text.count <= file.bytes.count,
            file.bytes[contentStart..<(contentStart + text.count)].elementsEqual(text)
        else { return start }
        return SourceRange(start: start.start, end: start.start + text.count + quotes)
    }

    /// The source range of a node: from its mark, one character long.
    private func range(of node: Node) -> SourceRange {
        range(at: node.mark)
    }

    private func range(at mark: Mark?) -> SourceRange {
        guard let mark else { return SourceRange(start: textStart, end: textStart) }
        let start = offset(line: mark.line, column: mark.column)
        var end = start
        while end < file.bytes.count, end == start || file.bytes[end] & 0xC0 == 0x80 { end += 1 }
        return SourceRange(start: start, end: Swift.max(start, Swift.min(end, file.bytes.count)))
    }

    /// The byte offset of a 1-based line and a column counted in Unicode scalars, as libyaml counts.
    private func offset(line: Int, column: Int) -> Int {
        let lineIndex = Swift.min(Swift.max(line, 1), lineStarts.count) - 1
        var offset = lineStarts[lineIndex]
        var remaining = column - 1
        while remaining > 0, offset < file.bytes.count, file.bytes[offset] != UInt8(ascii: "\n") {
            offset += 1
            while offset < file.bytes.count, file.bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            remaining -= 1
        }
        return offset
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let where_ = range(at: mark)
            let text = [context?.text, problem].compactMap(\.self).filter { !$0.isEmpty }.joined(separator: ": ")
            // `fidelity.overall: >= 0.80`: libyaml reads '>' as the start of folded text.
            let greater = context?.mark ?? mark
            let greaterOffset = offset(line: greater.line, column: greater.column)
            let help =
                greaterOffset < file.bytes.count && file.bytes[greaterOffset] == UInt8(ascii: ">")
                ? DiagnosticMessage.policyUnquotedGreater : DiagnosticMessage.policyYAMLHelp
            return .error(.policyYAML(text), at: where_, help: help)
        case .duplicatedKeysInMapping(let duplicates, let context):
            // Yams marks the first of the two; the second is what to delete or merge.
            let key = duplicates.first ?? "?"
            let first = range(at: context.mark)
            guard let second = repetition(of: key, after: context.mark) else {
                return .error(.policyDuplicateKey(key), at: first)
            }
            return .error(.policyDuplicateKey(key), at: second, notes: [.init("first written here", at: first)])
        case .reader(let problem, _, _, _):
            return .error(.policyYAML(problem), at: SourceRange(start: textStart, end: textStart))
        default:
            return .error(
                .policyYAML("\(error)"), at: SourceRange(start: textStart, end: textStart),
                help: DiagnosticMessage.policyYAMLHelp)
        }
    }

    /// The next line that writes `key:` (plain or quoted) at the column of `mark`, the key there.
    private func repetition(of key: String, after mark: Mark) -> SourceRange? {
        let spellings = [key, "\"\(key)\"", "'\(key)'"].map { Array($0.utf8) }
        var line = mark.line + 1
        while line <= lineStarts.count {
            defer { line += 1 }
            let start = offset(line: line, column: mark.column)
            guard start - lineStarts[line - 1] == mark.column - 1,
                file.bytes[lineStarts[line - 1]..<start].allSatisfy({ $0 == 0x20 })
            else { continue }
            for spelling in spellings where file.bytes[start...].starts(with: spelling) {
                var next = start + spelling.count
                while next < file.bytes.count, file.bytes[next] == 0x20 { next += 1 }
                if next < file.bytes.count, file.bytes[next] == UInt8(ascii: ":") {
                    return SourceRange(start: start, end: start + spelling.count)
                }
            }
        }
        return nil
    }

    /// A YAML null: an empty plain value, `~` or `null`.
    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
