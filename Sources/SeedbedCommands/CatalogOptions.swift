public import ArgumentParser
import Foundation
import SeedbedCatalog
import SeedbedEngine
import SeedbedSpec
import SeedbedStores

/// The catalog options `generate` and `seed` share, and the registration they end with.
public struct CatalogOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The catalog: a SQLite file or a PostgreSQL URI.", valueName: "path-or-url"))
    var catalog: String?

    @Option(
        name: .customLong("version"),
        help: ArgumentHelp("The dataset version to record (default: the spec's 'version').", valueName: "semver"))
    var datasetVersion: String?

    @Flag(help: "Replace a catalog record of the same NAME@VERSION made from another spec, profile or seed.")
    var force = false

    public init() {}

    /// Checks `--version` before any work (not in `validate()`: ArgumentParser answers any
    /// validation error on a command line holding `--version` by printing Seedbed's version).
    func checkVersion() throws {
        guard let datasetVersion else { return }
        do {
            _ = try SemanticVersion(parsing: datasetVersion)
        } catch {
            Console.current.write("seedbed: error: --version: \(error.message)\n", to: .error)
            throw ExitCode.inputError
        }
    }

    /// Records a finished run in the catalog, or says on stderr why it was not recorded (no
    /// version). A refused or failed registration is an error: the data is there, the record not.
    func register(
        command: Registration.Command, specPath: String, syntax: SpecFile, seed: UInt64, location place: String,
        format: String?, shard: String?, tables: [DatasetTable]
    ) throws {
        let console = Console.current
        let name =
            syntax.dataset?.name.name ?? ((specPath as NSString).lastPathComponent as NSString).deletingPathExtension
        guard let versionText = datasetVersion ?? syntax.dataset?.version?.value else {
            console.write(
                "seedbed: note: not recorded in the catalog: \(name) has no version (add version \"1.0.0\" to the spec's dataset line, or pass --version)\n",
                to: .error)
            return
        }
        let location = Catalog.location(option: catalog, environment: console.environment)
        do {
            let (reference, outcome) = try record(
                name: name, versionText: versionText, command: command, specPath: specPath, syntax: syntax, seed: seed,
                catalog: location, place: place, format: format, shard: shard, tables: tables)
            let what: String
            switch outcome {
            case .new: what = "a new version"
            case .again: what = "another run of it"
            case .replaced: what = "replacing the record made from something else"
            }
            console.write("seedbed: recorded \(reference) in \(location) (\(what))\n", to: .error)
        } catch {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            console.write("seedbed: the data was written but is not recorded in the catalog\n", to: .error)
            throw error.kind.exitCode
        }
    }

    private func record(
        name: String, versionText: String, command: Registration.Command, specPath: String, syntax: SpecFile,
        seed: UInt64, catalog: String, place: String, format: String?, shard: String?, tables: [DatasetTable]
    ) throws(CatalogError) -> (DatasetReference, Catalog.RegistrationOutcome) {
        let version = try SemanticVersion(parsing: versionText)
        let registration = Registration(
            dataset: DatasetReference(name: name, version: version), command: command, location: place,
            format: format, shard: shard,
            source: DatasetSourceFacts(
                specPath: Self.absolute(specPath), specSHA256: try Digest.sha256(ofFile: specPath),
                specText: (try? String(contentsOfFile: specPath, encoding: .utf8)) ?? "",
                profileSHA256: Self.profileDigest(syntax: syntax, specPath: specPath), seed: seed,
                seedbedVersion: SeedbedVersion.current),
            tables: tables)
        let outcome = try Catalog.open(catalog, create: true).register(registration, force: force)
        return (registration.dataset, outcome)
    }

    /// The spec's `profile "…"` file (see `SpecInput.profilePath`), hashed when it exists.
    static func profileDigest(syntax: SpecFile, specPath: String) -> String? {
        SpecInput.profilePath(of: syntax, specPath: specPath).flatMap { try? Digest.sha256(ofFile: $0) }
    }

    static func absolute(_ path: String) -> String {
        guard !path.hasPrefix("/") else { return (path as NSString).standardizingPath }
        return ((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path) as NSString)
            .standardizingPath
    }

    /// The registered tables of a run: every table the model made, its columns as they are read
    /// back, and the rows each made.
    static func tables(model: GenerationModel, made: [TableSummary], negative: [TableSummary] = []) -> [DatasetTable] {
        model.tables.map { table in
            let summary = made.first { $0.table == table.name }
            return DatasetTable(
                name: table.name, columns: table.columns.map { DatasetTable.Column(name: $0.name, type: $0.type) },
                rows: summary?.rows ?? 0, scenarioRows: summary?.scenarioRows ?? [:],
                negativeRows: negative.first { $0.table == table.name }?.negativeRows ?? [:])
        }
    }
}

extension CatalogError.Kind {
    var exitCode: ExitCode {
        switch self {
        case .usage, .notFound, .conflict: .inputError
        case .environment: .environmentError
        }
    }
}

// MARK: - The one call each of generate and seed makes

extension CatalogOptions {
    /// Records a `generate` run.
    func registerGeneration(
        specPath: String, syntax: SpecFile, model: GenerationModel, out: String, format: String, shard: String?,
        summary: GenerationSummary
    ) throws {
        try register(
            command: .generate, specPath: specPath, syntax: syntax, seed: model.seed,
            location: Self.absolute(out), format: format, shard: shard,
            tables: Self.tables(model: model, made: summary.tables, negative: summary.negative))
    }

    /// Records a `seed` run (tables by their spec names, as `DatabaseDataset` reads them). A SQLite
    /// file is recorded by its absolute path, so certify, trace and revalidate find it from any
    /// folder; a server by its connection without the password.
    func registerSeed(specPath: String, syntax: SpecFile, model: GenerationModel, target: Target, made: [TableSummary])
        throws
    {
        let location =
            switch target {
            case .sqlite(let path): "sqlite:" + Self.absolute(path)
            case .postgres: target.redacted
            }
        try register(
            command: .seed, specPath: specPath, syntax: syntax, seed: model.seed, location: location, format: nil,
            shard: nil, tables: Self.tables(model: model, made: made))
    }
}
