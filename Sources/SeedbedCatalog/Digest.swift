import Crypto
public import Foundation

/// SHA-256 digests as the catalog and certificates write them: lowercase hex.
public enum Digest {
    public static func sha256(_ bytes: some DataProtocol) -> String {
        hex(SHA256.hash(data: bytes))
    }

    public static func sha256(_ text: String) -> String {
        sha256(Array(text.utf8))
    }

    /// SHA-256 of a file's bytes.
    /// - Throws: `.usage` when the file cannot be read.
    public static func sha256(ofFile path: String) throws(CatalogError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CatalogError(.usage, "cannot read '\(path)'")
        }
        return sha256(data)
    }

    /// The first 12 hex digits, enough to tell digests apart in a message.
    public static func short(_ digest: String) -> String {
        String(digest.prefix(12))
    }

    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
