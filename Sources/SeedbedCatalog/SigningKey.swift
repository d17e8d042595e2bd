import Crypto
import Foundation

/// An Ed25519 key pair for signing certificates, kept in two one-line text files:
///
///     seedbed-ed25519-private-key-v1 BASE64      (NAME, mode 0600: 32 raw private-key bytes)
///     seedbed-ed25519-public-key-v1 BASE64       (NAME.pub: 32 raw public-key bytes)
///
/// A key is named in certificates and messages by its ID: `ed25519:` and the first 16 hex
/// digits of the SHA-256 of the raw public key.
public struct SigningKey {
    static let privateHeader = "seedbed-ed25519-private-key-v1"
    static let publicHeader = "seedbed-ed25519-public-key-v1"

    let key: Curve25519.Signing.PrivateKey

    /// A new random key.
    public init() {
        key = Curve25519.Signing.PrivateKey()
    }

    public var publicKey: VerifyingKey { VerifyingKey(key: key.publicKey) }

    func signature(for message: [UInt8]) throws(CatalogError) -> [UInt8] {
        do {
            return Array(try key.signature(for: message))
        } catch {
            throw CatalogError(.environment, "cannot sign: \(error)")
        }
    }

    /// Writes the private key to `path` (0600, refusing to overwrite) and the public key to
    /// `path.pub`.
    /// - Throws: `.usage` when either file exists, `.environment` when they cannot be written.
    public func write(to path: String) throws(CatalogError) {
        let publicPath = path + ".pub"
        for existing in [path, publicPath] where FileManager.default.fileExists(atPath: existing) {
            throw CatalogError(.usage, "'\(existing)' already exists; choose another name or remove it first")
        }
        let privateText = "\(Self.privateHeader) \(key.rawRepresentation.base64EncodedString())\n"
        // Created with 0600 from the start: the private key is never readable by others, even
        // for a moment.
        guard
            FileManager.default.createFile(
                atPath: path, contents: Data(privateText.utf8), attributes: [.posixPermissions: 0o600])
        else {
            throw CatalogError(.environment, "cannot write the private key '\(path)'")
        }
        guard FileManager.default.createFile(atPath: publicPath, contents: Data(publicKey.fileText.utf8)) else {
            throw CatalogError(.environment, "cannot write the public key '\(publicPath)'")
        }
    }

    /// Reads a private key file written by `write(to:)`.
    public init(readingFrom path: String) throws(CatalogError) {
        let bytes = try Self.decode(path: path, header: Self.privateHeader, kind: "private key")
        do {
            key = try Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        } catch {
            throw CatalogError(.usage, "'\(path)' is not a Seedbed private key: the key bytes are invalid")
        }
    }

    /// The 32 key bytes after `header` in a one-line key file.
    static func decode(path: String, header: String, kind: String) throws(CatalogError) -> Data {
        guard let data = FileManager.default.contents(atPath: path), data.count < 4096 else {
            throw CatalogError(.usage, "cannot read the \(kind) '\(path)'")
        }
        let words = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard words.count == 2, words[0] == header else {
            let hint =
                words.first.map { $0.hasPrefix("seedbed-ed25519-") } == true
                ? " (it is the other half of the pair: the private key is NAME, the public key NAME.pub)" : ""
            throw CatalogError(.usage, "'\(path)' is not a Seedbed \(kind): it should read '\(header) BASE64'\(hint)")
        }
        guard let bytes = Data(base64Encoded: String(words[1])), bytes.count == 32 else {
            throw CatalogError(.usage, "'\(path)' is not a Seedbed \(kind): the key is not 32 bytes of base64")
        }
        return bytes
    }
}

/// The public half of a signing key: checks signatures.
public struct VerifyingKey: Equatable {
    let key: Curve25519.Signing.PublicKey

    init(key: Curve25519.Signing.PublicKey) { self.key = key }

    /// Reads a public key file (`NAME.pub`).
    public init(readingFrom path: String) throws(CatalogError) {
        let bytes = try SigningKey.decode(path: path, header: SigningKey.publicHeader, kind: "public key")
        try self.init(base64: bytes.base64EncodedString(), origin: "'\(path)'")
    }

    /// The key as a certificate holds it.
    init(base64: String, origin: String) throws(CatalogError) {
        guard let bytes = Data(base64Encoded: base64), bytes.count == 32,
            let key = try? Curve25519.Signing.PublicKey(rawRepresentation: bytes)
        else {
            throw CatalogError(.usage, "\(origin) holds no valid Ed25519 public key")
        }
        self.key = key
    }

    public var base64: String { key.rawRepresentation.base64EncodedString() }

    /// `ed25519:` and the first 16 hex digits of the SHA-256 of the raw key.
    public var id: String { "ed25519:" + String(Digest.sha256(key.rawRepresentation).prefix(16)) }

    var fileText: String { "\(SigningKey.publicHeader) \(base64)\n" }

    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        key.isValidSignature(signature, for: message)
    }

    public static func == (lhs: VerifyingKey, rhs: VerifyingKey) -> Bool {
        lhs.key.rawRepresentation == rhs.key.rawRepresentation
    }
}
