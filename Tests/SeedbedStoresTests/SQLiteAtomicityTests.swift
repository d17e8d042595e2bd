import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("SQLite: atomic loads and opening")
struct SQLiteAtomicityTests {
    static let schema = """
        CREATE TABLE parent (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
        CREATE TABLE child (
          id INTEGER PRIMARY KEY,
          parent_id INTEGER NOT NULL REFERENCES parent(id),
          amount NUMERIC(10,2) CONSTRAINT positive_amount CHECK (amount > 0)
        );
        INSERT INTO parent VALUES (1, 'one'), (2, 'two');
        INSERT INTO child VALUES (10, 1, 5.5), (11, 2, 7);
        """

    static func contents(_ database: SQLiteDatabase) throws -> [[String]] {
        try database.rows("SELECT id, name FROM parent ORDER BY id") + database.rows("SELECT * FROM child ORDER BY id")
    }

    static let before = [["1", "one"], ["2", "two"], ["10", "1", "5.5"], ["11", "2", "7"]]

    static func parents(_ ids: ClosedRange<Int64>) -> [TestColumn] {
        [
            TestColumn(name: "id", type: .int, declared: "INTEGER", cells: ids.map { .int($0) }),
            TestColumn(name: "name", type: .text, declared: "TEXT", cells: ids.map { .text("p\($0)") }),
        ]
    }

    static func children(parent: [Int64], amount: [Int64]) -> [TestColumn] {
        [
            TestColumn(
                name: "id", type: .int, declared: "INTEGER", cells: parent.indices.map { .int(100 + Int64($0)) }),
            TestColumn(name: "parent_id", type: .int, declared: "INTEGER", cells: parent.map { .int($0) }),
            TestColumn(
                name: "amount", type: .decimal(scale: 2), declared: "NUMERIC(10,2)", cells: amount.map { .decimal($0) }),
        ]
    }

    /// A replace-style load (delete, then fill both tables) whose last row breaks a CHECK: the
    /// error names the table, the row key and the constraint, and a rollback restores everything.
    @Test func aViolationInTheLastTableRollsEverythingBack() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        #expect(try Self.contents(database) == Self.before)

        try database.beginTransaction()
        try database.execute("DELETE FROM child; DELETE FROM parent")
        try database.load("parent", Self.parents(1...5))
        #expect {
            try database.load("child", Self.children(parent: [1, 2, 3], amount: [100, 250, -1]))
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .database && error.table == "child" && error.rowKey == "key-2"
                && error.constraint == "CHECK positive_amount"
                && error.message
                    == "loading table 'child' failed at row key key-2: CHECK constraint failed: positive_amount"
        }
        database.rollback()

        #expect(try Self.contents(database) == Self.before)
        #expect(try database.rowCount(of: TableName("parent")) == 2)
        #expect(try database.rowCount(of: TableName("child")) == 2)
    }

    @Test func immediateForeignKeysAndDuplicateKeysNameTheRow() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        try database.beginTransaction()
        #expect {
            try database.load("child", Self.children(parent: [1, 99], amount: [1, 1]))
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.rowKey == "key-1" && error.constraint == "FOREIGN KEY" && error.table == "child"
        }
        #expect {
            try database.load("parent", Self.parents(2...3))
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.rowKey == "key-0" && error.constraint == "PRIMARY KEY parent.id"
        }
        database.rollback()
        #expect(try Self.contents(database) == Self.before)
    }

    /// With deferred foreign keys the violation surfaces at commit: the error still names the
    /// table, the row (by primary key) and the foreign key, and the rollback restores the data.
    @Test func deferredForeignKeysFailAtCommitNamingTheRow() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        try database.beginTransaction()
        try database.deferConstraints()
        try database.load("child", Self.children(parent: [1, 99], amount: [1, 1]))
        #expect {
            try database.commit()
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.table == "child" && error.rowKey == "101" && error.constraint == "FOREIGN KEY fk_child_1"
        }
        database.rollback()
        #expect(try Self.contents(database) == Self.before)
    }

    @Test func loadsThatCannotStartOrEncodeSayWhy() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        #expect {
            _ = try database.makeLoader(
                table: TableName("parent"), columns: [LoadColumn(name: "nickname", type: .text, declaredType: "TEXT")])
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .schema && error.message.hasSuffix("table parent has no column named nickname")
        }
        try database.execute("CREATE TABLE event (day DATE)")
        // 10000-01-01: past what SQLite's date functions read.
        let day = TestColumn(name: "day", type: .date, declared: "DATE", cells: [.date(0), .date(2_932_897)])
        #expect {
            try database.load("event", [day])
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.table == "event" && error.rowKey == "key-1"
                && error.message.hasSuffix(
                    "the date in column 'day' is outside the years 0000-9999 that SQLite's date functions read")
        }
    }

    @Test func aMissingFileIsUnreachableUnlessCreated() throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("missing.db").path
        #expect {
            try SQLiteDatabase(path: path, create: false)
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .unreachable && error.message.contains(path)
                && error.message.contains("does not exist")
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        let database = try SQLiteDatabase(path: path, create: true)
        #expect(try database.introspect().tables.isEmpty)
        #expect(database.dialect == .sqlite)
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotADatabaseIsAClearError() throws {
        let folder = try TemporaryDirectory()
        let path = try folder.write(
            "notes.db", String(repeating: "these are not the pages you are looking for\n", count: 100))
        #expect {
            try SQLiteDatabase(path: path, create: false)
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.kind == .unreachable
                && error.message == "cannot open the SQLite database '\(path)': the file is not a SQLite database"
        }
    }

    @Test func foreignKeysAreEnforced() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        #expect(try database.rows("PRAGMA foreign_keys") == [["1"]])
        #expect {
            try database.execute("INSERT INTO child VALUES (12, 42, 1)")
        } throws: { error in
            (error as? StoreError)?.constraint == "FOREIGN KEY"
        }
    }
}
