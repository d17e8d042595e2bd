import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// SIGINT and SIGTERM during a load: the first one asks the load to stop and roll back (the
/// target is left as it was); a second one ends the process at once, which the database also
/// rolls back, since nothing was committed.
enum Interruption {
    private static let received = Atomic<Bool>(false)

    static var isRequested: Bool { received.load(ordering: .relaxed) }

    /// Installs the handlers; `body` runs with them, and the default handlers come back after.
    static func catching<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        received.store(false, ordering: .relaxed)
        let handler: @convention(c) (Int32) -> Void = { number in
            if Interruption.received.exchange(true, ordering: .relaxed) {
                // A second signal: stop now, as the signal would by default.
                signal(number, SIG_DFL)
                raise(number)
            }
        }
        let previous = (signal(SIGINT, handler), signal(SIGTERM, handler))
        defer {
            signal(SIGINT, previous.0)
            signal(SIGTERM, previous.1)
        }
        return try body()
    }
}
