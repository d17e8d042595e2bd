import FoundationEssentials
import SeedbedCatalog
import SeedbedStores
import Synchronization

/// Parsing on its own thread, storing on the caller's (see `ProducerPipeline`): the producer
/// hands batches of records over and never touches the catalog, whose connection belongs to the
/// thread that began the transaction.
///
/// Stored batches go back to the producer (`Spent`), which frees them: their strings were
/// allocated on its thread, and freeing them on the writer's made the two threads queue on one
/// malloc arena's lock (glibc), so that they took turns rather than running at once.
struct IngestPipeline {
    /// What the producer read: each file's summary, in order, and the earliest report timestamp.
    struct Read: Sendable {
        var files: [IngestedFile] = []
        var earliest: Date?
    }

    typealias Pipeline = ProducerPipeline<[TestResultRecord], Read, any Error>

    /// Batches the consumer is done with, waiting for the producer to free them. At most the
    /// pipeline's capacity and one more wait here: the producer takes them before each batch.
    final class Spent: Sendable {
        private let batches = Mutex<[[TestResultRecord]]>([])

        func give(_ batch: [TestResultRecord]) {
            batches.withLock { $0.append(batch) }
        }

        /// Takes every batch given back; the caller frees them by letting them go.
        func take() -> [[TestResultRecord]] {
            batches.withLock { batches in
                defer { batches = [] }
                return batches
            }
        }
    }

    private let pipeline: Pipeline
    private let spent: Spent

    /// The next batch, or how reading ended (see `ProducerPipeline.next`).
    func next() -> Pipeline.Next { pipeline.next() }

    /// Hands a stored batch back, to be freed on the producer's thread.
    func stored(_ batch: consuming [TestResultRecord]) { spent.give(batch) }

    /// Stops reading and waits for the thread (see `ProducerPipeline.cancel`).
    func cancel() { pipeline.cancel() }

    /// Starts reading `files` on a new thread, in batches of `batchSize` records; a broken file
    /// ends it with its `JUnitError`.
    static func start(files: [String], parser: JUnitParser, batchSize: Int = 1000) -> IngestPipeline {
        let spent = Spent()
        let pipeline = Pipeline { put in
            Result { () throws -> Read in
                var read = Read()
                var batch: [TestResultRecord] = []
                batch.reserveCapacity(batchSize)
                for file in files {
                    let (ingested, timestamp) = try TestRunIngestion.read(file, with: parser) {
                        record throws(CatalogError) in
                        batch.append(record)
                        guard batch.count >= batchSize else { return }
                        // Freed here, on the thread that allocated them.
                        _ = spent.take()
                        guard put(batch) else { throw stopped }
                        batch = []
                        batch.reserveCapacity(batchSize)
                    }
                    if let timestamp { read.earliest = min(read.earliest ?? timestamp, timestamp) }
                    read.files.append(ingested)
                }
                if !batch.isEmpty, !put(batch) { throw stopped }
                return read
            }
        }
        return IngestPipeline(pipeline: pipeline, spent: spent)
    }

    /// Thrown inside the producer once the consumer cancelled; nobody sees it.
    private static let stopped = CatalogError(.environment, "the ingest stopped")
}
