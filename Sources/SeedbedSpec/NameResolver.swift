/// Resolves names and checks types (filled in next).
struct NameResolver {
    let parsed: ParsedSpec
    var diagnostics: [Diagnostic] = []

    init(parsed: ParsedSpec) {
        self.parsed = parsed
    }

    mutating func run() {}
}
