import Foundation
import SeedbedCatalog
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("seedbed keygen, certify and verify")
struct VerifyCommandTests {
    /// A generated, registered and certified dataset in a temporary folder.
    final class Certified {
        let folder: TemporaryDirectory
        var catalog: String { folder.url.appendingPathComponent("cat.sqlite").path }
        var data: String { folder.url.appendingPathComponent("data").path }
        var key: String { folder.url.appendingPathComponent("signer").path }
        var certificate: String { folder.url.appendingPathComponent("cert.json").path }

        init() async throws {
            folder = try TemporaryDirectory()
            let spec = try folder.write("shop.seed", CatalogCommandTests.spec)
            let generated = await seedbed("generate", spec, "--out", data, "--catalog", catalog)
            #expect(generated.exitCode == 0, "\(generated.error)")
            let keygen = await seedbed("keygen", "--out", key)
            #expect(keygen.exitCode == 0)
            let certify = await seedbed(
                "certify", "shop@1.0.0", "--key", key, "--out", certificate, "--catalog", catalog, "--purpose",
                "regression", "--expires", "2099-12-31")
            #expect(certify.exitCode == 0, "\(certify.error)")
            #expect(
                certify.output.hasPrefix(
                    "certified shop@1.0.0: 2 tables, 54 rows, read from \(data); signed by ed25519:"))
        }

        /// A copy of the data with one table's file rewritten.
        func tampered(_ table: String, _ change: ([String]) -> [String]) throws -> String {
            let copy = folder.url.appendingPathComponent("copy-\(UUID().uuidString)").path
            try FileManager.default.copyItem(atPath: data, toPath: copy)
            let path = "\(copy)/\(table).csv"
            let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
            try (change(lines).joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            return copy
        }

        func verify(_ arguments: String...) async -> CommandOutcome {
            await seedbed(["verify", certificate] + arguments)
        }
    }

