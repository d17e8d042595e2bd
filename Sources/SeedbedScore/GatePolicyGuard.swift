import SeedbedSpec

/// Refuses a hostile policy before libyaml and Yams see it.
///
/// Yams composes a whole document into nodes recursively and checks every mapping's keys
/// for duplicates by hashing them. So an alias bomb (a few lines of `&a [*b, *b, …]` that
/// expand to billions of nodes) hangs in that hash, and a deeply nested `[[[[…` or
/// `- - - - …` overflows the stack. A policy needs neither, so this refuses both from the
/// bytes alone, with bounds that hold whatever the text means: it does not track quotes,
/// block scalars or trailing comments (getting any of them wrong would let a bomb through),
/// only skips whole-line comments, which libyaml never reads as anything but a comment or
/// text. The price is that a '&name' or '*name' inside a quoted text or a trailing comment
/// is refused too, which the message says.
struct GatePolicyGuard {
    /// Far above any real policy (a few kilobytes), far below what could take long to parse.
    static let maximumBytes = 1 << 20
    /// The most collections the nesting bound allows (a policy needs 3).
    static let maximumDepth = 256

    /// The first reason to refuse `bytes[start...]`, if any.
    static func check(_ bytes: [UInt8], from start: Int) -> Diagnostic? {
        let size = bytes.count - start
        if size > maximumBytes {
            return .error(
                .policyTooLarge(size, limit: maximumBytes), at: SourceRange(start: start, end: start))
        }
        // libyaml nests a block collection only at a column greater than its parent's, where a
        // token starts: a line's indentation, or just after an indicator ('-', '?', ':') and the
        // spaces after it. So the number of such columns bounds the block nesting (twice, since
        // a mapping may hold an indentless sequence at its own column), and each flow collection
        // needs one '[' or '{'.
        var columns = Set<Int>()
        var brackets = 0
        var lineStart = start
        while lineStart < bytes.count {
            let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var i = lineStart
            while i < lineEnd, isBlank(bytes[i]) { i += 1 }
            if i == lineEnd || bytes[i] == UInt8(ascii: "#") {
                lineStart = lineEnd + 1
                continue
            }
            columns.insert(i - lineStart)
            while i < lineEnd {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "&"), UInt8(ascii: "*"):
                    // libyaml's anchor names are letters, digits, '_' and '-'.
                    if i + 1 < lineEnd, isAnchorCharacter(bytes[i + 1]) {
                        return .error(.policyAnchorOrAlias, at: SourceRange(start: i, end: i + 1))
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    brackets += 1
                case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"):
                    if i + 1 == lineEnd || isBlank(bytes[i + 1]) {
                        columns.insert(i - lineStart)
                        var next = i + 1
                        while next < lineEnd, isBlank(bytes[next]) { next += 1 }
                        columns.insert(next - lineStart)
                    }
                default: break
                }
                if 2 * columns.count + brackets > maximumDepth {
                    return .error(.policyTooDeep(limit: maximumDepth), at: SourceRange(start: i, end: i + 1))
                }
                i += 1
            }
            lineStart = lineEnd + 1
        }
        return nil
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    private static func isAnchorCharacter(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "-")
    }
}
