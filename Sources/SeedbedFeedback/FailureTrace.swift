public import SeedbedCatalog

/// A test traced from its result to the rules and scenarios it names, their place in the
/// dataset version's spec, and the versions where it failed or passed.
public struct TestTrace: Sendable, Equatable {
    /// The result traced: the latest failing one (else the latest), or the one of a traced run.
    public var focus: StoredTestResult
    /// Every stored result of the test, oldest run first.
    public var history: [StoredTestResult]
    /// Versions where it failed or errored in some run, in semantic-version order.
    public var failedOn: [DatasetReference]
    /// Versions where it passed (or passed after a retry) in some run.
    public var passedOn: [DatasetReference]
    /// The focus result's links, resolved against its dataset version's spec.
    public var links: [TracedLink]
}

/// A rule, scenario, record or dataset a test names, with where the spec declares it.
public struct TracedLink: Sendable, Equatable {
    /// Where the link was found.
    public enum Origin: String, Sendable {
        /// In the report, as ingested: a property, a `[[PROPERTY|…]]` output marker, or the test's name.
        case report
        /// A record key in the failure message (`TABLE:KEY`, or a links file's `record` pattern).
        case message
        /// A `test` line of the links file.
        case linksFile = "links-file"
    }

    public var link: TestLink
    public var origin: Origin
    /// The version whose spec (and, for records, lineage) was searched.
    public var dataset: DatasetReference
    /// The declaration, with the recorded spec path and line: of the rule or scenario linked, or
    /// of the scenario or negative rule that made a linked record. Nil when the spec has no rule
    /// or scenario of that ID, for a record from the base distribution, and for datasets.
    public var entry: SpecIndex.Entry?
    /// For a record: the lineage row that made it (or why there is none).
    public var record: RecordOrigin?
}

/// A run with each of its failures traced.
public struct RunTrace: Sendable, Equatable {
    public var run: TestRunRecord
    public var failures: [TestTrace]
}

/// Traces tests and runs through the catalog, parsing each version's stored spec once.
public struct TraceResolver {
    private let catalog: Catalog
    private let map: LinkMap
    private let recordKeys: RecordKeyFinder
    private var specs: [DatasetReference: SpecIndex] = [:]
    private var versions: [DatasetReference: DatasetVersion] = [:]
    private var lineage = RecordLineage()

    /// - Parameter links: the side-car links file's tests and record patterns (none by default).
    public init(catalog: Catalog, links: LinkMap = LinkMap()) {
        self.catalog = catalog
        self.map = links
        self.recordKeys = RecordKeyFinder(map: links)
    }

    /// The tests `text` names (a test key, a name, or `classname.name`), each traced; empty
    /// when no stored test matches.
    public mutating func trace(test text: String) throws(CatalogError) -> [TestTrace] {
        let found = try catalog.testResults(named: text)
        var keys: [String] = []
        for stored in found where !keys.contains(stored.result.key) { keys.append(stored.result.key) }
        var traces: [TestTrace] = []
        for key in keys {
            let history = found.filter { $0.result.key == key }
            guard let focus = history.last(where: { $0.result.isFailure }) ?? history.last else { continue }
            traces.append(try trace(focus, history: history))
        }
        return traces
    }

    /// The run with this ID and each of its failed and errored tests traced; nil when there is
    /// no such run.
    public mutating func trace(run id: String) throws(CatalogError) -> RunTrace? {
        guard let run = try catalog.testRun(id: id) else { return nil }
        var failures: [TestTrace] = []
        let histories = try catalog.failureHistories(ofRun: id)
        for stored in try catalog.testResults(ofRun: id, failuresOnly: true) {
            failures.append(try trace(stored, history: histories[stored.result.key] ?? [stored]))
        }
        return RunTrace(run: run, failures: failures)
    }

    private mutating func trace(_ focus: StoredTestResult, history: [StoredTestResult]) throws(CatalogError)
        -> TestTrace
    {
        func versions(_ include: (TestResultRecord) -> Bool) -> [DatasetReference] {
            Array(Set(history.filter { include($0.result) }.map(\.run.dataset)))
                .sorted { ($0.name, $0.version) < ($1.name, $1.version) }
        }
        let dataset = focus.run.dataset
        let version = try self.version(dataset)
        let spec = try index(of: dataset)
        let result = focus.result
        var found = result.links.map { ($0, TracedLink.Origin.report) }
        func add(_ link: TestLink, _ origin: TracedLink.Origin) {
            if !found.contains(where: { $0.0 == link }) { found.append((link, origin)) }
        }
        for link in map.links(forTest: result.key, classname: result.classname, name: result.name) {
            add(link, .linksFile)
        }
        if result.isFailure || result.status == "flaky" {
            let tables = Array(Set(version.registrations.flatMap { $0.tables.map(\.name) })).sorted()
            let messages = ([result.message] + result.attempts.map(\.message)).compactMap { $0 }
            for message in messages {
                for record in recordKeys.records(in: message, tables: tables) {
                    add(TestLink(.record, record), .message)
                }
            }
        }
        var links: [TracedLink] = []
        for (link, origin) in found {
            var traced = TracedLink(link: link, origin: origin, dataset: dataset, entry: nil, record: nil)
            switch link.kind {
            case .rule: traced.entry = spec.rule(link.value)
            case .scenario: traced.entry = spec.scenario(link.value)
            case .record:
                let record = lineage.origin(of: link.value, in: version)
                traced.record = record
                switch record.source {
                case .scenario(let id): traced.entry = spec.scenario(id)
                case .negative(let id): traced.entry = spec.rule(id)
                case .base, .unavailable: break
                }
            case .dataset: break
            }
            links.append(traced)
        }
        return TestTrace(
            focus: focus, history: history, failedOn: versions(\.isFailure),
            passedOn: versions { $0.status == "passed" || $0.status == "flaky" }, links: links)
    }

    private mutating func version(_ dataset: DatasetReference) throws(CatalogError) -> DatasetVersion {
        if let known = versions[dataset] { return known }
        let found = try catalog.version(dataset)
        versions[dataset] = found
        return found
    }

    private mutating func index(of dataset: DatasetReference) throws(CatalogError) -> SpecIndex {
        if let known = specs[dataset] { return known }
        let source = try version(dataset).source
        let index = SpecIndex(text: source.specText, path: source.specPath)
        specs[dataset] = index
        return index
    }
}