    @Test func untouchedFilesVerifyAndTheCertificateIsInTheCatalog() async throws {
        let certified = try await Certified()
        let outcome = await certified.verify("--data", certified.data, "--pubkey", certified.key + ".pub")
        #expect(outcome.exitCode == 0, "\(outcome.output)")
        #expect(
            outcome.output.hasSuffix(
                "ok    valid until 2099-12-31\nok    table 'customer': 20 rows match\nok    table 'purchase': 34 rows match\nok    lineage: 2 entries match\nshop@1.0.0: verified, nothing changed\n"
            ))
        let show = await seedbed("catalog", "show", "shop@1.0.0", "--catalog", certified.catalog)
        #expect(show.output.contains("expires 2099-12-31  for \"regression\"\n"))
    }

    @Test func reorderedRowsStillVerify() async throws {
        let certified = try await Certified()
        let copy = try certified.tampered("purchase") { [$0[0]] + $0.dropFirst().reversed() }
        #expect(await certified.verify("--data", copy).exitCode == 0)
    }

    @Test func anEditedCellNamesItsTableAndColumn() async throws {
        let certified = try await Certified()
        let copy = try certified.tampered("customer") { lines in
            var lines = lines
            var fields = lines[3].split(separator: ",").map(String.init)
            fields[1] = fields[1] == "40" ? "41" : "40"
            lines[3] = fields.joined(separator: ",")
            return lines
        }
        let outcome = await certified.verify("--data", copy)
        #expect(outcome.exitCode == 1)
        #expect(
            outcome.output.hasPrefix("FAIL  table 'customer': the same 20 rows, but values changed in column 'age'\n"))
        #expect(outcome.output.hasSuffix("shop@1.0.0: 1 difference(s) from the certificate\n"))
    }

    @Test func anAddedAndARemovedRowAreNamed() async throws {
        let certified = try await Certified()
        let added = try certified.tampered("customer") { $0 + ["21,33"] }
        let addedOutcome = await certified.verify("--data", added)
        #expect(addedOutcome.exitCode == 1)
        #expect(
            addedOutcome.output.hasPrefix(
                "FAIL  table 'customer': 21 rows, the certificate says 20 (rows were added)\n"))
        let removed = try certified.tampered("purchase") { Array($0.dropLast()) }
        let removedOutcome = await certified.verify("--data", removed)
        #expect(
            removedOutcome.output.hasPrefix(
                "FAIL  table 'purchase': 33 rows, the certificate says 34 (rows were removed)\n"))
    }

    @Test func anEditedCertificateAndAWrongKeyFail() async throws {
        let certified = try await Certified()
        let text = try String(contentsOfFile: certified.certificate, encoding: .utf8)
        try text.replacingOccurrences(of: "\"regression\"", with: "\"production\"")
            .write(toFile: certified.certificate, atomically: true, encoding: .utf8)
        let edited = await certified.verify("--data", certified.data)
        #expect(edited.exitCode == 1)
        #expect(
            edited.output.hasPrefix(
                "FAIL  the certificate was edited after signing: its signature does not match its content\n"))

        try text.write(toFile: certified.certificate, atomically: true, encoding: .utf8)
        let other = certified.folder.url.appendingPathComponent("other").path
        #expect(await seedbed("keygen", "--out", other).exitCode == 0)
        let otherKey = try VerifyingKey(readingFrom: other + ".pub")
        let signer = try VerifyingKey(readingFrom: certified.key + ".pub")
        let wrong = await certified.verify("--data", certified.data, "--pubkey", other + ".pub")
        #expect(wrong.exitCode == 1)
        #expect(
            wrong.output.hasPrefix(
                "FAIL  the certificate is signed by \(signer.id), not by the given key \(otherKey.id) (\(other).pub)\n")
        )
    }

    @Test func anExpiredCertificateFails() async throws {
        let certified = try await Certified()
        let catalog = try Catalog.open(certified.catalog, create: false)
        let version = try catalog.version(DatasetReference(parsing: "shop@1.0.0"))
        let registration = try #require(version.latest)
        let old = try Certification.issue(
            version, registration: registration, source: try DatasetLocation.files(certified.data),
            key: try SigningKey(readingFrom: certified.key), purpose: nil, expires: "2020-01-31",
            now: Date(timeIntervalSince1970: 1_577_836_800))
        try old.fileText.write(toFile: certified.certificate, atomically: true, encoding: .utf8)
        let outcome = await certified.verify("--data", certified.data, "--format", "json")
        #expect(outcome.exitCode == 1)
        let report = try #require(JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any])
        #expect(report["problems"] as? [String] == ["the certificate expired on 2020-01-31"])
        #expect(report["passed"] as? Bool == false)
    }

    @Test func aSQLiteTargetRoundTripsAndAnUpdateIsCaught() async throws {
        let folder = try TemporaryDirectory()
        let spec = try folder.write("shop.seed", CatalogCommandTests.spec)
        let catalog = folder.url.appendingPathComponent("cat.sqlite").path
        let database = folder.url.appendingPathComponent("t.db").path
        #expect(await seedbed("seed", spec, "--target", database, "--create", "--catalog", catalog).exitCode == 0)
        let key = folder.url.appendingPathComponent("k").path
        #expect(await seedbed("keygen", "--out", key).exitCode == 0)
        let certificate = folder.url.appendingPathComponent("c.json").path
        let certify = await seedbed("certify", "shop@1.0.0", "--key", key, "--out", certificate, "--catalog", catalog)
        #expect(certify.exitCode == 0, "\(certify.error)")
        let clean = await seedbed("verify", certificate, "--target", "sqlite:\(database)", "--pubkey", key + ".pub")
        #expect(clean.exitCode == 0, "\(clean.output)")
        #expect(clean.output.hasSuffix("shop@1.0.0: verified, nothing changed\n"))

        let connection = try SQLiteDatabase(path: database, create: false)
        try connection.execute("UPDATE purchase SET amount = amount + 1 WHERE id = 1")
        let changed = await seedbed("verify", certificate, "--target", "sqlite:\(database)")
        #expect(changed.exitCode == 1)
        #expect(
            changed.output.hasPrefix(
                "FAIL  table 'purchase': the same 34 rows, but values changed in column 'amount'\n"))
        try connection.execute("DELETE FROM purchase WHERE id = 2")
        let removed = await seedbed("verify", certificate, "--target", "sqlite:\(database)")
        #expect(
            removed.output.hasPrefix("FAIL  table 'purchase': 33 rows, the certificate says 34 (rows were removed)\n"))
        let missing = await seedbed("certify", "shop@1.0.0", "--key", key, "--out", certificate, "--catalog", catalog)
        #expect(missing.exitCode == 2)
        #expect(
            missing.error
                == "seedbed: error: the data at sqlite:\(database) is not what shop@1.0.0 registered: table 'purchase' has 33 rows, the catalog recorded 34; generate or seed it again before certifying\n"
        )
    }

    @Test func keygenRefusesToOverwrite() async throws {
        let folder = try TemporaryDirectory()
        let key = folder.url.appendingPathComponent("k").path
        #expect(await seedbed("keygen", "--out", key).exitCode == 0)
        let again = await seedbed("keygen", "--out", key)
        #expect(again.exitCode == 2)
        #expect(again.error == "seedbed: error: '\(key)' already exists; choose another name or remove it first\n")
    }
}
