#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A growable byte buffer written through its pointer, for the text encoders.
///
/// The encoders append a few bytes per field, millions of times per table; `[UInt8].append`
/// checks uniqueness and capacity on every byte (measured: the CSV writer spent a third of
/// its time there). Here a field reserves its worst case once, then writes unchecked.
/// Non-copyable, so the memory has exactly one owner and is freed once.
struct ByteBuffer: ~Copyable {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes written so far.
    var count = 0

    init(capacity: Int = 1 << 16) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes, so the next `extra` writes need no check.
    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    @inline(never)
    private mutating func grow(to needed: Int) {
        var larger = capacity * 2
        while larger < needed { larger *= 2 }
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = larger
    }

    /// Appends one byte; the caller has reserved room for it.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Appends bytes, reserving room for them.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        reserve(bytes.count)
        if let source = bytes.baseAddress { memcpy(base + count, source, bytes.count) }
        count += bytes.count
    }

    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends `length` bytes starting at `start` of another buffer's memory.
    @inline(__always)
    mutating func copy(from source: UnsafePointer<UInt8>, count length: Int) {
        // Fields are short: a byte loop beats a call to memcpy for them.
        if length <= 16 {
            for offset in 0..<length { base[count + offset] = source[offset] }
        } else {
            memcpy(base + count, source, length)
        }
        count += length
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    mutating func removeAll() { count = 0 }

    // MARK: - Numbers

    /// "00" "01" … "99": two digits per division.
    private static let pairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// The number of decimal digits of `value` (1 for 0).
    @inline(__always)
    static func digitCount(_ value: UInt64) -> Int {
        var count = 1
        var rest = value
        while rest >= 10_000 {
            rest /= 10_000
            count += 4
        }
        if rest >= 1000 { return count + 3 }
        if rest >= 100 { return count + 2 }
        if rest >= 10 { return count + 1 }
        return count
    }

    /// Appends `value` in decimal, left-padded with zeros to `minimumWidth`; reserves its room.
    @inline(__always)
    mutating func putDigits(_ value: UInt64, minimumWidth: Int = 1) {
        let digits = Self.digitCount(value)
        let width = max(digits, minimumWidth)
        reserve(width)
        var end = count + width
        let start = count
        count = end
        var rest = value
        let pairs = Self.pairs.utf8Start
        while rest >= 100 {
            let pair = Int(rest % 100) &* 2
            rest /= 100
            end -= 2
            base[end] = pairs[pair]
            base[end + 1] = pairs[pair + 1]
        }
        if rest >= 10 {
            let pair = Int(rest) &* 2
            end -= 2
            base[end] = pairs[pair]
            base[end + 1] = pairs[pair + 1]
        } else {
            end -= 1
            base[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: rest)
        }
        while end > start {
            end -= 1
            base[end] = UInt8(ascii: "0")
        }
    }
}
