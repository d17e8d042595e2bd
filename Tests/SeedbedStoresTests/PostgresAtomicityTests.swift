import SeedbedEngine
import SeedbedSpec
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("PostgreSQL loads are atomic and name what failed")
struct PostgresAtomicityTests {
    static let columns = [
        LoadColumn(name: "id", type: .int, declaredType: "bigint"),
        LoadColumn(name: "amount", type: .decimal(scale: 2), declaredType: "numeric(12,2)"),
        LoadColumn(name: "note", type: .text, declaredType: "text"),
    ]

    /// Rows `first…first+count-1`: amount = id × 1.5, note "n<id>".
    static func batch(first: Int, count: Int, badAmountAt bad: Int? = nil) -> RowBatch {
        var batch = TestBatch(columns, rows: count)
        let ids = (0..<count).map { Int64(first + $0) }
        batch.set(0, ids)
        let badID = bad.map(Int64.init)
        batch.set(1, ids.map { id -> Int64 in id == badID ? -100 : id * 150 })
        batch.set(2, ids.map { "n\($0)" })
        return batch.batch
    }

    static let fingerprint =
        "SELECT count(*), md5(coalesce(string_agg(id || ':' || amount || ':' || note, ',' ORDER BY id), ''))"

    func prepare(_ db: PostgresTestDatabase, tables: [String]) throws -> [String: String] {
        var before: [String: String] = [:]
        for table in tables {
            try db.psql(
                """
                CREATE TABLE \(table) (id bigint PRIMARY KEY, amount numeric(12,2) CONSTRAINT \(table)_positive CHECK (amount > 0), note text);
                INSERT INTO \(table) SELECT g, abs(g) * 1.5, 'n' || g FROM generate_series(-100, -1) g;
                """)
            before[table] = try db.psql("\(Self.fingerprint) FROM \(table)")
        }
        return before
    }

    @Test func aConnectionKilledMidCopyLeavesTheTableAsItWas() throws {
        let db = try PostgresTestDatabase()
        let before = try prepare(db, tables: ["t"])
        let database = try db.connect()
        let killer = try db.connect()
        try database.beginTransaction()
        let loader = try database.makeLoader(table: TableName("t"), columns: Self.columns)
        var caught: StoreError?
        do {
            for index in 0..<200 {
                try loader.write(Self.batch(first: index * 5000 + 1, count: 5000)) { "key-\($0)" }
                // Well inside the COPY: a megabyte chunk has gone out several times.
                if index == 20 {
                    try killer.execute("SELECT pg_terminate_backend(\(database.backendProcessID))")
                }
            }
            _ = try loader.finish()
            try database.commit()
        } catch {
            caught = error
        }
        database.rollback()
        let error = try #require(caught)
        #expect(error.kind == .database)
        #expect(error.table == "t")
        #expect(error.message.contains("loading t"), "\(error.message)")
        #expect(error.message.contains("terminating connection") || error.message.contains("lost"), "\(error.message)")
        #expect(try db.psql("\(Self.fingerprint) FROM t") == before["t"])
    }

