/// Writes a value's UTF-8 bytes straight into the storage of the `String` being made.
///
/// Values are built from a few words and numbers; appending them to a `String` one by one
/// costs a capacity and encoding check per piece, and `Substring`s more. This writes each
/// piece with one copy, and the string is allocated once, or not at all when it is 15 bytes or
/// shorter (Swift keeps those inline). String has no `OutputSpan` initializer yet (Swift 6.3),
/// hence the unsafe buffer, which never leaves `String.assembling`.
struct TextAssembler: ~Copyable {
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    fileprivate init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    /// Entry `index` of `spellings`.
    mutating func append(_ spellings: Spellings, _ index: Int) {
        reserve(spellings.count(index))
        count += spellings.copy(index, into: buffer, at: count)
    }

    /// The first byte of entry `index` of `spellings`, which must be ASCII (folded names are).
    mutating func appendInitial(_ spellings: Spellings, _ index: Int) {
        reserve(1)
        count += spellings.copy(index, initialOnly: true, into: buffer, at: count)
    }

    /// Entry `index` of `spellings`, whose first byte must be a lowercase ASCII letter, with
    /// that letter in capitals.
    mutating func appendCapitalized(_ spellings: Spellings, _ index: Int) {
        let start = count
        append(spellings, index)
        buffer[start] -= 0x20
    }

    /// Literal ASCII text such as " & " or ") 555-".
    mutating func append(_ text: StaticString) {
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        reserve(bytes.count)
        _ = UnsafeMutableBufferPointer(rebasing: buffer[count..<(count + bytes.count)]).initialize(
            fromContentsOf: bytes)
        count += bytes.count
    }

    /// `value` in decimal, padded with leading zeros to at least `width` digits.
    mutating func appendDecimal(_ value: UInt64, width: Int = 1) {
        let total = max(Self.digitCount(value), width)
        reserve(total)
        var rest = value
        var position = count + total
        while position > count {
            position -= 1
            buffer[position] = 0x30 + UInt8(rest % 10)
            rest /= 10
        }
        count += total
    }

    /// Callers size the string from the longest entries of their lists, so this never fails;
    /// it is checked anyway because the buffer's own bounds checks vanish in release builds.
    private func reserve(_ bytes: Int) {
        precondition(count + bytes <= buffer.count, "a fake value outgrew the capacity reserved for it")
    }

    /// At most 20: the digits of `UInt64.max`.
    static func digitCount(_ value: UInt64) -> Int {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        return digits
    }
}

extension String {
    /// A string of at most `capacity` UTF-8 bytes, written by `build` in one pass.
    static func assembling(capacity: Int, _ build: (inout TextAssembler) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { buffer in
            var assembler = TextAssembler(buffer)
            build(&assembler)
            return assembler.count
        }
    }
}
