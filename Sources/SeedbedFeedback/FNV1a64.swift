import SeedbedStores

/// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3): a fixed, documented
/// hash, so a fingerprint means the same thing in every version and on every machine. Swift's
/// `Hasher` is seeded per process and cannot be stored. Fingerprints group failures; they are
/// not a security boundary, so a cryptographic hash is not needed.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    init() {}

    /// Continues from a state `value` returned: FNV-1a's state is its value, so a hash of a
    /// prefix (a suite path, an identity) can be kept and extended later.
    init(continuing value: UInt64) {
        self.value = value
    }

    mutating func combine(_ text: String) {
        // Native strings hand over their bytes at once; the `utf8` view is the fallback.
        if text.utf8.withContiguousStorageIfAvailable({ combine(bytes: $0) }) != nil { return }
        for byte in text.utf8 { combine(byte) }
    }

    mutating func combine(bytes: UnsafeBufferPointer<UInt8>) {
        for byte in bytes { combine(byte) }
    }

    private mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }

    /// The bytes of `number` written in decimal (as `"\(number)"` writes it), without making
    /// the string: most significant digit first.
    mutating func combine(decimal number: Int) {
        if number < 0 { combine(UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        repeat {
            combine(UInt8(truncatingIfNeeded: magnitude / divisor % 10) + UInt8(ascii: "0"))
            divisor /= 10
        } while divisor > 0
    }

    /// A separator byte that cannot occur in UTF-8 text, so ("ab", "c") and ("a", "bc") differ.
    mutating func separate() {
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    /// 16 lowercase hex digits, written straight into the string's storage.
    var hex: String { LowercaseHex.string(value) }

    /// `prefix` and the 16 hex digits in one string (a concatenation would make the digits'
    /// string first: two allocations for one value).
    func hex(after prefix: StaticString) -> String { LowercaseHex.string(value, after: prefix) }
}
