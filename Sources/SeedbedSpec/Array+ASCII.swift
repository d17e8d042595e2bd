extension Array where Element == UInt8 {
    /// Whether every byte is below 0x80, eight at a time. The CSV readers (SeedbedStores' and
    /// SeedbedProfile's) make such a field's String without UTF-8 validation, whose generic
    /// code cost a metadata lookup per field.
    public var isASCII: Bool {
        withUnsafeBytes { raw in
            var index = 0
            var high: UInt64 = 0
            while index + 8 <= raw.count {
                high |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                index += 8
            }
            while index < raw.count {
                high |= UInt64(raw[index])
                index += 1
            }
            return high & 0x8080_8080_8080_8080 == 0
        }
    }
}
