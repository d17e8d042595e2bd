import SeedbedSpec
import SeedbedStores
import Testing

@Suite struct DialectTests {
    @Test(arguments: [
        ("integer", ValueType.int), ("BIGINT", .int), ("numeric(12,2)", .decimal(scale: 2)),
        ("numeric(10)", .decimal(scale: 0)), ("numeric", .decimal(scale: 2)), ("double precision", .float),
        ("boolean", .bool), ("date", .date), ("timestamp with time zone", .timestamp), ("uuid", .uuid),
        ("character varying(40)", .text), ("text", .text),
    ])
    func postgresTypes(declared: String, type: ValueType) {
        #expect(Dialect.postgres.valueType(forDeclared: declared) == type)
    }

    @Test func sqliteFollowsAffinityRules() {
        #expect(Dialect.sqlite.valueType(forDeclared: "UNSIGNED BIG INT") == .int)
        #expect(Dialect.sqlite.valueType(forDeclared: "NATIVE CHARACTER(70)") == .text)
        // SQLite's own example: "FLOATING POINT" contains "INT", so it has integer affinity.
        #expect(Dialect.sqlite.valueType(forDeclared: "FLOATING POINT") == .int)
        #expect(Dialect.sqlite.valueType(forDeclared: "DOUBLE UNSIGNED") == .float)
        #expect(Dialect.sqlite.valueType(forDeclared: "BLOB") == nil)
        #expect(Dialect.sqlite.valueType(forDeclared: "") == nil)
        #expect(Dialect.postgres.valueType(forDeclared: "jsonb") == nil)
    }

    @Test func textLengthsArePostgresOnly() {
        #expect(Dialect.postgres.maximumTextLength(ofDeclared: "character varying(40)") == 40)
        #expect(Dialect.postgres.maximumTextLength(ofDeclared: "char") == 1)
        #expect(Dialect.postgres.maximumTextLength(ofDeclared: "text") == nil)
        #expect(Dialect.sqlite.maximumTextLength(ofDeclared: "VARCHAR(5)") == nil)
    }

    @Test func everySpecTypeMapsBack() {
        let types: [ValueType] = [.int, .decimal(scale: 3), .float, .text, .bool, .date, .timestamp, .uuid]
        for dialect in [Dialect.sqlite, .postgres] {
            for type in types { #expect(dialect.valueType(forDeclared: dialect.columnType(for: type)) == type) }
        }
    }
}
