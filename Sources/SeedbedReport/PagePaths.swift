public import SeedbedCatalog

/// Where each page of the site is, relative to the site's folder, and the anchors inside pages.
public enum PagePaths {
    public static let index = "index.html"

    /// `versions/NAME@VERSION.html`
    public static func version(_ reference: DatasetReference) -> String {
        "versions/\(fileName(reference.name))@\(fileName(reference.version.description)).html"
    }

    /// `effectiveness/NAME.html`
    public static func effectiveness(_ name: String) -> String {
        "effectiveness/\(fileName(name)).html"
    }

    /// The link to `target` from a page at `page` (both relative to the site's folder).
    static func link(to target: String, from page: String) -> String {
        let depth = page.split(separator: "/").count - 1
        return String(repeating: "../", count: depth) + target
    }

    /// A name as a file name: letters, digits, `.`, `_`, `+` and `-` kept, every other byte
    /// (`/`, spaces, `~` itself) as `~XX`, so two names never share a file and none leaves the
    /// folder. A leading `.` is escaped too, so no page is hidden or named `..`.
    static func fileName(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let kept =
                (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
                || (byte == UInt8(ascii: ".") && !out.isEmpty)
            if kept {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                out += "~" + hex(byte)
            }
        }
        return out.isEmpty ? "~" : out
    }

    /// The `id` of a rule's line in a version page's spec (`rule-ELIG-002`), and of a scenario's.
    static func ruleAnchor(_ id: String) -> String { "rule-" + fileName(id) }
    static func scenarioAnchor(_ id: String) -> String { "scenario-" + fileName(id) }
    /// The `id` of a spec line (`L12`).
    static func lineAnchor(_ line: Int) -> String { "L\(line)" }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
