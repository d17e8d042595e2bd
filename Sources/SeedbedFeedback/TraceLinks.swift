/// What a test says it exercises: business rules, scenarios, records and dataset versions.
///
/// Read from, in order: test case properties (`rule`, `scenario`, `record`, `dataset`; Xray's
/// `requirement`, `requirements` (comma separated) and `test_key` count as rules), the same
/// written as `[[PROPERTY|rule=ELIG-002]]` lines in captured output (XCTest and Swift Testing
/// cannot write properties), and tokens in the test's name or class name: `[rule:ELIG-002]`,
/// `@rule ELIG-002`, or a bracketed ID `[ELIG-002]` (letters, then `-` and digit groups, as the
/// spec language writes rule IDs). Each list keeps the first occurrence of a value.
public struct TraceLinks: Hashable, Sendable, Codable {
    public var rules: [String]
    public var scenarios: [String]
    public var records: [String]
    public var datasets: [String]

    public init(rules: [String] = [], scenarios: [String] = [], records: [String] = [], datasets: [String] = []) {
        self.rules = rules
        self.scenarios = scenarios
        self.records = records
        self.datasets = datasets
    }

    public init(of testCase: borrowing TestCase) {
        self.init(properties: testCase.properties, name: testCase.identity.name, classname: testCase.identity.classname)
    }

    /// The links of a test with these properties, name and class name (for a caller reading a
    /// test case's parts in place).
    init(properties: [Property], name: String, classname: String?) {
        self.init()
        for property in properties {
            let value = property.value.trimmingSpaces()
            guard !value.isEmpty else { continue }
            switch property.name.lowercased() {
            case "rule", "requirement", "test_key":
                Self.add(value, to: &rules)
            case "requirements", "rules":
                for part in value.split(separator: ",") { Self.add(part.trimmingSpaces(), to: &rules) }
            case "scenario": Self.add(value, to: &scenarios)
            case "record": Self.add(value, to: &records)
            case "dataset": Self.add(value, to: &datasets)
            default: break
            }
        }
        for rule in Self.ruleTokens(in: name) { Self.add(rule, to: &rules) }
        if let classname {
            for rule in Self.ruleTokens(in: classname) { Self.add(rule, to: &rules) }
        }
    }

    private static func add(_ value: String, to list: inout [String]) {
        if !value.isEmpty, !list.contains(value) { list.append(value) }
    }

    // MARK: - Names

    /// Rule IDs named in a test name.
    ///
    /// Read on the UTF-8 bytes: every byte the scan stops at (`[`, `]`, `@`, the letters of
    /// `rule `, ID characters) is ASCII, and an ASCII byte is always a whole scalar in UTF-8, so
    /// this finds what a scan of the scalars finds; only the text between brackets becomes a
    /// string. Most names have neither `[` nor `@` and cost one pass over their bytes.
    static func ruleTokens(in text: String) -> [String] {
        guard mayNameRules(text) else { return [] }
        var text = text
        return text.withUTF8 { ruleTokens(in: $0) }
    }

    /// Whether `text` has a `[` or an `@`, without which it names no rule: read in place (a
    /// native string, as the reader makes them) rather than through a copy.
    private static func mayNameRules(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable(mayNameRules) ?? mayNameRules(Array(text.utf8))
    }

    /// `mayNameRules` on a text's UTF-8 bytes (the ingest's row buffers hold them so).
    static func mayNameRules(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.contains { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "@") }
    }

    private static func ruleTokens(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "["),
                let close = bytes[index...].firstIndex(of: UInt8(ascii: "]"))
            {
                var inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self).trimmingSpaces()
                if inside.lowercased().hasPrefix("rule:") {
                    inside = String(inside.dropFirst(5)).trimmingSpaces()
                    // A database CHECK is the rule `db:NAME` (docs/check-constraints.md).
                    let name = inside.hasPrefix("db:") ? String(inside.dropFirst(3)) : inside
                    if isIdentifier(name) { found.append(inside) }
                } else if isRuleID(inside) {
                    found.append(inside)
                }
                index = close + 1
            } else if bytes[index] == UInt8(ascii: "@"), bytes[(index + 1)...].starts(with: "rule ".utf8) {
                var end = index + 6
                while end < bytes.count, bytes[end] == UInt8(ascii: " ") { end += 1 }
                let start = end
                while end < bytes.count, isIDByte(bytes[end]) { end += 1 }
                let id = String(decoding: bytes[start..<end], as: UTF8.self)
                if isIdentifier(id) { found.append(id) }
                index = end
            } else {
                index += 1
            }
        }
        return found
    }

    /// `isIDScalar` for a byte: the ID characters are all ASCII.
    private static func isIDByte(_ byte: UInt8) -> Bool {
        byte < 0x80 && isIDScalar(Unicode.Scalar(byte))
    }

    private static func isIDScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
            || scalar == "_"
    }

    /// Letters, digits, `-` and `_`, starting with a letter or digit: what `[rule:…]` accepts.
    private static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first != "-", first != "_" else { return false }
        return text.unicodeScalars.allSatisfy(isIDScalar)
    }

    /// A bare bracketed ID must look like the spec's rule IDs (`ELIG-002`, `CO-3`), so that
    /// `[param]`, `[1]` or `[chromium]` in test names are not taken for rules.
    private static func isRuleID(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, let first = parts.first, let last = parts.last,
            first.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }), !first.isEmpty,
            !last.isEmpty, last.allSatisfy(\.isASCIIDigit)
        else { return false }
        return parts.allSatisfy { part in
            !part.isEmpty && part.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
        }
    }
}

extension TestCase {
    /// The rules, scenarios, records and datasets this test names; see `TraceLinks`.
    public var traceLinks: TraceLinks { TraceLinks(of: self) }
}
