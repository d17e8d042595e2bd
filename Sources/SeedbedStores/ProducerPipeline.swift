import Foundation

/// Work made on a thread of its own and taken on the caller's: the two run at once, so the whole
/// takes about as long as the slower of them rather than their sum. At most `capacity` items wait
/// between the two, so memory stays bounded whichever is faster. Generation feeding a load
/// (`Seeder`) and JUnit parsing feeding the catalog (SeedbedFeedback's ingest) both run on it.
///
/// The consumer calls `next()` until `.finished`, and `cancel()` when it stops early (or always:
/// once the producer has finished it is harmless), so no thread outlives the work.
public final class ProducerPipeline<Item, Outcome, Failure: Error>: @unchecked Sendable {
    public enum Next {
        case item(Item)
        /// Every item was taken; how the producer ended.
        case finished(Result<Outcome, Failure>)
    }

    private let condition = NSCondition()
    private let capacity: Int
    // Guarded by `condition`.
    private var queue: [Item] = []
    /// Items the consumer is done with, freed by the producer before it puts the next one.
    private var returned: [Item] = []
    private var result: Result<Outcome, Failure>?
    private var cancelled = false

    /// Starts `produce` on a new thread (8 MB of stack: parsers and generators recurse as they
    /// would on the main thread). It hands each item to `put`, which answers false once the
    /// consumer has cancelled: the producer should then stop.
    public init(
        capacity: Int = 4,
        produce: @escaping @Sendable (_ put: (Item) -> Bool) -> Result<Outcome, Failure>
    ) {
        self.capacity = capacity
        let thread = Thread { [self] in
            let result = produce { self.put($0) }
            condition.lock()
            self.result = result
            condition.broadcast()
            condition.unlock()
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    /// The next item, or how the producer ended once every item was taken.
    public func next() -> Next {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && result == nil { condition.wait() }
        if !queue.isEmpty {
            let item = queue.removeFirst()
            condition.broadcast()
            return .item(item)
        }
        // The loop above only ends with an item or a result.
        guard let result else { preconditionFailure("a producer pipeline woke without an item or a result") }
        return .finished(result)
    }

    /// Stops the producer at its next item and waits until it has stopped.
    public func cancel() {
        condition.lock()
        cancelled = true
        queue.removeAll()
        condition.broadcast()
        while result == nil { condition.wait() }
        condition.unlock()
    }

    /// Hands an item the consumer is done with back, to be freed on the producer's thread, which
    /// allocated it: glibc's allocator frees a block under the lock of the arena it came from, so
    /// items made of many small allocations (parsed tests and their strings), freed on the
    /// consumer's thread, make the two threads queue on one lock and take turns. Whatever the
    /// consumer made that shares the item's storage must be gone by then.
    public func giveBack(_ item: consuming Item) {
        condition.lock()
        returned.append(item)
        condition.unlock()
    }

    private func put(_ item: Item) -> Bool {
        freeReturned()
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        queue.append(item)
        condition.broadcast()
        return true
    }

    /// Lets the returned items go here, on the producer's thread, outside the lock.
    private func freeReturned() {
        condition.lock()
        let spent = returned
        returned = []
        condition.unlock()
        withExtendedLifetime(spent) {}
    }
}
