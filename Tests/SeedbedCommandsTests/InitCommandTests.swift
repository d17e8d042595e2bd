import Foundation
import SeedbedCommands
import SeedbedProfile
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("seedbed init")
struct InitCommandTests {
    static let csv =
        "id,email,plan,age\n"
        + (1...120).map {
            "\($0),p\($0)@mail.example,\(["basic", "gold", "student"][$0 % 3]),\($0 % 3 == 2 ? 18 + $0 % 10 : 18 + $0 % 60)"
        }
        .joined(separator: "\n")

    @Test func writesTheSpecAndItsProfileNextToIt() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customers.csv", Self.csv)
        let out = folder.url.appendingPathComponent("rules/customers.seed").path
        try FileManager.default.createDirectory(
            atPath: (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let outcome = await seedbed("init", "--from", source, "--out", out)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let profilePath = folder.url.appendingPathComponent("rules/customers.profile.json").path
        let profile = try Profile.load(path: profilePath)
        #expect(profile.tables.map(\.rows) == [120])
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("dataset customers\n  profile \"customers.profile.json\"\n"))
        #expect(text.contains("  id     int   key  # key: an integer named like an id, never null or repeated\n"))
        #expect(
            text.contains("# rule MINED-002 co-occurrence when customers.plan = \"student\" require customers.age < 30")
        )
        #expect(!text.contains("mail.example"))
        #expect(Checker().check(source: text, file: out).diagnostics.isEmpty)
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("wrote \(out) and \(profilePath) from customers.csv in ") == true)
        #expect(
            Array(lines.dropFirst()) == [
                "  customers: 120 rows, 4 columns, key id",
                "  keys and references guessed from the data: 0 references",
                "  pii: customers.email",
                "  quasi-identifier: customers.age",
                "candidate rules, commented out: 2 (1 bounds, 1 implications, 0 never-seen pairs)",
                "check: 0 errors, 0 warnings",
            ])
    }

    @Test func anExistingSpecIsKeptUnlessForced() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customers.csv", Self.csv)
        let out = try folder.write("customers.seed", "# mine\n")
        let refused = await seedbed("init", "--from", source, "--out", out)
        #expect(refused.exitCode == 2)
        #expect(refused.error == "seedbed: error: '\(out)' exists; give --force to overwrite it\n")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "# mine\n")
        let forced = await seedbed("init", "--from", source, "--out", out, "--force")
        #expect(forced.exitCode == 0, "\(forced.error)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("table customers {"))
    }

    @Test func theProfilePathInTheHeaderIsRelativeToTheSpec() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customers.csv", Self.csv)
        let out = folder.url.appendingPathComponent("specs/c.seed").path
        let profile = folder.url.appendingPathComponent("profiles/c.json").path
        for path in [out, profile] {
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        }
        let outcome = await seedbed(
            "init", "--from", source, "--out", out, "--profile-out", profile, "--name", "shop", "--min-support", "200",
            "--format", "json")
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("dataset shop\n  profile \"../profiles/c.json\"\n"))
        #expect(
            text.contains(
                "# No candidate rules: no bound, implication or never-seen pair held with 200 rows or more.\n"))
        let summary = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any]
        #expect(summary?["profile"] as? String == profile)
        #expect(summary?["pii"] as? [String] == ["customers.email"])
        #expect(summary?["errors"] as? Int == 0)
        #expect((summary?["suggestions"] as? [String: Int])?["implications"] == 0)
    }

    @Test func aSQLiteForeignKeyBecomesAReference() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("shop.db").path
        let database = try SQLiteDatabase(path: path, create: true)
        try database.execute("CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT, region TEXT)")
        try database.execute(
            "CREATE TABLE loan (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer(id), "
                + "amount NUMERIC(9,2), code TEXT UNIQUE)")
        for id in 1...40 {
            try database.execute("INSERT INTO customer VALUES (\(id), 'c\(id)@mail.example', 'north')")
        }
        for id in 1...40 {
            try database.execute("INSERT INTO loan VALUES (\(id), \(1 + id % 20), \(id).25, 'L\(id)')")
        }
        let out = folder.url.appendingPathComponent("shop.seed").path
        let outcome = await seedbed("init", "--from", "sqlite:\(path)", "--out", out)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        let check = Checker().check(source: text, file: out)
        #expect(check.diagnostics.isEmpty)
        #expect(check.syntax.dataset?.name.name == "shop")
        let loan = try #require(check.syntax.tables.first { $0.name.name == "loan" })
        let references = loan.column(named: "customer_id")?.modifiers.map { modifier in
            if case .references(let table, let column) = modifier.value { "\(table.name).\(column.name)" } else { "" }
        }
        #expect(references == ["customer.id"])
        #expect(loan.column(named: "amount")?.type.scale?.value == 2)
        #expect(loan.column(named: "code")?.modifiers.map(\.value) == [.unique])
        #expect(text.contains("# Keys and references come from the schema; privacy tags are guesses"))
        #expect(outcome.output.contains("  keys and references from the schema: 1 reference\n"))
        let profile = try Profile.load(path: folder.url.appendingPathComponent("shop.profile.json").path)
        #expect(profile.foreignKeys.map(\.child) == ["loan.customer_id"])
    }

    @Test func badInputIsAUsageOrEnvironmentError() async throws {
        #expect(await seedbed("init", "--from", "x.csv", "--out", "x.seed", "--min-support", "0").exitCode == 2)
        #expect(await seedbed("init", "--from", "x.csv", "--out", "x.seed", "--name", "9lives").exitCode == 2)
        #expect(await seedbed("init", "--out", "x.seed").exitCode == 2)
        let folder = try TemporaryDirectory()
        let out = folder.url.appendingPathComponent("x.seed").path
        let missing = await seedbed("init", "--from", "/nonexistent/x.csv", "--out", out)
        #expect(missing.exitCode == 2)
        #expect(missing.error.contains("/nonexistent/x.csv: no such file or folder"))
        #expect(await seedbed("init", "--from", "sqlite:/nonexistent/prod.db", "--out", out).exitCode == 3)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func datasetNamesComeFromTheSource() {
        #expect(InitCommand.datasetName(for: "exports/credit.csv") == "credit")
        #expect(InitCommand.datasetName(for: "exports/") == "exports")
        #expect(InitCommand.datasetName(for: "sqlite:data/shop-copy.db") == "shop_copy")
        #expect(InitCommand.datasetName(for: "postgres://u@db.example/sales?sslmode=require") == "sales")
        #expect(InitCommand.datasetName(for: "host=h dbname=books") == "books")
        #expect(InitCommand.datasetName(for: "2024.csv") == "d_2024")
        #expect(InitCommand.datasetName(for: "/") == "data")
        #expect(InitCommand.datasetName(for: "/srv/exports/.") == "exports")
        #expect(InitCommand.datasetName(for: "/srv/exports/old/..") == "exports")
    }
}
