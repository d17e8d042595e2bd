/// What identifies a failure across runs whatever its incidental details: the failure type, the
/// message with numbers, UUIDs, hex, timestamps and paths replaced by tags, and the top three
/// stack frames of the code under test (runner and framework frames skipped, line numbers
/// dropped).
///
/// Two hashes, as the reference recommends: `coarse` (type and message) groups the same failure
/// reached through different code; `fine` (plus the frames) deduplicates. Both are FNV-1a 64
/// (see `FNV1a64`), written as 16 hex digits and prefixed by the scheme version, `v1:`.
public struct FailureFingerprint: Hashable, Sendable, Codable {
    /// How many frames the fine hash takes. Three: enough to tell apart two callers of one
    /// assertion helper, few enough that a refactoring deep in the stack keeps the group.
    public static let frameCount = 3

    public var coarse: String
    public var fine: String
    public var normalizedMessage: String
    public var frames: [String]

    public init(type: String?, message: String?, stackTrace: String?) {
        let text = message.flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 } ?? Self.firstLine(of: stackTrace)
        normalizedMessage = MessageNormalizer.normalize(text ?? "")
        frames = StackFrames.extract(from: stackTrace ?? "", limit: Self.frameCount)
        var hash = FNV1a64()
        hash.combine(type ?? "")
        hash.separate()
        hash.combine(normalizedMessage)
        coarse = hash.hex(after: "v1:")
        for frame in frames {
            hash.separate()
            hash.combine(frame)
        }
        fine = hash.hex(after: "v1:")
    }

    /// The first line of a stack text that is not a frame: jest and Mocha put the message there.
    private static func firstLine(of text: String?) -> String? {
        guard let text else { return nil }
        var first: String?
        StackFrames.forEachLine(of: text) { line in
            let trimmed = String(line).trimmingSpaces()
            guard !trimmed.isEmpty else { return true }
            first = StackFrames.frame(in: trimmed) == nil ? trimmed : nil
            return false
        }
        return first
    }
}
