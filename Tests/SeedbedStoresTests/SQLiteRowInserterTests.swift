import Foundation
import SeedbedTestSupport
import Testing

@testable import SeedbedStores

@Suite("SQLite: rows inserted as they come")
struct SQLiteRowInserterTests {
    static let schema = "CREATE TABLE t (run TEXT NOT NULL, n INTEGER, word TEXT, note TEXT, lines TEXT)"

    /// Seven rows at three a statement: two statements, and the last row on its own at `flush`;
    /// a kept value, constants, empty texts (not NULL), NULLs and joined lines, each in its row.
    @Test func rowsReadBackWhateverTheirStatement() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        let inserter = try SQLiteRowInserter(
            database: database, table: "t", columns: ["run", "n", "word", "note", "lines"], rowsPerStatement: 3)
        try inserter.keep(0, "r1")
        for index in 0..<7 {
            inserter.set(1, index == 2 ? nil : Int64(index))
            if index % 2 == 0 { inserter.set(2, constant: "even") } else { inserter.set(2, "odd \(index) é") }
            inserter.set(3, index == 4 ? "" : index == 5 ? nil : String(repeating: "x", count: index))
            inserter.set(4, joining: Array(repeating: "l", count: index % 3), separator: UInt8(ascii: "\n"))
            try inserter.endRow()
        }
        #expect(try database.rows("SELECT count(*) FROM t") == [["6"]])
        try inserter.flush()
        #expect(inserter.count == 7)
        #expect(
            try database.rows("SELECT run, n, word, note, lines, typeof(note) FROM t ORDER BY rowid") == [
                ["r1", "0", "even", "", "NULL", "text"], ["r1", "1", "odd 1 é", "x", "l", "text"],
                ["r1", "NULL", "even", "xx", "l\nl", "text"], ["r1", "3", "odd 3 é", "xxx", "NULL", "text"],
                ["r1", "4", "even", "", "l", "text"], ["r1", "5", "odd 5 é", "NULL", "l\nl", "null"],
                ["r1", "6", "even", "xxxxxx", "NULL", "text"],
            ])
    }

    /// A kept value changed midway applies from the next row on: the rows gathered before keep
    /// theirs.
    @Test func aKeptValueChangesFromTheNextRow() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        let inserter = try SQLiteRowInserter(
            database: database, table: "t", columns: ["run", "n"], rowsPerStatement: 4)
        try inserter.keep(0, "a")
        for index in 0..<6 {
            if index == 3 { try inserter.keep(0, "b") }
            inserter.set(1, Int64(index))
            try inserter.endRow()
        }
        try inserter.flush()
        #expect(
            try database.rows("SELECT run, n FROM t ORDER BY n") == [
                ["a", "0"], ["a", "1"], ["a", "2"], ["b", "3"], ["b", "4"], ["b", "5"],
            ])
    }

    /// A statement that fails names the rows it held and the constraint.
    @Test func aFailureNamesItsRows() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        let inserter = try SQLiteRowInserter(
            database: database, table: "t", columns: ["run", "n"], rowsPerStatement: 2)
        for index in 0..<3 {
            inserter.set(0, index == 2 ? nil : "r")
            inserter.set(1, Int64(index))
            try inserter.endRow()
        }
        #expect {
            try inserter.flush()
        } throws: { error in
            let error = try #require(error as? StoreError)
            return error.message.hasSuffix(
                "loading table 't' failed in rows 3…3 of the load: NOT NULL constraint failed: t.run")
                && error.constraint == "NOT NULL t.run"
        }
        #expect(inserter.count == 2)
    }

    /// A row that fails in a statement of several keeps the rows before it in that statement
    /// (`INSERT OR FAIL`: no statement journal; the caller rolls its transaction back). With the
    /// default `ABORT`, SQLite would undo the whole statement, those rows with it.
    @Test func aFailingRowKeepsTheRowsBeforeItInItsStatement() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        try database.execute("BEGIN")
        let inserter = try SQLiteRowInserter(
            database: database, table: "t", columns: ["run", "n"], rowsPerStatement: 4)
        for index in 0..<3 {
            inserter.set(0, "r")
            inserter.set(1, Int64(index))
            try inserter.endRow()
        }
        inserter.set(0, nil as String?)
        inserter.set(1, 3 as Int64?)
        #expect(throws: StoreError.self) { try inserter.endRow() }
        #expect(try database.rows("SELECT run, n FROM t ORDER BY n") == [["r", "0"], ["r", "1"], ["r", "2"]])
        try database.execute("ROLLBACK")
        #expect(try database.rows("SELECT count(*) FROM t") == [["0"]])
    }

    /// A parameter already bound to the value (the same NULL, integer or constant; a text of the
    /// same length at the same place of the rows' bytes) is not bound again, and every row still
    /// reads back as set; a key is written as its 16 hex digits.
    @Test func aParameterBoundAsBeforeIsNotBoundAgain() throws {
        let folder = try TemporaryDirectory()
        let database = try openTemporaryDatabase(in: folder, Self.schema)
        let inserter = try SQLiteRowInserter(
            database: database, table: "t", columns: ["run", "n", "word", "note", "lines"], rowsPerStatement: 2)
        try inserter.keep(0, "r")
        for index in 0..<6 {
            inserter.set(1, 7 as Int64?)
            inserter.set(2, constant: "same")
            inserter.set(3, "note \(index)")
            inserter.set(4, hex: index == 5 ? 0x0123_4567_89ab_cdef : UInt64(index))
            try inserter.endRow()
        }
        // One statement's 2 rows of 4 columns bound once; then none: each row's texts have the
        // lengths and places of the row before.
        #expect(inserter.bindings == 8)
        try inserter.flush()
        #expect(
            try database.rows("SELECT run, n, word, note, lines FROM t ORDER BY rowid") == [
                ["r", "7", "same", "note 0", "0000000000000000"], ["r", "7", "same", "note 1", "0000000000000001"],
                ["r", "7", "same", "note 2", "0000000000000002"], ["r", "7", "same", "note 3", "0000000000000003"],
                ["r", "7", "same", "note 4", "0000000000000004"], ["r", "7", "same", "note 5", "0123456789abcdef"],
            ])
        // A value that changes is bound again, as is a row on its own (the one-row statement).
        inserter.set(1, nil as Int64?)
        inserter.set(2, "other")
        inserter.set(3, "n")
        inserter.set(4, hex: 1)
        try inserter.endRow()
        try inserter.flush()
        #expect(inserter.bindings == 12)
        #expect(
            try database.rows("SELECT n, word, note, lines FROM t WHERE n IS NULL") == [
                ["NULL", "other", "n", "0000000000000001"]
            ])
    }
}
