import ArgumentParser
import Foundation
import SeedbedEngine
import SeedbedProfile
import SeedbedScore
import SeedbedSpec
import SeedbedStores

/// The work of `seedbed score`: read the spec, the policy and the baselines first (so a typo
/// fails before any data is read), then every table once, then measure and gate.
struct ScoreRunner {
    struct Failure: Error {
        /// What to print: a message, or rendered diagnostics (ending in a newline).
        var message: String
        var exitCode: ExitCode
    }

    var specPath: String
    var target: String?
    var data: String?
    var profile: String?
    var baseline: String?
    var privacyAgainst: String?
    var policy: String?
    var seed: UInt64?
    var progress: ((String) -> Void)?
    /// Called with each phase's name and wall time (`--timings`).
    var timed: ((String, Duration) -> Void)?

    static let batchSize = 4096

    func run() throws(Failure) -> Scorecard {
        let source: SourceFile
        do {
            source = try SpecInput.read(specPath)
        } catch {
            throw Failure(message: "\(error)", exitCode: .inputError)
        }
        let parsed = ParsedSpec.parse(source)
        guard parsed.isWellFormed else {
            throw Failure(message: DiagnosticRenderer().render(parsed.diagnostics, in: source), exitCode: .inputError)
        }
        let gatePolicy = try readPolicy()
        let profileFile = try readProfile()
        let (dataset, syntax) = try openDataset(parsed: parsed, source: source)
        let checked = Checker().check(parsed.amending(syntax))
        guard !checked.hasErrors else {
            throw Failure(message: DiagnosticRenderer().render(checked.diagnostics, in: source), exitCode: .inputError)
        }
        let spec = checked.syntax

        // The baseline is read on another thread meanwhile; a failure here still waits for it.
        let background = baseline.map { ScoreBackgroundRead($0, tables: spec.tables) }
        defer { background?.finish() }
        let conformance = RuleConformance(spec: spec)
        var tables: [ScorecardTable] = []
        var counts: [(name: String, rows: Int)] = []
        var clock = ContinuousClock.now
        for name in conformance.tableOrder {
            guard let declaration = spec.tables.first(where: { $0.name.name == name }) else { continue }
            let table = try read(declaration, from: dataset, into: conformance)
            tables.append(table)
            counts.append((name, table.data.rowCount))
        }
        lap("reading the data and checking the rules", since: &clock)
        let lineage: [LineageEntry]
        do {
            lineage = try dataset.lineage()
        } catch {
            throw Self.failure(error)
        }
        let scenarioLineage = lineage.filter { $0.kind == .scenario }.map { (table: $0.table, id: $0.id) }

        var scorecard = Scorecard(
            dataset: dataset.location, spec: specPath,
            conformance: conformance.report(lineage: lineage.isEmpty ? nil : scenarioLineage))
        scorecard.specName = spec.dataset?.name.name
        scorecard.specVersion = spec.dataset?.version?.value
        scorecard.tables = counts
        do {
            try scorecard.measureDiagnostics(tables)
            lap("diagnostics", since: &clock)
            if let profileFile {
                progress?("fidelity against \(profile ?? "")")
                scorecard.measureFidelity(
                    tables, profile: Scorecard.ProfileBaseline(profile: profileFile, spec: spec),
                    baseline: profile ?? "")
                scorecard.privacy.epsilon = profileFile.privacy.epsilon
                scorecard.privacy.epsilonSpent =
                    profileFile.privacy.epsilon == nil ? nil : profileFile.privacy.epsilonSpent
            } else if let baseline, let background {
                progress?("reading \(baseline)")
                let real = try background.value()
                lap("waiting for the baseline", since: &clock)
                timed?("reading the baseline (alongside)", background.duration)
                progress?("fidelity against \(baseline)")
                try scorecard.measureFidelity(tables, real: real, baseline: baseline)
            }
            lap("fidelity", since: &clock)
            let real = try privacyAgainst.map { (text) throws(Failure) in try Self.readReal(text, tables: spec.tables) }
            progress?("privacy")
            try scorecard.measurePrivacy(
                tables, real: real, against: privacyAgainst,
                seed: seed ?? spec.dataset?.seed.map { UInt64(max(0, $0.value)) } ?? 0)
            lap("privacy", since: &clock)
        } catch let error as Failure {
            throw error
        } catch {
            throw Failure(message: "cannot score: \(error)", exitCode: .inputError)
        }
        scorecard.apply(gatePolicy)
        return scorecard
    }

    // MARK: - Inputs

    private func readPolicy() throws(Failure) -> GatePolicy { try Self.readPolicy(policy) }

