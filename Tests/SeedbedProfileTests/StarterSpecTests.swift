import Foundation
import SeedbedProfile
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// The team's shared datasets, `../shared/datasets` next to the repository (or
/// `SEEDBED_SHARED_DATASETS`). They are not in the repository, so tests on them are skipped,
/// visibly, where they are missing.
enum SharedDatasets {
    static var folder: URL {
        if let path = ProcessInfo.processInfo.environment["SEEDBED_SHARED_DATASETS"] {
            return URL(fileURLWithPath: path)
        }
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return repository.deletingLastPathComponent().appendingPathComponent("shared/datasets")
    }

    static func path(_ name: String) -> String { folder.appendingPathComponent("\(name).csv").path }

    static var available: Bool {
        ["covid_testing", "credit", "mortgage_hmda"].allSatisfy { FileManager.default.fileExists(atPath: path($0)) }
    }
}

/// A starter spec written from CSV text, one table per `(name, csv)`.
func starter(
    _ tables: [(String, String)], minSupport: Int = 30, schema: SourceSchema? = nil
) throws -> StarterSpec {
    let folder = try TemporaryDirectory()
    for (name, csv) in tables { try folder.write("\(name).csv", csv) }
    var options = StarterSpecOptions(datasetName: "test", profilePath: "test.profile.json")
    options.minSupport = minSupport
    options.schema = schema
    return try StarterSpec.make(from: try CSVSource(path: folder.url.path), options: options)
}

/// The spec with every suggested rule uncommented.
func acceptingEverySuggestion(_ text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false)
        .map { $0.hasPrefix("# rule ") ? String($0.dropFirst(2)) : String($0) }.joined(separator: "\n")
}

/// `NAME TYPE …` of a column, as the spec declares it.
func declaration(_ spec: SpecFile, _ table: String, _ column: String) -> (type: String, modifiers: [String])? {
    guard let found = spec.tables.first(where: { $0.name.name == table })?.column(named: column) else { return nil }
    let type = found.type.name.name + (found.type.scale.map { "(\($0.value))" } ?? "")
    return (type, found.modifiers.map(\.value.keyword))
}

@Suite("Starter spec")
struct StarterSpecTests {
    // MARK: - The shared datasets

    struct Expectation: Sendable, CustomTestStringConvertible {
        var dataset: String
        var rows: Int
        /// Column → type and modifiers.
        var columns: [String: (String, [String])]
        var testDescription: String { dataset }
    }

    static let expectations = [
        Expectation(
            dataset: "covid_testing", rows: 15_524,
            columns: [
                "subject_id": ("int", []), "fake_first_name": ("text", ["nullable", "pii"]),
                "fake_last_name": ("text", ["pii"]), "gender": ("text", ["quasi-identifier"]),
                "age": ("decimal(1)", ["quasi-identifier"]), "result": ("text", ["sensitive"]),
                "ct_result": ("decimal(2)", ["nullable", "sensitive"]), "rec_ver_tat": ("float", []),
                "payor_group": ("text", ["nullable"]),
            ]),
        Expectation(
            dataset: "credit", rows: 4454,
            columns: [
                "Status": ("text", []), "Age": ("int", ["quasi-identifier"]),
                "Income": ("decimal(1)", ["nullable", "sensitive"]), "Amount": ("int", []),
            ]),
        Expectation(
            dataset: "mortgage_hmda", rows: 2380,
            columns: ["deny": ("text", []), "pirat": ("float", []), "chist": ("int", []), "hschool": ("text", [])]),
    ]

    @Test(
        "a shared dataset gives a spec that checks clean, with its suggestions accepted too",
        .enabled(if: SharedDatasets.available, "needs ../shared/datasets"), arguments: expectations)
    func sharedDataset(_ expected: Expectation) throws {
        var options = StarterSpecOptions(datasetName: expected.dataset, profilePath: "p.json")
        options.minSupport = 30
        let spec = try StarterSpec.make(
            from: try CSVSource(path: SharedDatasets.path(expected.dataset)), options: options)
        let check = Checker().check(source: spec.text, file: "\(expected.dataset).seed")
        #expect(check.diagnostics.isEmpty, "\(check.diagnostics)")
        let accepted = Checker().check(source: acceptingEverySuggestion(spec.text), file: "accepted.seed")
        #expect(accepted.diagnostics.isEmpty, "\(accepted.diagnostics)")
        #expect(!spec.suggestions.isEmpty)
        #expect(spec.suggestions.filter { $0.kind != .bound }.count <= 20)
        #expect(check.syntax.tables.map(\.name.name) == [expected.dataset])
        #expect(check.syntax.tables.first?.rows?.value == .fixed(expected.rows))
        #expect(check.syntax.tables.first?.columns.contains { $0.isKey } == false)
        for (column, (type, modifiers)) in expected.columns {
            let found = declaration(check.syntax, expected.dataset, column)
            #expect(found?.type == type, "\(column)")
            #expect(found?.modifiers == modifiers, "\(column)")
        }
        // Every column follows the profile unless it is a fake identifier.
        for column in check.syntax.tables.flatMap(\.columns) {
            if column.modifiers.contains(where: { $0.value == .pii }) {
                #expect(column.generator?.value != .fromProfile)
            } else {
                #expect(column.generator?.value == .fromProfile, "\(column.name.name)")
            }
        }
    }

