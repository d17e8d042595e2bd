/// Record keys in failure messages, as `TABLE:KEY` record links: `TABLE:KEY` tokens for the
/// dataset version's tables (`intake rejected loan:1042`), and each `record TABLE REGEX` line of
/// the links file (its first group, else the whole match, is the key).
package struct RecordKeyFinder {
    private var patterns: [(table: String, regex: Regex<AnyRegexOutput>)] = []

    package init(map: LinkMap) {
        for record in map.records {
            // LinkMap compiled each pattern when reading the file; one that fails now is left out.
            if let regex = try? Regex(record.pattern) { patterns.append((record.table, regex)) }
        }
    }

    /// The records `message` names, in order of first appearance per kind of match, without repeats.
    package func records(in message: String, tables: [String]) -> [String] {
        var found: [String] = []
        func add(_ table: String, _ key: Substring) {
            let value = "\(table):\(key)"
            if !key.isEmpty, !found.contains(value) { found.append(value) }
        }
        for table in tables {
            for key in Self.tokens(of: table, in: message) { add(table, key) }
        }
        for (table, regex) in patterns {
            for match in message.matches(of: regex) {
                let output = match.output
                let key = output.count > 1 ? output[1].substring : output[0].substring
                if let key { add(table, key) }
            }
        }
        return found
    }

    /// The keys after `table:` where `table` is a whole word: letters, digits, `_`, `-` and `.`,
    /// without a trailing `.` or `-` (the end of a sentence).
    static func tokens(of table: String, in message: String) -> [Substring] {
        let marker = table + ":"
        var keys: [Substring] = []
        var rest = message[...]
        while let range = rest.firstRange(of: marker) {
            let before = range.lowerBound == message.startIndex ? nil : message[message.index(before: range.lowerBound)]
            var end = range.upperBound
            while end < message.endIndex, isKeyCharacter(message[end]) { end = message.index(after: end) }
            var key = message[range.upperBound..<end]
            while let last = key.last, last == "." || last == "-" { key = key.dropLast() }
            if before.map(isKeyCharacter) != true, !key.isEmpty { keys.append(key) }
            rest = message[range.upperBound...]
        }
        return keys
    }

    private static func isKeyCharacter(_ character: Character) -> Bool {
        character.isASCII
            && (character.isLetter || character.isNumber || character == "_" || character == "-"
                || character == ".")
    }
}
