import FoundationEssentials
import SeedbedCatalog
import SeedbedStores

/// Parsing on its own thread, storing on the caller's (see `ProducerPipeline`): the producer
/// hands batches of parsed test cases over and never touches the catalog, whose connection
/// belongs to the thread that began the transaction. The writer reads each test case in place
/// (`TestRunWriter.add(_:identityHash:reportFile:)`), with no record in between.
///
/// Stored batches go back to the producer (`ProducerPipeline.giveBack`), which frees them where
/// their strings were allocated.
struct IngestPipeline {
    /// What the producer read: each file's summary, in order, and the earliest report timestamp.
    struct Read: Sendable {
        var files: [IngestedFile] = []
        var earliest: Date?
    }

    /// A batch's worth of parsed tests or more, in the order they were read: whole suites, each
    /// as the catalog's rows (`TestRowBuffer`), so a retry never spans two batches.
    struct Batch: Sendable {
        var suites: [TestRowBuffer] = []
        var count = 0

        /// Adds each test to `writer`, in order.
        func write(to writer: TestRunWriter) throws(CatalogError) {
            for suite in suites { try suite.write(to: writer) }
        }
    }

    typealias Pipeline = ProducerPipeline<Batch, Read, any Error>

    private let pipeline: Pipeline

    /// The next batch, or how reading ended (see `ProducerPipeline.next`).
    func next() -> Pipeline.Next { pipeline.next() }

    /// Hands a stored batch back, to be freed on the producer's thread.
    func stored(_ batch: consuming Batch) { pipeline.giveBack(batch) }

    /// Stops reading and waits for the thread (see `ProducerPipeline.cancel`).
    func cancel() { pipeline.cancel() }

    /// Starts reading `files` on a new thread, in batches of `batchSize` tests; a broken file
    /// ends it with its `JUnitError`.
    static func start(files: [String], parser: JUnitParser, batchSize: Int = 1000) -> IngestPipeline {
        let pipeline = Pipeline { put in
            Result { () throws -> Read in
                var read = Read()
                var batch = Batch()
                for file in files {
                    let (ingested, timestamp) = try TestRunIngestion.scanRows(file, with: parser) {
                        rows throws(CatalogError) in
                        batch.count += rows.count
                        batch.suites.append(rows)
                        guard batch.count >= batchSize else { return }
                        guard put(batch) else { throw stopped }
                        batch = Batch()
                    }
                    if let timestamp { read.earliest = min(read.earliest ?? timestamp, timestamp) }
                    read.files.append(ingested)
                }
                if batch.count > 0, !put(batch) { throw stopped }
                return read
            }
        }
        return IngestPipeline(pipeline: pipeline)
    }

    /// Thrown inside the producer once the consumer cancelled; nobody sees it.
    private static let stopped = CatalogError(.environment, "the ingest stopped")
}
