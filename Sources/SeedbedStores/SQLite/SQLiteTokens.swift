/// The tokens of a `CREATE TABLE` statement as `sqlite_schema` keeps it, for the two facts the
/// PRAGMAs do not give: whether a foreign key is `DEFERRABLE INITIALLY DEFERRED`, and whether
/// the table is `WITHOUT ROWID` (where an `INTEGER PRIMARY KEY` is no rowid alias).
///
/// Strings, quoted identifiers and comments are single tokens or skipped, so a word inside them
/// is never read as a keyword.
struct SQLiteTokens {
    enum Token: Equatable {
        /// A bare word, upper-cased.
        case word(String)
        /// A quoted identifier or string literal (its content does not matter here).
        case quoted
        case open
        case close
        case comma
        case other
    }

    private(set) var tokens: [Token] = []

    init(_ sql: String) {
        let bytes = Array(sql.utf8)
        var index = 0
        func skip(past terminator: UInt8) {
            index += 1
            while index < bytes.count {
                if bytes[index] == terminator {
                    // A doubled quote is the quote itself.
                    if index + 1 < bytes.count, bytes[index + 1] == terminator, terminator != UInt8(ascii: "]") {
                        index += 2
                        continue
                    }
                    index += 1
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"), UInt8(ascii: "\r"), 0x0C:
                index += 1
            case UInt8(ascii: "-") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "-"):
                while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
            case UInt8(ascii: "/") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "*"):
                index += 2
                while index < bytes.count
                    && !(bytes[index] == UInt8(ascii: "*") && index + 1 < bytes.count
                        && bytes[index + 1] == UInt8(ascii: "/"))
                {
                    index += 1
                }
                index += 2
            case UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "`"):
                skip(past: byte)
                tokens.append(.quoted)
            case UInt8(ascii: "["):
                skip(past: UInt8(ascii: "]"))
                tokens.append(.quoted)
            case UInt8(ascii: "("):
                index += 1
                tokens.append(.open)
            case UInt8(ascii: ")"):
                index += 1
                tokens.append(.close)
            case UInt8(ascii: ","):
                index += 1
                tokens.append(.comma)
            default:
                guard Self.isWordByte(byte) else {
                    index += 1
                    tokens.append(.other)
                    continue
                }
                let start = index
                while index < bytes.count && Self.isWordByte(bytes[index]) { index += 1 }
                tokens.append(.word(String(decoding: bytes[start..<index], as: UTF8.self).uppercased()))
            }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "$"), 0x80...0xFF:
            true
        default: false
        }
    }

    /// For each `REFERENCES` clause in text order (SQLite's order of declaration): whether it says
    /// `DEFERRABLE INITIALLY DEFERRED` (and not `NOT DEFERRABLE …`).
    var deferredReferences: [Bool] {
        var result: [Bool] = []
        var depth = 0
        var clause: [Token]?
        func close() {
            guard let tokens = clause else { return }
            let deferred = tokens.indices.contains { index in
                index + 2 < tokens.count && tokens[index] == .word("DEFERRABLE")
                    && tokens[index + 1] == .word("INITIALLY") && tokens[index + 2] == .word("DEFERRED")
                    && (index == 0 || tokens[index - 1] != .word("NOT"))
            }
            result.append(deferred)
            clause = nil
        }
        for token in tokens {
            switch token {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth == 0 { close() }
            case .comma where depth == 1: close()
            case .word("REFERENCES") where depth == 1:
                close()
                clause = []
            default: break
            }
            clause?.append(token)
        }
        close()
        return result
    }

    /// `… ) WITHOUT ROWID` after the column list.
    var isWithoutRowid: Bool {
        var depth = 0
        var previous: Token?
        for token in tokens {
            switch token {
            case .open: depth += 1
            case .close: depth -= 1
            case .word("ROWID") where depth == 0 && previous == .word("WITHOUT"): return true
            default: break
            }
            previous = token
        }
        return false
    }
}
