/// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3): a fixed, documented
/// hash, so a fingerprint means the same thing in every version and on every machine. Swift's
/// `Hasher` is seeded per process and cannot be stored. Fingerprints group failures; they are
/// not a security boundary, so a cryptographic hash is not needed.
struct FNV1a64 {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func combine(_ text: String) {
        for byte in text.utf8 {
            value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }

    /// A separator byte that cannot occur in UTF-8 text, so ("ab", "c") and ("a", "bc") differ.
    mutating func separate() {
        value = (value ^ 0xFF) &* 0x0000_0100_0000_01b3
    }

    /// 16 lowercase hex digits.
    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
