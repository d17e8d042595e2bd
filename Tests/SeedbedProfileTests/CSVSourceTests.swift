import Foundation
import SeedbedProfile
import SeedbedTestSupport
import Testing

@Suite("CSV source")
struct CSVSourceTests {
    @Test func quotedFieldsHoldQuotesCommasAndLineBreaks() throws {
        let csv = "a,b,c\n\"say \"\"hi\"\"\",\"x,y\",\"two\nlines\"\r\n1,,\"crlf\r\ninside\"\n"
        #expect(try records(csv) == [["say \"hi\"", "x,y", "two\nlines"], ["1", nil, "crlf\r\ninside"]])
    }

    @Test func aByteOrderMarkIsSkippedAndBlankLinesIgnored() throws {
        let csv = "\u{FEFF}id,name\n1,a\n\n2,b"
        let folder = try TemporaryDirectory()
        let path = try folder.write("t.csv", csv)
        let source = try CSVSource(path: path)
        #expect(try source.tables().first?.columns.map(\.name) == ["id", "name"])
        #expect(try records(atPath: path) == [["1", "a"], ["2", "b"]])
    }

    @Test func rowsArriveInBoundedBatches() throws {
        let csv = "n\n" + (1...10_000).map(String.init).joined(separator: "\n") + "\n"
        let folder = try TemporaryDirectory()
        let source = try CSVSource(path: try folder.write("t.csv", csv))
        var sizes: [Int] = []
        try source.scan(try source.tables()[0]) { (batch: SourceBatch) throws(ProfileError) in
            sizes.append(batch.rowCount)
        }
        #expect(sizes == [4096, 4096, 1808])
    }

    @Test func aFolderIsOneTablePerFileSortedByName() throws {
        let folder = try TemporaryDirectory()
        _ = try folder.write("loan.csv", "id\n1\n")
        _ = try folder.write("customer.csv", "id\n1\n")
        _ = try folder.write("notes.txt", "not a table")
        #expect(try CSVSource(path: folder.url.path).tables().map(\.name) == ["customer", "loan"])
    }

    @Test func raggedRowsNameTheLine() throws {
        #expect(
            try csvError(Array("a,b\n1,2\n3\n".utf8))
                == "t.csv:3: 1 field where the header has 2 (quote fields that contain commas, and give every row one field per column)"
        )
    }

    @Test func aQuoteInsideAnUnquotedField() throws {
        #expect(
            try csvError(Array("a\nsay \"hi\"\n".utf8))
                == "t.csv:2: a quote inside an unquoted field (quote the whole field and double the quote inside: \"say \"\"hi\"\"\")"
        )
    }

    @Test func textAfterAClosingQuote() throws {
        #expect(
            try csvError(Array("a,b\n\"x\"y,1\n".utf8))
                == "t.csv:2: text after the closing quote of a field (quote the whole field and double every quote inside it (\"\"))"
        )
    }

    @Test func anUnclosedQuoteNamesTheLineItOpenedOn() throws {
        #expect(
            try csvError(Array("a\n1\n\"open\n2\n3\n".utf8))
                == "t.csv:3: a quoted field opened on line 3 is never closed (add the closing quote, and double any quote inside the field (\"\"))"
        )
    }

    @Test func latin1BytesAreRefusedWithTheFix() throws {
        #expect(
            try csvError(Array("name\nZoe\n".utf8) + [0x5A, 0x6F, 0xEB, 0x0A])
                == "t.csv:3: bytes that are not UTF-8 (convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8)")
    }

    @Test func aHugeFieldIsRefusedWithoutReadingItWhole() throws {
        var bytes = Array("a\n\"".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10)
        bytes += Array("\"\n".utf8)
        #expect(
            try csvError(bytes)
                == "t.csv:2: a field longer than 1048576 bytes (a profile needs no field this long; check the quoting or drop the column)"
        )
    }

    @Test func headerProblems() throws {
        #expect(try csvError([]) == "t.csv:1: the file is empty (the first line must name the columns)")
        #expect(
            try csvError(Array("a,a\n1,2\n".utf8))
                == "t.csv:1: the header names column 'a' twice (give every column a distinct name)")
        #expect(
            try csvError(Array("a,\n1,2\n".utf8))
                == "t.csv:1: column 2 of the header has no name (name every column in the first line)")
    }

    @Test func aMissingPathIsUnreadable() {
        #expect(throws: ProfileError(.unreadable, at: "/nonexistent/x.csv", "no such file or folder")) {
            try CSVSource(path: "/nonexistent/x.csv")
        }
    }
}
