import Foundation
import SeedbedEngine
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// Principle 2: every value is a pure function of (seed, table, row, column). The same spec
/// and seed give the same bytes; a column or table added elsewhere changes nothing else; the
/// shards of a run together make exactly the unsharded output.
@Suite("Deterministic and shardable generation")
struct DeterminismTests {
    /// A parent with a derived column, a correlation, a scenario and every column type; a
    /// `rows per` child with rules reading its parent, nulls, a correlation and a scenario.
    static let spec = """
        dataset lending
          as of 2026-01-01

        table customer {
          rows 1_500
          id          int         key
          name        text        fake person.name
          email       text        fake internet.email  unique
          birth_date  date        uniform(1940-01-01, 2007-12-31)
          age         int         = years_between(birth_date, as_of())
          segment     text        one of { retail: 90%, premium: 10% }
          income      decimal(2)  lognormal(median: 65000, sigma: 0.6)  min 0
          score       int         normal(mean: 600, sd: 80)
          rating      float       uniform(0, 5)
          token       uuid
          joined      timestamp   uniform(2020-01-01T00:00:00Z, 2025-12-31T23:59:59Z)
          vip         bool
          correlate income, score 0.3
        }

        table loan {
          rows per customer poisson(1.3)
          id           int         key
          customer_id  int         references customer.id
          product      text        one of { home: 0.55, car: 0.25, personal: 0.18, student: 0.02 }
          amount       decimal(2)  lognormal(median: 28000, sigma: 0.9)  min 1000
          ltv          decimal(3)  uniform(0.05, 1.10)
          status       text        one of { approved: 0.7, declined: 0.2, review: 0.1 }
          disbursed    date        uniform(2020-01-01, 2025-12-31)  nullable 10%
          correlate amount, ltv 0.4
        }

        rule ELIG-001 require customer.age >= 18
        rule ELIG-002 when loan.product = "home" require loan.ltv <= 0.95
        rule CO-003 when loan.product = "student" require customer.age < 35
        rule IMP-004 forbid loan.status = "declined" and loan.disbursed is not null

        scenario EDGE-LTV share 2% of loan
          where loan.product = "home" and loan.ltv between 0.94 and 0.95
        scenario RICH count 25 of customer
          where customer.segment = "premium" and customer.income > 150000
        """

    /// Every file under `directory`, by relative path.
    static func files(in directory: URL) throws -> [String: Data] {
        let paths = try FileManager.default.subpathsOfDirectory(atPath: directory.path)
        var files: [String: Data] = [:]
        for path in paths {
            var isDirectory: ObjCBool = false
            let url = directory.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue
            else { continue }
            files[path] = try Data(contentsOf: url)
        }
        return files
    }

    static func write(
        _ spec: CheckedSpec, seed: UInt64 = 7, shard: Shard = .whole, negative: Bool = false,
        format: TextFormat = .csv, to directory: URL
    ) throws -> [String: Data] {
        var options = Generation.Options()
        options.seed = seed
        options.shard = shard
        options.negative = negative
        let generation = try Generation(model: spec.model, options: options)
        _ = try generation.write(to: directory.path, format: format)
        return try files(in: directory)
    }

    static func lines(_ data: Data) -> [Substring] {
        String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
    }

    // MARK: - Same seed, same bytes

    @Test("the same spec and seed write byte-identical files, lineage and negative rows included")
    func sameSeedSameBytes() throws {
        let spec = try CheckedSpec(Self.spec)
        let first = try TemporaryDirectory()
        let second = try TemporaryDirectory()
        let a = try Self.write(spec, negative: true, to: first.url)
        let b = try Self.write(spec, negative: true, to: second.url)
        #expect(
            Set(a.keys) == ["customer.csv", "loan.csv", "_lineage.csv", "negative/customer.csv", "negative/loan.csv"])
        #expect(Set(a.keys) == Set(b.keys))
        for (name, bytes) in a {
            #expect(bytes == b[name], "\(name) differs between two runs")
        }
        // The lineage names rows of both scenarios and of the negative rows.
        let lineage = Self.lines(try #require(a["_lineage.csv"]))
        #expect(lineage.contains { $0.hasSuffix(",scenario,EDGE-LTV") })
        #expect(lineage.contains { $0.hasSuffix(",scenario,RICH") })
        #expect(lineage.contains { $0.hasSuffix(",negative,IMP-004") })
    }

