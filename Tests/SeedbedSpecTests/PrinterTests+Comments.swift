import Testing

@testable import SeedbedSpec

extension PrinterTests {
    @Test("a comment block before the dataset stays first, with its blank lines")
    func fileHeaderComments() {
        let source = """
            # Lending book.


            # Owned by the risk team.

            dataset lending
            """
        #expect(
            Self.format(source) == """
                # Lending book.

                # Owned by the risk team.

                dataset lending

                """)
    }

    @Test("a comment on its own line leads the next line of code, at that line's indentation")
    func leadingComments() {
        let source = """
            dataset d
            # customers
                table t {
                      # the key
              id int key
            # contact
              email text
            }
            # a rule
            rule R require id > 0
            """
        #expect(
            Self.format(source) == """
                dataset d

                # customers
                table t {
                  # the key
                  id     int   key
                  # contact
                  email  text
                }

                # a rule
                rule R
                  require id > 0

                """)
    }

    @Test("a comment after code stays at the end of its line, two spaces after the code")
    func trailingComments() {
        let source = """
            dataset d   # header
              seed 1# no space
            table t {      # open
              id int key              # the key
            }  # close
            rule R eligibility "title"  # header
              when a = 1   # condition
              require b   # requirement
            scenario S  # header
              count 1 of t  # quota
              where a = 1  # condition
            """
        #expect(
            Self.format(source) == """
                dataset d  # header
                  seed 1  # no space

                table t {  # open
                  id  int  key  # the key
                }  # close

                rule R eligibility "title"  # header
                  when a = 1  # condition
                  require b  # requirement

                scenario S  # header
                  count 1 of t  # quota
                  where a = 1  # condition

                """)
    }

    @Test("a comment inside a clause that spans lines moves above the clause")
    func commentsInsideExpressions() {
        let source = """
            dataset d
            table t {
              total decimal = price   # the price
                 * quantity           # times the quantity
            }
            rule R
              require a > 1 and   # first
                # middle
                b < 2             # last
            """
        #expect(
            Self.format(source) == """
                dataset d

                table t {
                  # the price
                  total  decimal  = price * quantity  # times the quantity
                }

                rule R
                  # first
                  # middle
                  require a > 1 and b < 2  # last

                """)
    }

    @Test("comments before a closing brace stay inside the block")
    func commentsBeforeAClosingBrace() {
        let source = """
            dataset d
            table t {
              id int
            # retired: legacy_id int
            }
            """
        #expect(
            Self.format(source) == """
                dataset d

                table t {
                  id  int
                  # retired: legacy_id int
                }

                """)
    }

    @Test("comments after the last line of code stay at the end of the file")
    func endOfFileComments() {
        let source = """
            dataset d
            rule R require a
            # right after

            # after a blank line
            """
        #expect(
            Self.format(source) == """
                dataset d

                rule R
                  require a
                # right after

                # after a blank line

                """)
    }

    @Test("a file of comments only keeps them")
    func onlyComments() {
        let parsed = ParsedSpec.parse(SourceFile(name: "t.seed", text: "# one\n\n# two"))
        #expect(SpecPrinter.format(parsed) == "# one\n\n# two\n")
    }

    @Test("formatting text with comments everywhere twice gives the same text")
    func commentsAreIdempotent() {
        let source = """
            # head
            dataset d # d
            # before table
            table t { # open
              a int # a
              # before b
              b int = a # b
                + 1
            # before close
            } # close
            # end
            """
        let once = Self.format(source)
        #expect(Self.format(once) == once)
        let comments = ParsedSpec.parse(SourceFile(name: "t.seed", text: once)).comments.map(\.text)
        #expect(
            comments == [
                " head", " d", " before table", " open", " a", " before b", " b", " before close", " close", " end",
            ])
    }
}