    @Test func aViolationInTheLastTableUndoesEveryTable() throws {
        let db = try PostgresTestDatabase()
        let tables = ["first", "second", "last"]
        let before = try prepare(db, tables: tables)
        let database = try db.connect()
        try database.beginTransaction()
        var caught: StoreError?
        do {
            for table in tables {
                let loader = try database.makeLoader(table: TableName(table), columns: Self.columns)
                for index in 0..<3 {
                    let bad = table == "last" && index == 2 ? 10_000 + 1234 : nil
                    try loader.write(Self.batch(first: index * 5000 + 1, count: 5000, badAmountAt: bad)) {
                        "L\(index * 5000 + 1 + $0)"
                    }
                }
                #expect(try loader.finish() == 15_000)
            }
            try database.commit()
        } catch {
            caught = error
        }
        database.rollback()
        let error = try #require(caught)
        #expect(error.table == "last")
        #expect(error.constraint == "last_positive")
        // Row 11,234 of the load is id 11,234, whose key the loader still held.
        #expect(error.rowKey == "L11234")
        #expect(error.message.contains("row 11234 (key L11234)"), "\(error.message)")
        for table in tables { #expect(try db.psql("\(Self.fingerprint) FROM \(table)") == before[table]) }
        // The connection is usable again after the rollback.
        #expect(try database.rowCount(of: TableName("last")) == 100)
    }

    @Test func foreignKeysAreNamedAtTheEndOfTheCopyOrAtCommitWhenDeferred() throws {
        let db = try PostgresTestDatabase()
        try db.psql(
            """
            CREATE TABLE parent (id bigint PRIMARY KEY);
            INSERT INTO parent VALUES (1), (2);
            CREATE TABLE child (id bigint PRIMARY KEY, parent_id bigint CONSTRAINT child_parent REFERENCES parent);
            CREATE TABLE later (id bigint PRIMARY KEY, parent_id bigint CONSTRAINT later_parent REFERENCES parent DEFERRABLE);
            """)
        let columns = [
            LoadColumn(name: "id", type: .int, declaredType: "bigint"),
            LoadColumn(name: "parent_id", type: .int, declaredType: "bigint"),
        ]
        var batch = TestBatch(columns, rows: 3)
        batch.set(0, [10, 11, 12])
        batch.set(1, [1, 3, 2])
        let database = try db.connect()

        try database.beginTransaction()
        let loader = try database.makeLoader(table: TableName("child"), columns: columns)
        try loader.write(batch.batch) { "c\($0)" }
        #expect {
            _ = try loader.finish()
        } throws: { error in
            let error = error as! StoreError
            return error.table == "child" && error.constraint == "child_parent"
                && error.message.contains("Key (parent_id)=(3) is not present in table \"parent\"")
        }
        database.rollback()

        // A deferrable key waits for the commit (the load's transaction defers it).
        try database.beginTransaction()
        try database.deferConstraints()
        let deferred = try database.makeLoader(table: TableName("later"), columns: columns)
        try deferred.write(batch.batch) { "c\($0)" }
        #expect(try deferred.finish() == 3)
        #expect {
            try database.commit()
        } throws: { error in
            let error = error as! StoreError
            return error.table == "later" && error.constraint == "later_parent"
        }
        database.rollback()
        #expect(try db.psql("SELECT (SELECT count(*) FROM child), (SELECT count(*) FROM later)") == "0|0\n")
    }

    @Test func readRejectsValuesThatDoNotFitNamingTableColumnAndRow() throws {
        let db = try PostgresTestDatabase()
        try db.psql(
            """
            CREATE TABLE odd (id int, label text, rate numeric(12,4), day date);
            INSERT INTO odd VALUES (1, '7', 1.2300, '2024-01-01'), (2, 'seven', 1.2345, 'infinity');
            """)
        let database = try db.connect()
        func read(_ column: LoadColumn) throws -> [Int64?] {
            var values: [Int64?] = []
            try database.read(table: TableName("odd"), columns: [column], batchSize: 1) { batch in
                values += batch.columns[0].ints(batch.count)
            }
            return values
        }
        #expect {
            _ = try read(LoadColumn(name: "label", type: .int, declaredType: "text"))
        } throws: { error in
            let error = error as! StoreError
            return error.table == "odd" && error.message.contains("row 2, column label: 'seven'")
        }
        #expect {
            _ = try read(LoadColumn(name: "rate", type: .decimal(scale: 2), declaredType: "numeric(12,4)"))
        } throws: { error in
            (error as! StoreError).message.contains("row 2, column rate: '1.2345'")
        }
        #expect(
            try read(LoadColumn(name: "rate", type: .decimal(scale: 4), declaredType: "numeric(12,4)")) == [
                12300, 12345,
            ])
        #expect {
            var count = 0
            try database.read(
                table: TableName("odd"), columns: [LoadColumn(name: "day", type: .date, declaredType: "date")],
                batchSize: 10
            ) { batch in count += batch.count }
        } throws: { error in
            (error as! StoreError).message.contains("row 2, column day: 'infinity' is not a date")
        }
        // After a rejected read the connection works on.
        #expect(try database.rowCount(of: TableName("odd")) == 2)
    }
}
