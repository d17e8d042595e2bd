/// The identity hashes seen so far in a report: one insert per distinct test, a million for a
/// 200 MB file.
///
/// Open addressing with linear probing, the slot chosen by Fibonacci hashing (a multiply by
/// 2^64/φ, keeping the top bits). The keys are FNV-1a hashes already, so `Set<UInt64>`'s SipHash
/// of each one only cost time; FNV's low bits are its weakest, which the multiply's top bits do
/// not depend on alone.
struct IdentityHashSet {
    /// Power-of-two many slots; 0 marks an empty one (the key 0 is kept in `holdsZero`).
    private var slots = [UInt64](repeating: 0, count: 1024)
    /// 64 minus log2 of the slot count: the index is the product's top bits.
    private var shift: UInt64 = 64 - 10
    private var filled = 0
    private var holdsZero = false

    /// Inserts `key`; false when it was there already.
    mutating func insert(_ key: UInt64) -> Bool {
        if key == 0 {
            defer { holdsZero = true }
            return !holdsZero
        }
        // At most three quarters full, so probes stay short.
        if (filled + 1) * 4 > slots.count * 3 { grow() }
        return place(key)
    }

    /// Reads the first slot of each key before they are inserted one by one: the reads do not
    /// depend on each other, so the processor waits for their cache misses (a table of a
    /// million tests is far larger than the cache) together rather than one insert at a time.
    mutating func prepare(_ keys: [UInt64]) {
        var seen: UInt64 = 0
        slots.withUnsafeBufferPointer { slots in
            for key in keys { seen |= slots[home(key)] }
        }
        // Kept, so that the reads are made.
        warmed = seen
    }

    private var warmed: UInt64 = 0

    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private mutating func place(_ key: UInt64) -> Bool {
        let mask = slots.count - 1
        var index = home(key)
        while slots[index] != 0 {
            if slots[index] == key { return false }
            index = (index + 1) & mask
        }
        slots[index] = key
        filled += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt64](repeating: 0, count: old.count * 2)
        shift -= 1
        filled = 0
        for key in old where key != 0 { _ = place(key) }
    }
}
