/// The 16 lowercase hex digits of a 64-bit value, written straight into bytes: test keys and
/// failure fingerprints are such digits, made for every test of an ingest, and a string per
/// value would be an allocation each.
public enum LowercaseHex {
    /// Digits in one value.
    public static let count = 16

    /// Writes the digits of `value`, most significant first, at `buffer[start..<start + 16]`.
    @inlinable
    public static func write(_ value: UInt64, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        for index in 0..<count {
            let nibble = UInt8(truncatingIfNeeded: value >> UInt64(60 - 4 * index)) & 0xF
            buffer[start + index] = nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
        }
    }

    /// The digits of `value` after `prefix`, as one string.
    public static func string(_ value: UInt64, after prefix: StaticString = "") -> String {
        let start = prefix.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: start + count) { buffer in
            for index in 0..<start { buffer[index] = prefix.utf8Start[index] }
            write(value, into: buffer, at: start)
            return start + count
        }
    }
}
