public import Foundation

extension Profile {
    /// Profiles larger than this are refused before they are read: a real one is kilobytes.
    public static let maximumBytes = 64 << 20
    /// Bounds on what a profile may hold, so a hostile file cannot make generation allocate
    /// without limit.
    static let maximumTables = 10_000
    static let maximumColumns = 10_000
    static let maximumQuantiles = 10_001
    static let maximumCategories = 100_000
    static let maximumFanOutBins = 100_000

    /// The profile as pretty-printed JSON with sorted keys: the same profile gives the same bytes.
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(UInt8(ascii: "\n"))
        return data
    }

    /// Writes the profile to `path`, atomically.
    public func save(to path: String) throws {
        try json().write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Reads and validates a profile file.
    ///
    /// - Throws: `ProfileError` (`.unreadable` or `.invalidProfile`) naming the file and the
    ///   JSON path of the first problem.
    public static func load(path: String) throws(ProfileError) -> Profile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ProfileError(.unreadable, at: path, "cannot open the profile", fix: "check the path and permissions")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw ProfileError(.unreadable, at: path, "cannot read the profile: \(error.localizedDescription)")
        }
        guard data.count <= maximumBytes else {
            throw ProfileError(
                .invalidProfile, at: path, "the file is larger than \(maximumBytes >> 20) MiB",
                fix: "a profile holds aggregates only; regenerate it with seedbed profile")
        }
        return try decode(data, file: path)
    }

    /// Decodes and validates profile JSON.
    public static func decode(_ data: Data, file: String = "profile") throws(ProfileError) -> Profile {
        struct Header: Decodable { var format: String? }
        guard let header = try? JSONDecoder().decode(Header.self, from: data) else {
            throw ProfileError(
                .invalidProfile, at: file, "not a JSON object", fix: "regenerate it with seedbed profile")
        }
        guard let format = header.format else {
            throw ProfileError(
                .invalidProfile, at: file, "no \"format\" field: not a Seedbed profile",
                fix: "regenerate it with seedbed profile")
        }
        guard readableFormats.contains(format) else {
            let fix =
                format.hasPrefix("seedbed-profile/")
                ? "this seedbed reads \(readableFormats.joined(separator: " and ")); regenerate the profile with this version"
                : "regenerate it with seedbed profile"
            throw ProfileError(.invalidProfile, at: file, "unsupported format '\(format)'", fix: fix)
        }
        let profile: Profile
        do {
            profile = try JSONDecoder().decode(Profile.self, from: data)
        } catch let error as DecodingError {
            throw ProfileError(.invalidProfile, at: file, Self.describe(error))
        } catch {
            throw ProfileError(.invalidProfile, at: file, "\(error)")
        }
        var validator = ProfileValidator(file: file)
        try validator.validate(profile)
        return profile
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { text, key in
                if let index = key.intValue { return text + "[\(index)]" }
                return text.isEmpty ? key.stringValue : text + "." + key.stringValue
            }
        }
        switch error {
        case .keyNotFound(let key, let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "" : at + ": ")missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context.codingPath)): \(context.debugDescription)"
        case .dataCorrupted(let context):
            let at = path(context.codingPath)
            return "\(at.isEmpty ? "" : at + ": ")\(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
