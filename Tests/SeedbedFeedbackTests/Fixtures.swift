import SeedbedFeedback

/// The report files under `Fixtures/`, found next to this source file.
enum Fixtures {
    static let directory: String = {
        let source = #filePath
        let folder = source.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        return folder + "/Fixtures"
    }()

    static func path(_ name: String) -> String {
        directory + "/" + name
    }

    static func parse(_ name: String, options: JUnitParseOptions = JUnitParseOptions()) throws(JUnitError) -> TestRun {
        try JUnitParser(options: options).parse(file: path(name))
    }

    /// The error a fixture is refused with, or nil when it parses.
    static func error(_ name: String, options: JUnitParseOptions = JUnitParseOptions()) -> JUnitError? {
        do {
            _ = try parse(name, options: options)
            return nil
        } catch {
            return error
        }
    }

    static let dialects = [
        "surefire.xml", "jenkins-nested.xml", "jest-junit.xml", "go-junit-report.xml", "gotestsum.xml",
        "gradle.xml", "swift-xctest.xml", "swift-testing.xml", "mocha-xunit.xml", "mocha-junit-reporter.xml",
        "phpunit.xml", "nextest.xml", "testng.xml", "playwright.xml", "dotnet-junit-logger.xml",
        "pytest-xunit1.xml", "pytest-xunit2.xml", "cdata.xml",
    ]
}
