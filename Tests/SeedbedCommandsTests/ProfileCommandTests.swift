import Foundation
import SeedbedProfile
import SeedbedStores
import SeedbedTestSupport
import Testing

@Suite("seedbed profile")
struct ProfileCommandTests {
    static let csv =
        "id,email,tier,amount\n"
        + (1...50).map { "\($0),p\($0)@example.com,\($0 % 5 == 0 ? "gold" : "basic"),\($0 * 3)" }.joined(
            separator: "\n")

    @Test func writesAProfileAndSaysWhatItProtected() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customer.csv", Self.csv)
        let out = folder.url.appendingPathComponent("p.json").path
        let outcome = await seedbed("profile", source, "--out", out)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let profile = try Profile.load(path: out)
        #expect(profile.tables.map(\.rows) == [50])
        let lines = outcome.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("profiled customer.csv into \(out) in ") == true)
        #expect(
            Array(lines.dropFirst()) == [
                "  customer: 50 rows, 4 columns, copula over 3 columns",
                "privacy: shape only: customer.email (email addresses (by name))",
                "  categories under 10 rows merged into \"other\" (0 merged); quantiles clipped to the 10th value from each end",
                "  not differentially private (use --epsilon for that)",
            ])
    }

    /// `--out` naming something that is not a regular file (a FIFO here; `/dev/null` or
    /// `/dev/stdout` in a script) is written into, not replaced by a rename.
    @Test func anOutputThatIsNotARegularFileIsWrittenIntoNotReplaced() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customer.csv", Self.csv)
        let fifo = folder.url.appendingPathComponent("out.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        // A non-blocking reader first, so the command's open for writing does not wait and the
        // test cannot hang; the profile (a few KB) fits in the pipe's buffer.
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        let outcome = await seedbed("profile", source, "--out", fifo)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(reader, &buffer, buffer.count)
            guard count > 0 else { break }
            bytes += buffer[0..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("{") && text.contains("\"customer\""))
        var info = stat()
        #expect(stat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
    }

    @Test func epsilonIsReportedAndJSONSummaryParses() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("customer.csv", Self.csv)
        let out = folder.url.appendingPathComponent("p.json").path
        let outcome = await seedbed(
            "profile", source, "--out", out, "--epsilon", "1.5", "--seed", "9", "--min-count", "5", "--format", "json")
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let summary = try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any]
        #expect(summary?["epsilon"] as? Double == 1.5)
        #expect(summary?["minCount"] as? Int == 5)
        #expect(summary?["shapeOnlyColumns"] as? [String] == ["customer.email"])
    }

    @Test func malformedCSVIsAnInputErrorWithItsLine() async throws {
        let folder = try TemporaryDirectory()
        let source = try folder.write("t.csv", "a,b\n1,2\n3\n")
        let outcome = await seedbed("profile", source, "--out", folder.url.appendingPathComponent("p.json").path)
        #expect(outcome.exitCode == 2)
        #expect(outcome.error.contains("t.csv:3: 1 field where the header has 2"))
    }

    @Test func profilesASQLiteDatabaseByItsDeclaredTypes() async throws {
        let folder = try TemporaryDirectory()
        let path = folder.url.appendingPathComponent("prod.db").path
        let database = try SQLiteDatabase(path: path, create: true)
        try database.execute(
            "CREATE TABLE account (id INTEGER PRIMARY KEY, opened DATE, balance NUMERIC(9,2), tier TEXT)")
        for id in 1...40 {
            try database.execute(
                "INSERT INTO account VALUES (\(id), '2024-01-\(String(format: "%02d", id % 28 + 1))', \(id).50, '\(id % 4 == 0 ? "gold" : "basic")')"
            )
        }
        let out = folder.url.appendingPathComponent("p.json").path
        let outcome = await seedbed("profile", "sqlite:\(path)", "--out", out)
        #expect(outcome.exitCode == 0, "\(outcome.error)")
        let profile = try Profile.load(path: out)
        #expect(profile.tables.map(\.rows) == [40])
        #expect(outcome.output.hasPrefix("profiled sqlite:\(path) into \(out) in "))
    }

    @Test func anUnreachableDatabaseIsAnEnvironmentError() async {
        let outcome = await seedbed("profile", "sqlite:/nonexistent/prod.db", "--out", "p.json")
        #expect(outcome.exitCode == 3)
        #expect(outcome.error.contains("/nonexistent/prod.db"))
    }

    @Test func badOptionsAreUsageErrors() async {
        #expect(await seedbed("profile", "x.csv", "--out", "p.json", "--epsilon", "0").exitCode == 2)
        #expect(await seedbed("profile", "x.csv", "--out", "p.json", "--min-count", "0").exitCode == 2)
        #expect(await seedbed("profile", "x.csv", "--out", "p.json", "--seed", "1").exitCode == 2)
        #expect(await seedbed("profile", "missing.csv", "--out", "p.json").exitCode == 2)
    }
}
