#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension String {
    /// Whether both hold the same UTF-8 bytes (`==` compares canonical equivalence, which a
    /// hash over the bytes must not).
    func hasSameBytes(as other: String) -> Bool {
        let fast = utf8.withContiguousStorageIfAvailable { left in
            other.utf8.withContiguousStorageIfAvailable { right in sameBytes(left, right) }
        }
        return fast.flatMap { $0 } ?? utf8.elementsEqual(other.utf8)
    }

    /// `hasSameBytes(as: other ?? "")` without making the empty string.
    func hasSameBytes(as other: String?) -> Bool {
        switch other {
        case .some(let other): hasSameBytes(as: other)
        case .none: utf8.isEmpty
        }
    }
}

extension UInt8 {
    /// Tab, line feed, vertical tab, form feed, carriage return or space: the only white space
    /// an ASCII byte can be, what `trimmingSpaces` drops at ASCII edges.
    var isASCIISpace: Bool { self == 0x20 || (0x09...0x0D).contains(self) }
}

/// `bytes` without their leading and trailing ASCII white space.
func trimmingASCIISpaces(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var start = 0
    var end = bytes.count
    while start < end, bytes[start].isASCIISpace { start += 1 }
    while end > start, bytes[end - 1].isASCIISpace { end -= 1 }
    return UnsafeBufferPointer(rebasing: bytes[start..<end])
}

/// The byte length of the line break that starts at `index`, or 0: the scalars
/// `Character.isNewline` is true of (LF, VT, FF, CR, NEL, LS, PS; CR LF is two breaks with an
/// empty line between, which the callers skip like any empty line).
@inline(__always)
func lineBreakLength(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int {
    switch bytes[index] {
    case 0x0A...0x0D: return 1
    case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
    case 0xE2:
        return index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] & 0xFE == 0xA8 ? 3 : 0
    default: return 0
    }
}

/// Whether `bytes` hold an `&`, the start of a reference, through `memchr` (`contains` steps an
/// iterator byte by byte; every attribute value read is checked).
func containsAmpersand(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    return memchr(base, 0x26, bytes.count) != nil
}

/// Byte equality through `memcmp` (a generic `elementsEqual` compares byte by byte).
func sameBytes(_ left: UnsafeBufferPointer<UInt8>, _ right: UnsafeBufferPointer<UInt8>) -> Bool {
    guard left.count == right.count else { return false }
    // One string shared by two values (a reused class name) holds the same bytes.
    guard let first = left.baseAddress, let second = right.baseAddress, first != second else { return true }
    return memcmp(first, second, left.count) == 0
}

extension StringProtocol {
    /// Whether `needle` occurs in the text, compared as UTF-8 bytes. Far cheaper than
    /// `contains(_:)` of `_StringProcessing`, which builds a search table on every call: this
    /// runs for every test case and stack line.
    func containsBytes(_ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { pattern in
            if let found = utf8.withContiguousStorageIfAvailable({ Self.search($0, for: pattern) }) {
                return found
            }
            return Array(utf8).withUnsafeBufferPointer { Self.search($0, for: pattern) }
        }
    }

    private static func search(_ text: UnsafeBufferPointer<UInt8>, for pattern: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = pattern.first else { return true }
        guard text.count >= pattern.count else { return false }
        var index = 0
        let last = text.count - pattern.count
        while index <= last {
            if text[index] == first {
                var matched = 1
                while matched < pattern.count, text[index + matched] == pattern[matched] { matched += 1 }
                if matched == pattern.count { return true }
            }
            index += 1
        }
        return false
    }
}
