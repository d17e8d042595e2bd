import Dispatch

/// Independent pieces of work spread over the machine's cores: the columns and the column
/// pairs of a quality report, each a pass over a million rows at full size.
enum ParallelMap {
    /// `(0..<count).map(transform)`, with the calls made concurrently.
    static func map<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(transform) }
        let results = UnsafeMutableBufferPointer<T?>.allocate(capacity: count)
        results.initialize(repeating: nil)
        defer {
            _ = results.deinitialize()
            results.deallocate()
        }
        // Each call writes only its own slot, and concurrentPerform returns after every call.
        nonisolated(unsafe) let slots = results
        DispatchQueue.concurrentPerform(iterations: count) { index in slots[index] = transform(index) }
        return results.compactMap(\.self)
    }
}