    @Test("a different seed gives different values in every random column")
    func differentSeedDifferentValues() throws {
        let spec = try CheckedSpec(Self.spec)
        let seven = try spec.generate(seed: 7)
        let eight = try spec.generate(seed: 8)
        for table in seven.tables {
            let other = try eight.table(table.name)
            for (index, name) in table.columnNames.enumerated() where name != "id" {
                let same = zip(table.columns[index], other.columns[index]).count { $0 == $1 }
                #expect(same < table.rowCount, "\(table.name).\(name) did not change with the seed")
            }
            // Columns from continuous distributions (or large sets) hardly ever repeat a value.
            for name in ["email", "income", "rating", "token", "joined", "amount"] {
                guard let index = table.columnNames.firstIndex(of: name) else { continue }
                let same = zip(table.columns[index], other.columns[index]).count { $0 == $1 }
                #expect(same * 100 < min(table.rowCount, other.rowCount), "\(table.name).\(name): \(same) equal")
            }
        }
    }

    // MARK: - Stability

    static func inserting(_ line: String, after anchor: String, in text: String) throws -> String {
        let range = try #require(text.range(of: anchor), "no \(anchor) in the spec")
        var text = text
        text.insert(contentsOf: "\n" + line, at: range.upperBound)
        return text
    }

