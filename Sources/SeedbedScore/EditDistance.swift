/// "Did you mean …?" for metric names. (SeedbedSpec keeps its own for spec names internal;
/// this is the same Levenshtein distance with transpositions, over a fixed, short list.)
enum EditDistance {
    /// The candidate closest to `word`, if within a third of its length; ties go to the first.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let limit = Swift.max(1, word.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(word.lowercased(), candidate)
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        if a.isEmpty || b.isEmpty { return a.count + b.count }
        // Hostile policies can hold very long words; they are never close to a metric name.
        if a.count > 64 || b.count > 64 { return abs(a.count - b.count) + 64 }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = Swift.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = Swift.min(row[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, row) = (previous, row, previous2)
        }
        return previous[b.count]
    }
}
