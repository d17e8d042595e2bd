import SeedbedCatalog
import Testing

@Suite("Semantic versions")
struct SemanticVersionTests {
    @Test(arguments: ["1.4.0", "0.0.1", "2.0.0-rc.1", "1.0.0-alpha-1.0+build.7", "10.20.30"])
    func validVersionsRoundTrip(_ text: String) throws {
        #expect(try SemanticVersion(parsing: text).description == text)
    }

    @Test(arguments: [
        ("1.4", "it needs three numbers"), ("01.4.0", "'01' is not a number without leading zeros"),
        ("1.4.x", "'x' is not a number without leading zeros"),
        ("1.0.0-01", "a numeric pre-release part has no leading zero"),
        ("1.0.0-", "the pre-release part must be dot-separated [0-9A-Za-z-] words"),
    ])
    func invalidVersionsSayWhy(_ text: String, _ reason: String) {
        #expect {
            try SemanticVersion(parsing: text)
        } throws: { error in
            (error as? CatalogError)?.message
                == "'\(text)' is not a semantic version (\(reason)); write MAJOR.MINOR.PATCH, such as 1.4.0 or 2.0.0-rc.1"
        }
    }

    @Test func precedenceFollowsSemver() throws {
        let ordered = try [
            "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11",
            "1.0.0-rc.1", "1.0.0", "1.2.0", "1.10.0", "2.0.0",
        ].map { text throws(CatalogError) in try SemanticVersion(parsing: text) }
        #expect(ordered.shuffled().sorted() == ordered)
    }

    @Test func datasetReferences() throws {
        let reference = try DatasetReference(parsing: "lending@1.4.0")
        #expect(reference.name == "lending" && reference.version.description == "1.4.0")
        #expect(throws: CatalogError.self) { try DatasetReference(parsing: "lending") }
        #expect(throws: CatalogError.self) { try DatasetReference(parsing: "@1.0.0") }
    }
}
