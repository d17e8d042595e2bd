/// A word list that is missing from the bundle or does not parse.
///
/// Only a broken build produces one (the lists ship inside the package), so the message names
/// the file and line to fix.
struct FakeCorpusError: Error, Sendable, CustomStringConvertible {
    var file: String
    var line: Int?
    var message: String

    var description: String {
        if let line { "fakes/\(file):\(line): \(message)" } else { "fakes/\(file): \(message)" }
    }
}
