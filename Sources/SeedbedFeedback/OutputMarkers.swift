/// Testmo's `[[PROPERTY|name=value]]` lines in captured output: how frameworks that cannot
/// write properties (XCTest, Swift Testing) attach them. `[[ATTACHMENT|…]]` lines are left alone.
enum OutputMarkers {
    static func properties(in output: String) -> [Property] {
        guard output.containsBytes("[[PROPERTY|") else { return [] }
        var found: [Property] = []
        var rest = Substring(output)
        while let start = rest.firstRange(of: "[[PROPERTY|") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstRange(of: "]]") else { break }
            let body = rest[..<end.lowerBound]
            rest = rest[end.upperBound...]
            guard let equals = body.firstIndex(of: "="), !body.contains(where: { $0.isNewline }) else { continue }
            let name = String(body[..<equals]).trimmingSpaces()
            let value = String(body[body.index(after: equals)...]).trimmingSpaces()
            if !name.isEmpty { found.append(Property(name: name, value: value, origin: .outputMarker)) }
        }
        return found
    }
}
