import Foundation
import SeedbedCatalog
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("Certificates and fingerprints")
struct CertificateFormatTests {
    static let customers = "id,name\n1,Ann\n2,Bo\n3,\"C, D\"\n"

    func dataset(_ customers: String, in folder: borrowing TemporaryDirectory) throws -> any DatasetSource {
        try folder.write("data/customer.csv", customers)
        try folder.write("data/_lineage.csv", "table,key,kind,id\ncustomer,2,scenario,S-1\n")
        return try DatasetLocation.files(folder.url.appendingPathComponent("data").path)
    }

    static let table = DatasetTable(
        name: "customer", columns: [.init(name: "id", type: .int), .init(name: "name", type: .text)], rows: 3)

    @Test func rowOrderDoesNotChangeTheFingerprintButAnyValueDoes() throws {
        let a = try TemporaryDirectory()
        let b = try TemporaryDirectory()
        let c = try TemporaryDirectory()
        let original = try Fingerprinter.fingerprint(Self.table, in: try dataset(Self.customers, in: a))
        let reordered = try Fingerprinter.fingerprint(
            Self.table, in: try dataset("id,name\n3,\"C, D\"\n1,Ann\n2,Bo\n", in: b))
        let edited = try Fingerprinter.fingerprint(
            Self.table, in: try dataset("id,name\n1,Ann\n2,Bob\n3,\"C, D\"\n", in: c))
        #expect(original.content.rows == 3)
        #expect(original.content == reordered.content)
        #expect(original.content.hex != edited.content.hex)
        #expect(original.columnContent[0] == edited.columnContent[0])
        #expect(original.columnContent[1] != edited.columnContent[1])
    }

    @Test func anEmptyTableHasTheZeroFingerprint() throws {
        let folder = try TemporaryDirectory()
        let fingerprint = try Fingerprinter.fingerprint(Self.table, in: try dataset("id,name\n", in: folder))
        #expect(fingerprint.content.rows == 0)
        #expect(fingerprint.content.hex == String(repeating: "0", count: 64))
    }

    @Test func aCertificateRoundTripsAndAnyEditBreaksItsSignature() throws {
        let folder = try TemporaryDirectory()
        let source = try dataset(Self.customers, in: folder)
        let registration = Registration(
            dataset: try DatasetReference(parsing: "shop@1.0.0"), command: .generate, location: source.location,
            source: DatasetSourceFacts(
                specPath: "/s.seed", specSHA256: "aa", specText: "", profileSHA256: nil, seed: 1,
                seedbedVersion: "0.1.0"
            ), tables: [Self.table])
        let version = DatasetVersion(
            reference: registration.dataset, registeredAt: Date(), source: registration.source,
            registrations: [registration], scorecards: [], certificates: [])
        let key = SigningKey()
        let certificate = try Certification.issue(
            version, registration: registration, source: source, key: key, purpose: "tests \"quoted\"\n",
            expires: "2099-12-31", now: Date(timeIntervalSince1970: 1_767_225_600))
        #expect(certificate.issuedAt == "2026-01-01T00:00:00Z")
        let reread = try Certificate(parsing: certificate.fileText)
        #expect(reread == certificate)
        let verified = try Verification.check(reread, against: source, publicKey: (key.publicKey, "k.pub"))
        #expect(verified.problems == [])
        #expect(
            verified.confirmed == [
                "signature by \(key.publicKey.id) is valid", "valid until 2099-12-31", "table 'customer': 3 rows match",
                "lineage: 1 entries match",
            ])

        let edited = try Certificate(
            parsing: certificate.fileText.replacingOccurrences(of: "2099-12-31", with: "2199-12-31"))
        #expect(
            try Verification.check(edited, against: source, publicKey: nil).problems == [
                "the certificate was edited after signing: its signature does not match its content"
            ])
        #expect {
            try Certificate(
                parsing: certificate.fileText.replacingOccurrences(of: "\"seed\":", with: "\"extra\": 1, \"seed\":"))
        } throws: { error in
            (error as? CatalogError)?.message
                == "not a valid certificate: '(top level)' has a field 'extra' a certificate does not have"
        }
    }

    @Test func canonicalJSONSortsKeysAndEscapesOnlyWhatItMust() throws {
        let value = try JSONValue(parsing: #"{"b": [1, null, "\u00e9\/"], "a": {"z": "\t\"\\"}}"#)
        #expect(value.canonical == #"{"a":{"z":"\u0009\"\\"},"b":[1,null,"é/"]}"#)
        #expect(throws: CatalogError.self) { try JSONValue(parsing: "[1.5]") }
        #expect(throws: CatalogError.self) { try JSONValue(parsing: "[true]") }
        #expect(throws: CatalogError.self) { try JSONValue(parsing: String(repeating: "[", count: 40)) }
        #expect(throws: CatalogError.self) { try JSONValue(parsing: #"{"a": 1, "a": 2}"#) }
    }

    @Test func keysAreWrittenWithPrivatePermissionsAndReadBack() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("signer").path
        let key = SigningKey()
        try key.write(to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try SigningKey(readingFrom: path).publicKey == key.publicKey)
        #expect(try VerifyingKey(readingFrom: path + ".pub") == key.publicKey)
        #expect {
            try key.write(to: path)
        } throws: { error in
            (error as? CatalogError)?.message == "'\(path)' already exists; choose another name or remove it first"
        }
        #expect {
            try VerifyingKey(readingFrom: path)
        } throws: { error in
            (error as? CatalogError)?.message
                == "'\(path)' is not a Seedbed public key: it should read 'seedbed-ed25519-public-key-v1 BASE64' (it is the other half of the pair: the private key is NAME, the public key NAME.pub)"
        }
    }
}
