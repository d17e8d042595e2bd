import FoundationEssentials
public import SeedbedCatalog

/// A side-car file of trace links: the rules, scenarios, records and datasets tests exercise
/// when their reports cannot say so, and how each table's record keys appear in failure
/// messages. Read when tracing and measuring, so a file fixed later applies to runs already
/// ingested.
///
/// ```
/// # tests: a glob (* and ?) over the test's name, classname.name or key, then links
/// test LoanTests.capsAge*            rule=ELIG-002 scenario=OLD
/// test test_intake_accepts[loan:*]   rule=CO-003
/// # records: a table, then a regular expression; its first group (else the match) is the key
/// record loan      L-[0-9]{6}
/// record customer  customer #([0-9]+)
/// ```
public struct LinkMap: Sendable, Equatable {
    /// A `test` line: the tests its glob matches link to `links`.
    public struct TestEntry: Sendable, Equatable {
        public var pattern: String
        public var links: [TestLink]
        public var line: Int
    }

    /// A `record` line: keys of `table` in failure messages.
    public struct RecordPattern: Sendable, Equatable {
        public var table: String
        public var pattern: String
        public var line: Int
    }

    /// The file as given, for messages.
    public var path: String
    public var tests: [TestEntry]
    public var records: [RecordPattern]

    /// No links and no record patterns: what analyses use without `--links`.
    public init() {
        path = ""
        tests = []
        records = []
    }

    /// Reads the map from `text`, checking every line (every error, with its line, in one throw).
    /// - Throws: `LinkMapError` naming `path:line` of each bad line.
    public init(text: String, path: String) throws(LinkMapError) {
        self.path = path
        tests = []
        records = []
        var problems: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = index + 1
            let content = raw.trimmingSpaces()
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            let words = content.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            switch words[0] {
            case "test":
                guard words.count >= 3 else {
                    problems.append("\(path):\(line): a test line is 'test GLOB KIND=ID…' (such as rule=ELIG-002)")
                    continue
                }
                var links: [TestLink] = []
                for word in words.dropFirst(2) {
                    guard let equals = word.firstIndex(of: "="),
                        let kind = TestLink.Kind(rawValue: String(word[..<equals])),
                        !word[word.index(after: equals)...].isEmpty
                    else {
                        problems.append(
                            "\(path):\(line): '\(word)' is not a link; write rule=ID, scenario=ID, record=TABLE:KEY or dataset=NAME@VERSION"
                        )
                        continue
                    }
                    let link = TestLink(kind, String(word[word.index(after: equals)...]))
                    if !links.contains(link) { links.append(link) }
                }
                tests.append(TestEntry(pattern: words[1], links: links, line: line))
            case "record":
                guard words.count >= 3 else {
                    problems.append("\(path):\(line): a record line is 'record TABLE REGEX'")
                    continue
                }
                // The expression is the rest of the line, spaces included.
                let rest = content.dropFirst("record".count).trimmingSpaces()
                let pattern = rest.dropFirst(words[1].count).trimmingSpaces()
                do {
                    _ = try Regex(pattern)
                    records.append(RecordPattern(table: words[1], pattern: pattern, line: line))
                } catch {
                    problems.append("\(path):\(line): '\(pattern)' is not a regular expression: \(error)")
                }
            default:
                problems.append("\(path):\(line): '\(words[0])' starts no line of a links file; use test or record")
            }
        }
        if !problems.isEmpty { throw LinkMapError(problems: problems) }
    }

    /// Reads the file at `path`.
    public static func load(path: String) throws(LinkMapError) -> LinkMap {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LinkMapError(problems: ["\(path): cannot read the links file (\(error))"])
        }
        return try LinkMap(text: text, path: path)
    }

    /// The links of every `test` line whose glob matches the test's name, `classname.name` or key,
    /// in file order, without repeats.
    public func links(forTest key: String, classname: String?, name: String) -> [TestLink] {
        var found: [TestLink] = []
        let names = [name, key] + (classname.map { ["\($0).\(name)"] } ?? [])
        for entry in tests where names.contains(where: { Glob.matches(entry.pattern, $0) }) {
            for link in entry.links where !found.contains(link) { found.append(link) }
        }
        return found
    }
}

/// A links file that cannot be used: every bad line, each with its place.
public struct LinkMapError: Error, Sendable, CustomStringConvertible {
    public var problems: [String]
    public var description: String { problems.joined(separator: "\n") }
}

/// Shell-style wildcards: `*` any run of characters, `?` one character; nothing else is special
/// (test names are full of brackets and dots).
package enum Glob {
    package static func matches(_ pattern: String, _ text: String) -> Bool {
        let pattern = Array(pattern)
        let text = Array(text)
        var p = 0
        var t = 0
        var star: Int?
        var resume = 0
        while t < text.count {
            if p < pattern.count, pattern[p] == "?" || pattern[p] == text[t] {
                p += 1
                t += 1
            } else if p < pattern.count, pattern[p] == "*" {
                star = p
                resume = t
                p += 1
            } else if let star {
                p = star + 1
                resume += 1
                t = resume
            } else {
                return false
            }
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }
}
