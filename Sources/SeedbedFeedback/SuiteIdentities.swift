/// The identities (by hash) of the tests in a report's suite elements so far, kept by suite
/// path, to number repeated identities (`TestCase.occurrence`).
///
/// The suite path is part of a test's identity, so a test can only repeat one from an earlier
/// element with the same path, and most reports give every suite element its own path. A suite
/// whose path is new costs one dictionary entry holding its hash array (shared, not copied);
/// counting starts only when a path comes again (Playwright's projects). A set of every test's
/// hash instead missed the cache on each insert: a million tests for a 200 MB file.
struct SuiteIdentities {
    private enum Seen {
        /// One suite element had the path: its hashes.
        case once([UInt64])
        /// How many elements with the path had each hash.
        case counted([UInt64: Int])
    }

    private var byPath: [UInt64: Seen] = [:]

    /// Notes the identity hashes of a suite element's tests (distinct: repeats inside an element
    /// are retries, merged into attempts); for each hash earlier elements with `path` had, its
    /// position and how many of them had it, by ascending position.
    mutating func note(path: UInt64, hashes: [UInt64]) -> [(position: Int, earlier: Int)] {
        var counts: [UInt64: Int]
        switch byPath.removeValue(forKey: path) {
        case nil:
            byPath[path] = .once(hashes)
            return []
        case .once(let earlier):
            counts = Dictionary(minimumCapacity: earlier.count + hashes.count)
            for hash in earlier { counts[hash, default: 0] += 1 }
        case .counted(let earlier):
            counts = earlier
        }
        var repeats: [(position: Int, earlier: Int)] = []
        for (position, hash) in hashes.enumerated() {
            if let earlier = counts[hash] { repeats.append((position, earlier)) }
            counts[hash, default: 0] += 1
        }
        byPath[path] = .counted(counts)
        return repeats
    }
}