    /// Every column of `base` has the same values in `changed`.
    static func expectSameColumns(_ base: GeneratedData, _ changed: GeneratedData, _ change: String) throws {
        for table in base.tables {
            let other = try changed.table(table.name)
            #expect(other.rowCount == table.rowCount, "\(table.name) rows after \(change)")
            for (index, name) in table.columnNames.enumerated() {
                let values = try other.column(name)
                let differing = zip(table.columns[index], values).count { $0 != $1 }
                #expect(
                    values.count == table.rowCount && differing == 0,
                    "\(table.name).\(name) changed in \(differing) rows after \(change)")
            }
            #expect(other.lineage == table.lineage, "\(table.name) lineage after \(change)")
        }
    }

    static let changes: [(String, String, String)] = [
        (
            "a column in the parent", "  income      decimal(2)  lognormal(median: 65000, sigma: 0.6)  min 0",
            "  extra       decimal(2)  normal(mean: 0, sd: 1)"
        ),
        ("a column in the child", "  customer_id  int         references customer.id", "  extra text one of { x, y }"),
        (
            "a nullable date first in the parent", "  rows 1_500",
            "  first  date  uniform(2000-01-01, 2001-01-01) nullable 50%"
        ),
    ]

    @Test("adding an unrelated column leaves every other column's values identical", arguments: changes)
    func addingAColumn(change: String, anchor: String, line: String) throws {
        let base = try CheckedSpec(Self.spec).generate()
        let changed = try CheckedSpec(try Self.inserting(line, after: anchor, in: Self.spec)).generate()
        let columns = base.tables.reduce(0) { $0 + $1.columnNames.count }
        #expect(changed.tables.reduce(0) { $0 + $1.columnNames.count } == columns + 1)
        try Self.expectSameColumns(base, changed, "adding \(change)")
    }

    static let newTables: [(String, String)] = [
        (
            "an unrelated table first",
            "  as of 2026-01-01\n\ntable audit {\n  rows 300\n  id int key\n  at date uniform(2020-01-01, 2020-12-31)\n}\n"
        ),
        (
            "a second child of customer",
            "  as of 2026-01-01\n\ntable note {\n  rows per customer uniform(0, 2)\n  customer_id int references customer.id\n  body text fake lorem.sentence\n}\n"
        ),
    ]

    @Test("adding a table leaves the other tables identical", arguments: newTables)
    func addingATable(change: String, text: String) throws {
        let base = try CheckedSpec(Self.spec).generate()
        let changed = try CheckedSpec(Self.spec.replacingOccurrences(of: "  as of 2026-01-01\n", with: text)).generate()
        #expect(changed.tables.count == 3)
        try Self.expectSameColumns(base, changed, "adding \(change)")
    }

    // MARK: - Shards

    @Test("shards 1…n together are the unsharded output, byte for byte, and disjoint", arguments: [2, 3, 7])
    func shardsUnionToTheWhole(count: Int) throws {
        let spec = try CheckedSpec(Self.spec)
        let wholeFolder = try TemporaryDirectory()
        let whole = try Self.write(spec, to: wholeFolder.url)
        var shards: [[String: Data]] = []
        for index in 1...count {
            let folder = try TemporaryDirectory()
            shards.append(try Self.write(spec, shard: Shard(index: index, count: count), to: folder.url))
        }
        for table in ["customer.csv", "loan.csv"] {
            let expected = Self.lines(try #require(whole[table]))
            var joined = [expected[0]]
            var keys = Set<Substring>()
            var rows = 0
            for shard in shards {
                let lines = Self.lines(try #require(shard[table]))
                #expect(lines.first == expected.first, "\(table) header")
                // Each file ends with a line break: drop the header and the empty last piece.
                let body = lines.dropFirst().dropLast()
                joined += body
                rows += body.count
                for line in body { keys.insert(line.prefix { $0 != "," }) }
                #expect(lines.last == "")
            }
            joined.append("")
            #expect(joined == expected, "\(table): shards of \(count) differ from the whole")
            #expect(keys.count == rows, "\(table): shards of \(count) share rows")
            #expect(rows == expected.count - 2)
        }
        // The lineage lists the same tagged rows, in shard order.
        let lineage = Self.lines(try #require(whole["_lineage.csv"])).dropFirst().filter { !$0.isEmpty }
        let shardLineage = try shards.flatMap { shard in
            Self.lines(try #require(shard["_lineage.csv"])).dropFirst().filter { !$0.isEmpty }
        }
        #expect(lineage.count > 25)
        #expect(Self.counts(shardLineage) == Self.counts(lineage))
    }

    static func counts(_ lines: [Substring]) -> [Substring: Int] {
        lines.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    // MARK: - JSONL

    @Test("JSONL is one JSON object per line with the values of the CSV")
    func jsonLinesMatchCSV() throws {
        let spec = try CheckedSpec(Self.spec)
        let csvFolder = try TemporaryDirectory()
        let jsonFolder = try TemporaryDirectory()
        let csv = try Self.write(spec, to: csvFolder.url)
        let json = try Self.write(spec, format: .jsonl, to: jsonFolder.url)
        for table in spec.model.tables {
            let csvText = String(decoding: try #require(csv["\(table.name).csv"]), as: UTF8.self)
            // No field of this spec needs quoting, so its lines split at commas exactly.
            try #require(!csvText.contains("\""))
            let rows = csvText.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
            let names = table.columns.map(\.name)
            #expect(rows.first.map { $0.map(String.init) } == names)
            let objects = Self.lines(try #require(json["\(table.name).jsonl"])).dropLast()
            #expect(objects.count == rows.count - 1)
            for (fields, line) in zip(rows.dropFirst(), objects) {
                let object = try JSONDecoder().decode([String: JSONValue].self, from: Data(line.utf8))
                #expect(Set(object.keys) == Set(names), "\(line)")
                for (column, field) in zip(table.columns, fields) {
                    let value = object[column.name]
                    #expect(
                        Self.same(field, value, type: column.type),
                        "\(table.name).\(column.name): CSV \(field), JSON \(String(describing: value))")
                }
            }
        }
    }

    /// A JSON value as `JSONDecoder` reads it (exactly; `JSONSerialization` on Linux goes
    /// through `Decimal` and can miss a double's last digit).
    enum JSONValue: Decodable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .bool(flag)
            } else if let number = try? container.decode(Double.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }

    /// Whether a CSV field and a JSON value say the same: null is the empty field, numbers
    /// compare as numbers, booleans as `true`/`false`, text, dates and UUIDs as text.
    static func same(_ field: Substring, _ value: JSONValue?, type: ValueType) -> Bool {
        switch (value, type) {
        case (.null?, _): return field.isEmpty
        case (.text(let text)?, .text), (.text(let text)?, .date), (.text(let text)?, .timestamp),
            (.text(let text)?, .uuid):
            return text == field
        case (.bool(let flag)?, .bool): return field == (flag ? "true" : "false")
        case (.number(let number)?, .int), (.number(let number)?, .decimal), (.number(let number)?, .float):
            return Double(field) == number
        default: return false
        }
    }
}
