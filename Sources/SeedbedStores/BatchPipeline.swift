import Foundation
import SeedbedEngine

/// Generation on its own thread, loading on the caller's: the two run at once, so a load takes
/// about as long as the slower of them rather than their sum. At most `capacity` batches wait
/// between the two, so memory stays bounded whichever is faster.
final class BatchPipeline: @unchecked Sendable {
    enum Next {
        case batch(RowBatch, [LineageEntry])
        case finished(Result<TableSummary, GenerationError>)
    }

    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var queue: [(RowBatch, [LineageEntry])] = []
    private var result: Result<TableSummary, GenerationError>?
    private var cancelled = false

    /// Starts generating `table` of `generation` on a new thread.
    init(generation: Generation, table: Int, capacity: Int = 4) {
        self.capacity = capacity
        // The producer thread is the only user of `generation` until `finish`; the consumer
        // never touches it while a pipeline runs.
        let producer = Unchecked(generation)
        let thread = Thread { [self] in
            let result = Result { () throws(GenerationError) in
                try producer.value.generate(table: table) { (batch, tagged) throws(GenerationError) in
                    guard self.put(batch, tagged) else { throw GenerationError("the load stopped") }
                }
            }
            self.finish(result)
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next batch, or how generation ended once every batch was taken.
    func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && result == nil { condition.wait() }
        if !queue.isEmpty {
            let (batch, tagged) = queue.removeFirst()
            condition.broadcast()
            return .batch(batch, tagged)
        }
        return .finished(result ?? .failure(GenerationError("generation ended without a result")))
    }

    /// Stops the producer at its next batch and waits until it has stopped.
    func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while result == nil { condition.wait() }
        condition.unlock()
    }

    private func put(_ batch: RowBatch, _ tagged: [LineageEntry]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append((batch, tagged))
        condition.broadcast()
        return true
    }

    private func finish(_ result: Result<TableSummary, GenerationError>) {
        condition.lock()
        self.result = result
        condition.broadcast()
        condition.unlock()
    }
}

/// Hands a value to another thread that alone uses it from then on.
private struct Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
