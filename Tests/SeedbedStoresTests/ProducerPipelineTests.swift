import Foundation
import SeedbedStores
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Items handed back with `giveBack` are freed on the producer's thread, the one that made them.
@Suite("Producer pipeline")
struct ProducerPipelineTests {
    /// Records the thread its last reference went on.
    final class Token: Sendable {
        let index: Int
        let shared: Shared

        init(_ index: Int, shared: Shared) {
            self.index = index
            self.shared = shared
        }

        deinit {
            let thread = ProducerPipelineTests.currentThread()
            shared.freedOn.withLock { $0[index] = thread }
        }
    }

    static func currentThread() -> UInt {
        #if os(Linux)
            UInt(pthread_self())
        #else
            UInt(bitPattern: pthread_self())
        #endif
    }

    final class Shared: Sendable {
        let freedOn = Mutex<[Int: UInt]>([:])
        let producer = Mutex<UInt?>(nil)
        /// Signalled by the consumer once it has given item i back, before item i + 1 is put.
        let givenBack = DispatchSemaphore(value: 0)
    }

    @Test func itemsGivenBackAreFreedOnTheProducersThread() {
        let shared = Shared()
        let count = 4
        let pipeline = ProducerPipeline<Token, Int, Never>(capacity: 1) { put in
            shared.producer.withLock { $0 = Self.currentThread() }
            for index in 0..<count {
                if index > 0 { shared.givenBack.wait() }
                guard put(Token(index, shared: shared)) else { break }
            }
            return .success(count)
        }
        var taken: [Int] = []
        while case .item(let token) = pipeline.next() {
            taken.append(token.index)
            // The consumer's reference goes with it: the producer's release is the last.
            pipeline.giveBack(consume token)
            shared.givenBack.signal()
        }
        pipeline.cancel()
        #expect(taken == [0, 1, 2, 3])
        let producer = shared.producer.withLock { $0 }
        let freed = shared.freedOn.withLock { $0 }
        // Items 0 to 2 were back before the next put, which freed them; the last one has no
        // put after it.
        for index in 0..<(count - 1) {
            #expect(freed[index] == producer, "item \(index) was freed on another thread")
        }
    }
}
