/// Text for XML and HTML, where the scorecard's JUnit and HTML and the report's pages put it.
public enum XMLText {
    /// Text escaped for element content and attribute values in HTML and XML alike; characters
    /// XML 1.0 cannot hold (most control characters) become U+FFFD, so a document stays
    /// well-formed whatever a rule title or test name holds.
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || (0xFFFE...0xFFFF).contains(scalar.value):
                out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
