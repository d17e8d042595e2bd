import Foundation
import SeedbedSpec

/// The JSON form of `seedbed check --format json`.
struct CheckReport: Encodable {
    struct Note: Encodable {
        var message: String
        var file: String?
        var line: Int?
        var column: Int?
    }

    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
        var severity: String
        var message: String
        var notes: [Note]
        var help: String?
    }

    struct FileSummary: Encodable {
        var file: String
        var errors: Int
        var warnings: Int
    }

    var files: [FileSummary]
    var unreadable: [[String: String]]
    var diagnostics: [Entry]
    var errors: Int
    var warnings: Int

    init(results: [CheckResult], unreadable: [SpecInput.Failure]) {
        files = results.map { FileSummary(file: $0.source.name, errors: $0.errorCount, warnings: $0.warningCount) }
        self.unreadable = unreadable.map { ["file": $0.path, "message": $0.reason] }
        diagnostics = results.flatMap { result in
            result.diagnostics.map { Self.entry($0, in: result.source) }
        }
        errors = results.reduce(0) { $0 + $1.errorCount }
        warnings = results.reduce(0) { $0 + $1.warningCount }
    }

    static func entry(_ diagnostic: Diagnostic, in source: SourceFile) -> Entry {
        let start = source.location(of: diagnostic.range.start)
        let end = source.location(of: diagnostic.range.end)
        return Entry(
            file: start.file, line: start.line, column: start.column, endLine: end.line, endColumn: end.column,
            severity: diagnostic.severity.rawValue, message: diagnostic.message,
            notes: diagnostic.notes.map { note in
                let location = note.range.map { source.location(of: $0.start) }
                return Note(message: note.message, file: location?.file, line: location?.line, column: location?.column)
            },
            help: diagnostic.help)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}