    /// The policy at `policy`, or the built-in default.
    static func readPolicy(_ policy: String?) throws(Failure) -> GatePolicy {
        let file: SourceFile
        if let policy {
            guard let bytes = FileManager.default.contents(atPath: policy) else {
                throw Failure(message: "cannot read the policy '\(policy)'", exitCode: .inputError)
            }
            file = SourceFile(name: policy, bytes: [UInt8](bytes))
        } else {
            file = SourceFile(name: ScoreDefaultPolicy.name, bytes: Array(ScoreDefaultPolicy.text.utf8))
        }
        do {
            return try GatePolicy(parsing: file)
        } catch {
            throw Failure(message: error.description, exitCode: .inputError)
        }
    }

    private func readProfile() throws(Failure) -> Profile? {
        guard let profile else { return nil }
        do {
            return try Profile.load(path: profile)
        } catch {
            throw Failure(message: "\(error)", exitCode: .inputError)
        }
    }

    /// The dataset, and the spec to score it with: for a database, merged with its schema so
    /// its CHECK constraints are `db:` rules too.
    private func openDataset(parsed: ParsedSpec, source: SourceFile) throws(Failure) -> (any DatasetSource, SpecFile) {
        do {
            if let data { return (try FileDataset(directory: data), parsed.syntax) }
            let target = try Target(parsing: target ?? "")
            let database = try target.open()
            let merge = try SchemaMerge(
                spec: parsed.syntax, schema: try database.introspect(), dialect: database.dialect, create: false,
                source: source)
            return (
                DatabaseDataset(database: database, bindings: merge.bindings, location: target.redacted), merge.syntax
            )
        } catch {
            throw Self.failure(error)
        }
    }

    private func lap(_ phase: String, since start: inout ContinuousClock.Instant) {
        let now = ContinuousClock.now
        timed?(phase, now - start)
        start = now
    }

    static func readReal(_ text: String, tables: [TableDecl]) throws(Failure) -> [String: MetricTable] {
        do {
            return try ScoreRealSource(text: text).read(tables: tables)
        } catch {
            throw Failure(
                message: error.message, exitCode: error.code == .environment ? .environmentError : .inputError)
        }
    }

    /// Reads a table once: into rule conformance batch by batch, and into columns for the metrics.
    private func read(
        _ declaration: TableDecl, from dataset: any DatasetSource, into conformance: RuleConformance
    ) throws(Failure) -> ScorecardTable {
        let name = declaration.name.name
        let types = declaration.columns.map { $0.type.valueType ?? .text }
        let load = zip(declaration.columns, types).map {
            LoadColumn(name: $0.name.name, type: $1, declaredType: "")
        }
        var gathered = ScoreColumns(names: load.map(\.name), types: types)
        let keyIndex = declaration.columns.firstIndex { $0.modifiers.contains { $0.value == .key } }
        do throws(StoreError) {
            guard try dataset.hasTable(name) else {
                throw StoreError(
                    .schema,
                    "\(dataset.location) has no table '\(name)' of the spec; generate or seed it with this spec")
            }
            var read = 0
            try dataset.read(table: name, columns: load, batchSize: Self.batchSize) { (batch) throws(StoreError) in
                let first = read
                let keys = (0..<batch.count).map { row in
                    keyIndex.map { batch.columns[$0].text(at: row) } ?? String(first + row + 1)
                }
                conformance.add(table: name, columns: ScoreColumns.ruleValues(batch), keys: keys)
                gathered.append(batch)
                read += batch.count
                progress?("\(name): \(read) rows")
            }
        } catch {
            throw Self.failure(error)
        }
        let data: MetricTable
        do {
            data = try gathered.table()
        } catch {
            throw Failure(message: "cannot score table '\(name)': \(error)", exitCode: .inputError)
        }
        return ScorecardTable(name: name, columns: declaration.columns.map(Self.column), data: data)
    }

    static func column(_ declaration: ColumnDecl) -> ScorecardTable.Column {
        var column = ScorecardTable.Column(name: declaration.name.name)
        column.isIdentifier = declaration.type.valueType == .uuid
        // ScoreColumns reads dates as days and timestamps as microseconds since 1970.
        switch declaration.type.valueType {
        case .date: column.unit = .date
        case .timestamp: column.unit = .timestamp
        default: break
        }
        for modifier in declaration.modifiers.map(\.value) {
            switch modifier {
            case .key: column.isKey = true
            case .references(let table, let target): column.references = (table.name, target.name)
            case .nullable: column.isNullable = true
            case .pii: column.isPII = true
            case .quasiIdentifier: column.isQuasiIdentifier = true
            case .sensitive: column.isSensitive = true
            case .unique, .min, .max: break
            }
        }
        return column
    }

    static func failure(_ error: StoreError) -> Failure {
        Failure(message: error.message, exitCode: error.kind.exitCode)
    }
}
