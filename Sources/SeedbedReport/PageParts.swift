/// What the head and foot partials show on every page.
struct PageHead {
    struct Crumb {
        var label: String
        var link: String
    }

    var title: String
    /// `../` repeated to the site's folder, for links to the index.
    var root: String
    var crumbs: [Crumb]
    var catalog: String
    var asOf: String
}

/// A status as a word with an icon, coloured by its class: colour is never the only signal, and
/// the word is what a screen reader and a printout keep.
struct Badge {
    /// `pass`, `fail`, `warn` or `none` (the CSS class).
    var tone: String
    var icon: String
    var word: String

    static func pass(_ word: String) -> Badge { Badge(tone: "pass", icon: "✔", word: word) }
    static func fail(_ word: String) -> Badge { Badge(tone: "fail", icon: "✘", word: word) }
    static func warn(_ word: String) -> Badge { Badge(tone: "warn", icon: "⚠", word: word) }
    static func none(_ word: String) -> Badge { Badge(tone: "none", icon: "–", word: word) }

    /// A scorecard's verdict: every gate passed, some failed, or no scorecard.
    static func verdict(_ passed: Bool?) -> Badge {
        switch passed {
        case true?: .pass("PASSED")
        case false?: .fail("FAILED")
        case nil: .none("NOT SCORED")
        }
    }

    /// The text a Markdown table or a `<title>` gets.
    var plain: String { "\(icon) \(word)" }
}

/// A label and its value, for fact lists.
struct Fact {
    var label: String
    var value: String
    var mono: Bool = false
}

/// A headline figure: a big number and what it is.
struct HeadlineFigure {
    var label: String
    var value: String
}