    @Test(.enabled(if: SharedDatasets.available, "needs ../shared/datasets"))
    func noNameFromTheCovidDataReachesTheSpec() throws {
        let path = SharedDatasets.path("covid_testing")
        let spec = try StarterSpec.make(
            from: try CSVSource(path: path), options: StarterSpecOptions(datasetName: "covid", profilePath: "p.json"))
        // Every string literal of the spec, suggestions included: where a value could appear.
        let literals = Set(
            spec.text.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
                .filter { $0.offset % 2 == 1 }.map { String($0.element) })
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
        var names = Set<String>()
        for row in rows {
            let fields = row.split(separator: ",", omittingEmptySubsequences: false)
            names.insert(String(fields[1]))
            names.insert(String(fields[2]))
        }
        names.remove("")
        let leaked = names.filter(literals.contains)
        #expect(leaked.isEmpty, "\(leaked.sorted().prefix(10))")
        #expect(names.count > 800)
        #expect(literals.contains("negative"))
    }

    // MARK: - Keys and references

    static let customers =
        "id,email,full_name,region\n"
        + (1...60).map { "\($0),c\($0)@mail.example,Quentin Zabriskie\($0),\(["north", "south"][$0 % 2])" }
        .joined(separator: "\n")
    static let loans =
        "loan_id,customer_id,store_id,amount\n"
        + (1...90).map { "\($0),\(1 + $0 % 60),\($0 % 7),\($0 * 100)" }.joined(separator: "\n")
    static let stores = "id,city\n" + (1...5).map { "\($0),c\($0)" }.joined(separator: "\n")

