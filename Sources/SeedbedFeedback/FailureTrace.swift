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

/// A rule or scenario (or record, dataset) a test names, with where the spec declares it.
public struct TracedLink: Sendable, Equatable {
    public var link: TestLink
    /// The version whose spec was searched.
    public var dataset: DatasetReference
    /// The declaration, with the recorded spec path and line; nil when the spec has no rule or
    /// scenario of that ID (or the link is a record or dataset).
    public var entry: SpecIndex.Entry?
}

/// A run with each of its failures traced.
public struct RunTrace: Sendable, Equatable {
    public var run: TestRunRecord
    public var failures: [TestTrace]
}

/// Traces tests and runs through the catalog, parsing each version's stored spec once.
public struct TraceResolver {
    private let catalog: Catalog
    private var specs: [DatasetReference: SpecIndex] = [:]

    public init(catalog: Catalog) {
        self.catalog = catalog
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
        for stored in try catalog.testResults(ofRun: id, failuresOnly: true) {
            failures.append(try trace(stored, history: try catalog.testResults(named: stored.result.key)))
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
        let spec = try index(of: dataset)
        let links = focus.result.links.map { link -> TracedLink in
            let entry: SpecIndex.Entry? =
                switch link.kind {
                case .rule: spec.rule(link.value)
                case .scenario: spec.scenario(link.value)
                case .record, .dataset: nil
                }
            return TracedLink(link: link, dataset: dataset, entry: entry)
        }
        return TestTrace(
            focus: focus, history: history, failedOn: versions(\.isFailure),
            passedOn: versions { $0.status == "passed" || $0.status == "flaky" }, links: links)
    }

    private mutating func index(of dataset: DatasetReference) throws(CatalogError) -> SpecIndex {
        if let known = specs[dataset] { return known }
        let source = try catalog.version(dataset).source
        let index = SpecIndex(text: source.specText, path: source.specPath)
        specs[dataset] = index
        return index
    }
}
