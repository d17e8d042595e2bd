import Foundation
import SeedbedSpec
import SeedbedTestSupport
import Testing

/// SPEC-LANGUAGE.md is the contract: every whole-file example in it must check clean.
@Suite("Language reference examples")
struct SpecLanguageExamplesTests {
    static let shared = Repository.root().deletingLastPathComponent().appendingPathComponent("shared/SPEC-LANGUAGE.md")
    static let copy = Repository.root().appendingPathComponent("Tests/SeedbedSpecTests/Fixtures/SPEC-LANGUAGE.md")

    /// The reference as the shared folder has it, or the copy kept with the tests where the
    /// shared folder is absent (a clean CI checkout).
    static func reference() throws -> String {
        if let shared = try? String(contentsOf: shared, encoding: .utf8) { return shared }
        return try String(contentsOf: copy, encoding: .utf8)
    }

    /// Fenced code blocks that are whole spec files: the first thing in them, after comments, is `dataset`.
    static func wholeFileExamples() throws -> [String] {
        let text = try reference()
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                if let block = current {
                    blocks.append(block.joined(separator: "\n") + "\n")
                    current = nil
                } else {
                    current = []
                }
            } else {
                current?.append(line)
            }
        }
        return blocks.filter { block in
            let code = block.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty && !$0.hasPrefix("#") }
            return code?.hasPrefix("dataset ") ?? false
        }
    }

    @Test func theCopyUnderTestsMatchesTheSharedReference() throws {
        guard let shared = try? String(contentsOf: Self.shared, encoding: .utf8) else { return }
        let copy = try String(contentsOf: Self.copy, encoding: .utf8)
        #expect(
            shared == copy,
            "Tests/SeedbedSpecTests/Fixtures/SPEC-LANGUAGE.md is stale: copy ../shared/SPEC-LANGUAGE.md over it")
    }

    @Test func theReferenceHasAWholeFileExample() throws {
        #expect(try Self.wholeFileExamples().count >= 1)
    }

    @Test func everyWholeFileExampleChecksClean() throws {
        for (index, example) in try Self.wholeFileExamples().enumerated() {
            let result = Checker().check(source: example, file: "example-\(index + 1).seed")
            let rendered = DiagnosticRenderer().render(result.diagnostics, in: result.source)
            #expect(result.diagnostics.isEmpty, "\(rendered)")
            #expect(result.syntax.tables.count >= 1)
        }
    }

    @Test func theLendingExampleParsesAsWritten() throws {
        let example = try #require(try Self.wholeFileExamples().first)
        let spec = Checker().check(source: example, file: "lending.seed").syntax
        #expect(spec.dataset?.name.name == "lending")
        #expect(spec.dataset?.version?.value == "1.4.0")
        #expect(spec.dataset?.seed?.value == 42)
        #expect(spec.tables.map(\.name.name) == ["customer", "loan"])
        #expect(spec.tables.map(\.columns.count) == [9, 7])
        #expect(spec.rules.map(\.id.name) == ["ELIG-001", "ELIG-002", "CO-003", "IMP-004"])
        #expect(spec.rules.map(\.kind) == [.eligibility, .eligibility, .coOccurrence, .impossible])
        #expect(spec.rules.map(\.requirement) == [.require, .require, .require, .forbid])
        #expect(spec.scenarios.map(\.id.name) == ["EDGE-LTV"])
        #expect(spec.scenarios.first?.quota.value == .share(.percent(0.5)))
        let segment = try #require(spec.tables.first?.column(named: "segment"))
        guard case .distribution(.oneOf(let choices))? = segment.generator?.value else {
            Issue.record("segment is not a 'one of'")
            return
        }
        #expect(choices.map(\.value) == [.string("retail"), .string("premium")])
        #expect(choices.map(\.weight) == [.percent(90), .percent(10)])
    }
}
