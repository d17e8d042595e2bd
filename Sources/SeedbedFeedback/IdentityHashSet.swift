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

    /// Inserts a suite's keys in order; the positions of those that were there already (or
    /// earlier in `keys`), ascending. One pass on the slots' memory, the table grown first
    /// for all of them, and the first slot of every key read before any is placed: those reads
    /// do not depend on each other, so the processor waits for their cache misses (a table of
    /// a million tests is far larger than the cache) together rather than one insert at a time.
    mutating func insert(contentsOf keys: [UInt64]) -> [Int] {
        while (filled + keys.count) * 4 > slots.count * 3 { grow() }
        var repeated: [Int] = []
        var filled = self.filled
        var holdsZero = self.holdsZero
        let shift = self.shift
        // Kept, so that the reads ahead are made.
        warmed = slots.withUnsafeMutableBufferPointer { slots in
            var seen: UInt64 = 0
            for key in keys { seen |= slots[Self.home(key, shift: shift)] }
            let mask = slots.count - 1
            for (position, key) in keys.enumerated() {
                if key == 0 {
                    if holdsZero { repeated.append(position) }
                    holdsZero = true
                    continue
                }
                var index = Self.home(key, shift: shift)
                while slots[index] != 0, slots[index] != key { index = (index + 1) & mask }
                if slots[index] == key {
                    repeated.append(position)
                } else {
                    slots[index] = key
                    filled += 1
                }
            }
            return seen
        }
        self.filled = filled
        self.holdsZero = holdsZero
        return repeated
    }

    private var warmed: UInt64 = 0

    private static func home(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    private func home(_ key: UInt64) -> Int { Self.home(key, shift: shift) }

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
