public import ArgumentParser
import SeedbedCatalog

/// `seedbed keygen --out NAME`: an Ed25519 key pair for signing certificates.
public struct KeygenCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make an Ed25519 key pair for signing dataset certificates.",
        discussion: """
            Writes the private key to NAME (readable by you only, mode 0600) and the public
            key to NAME.pub, each one line of text (docs/certificate.md). Give NAME.pub to
            whoever verifies certificates; keep NAME secret. Existing files are never
            overwritten.

            Exit codes: 0 written, 2 a file exists or cannot be written.

            Example:
              seedbed keygen --out keys/qa-signer
            """)

    @Option(help: ArgumentHelp("The private key's file; the public key goes to NAME.pub.", valueName: "NAME"))
    var out: String

    public init() {}

    public func run() throws {
        let console = Console.current
        let key = SigningKey()
        do {
            try key.write(to: out)
        } catch {
            console.write("seedbed: error: \(error.message)\n", to: .error)
            throw error.kind.exitCode
        }
        console.write("wrote \(out) (private, mode 0600) and \(out).pub (public); key id \(key.publicKey.id)\n")
    }
}
