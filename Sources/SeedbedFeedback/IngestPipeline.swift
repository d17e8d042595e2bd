import FoundationEssentials
import SeedbedCatalog
import SeedbedStores

/// Parsing on its own thread, storing on the caller's (see `ProducerPipeline`): the producer
/// hands batches of records over and never touches the catalog, whose connection belongs to the
/// thread that began the transaction.
enum IngestPipeline {
    /// What the producer read: each file's summary, in order, and the earliest report timestamp.
    struct Read: Sendable {
        var files: [IngestedFile] = []
        var earliest: Date?
    }

    typealias Pipeline = ProducerPipeline<[TestResultRecord], Read, any Error>

    /// Starts reading `files` on a new thread, in batches of `batchSize` records; a broken file
    /// ends it with its `JUnitError`.
    static func start(files: [String], parser: JUnitParser, batchSize: Int = 1000) -> Pipeline {
        Pipeline { put in
            Result { () throws -> Read in
                var read = Read()
                var batch: [TestResultRecord] = []
                batch.reserveCapacity(batchSize)
                for file in files {
                    let (ingested, timestamp) = try TestRunIngestion.read(file, with: parser) {
                        record throws(CatalogError) in
                        batch.append(record)
                        guard batch.count >= batchSize else { return }
                        guard put(batch) else { throw stopped }
                        batch.removeAll(keepingCapacity: true)
                    }
                    if let timestamp { read.earliest = min(read.earliest ?? timestamp, timestamp) }
                    read.files.append(ingested)
                }
                if !batch.isEmpty, !put(batch) { throw stopped }
                return read
            }
        }
    }

    /// Thrown inside the producer once the consumer cancelled; nobody sees it.
    private static let stopped = CatalogError(.environment, "the ingest stopped")
}
