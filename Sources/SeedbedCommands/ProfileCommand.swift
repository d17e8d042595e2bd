public import ArgumentParser
import Foundation
import SeedbedProfile
import SeedbedSpec
import SeedbedStores

/// `seedbed profile SOURCE --out PROFILE.json`: a production baseline as aggregate statistics.
public struct ProfileCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "profile",
        abstract: "Profile real data into aggregate statistics, never rows.",
        discussion: """
            Reads SOURCE (a CSV file, a folder of CSV files one table each, a SQLite file
            as sqlite:PATH, or a PostgreSQL connection string, read in a read-only
            transaction) and writes PROFILE.json: per table its row count and dependence
            structure (rank correlations, a Gaussian copula), per column its type, null
            rate, quantiles, category frequencies or text shape, and with --spec the
            fan-out of every `references` column. See docs/profile.md for the format.

            Privacy: columns tagged pii in --spec, and columns that look like emails, phone
            numbers, person names, national IDs or free text, keep only their shape.
            Categories with fewer than --min-count rows are merged into "other" and the
            extreme quantiles are clipped to the K-th value. --epsilon E makes the whole
            profile E-differentially private and records the budget each statistic spent.
            --seed makes the noise reproducible: keep that seed secret.

            Exit codes: 0 done, 2 usage or input error (malformed CSV, bad spec), 3 the
            database cannot be reached.

            Examples:
              seedbed profile data/customers.csv --out profiles/customers.json
              seedbed profile exports/ --out profiles/lending.json --spec rules/lending.seed
              seedbed profile exports/ --out profiles/lending.json --epsilon 1 --min-count 20
            """)

    @ArgumentParser.Argument(help: "A CSV file or a folder of CSV files.")
    var source: String

    @Option(help: "The profile file to write.")
    var out: String

    @Option(help: "A spec whose pii tags and references the profile follows.")
    var spec: String?

    @Option(help: "Make the profile differentially private with this budget (ε > 0).")
    var epsilon: Double?

    @Option(help: "Merge categories with fewer rows into \"other\"; clip quantiles to the K-th value.")
    var minCount = 10

    @Option(help: "Seed for the differential-privacy noise (default: random).")
    var seed: UInt64?

    @Option(help: "Summary format: text or json.")
    var format: OutputFormat = .text

    public init() {}

    public func validate() throws {
        if let epsilon, !(epsilon.isFinite && epsilon > 0) { throw ValidationError("--epsilon takes a number above 0") }
        if minCount < 1 { throw ValidationError("--min-count takes a whole number of at least 1") }
        if seed != nil && epsilon == nil { throw ValidationError("--seed seeds the noise of --epsilon; give both") }
    }

    public func run() async throws {
        let console = Console.current
        var options = ProfileOptions()
        options.minCount = minCount
        options.epsilon = epsilon
        options.seed = seed
        if let spec {
            let source: SourceFile
            do {
                source = try SpecInput.read(spec)
            } catch {
                console.write("seedbed: error: \(error)\n", to: .error)
                throw ExitCode.inputError
            }
            let parsed = ParsedSpec.parse(source)
            if !parsed.isWellFormed {
                console.write(DiagnosticRenderer().render(parsed.diagnostics, in: source), to: .error)
                console.write("seedbed: error: \(spec) has syntax errors; nothing was profiled\n", to: .error)
                throw ExitCode.inputError
            }
            options.spec = parsed.syntax
        }
        let started = ContinuousClock.now
        let profile: Profile
        do {
            profile = try Profiler(options: options).profile(try Self.open(source))
            try OutputFile.write(try profile.json(), to: out)
        } catch let error as StoreError {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        } catch let error as ProfileError {
            console.write("seedbed: error: \(error)\n", to: .error)
            throw ExitCode.inputError
        } catch {
            console.write("seedbed: error: cannot write '\(out)': \(error.localizedDescription)\n", to: .error)
            throw ExitCode.inputError
        }
        let elapsed = ContinuousClock.now - started
        console.write(ProfileReport(profile: profile, out: out, elapsed: elapsed).render(format))
    }

    /// A CSV file or folder, else a database target.
    static func open(_ source: String) throws -> any ProfileSource {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: source, isDirectory: &isDirectory)
        if source.lowercased().hasSuffix(".csv") || (exists && isDirectory.boolValue) {
            return try CSVSource(path: source)
        }
        return try DatabaseProfileSource(try Target(parsing: source))
    }
}

/// What `seedbed profile` says it did: the tables profiled and the protection applied.
struct ProfileReport {
    var profile: Profile
    var out: String
    var elapsed: Duration

    func render(_ format: OutputFormat) -> String {
        switch format {
        case .text: text()
        case .json: json()
        }
    }

    private var seconds: Double {
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func text() -> String {
        var lines = ["profiled \(profile.source) into \(out) in \(String(format: "%.2f", seconds)) s"]
        for table in profile.tables {
            let pairs = table.copula.map { $0.columns.count } ?? 0
            lines.append(
                "  \(table.name): \(table.rows) rows, \(table.columns.count) columns"
                    + (pairs >= 2 ? ", copula over \(pairs) columns" : ""))
        }
        for key in profile.foreignKeys {
            let parents = key.fanOut.reduce(0) { $0 + $1.parents }
            lines.append("  \(key.child) → \(key.parent): fan-out over \(parents) parents, \(key.orphans) orphans")
        }
        let privacy = profile.privacy
        var shapeOnly: [String] = []
        for table in profile.tables {
            for column in table.columns {
                if let reason = column.shapeOnly { shapeOnly.append("\(table.name).\(column.name) (\(reason))") }
            }
        }
        lines.append(
            "privacy: "
                + (shapeOnly.isEmpty
                    ? "no column kept as shape only" : "shape only: " + shapeOnly.joined(separator: ", ")))
        let merged = profile.tables.flatMap(\.columns).reduce(0) { $0 + ($1.categories?.otherCategories ?? 0) }
        if privacy.epsilon != nil {
            lines.append(
                "  categories named only with a noisy count of at least \(privacy.minCount); "
                    + "quantiles from noisy histograms")
        } else {
            lines.append(
                "  categories under \(privacy.minCount) rows merged into \"other\" (\(merged) merged); "
                    + "quantiles clipped to the \(privacy.minCount)th value from each end")
        }
        if let epsilon = privacy.epsilon {
            lines.append(
                "  differentially private: ε = \(epsilon), spent \(String(format: "%.6g", privacy.epsilonSpent)) "
                    + "over \(privacy.ledger.count) statistics")
        } else {
            lines.append("  not differentially private (use --epsilon for that)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    func json() -> String {
        struct Summary: Encodable {
            var source: String
            var out: String
            var seconds: Double
            var tables: [Table]
            var shapeOnlyColumns: [String]
            var minCount: Int
            var epsilon: Double?
            var epsilonSpent: Double
        }
        struct Table: Encodable {
            var name: String
            var rows: Int
            var columns: Int
        }
        let summary = Summary(
            source: profile.source, out: out, seconds: (seconds * 1000).rounded() / 1000,
            tables: profile.tables.map { Table(name: $0.name, rows: $0.rows, columns: $0.columns.count) },
            shapeOnlyColumns: profile.privacy.shapeOnlyColumns, minCount: profile.privacy.minCount,
            epsilon: profile.privacy.epsilon, epsilonSpent: profile.privacy.epsilonSpent)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
