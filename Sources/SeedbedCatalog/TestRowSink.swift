import SeedbedStores

/// Where a `TestRunWriter` puts the rows of one run's tests: straight into SQLite, or in batches
/// through the store's bulk loader (COPY on PostgreSQL).
protocol TestRowSink: AnyObject {
    /// Writes (or gathers) the rows of one test: its result, the attempts the result's row does
    /// not hold, and its links without repeats.
    /// - Parameter attemptInResult: the test's only attempt goes in its result's row (schema 4).
    func add(_ result: TestResultRecord, seq: Int64, attemptInResult: Bool) throws(StoreError)
    /// Writes whatever is gathered.
    func flush() throws(StoreError)
}

extension TestRowSink {
    /// The links to store: each once, in the order the test named them. Links are few (most
    /// tests have none): a repeat is found by a scan, not a set.
    static func distinctLinks(_ links: [TestLink]) -> some Sequence<TestLink> {
        links.enumerated().lazy.filter { !links[..<$0.offset].contains($0.element) }.map(\.element)
    }
}