    @Test func keysAndReferencesAreProvedOnTheData() throws {
        let spec = try starter([("customers", Self.customers), ("loans", Self.loans), ("stores", Self.stores)])
        #expect(spec.keysGuessed)
        #expect(Checker().check(source: spec.text, file: "t.seed").diagnostics.isEmpty)
        #expect(declaration(spec.syntax, "customers", "id")?.modifiers == ["key"])
        #expect(declaration(spec.syntax, "loans", "loan_id")?.modifiers == ["key"])
        #expect(declaration(spec.syntax, "loans", "customer_id")?.modifiers == ["references"])
        // store_id holds 0 and 6, which are no store's id.
        #expect(declaration(spec.syntax, "loans", "store_id")?.modifiers == [])
        #expect(declaration(spec.syntax, "stores", "city")?.modifiers == ["quasi-identifier"])
        let reference = spec.syntax.tables[1].columns[1]
        #expect(reference.generator == nil)
        #expect(
            reference.modifiers.first?.value
                == .references(table: Identifier("customers"), column: Identifier("id")))
        #expect(spec.text.contains("references customers.id  # references: every value is a customers.id"))
        // The profile holds the reference's fan-out.
        #expect(spec.profile.foreignKeys.map(\.child) == ["loans.customer_id"])
        #expect(spec.profile.foreignKeys.map(\.parent) == ["customers.id"])
        // Keys, references and id-named columns are never in a rule.
        #expect(!spec.suggestions.contains { $0.text.contains("_id") || $0.text.contains(".id ") })
    }

    @Test func aRepeatedOrMissingIDIsNoKey() throws {
        let spec = try starter([
            ("a", "id,x\n1,1\n2,2\n2,3"), ("b", "id,x\n1,1\n,2\n3,3"), ("c", "id,x\n1,1\n2.5,2\n3,3"),
            ("d", "x,d_id\n1,7\n2,8"),
        ])
        #expect(declaration(spec.syntax, "a", "id")?.modifiers == [])
        #expect(declaration(spec.syntax, "b", "id")?.modifiers == ["nullable"])
        #expect(declaration(spec.syntax, "c", "id")?.modifiers == [])
        #expect(declaration(spec.syntax, "d", "d_id")?.modifiers == ["key"])
    }

    @Test func declaredReferencesThatCannotCheckAreLeftOutWithTheirReason() throws {
        let schema = SourceSchema(
            primaryKeys: ["node": "id", "tag": "label"],
            foreignKeys: [
                SourceForeignKey(table: "node", column: "parent", parentTable: "node", parentColumn: "id"),
                SourceForeignKey(table: "node", column: "tag", parentTable: "tag", parentColumn: "label"),
                SourceForeignKey(table: "node", column: "owner", parentTable: "person", parentColumn: "id"),
            ])
        let spec = try starter(
            [("node", "id,parent,tag,owner\n1,1,a,1\n2,1,b,1"), ("tag", "label\na\nb")], schema: schema)
        #expect(!spec.keysGuessed)
        #expect(Checker().check(source: spec.text, file: "t.seed").diagnostics.isEmpty)
        #expect(
            spec.notes == [
                "node.parent: references node.id left out: it would close a cycle of references that are never null",
                "node.owner: references person.id left out: the source has no such column of a type Seedbed reads",
            ])
        #expect(declaration(spec.syntax, "node", "parent")?.modifiers == [])
        #expect(declaration(spec.syntax, "node", "tag")?.modifiers == ["references"])
        #expect(declaration(spec.syntax, "tag", "label")?.modifiers == ["key"])
        #expect(spec.syntax.tables[1].columns[0].generator?.value == .pattern(Located("[a-z0-9]{12}")))
        #expect(
            spec.text.contains(
                "# references node.id left out: it would close a cycle of references that are never null\n"))
    }

    // MARK: - Names and privacy

    @Test func namesTheSpecCannotHoldAreRenamedAndSaidSo() throws {
        let long = String(repeating: "x", count: 130)
        let csv = "\"Loan Amount\",key,\"we`ird\",\"two\nlines\",\(long),order\n1,2,3,4,5,6\n"
        let spec = try starter([("odd table", csv)])
        #expect(Checker().check(source: spec.text, file: "t.seed").diagnostics.isEmpty)
        #expect(spec.syntax.tables.map(\.name.name) == ["odd table"])
        #expect(
            spec.syntax.tables[0].columns.map(\.name.name) == [
                "Loan Amount", "key", "we_ird", "two_lines", String(repeating: "x", count: 64), "order",
            ])
        #expect(spec.renames.map(\.original) == ["we`ird", "two\nlines", long])
        let lines = spec.text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("  `Loan Amount` ") && $0.hasSuffix("int  from profile") })
        #expect(lines.contains { $0.hasPrefix("  `key` ") })
        #expect(lines.contains { $0.hasPrefix("  we_ird ") && $0.hasSuffix("from profile  # renamed from \"we`ird\"") })
        #expect(lines.contains { $0.hasSuffix("# renamed from \"two\\nlines\"") })
        #expect(lines.contains("table `odd table` {"))
        // The profile speaks the spec's names.
        #expect(spec.profile.tables[0].columns.map(\.name) == spec.syntax.tables[0].columns.map(\.name.name))
    }

    @Test func noValueOfAnIdentifierColumnReachesTheSpec() throws {
        // Few distinct values, so they would be categories (and rule literals) if they were kept.
        let emails = ["ada@corp.example", "bob@corp.example", "cy@corp.example"]
        let csv =
            "contact_email,first_name,tier,score\n"
            + (0..<300).map {
                "\(emails[$0 % 3]),\(["Zelda", "Yorick"][$0 % 2]),\(["gold", "basic"][$0 % 2]),\($0 % 3 * 10)"
            }
            .joined(separator: "\n")
        let spec = try starter([("people", csv)])
        for value in emails + ["Zelda", "Yorick"] { #expect(!spec.text.contains(value), "\(value)") }
        #expect(declaration(spec.syntax, "people", "contact_email")?.modifiers == ["pii"])
        #expect(spec.syntax.tables[0].columns[0].generator?.value == .fake(Identifier("internet.email")))
        #expect(spec.syntax.tables[0].columns[1].generator?.value == .fake(Identifier("person.first_name")))
        #expect(spec.suggestions.allSatisfy { !$0.text.contains("email") && !$0.text.contains("first_name") })
    }

    @Test func guessedTagsFollowTheDocumentedWords() throws {
        let cases: [(String, String?)] = [
            ("birth_date", "quasi-identifier"), ("DateOfBirth", "quasi-identifier"), ("age", "quasi-identifier"),
            ("mortgage", nil), ("zipCode", "quasi-identifier"), ("Sex", "quasi-identifier"),
            ("state", "quasi-identifier"), ("status", nil), ("diagnosis_code", "sensitive"),
            ("ct_result", "sensitive"), ("annual_income", "sensitive"), ("amount", nil),
        ]
        let csv = cases.map(\.0).joined(separator: ",") + "\n" + cases.map { _ in "1" }.joined(separator: ",")
        let spec = try starter([("t", csv)])
        for (name, tag) in cases {
            #expect(declaration(spec.syntax, "t", name)?.modifiers == (tag.map { [$0] } ?? []), "\(name)")
        }
    }
}
