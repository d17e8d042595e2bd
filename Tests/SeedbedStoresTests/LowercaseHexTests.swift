import Testing

@testable import SeedbedStores

@Suite("Lowercase hex digits")
struct LowercaseHexTests {
    @Test("16 digits, most significant first, zero-padded, after the prefix")
    func digits() {
        #expect(LowercaseHex.string(0) == "0000000000000000")
        #expect(LowercaseHex.string(0x0123_4567_89AB_CDEF) == "0123456789abcdef")
        #expect(LowercaseHex.string(.max) == "ffffffffffffffff")
        #expect(LowercaseHex.string(0xA, after: "v1:") == "v1:000000000000000a")
    }

    @Test("written into bytes at an offset, leaving the rest alone")
    func intoBytes() {
        var bytes = [UInt8](repeating: UInt8(ascii: "-"), count: 20)
        bytes.withUnsafeMutableBufferPointer { LowercaseHex.write(0xFEDC_BA98_7654_3210, into: $0, at: 2) }
        #expect(String(decoding: bytes, as: UTF8.self) == "--fedcba9876543210--")
    }
}
