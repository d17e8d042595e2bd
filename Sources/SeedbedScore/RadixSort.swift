/// Sorting doubles by their bits: least-significant-digit radix sort, four passes of 16 bits.
///
/// KSComplement sorts every numeric column of both tables; at a million rows the standard
/// library's comparison sort took most of the fidelity time, and this takes a fraction of it.
enum RadixSort {
    /// Below this many values the standard sort is faster than filling the count tables.
    static let threshold = 1 << 12

    /// A key whose unsigned order is the numeric order of `value` (not NaN): flipping the sign
    /// bit of positives and every bit of negatives. -0.0 gets a key of its own, just below 0.0.
    static func key(_ value: Double) -> UInt64 {
        let bits = value.bitPattern
        return bits & (1 << 63) == 0 ? bits | (1 << 63) : ~bits
    }

    /// The value a key came from.
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Sorts `values` ascending, as `sort()` does for values without NaN (-0.0 sorts just
    /// before 0.0, which compares equal to it).
    /// - Precondition: no value is NaN.
    static func sort(_ values: inout [Double]) {
        guard values.count >= threshold else {
            values.sort()
            return
        }
        var keys = values.map(key)
        sort(keys: &keys)
        for index in keys.indices { values[index] = value(keys[index]) }
    }

    /// Sorts `keys` ascending.
    static func sort(keys: inout [UInt64]) {
        guard keys.count >= threshold else {
            keys.sort()
            return
        }
        var scratch = [UInt64](repeating: 0, count: keys.count)
        // The four digits' counts in one pass over the keys, then one scatter pass per digit.
        var counts = [Int](repeating: 0, count: 4 << 16)
        counts.withUnsafeMutableBufferPointer { counts in
            for key in keys {
                counts[Int(truncatingIfNeeded: key) & 0xFFFF] += 1
                counts[1 << 16 | Int(truncatingIfNeeded: key >> 16) & 0xFFFF] += 1
                counts[2 << 16 | Int(truncatingIfNeeded: key >> 32) & 0xFFFF] += 1
                counts[3 << 16 | Int(truncatingIfNeeded: key >> 48)] += 1
            }
        }
        for pass in 0..<4 {
            let base = pass << 16
            let shift = UInt64(pass * 16)
            // A digit that every key shares leaves the order as it is.
            if counts[base..<base + (1 << 16)].contains(keys.count) { continue }
            var total = 0
            for index in base..<base + (1 << 16) {
                let count = counts[index]
                counts[index] = total
                total += count
            }
            keys.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { offsets in
                        for key in source {
                            let digit = base | Int(truncatingIfNeeded: key >> shift) & 0xFFFF
                            target[offsets[digit]] = key
                            offsets[digit] += 1
                        }
                    }
                }
            }
            swap(&keys, &scratch)
        }
    }
}
