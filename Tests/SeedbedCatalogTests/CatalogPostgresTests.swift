import Foundation
import SeedbedCatalog
import SeedbedStores
import SeedbedTestSupport
import Testing

/// A catalog a team shares on PostgreSQL: the same migrations and records as the SQLite file.
@Suite("Catalog on PostgreSQL")
struct CatalogPostgresTests {
    @Test func migratesRegistersAndRefusesAConflict() throws {
        let server = try PostgresTestDatabase()
        let catalog = try Catalog.open(server.uri, create: true)
        #expect(
            try server.rows("SELECT version FROM schema_version ORDER BY version") == ["1", "2", "3", "4", "5", "6"])
        #expect(try catalog.register(try CatalogStoreTests.registration()) == .new)
        #expect(
            try catalog.register(try CatalogStoreTests.registration(location: "/other", at: 1_767_225_601)) == .again)
        #expect {
            try catalog.register(try CatalogStoreTests.registration(spec: "spec v2"))
        } throws: { error in
            (error as? CatalogError)?.kind == .conflict
        }
        // A second connection, as another CI job would open it, sees the same records.
        let again = try Catalog.open(server.uri, create: false)
        let version = try again.version(DatasetReference(parsing: "shop@1.0.0"))
        #expect(version.registrations.map(\.location) == ["/data", "/other"])
        #expect(version.registrations[0].tables[0].scenarioRows == ["BIG": 2])
        #expect(try again.versions().map(\.reference.description) == ["shop@1.0.0"])
    }
}
