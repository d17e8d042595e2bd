import SeedbedScore

/// A fragment of HTML or SVG the report's own code built, with every text inside it escaped.
///
/// Templates escape `{{value}}` by default; the only values inserted raw (`{{{chart}}}`) are
/// `Markup`, and the only ways to make one are the escaping builders in this module, so a hostile
/// name in the catalog cannot become markup on its way through a chart.
struct Markup: Sendable, CustomStringConvertible {
    let html: String

    fileprivate init(trusted html: String) { self.html = html }

    var description: String { html }

    static let empty = Markup(trusted: "")
}

/// Builds `Markup` from literal tags and escaped text.
struct MarkupBuilder {
    private(set) var html = ""

    /// Appends markup the caller wrote (tags and attribute names), never data.
    mutating func raw(_ literal: StaticString) {
        html += literal.description
    }

    /// Appends text escaped for element content and quoted attribute values.
    mutating func text(_ value: String) {
        html += Escaping.html(value)
    }

    /// Appends a number, formatted without locale.
    mutating func number(_ value: Double, digits: Int = 1) {
        html += Figures.fixed(value, digits: digits)
    }

    mutating func integer(_ value: Int) {
        html += String(value)
    }

    /// Appends `name="value"` with the value escaped.
    mutating func attribute(_ name: StaticString, _ value: String) {
        html += " " + name.description + "=\"" + Escaping.html(value) + "\""
    }

    /// Appends a numeric attribute.
    mutating func attribute(_ name: StaticString, _ value: Double) {
        html += " " + name.description + "=\"" + Figures.fixed(value, digits: 1) + "\""
    }

    mutating func append(_ markup: Markup) {
        html += markup.html
    }

    var markup: Markup { Markup(trusted: html) }
}

/// Escaping for HTML and SVG (XML) text.
enum Escaping {
    /// Text escaped for element content and attribute values in HTML and XML alike; characters
    /// XML 1.0 cannot hold (most control characters) become U+FFFD, so an SVG stays well-formed.
    static func html(_ text: String) -> String { XMLText.escaped(text) }
}
