import Foundation
import SeedbedCatalog

/// Parsing on its own thread, storing on the caller's: the two run at once, so an ingest takes
/// about as long as the slower of them rather than their sum. At most `capacity` batches wait
/// between the two, so memory stays bounded whichever is faster. The catalog is never touched
/// by the producer: its connection belongs to the thread that began the transaction.
final class IngestPipeline: @unchecked Sendable {
    /// What the producer read: each file's summary, in order, and the earliest report timestamp.
    struct Read: Sendable {
        var files: [IngestedFile] = []
        var earliest: Date?
    }

    enum Next {
        case batch([TestResultRecord])
        /// Every batch was taken; the failure is the producer's (a `JUnitError`).
        case finished(Result<Read, any Error>)
    }

    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var queue: [[TestResultRecord]] = []
    private var result: Result<Read, any Error>?
    private var cancelled = false

    /// Starts reading `files` on a new thread, in batches of `batchSize` records.
    init(files: [String], parser: JUnitParser, batchSize: Int = 1000, capacity: Int = 4) {
        self.capacity = capacity
        let thread = Thread { [self] in
            let result = Result { () throws -> Read in
                var read = Read()
                var batch: [TestResultRecord] = []
                batch.reserveCapacity(batchSize)
                for file in files {
                    let (ingested, timestamp) = try TestRunIngestion.read(file, with: parser) {
                        record throws(CatalogError) in
                        batch.append(record)
                        guard batch.count >= batchSize else { return }
                        guard self.put(batch) else { throw Self.stopped }
                        batch.removeAll(keepingCapacity: true)
                    }
                    if let timestamp { read.earliest = min(read.earliest ?? timestamp, timestamp) }
                    read.files.append(ingested)
                }
                if !batch.isEmpty, !self.put(batch) { throw Self.stopped }
                return read
            }
            self.finish(result)
        }
        // The parser's builder recurses with the report's nesting, as on the main thread.
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// Thrown inside the producer once the consumer cancelled; nobody sees it.
    private static let stopped = CatalogError(.environment, "the ingest stopped")

    /// The next batch, or how reading ended once every batch was taken.
    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && result == nil { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return .batch(batch)
        }
        return .finished(result ?? .failure(CatalogError(.environment, "reading ended without a result")))
    }

    /// Stops the producer at its next batch and waits until it has stopped; harmless once it has.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while result == nil { condition.wait() }
        condition.unlock()
    }

    private func put(_ batch: [TestResultRecord]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func finish(_ result: Result<Read, any Error>) {
        condition.lock()
        self.result = result
        condition.broadcast()
        condition.unlock()
    }
}
