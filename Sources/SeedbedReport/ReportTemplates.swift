import Foundation
import Mustache

/// The Mustache templates of the site, read from the package's resources once.
///
/// `{{name}}` escapes for HTML, so any text from the catalog (test names, rule titles, spec
/// lines) shows as text; only `Markup` the report drew itself goes in through `{{{…}}}`.
struct ReportTemplates: Sendable {
    /// Page templates and the partials they include (`{{>head}}`).
    static let names = [
        "index", "version", "effectiveness", "head", "foot", "style", "badge", "facts", "figures", "tagged",
    ]

    let library: MustacheLibrary

    static func load(bundle: Bundle = .module) throws(ReportError) -> ReportTemplates {
        var library = MustacheLibrary()
        for name in names {
            guard
                let url = bundle.url(forResource: name, withExtension: "mustache", subdirectory: "Templates")
                    ?? bundle.url(forResource: name, withExtension: "mustache")
            else {
                throw ReportError(
                    .templates, "the report template '\(name).mustache' is missing from Seedbed's resources")
            }
            do {
                try library.register(try String(contentsOf: url, encoding: .utf8), named: name)
            } catch {
                throw ReportError(.templates, "the report template '\(name).mustache' cannot be read: \(error)")
            }
        }
        return ReportTemplates(library: library)
    }

    /// Renders a page template with `view` as its context.
    func render(_ view: Any, page: String) throws(ReportError) -> String {
        guard let text = library.render(view, withTemplate: page) else {
            throw ReportError(.templates, "the report template '\(page)' is not loaded")
        }
        return text
    }
}
