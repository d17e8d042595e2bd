public import Foundation

/// One run of `generate` or `seed` that made a dataset version: what it was made from, where it
/// went and what it made.
public struct Registration: Sendable, Equatable {
    public enum Command: String, Sendable, Codable {
        case generate
        case seed
    }

    public var id: String
    public var dataset: DatasetReference
    public var command: Command
    /// An absolute folder (`generate`), or the target with its password redacted (`seed`).
    public var location: String
    /// `csv` or `jsonl` for files; nil for databases.
    public var format: String?
    /// `i/n` when only one shard was made.
    public var shard: String?
    public var registeredAt: Date
    public var source: DatasetSourceFacts
    public var tables: [DatasetTable]

    public init(
        id: String = UUID().uuidString.lowercased(), dataset: DatasetReference, command: Command, location: String,
        format: String? = nil, shard: String? = nil, registeredAt: Date = Date(), source: DatasetSourceFacts,
        tables: [DatasetTable]
    ) {
        self.id = id
        self.dataset = dataset
        self.command = command
        self.location = location
        self.format = format
        self.shard = shard
        self.registeredAt = registeredAt
        self.source = source
        self.tables = tables
    }

    /// Rows in all tables.
    public var rows: Int { tables.reduce(0) { $0 + $1.rows } }
}

/// What a dataset version was made from. Two runs with the same facts (spec bytes, profile
/// bytes, seed) make the same rows, so they are the same version.
public struct DatasetSourceFacts: Sendable, Equatable {
    /// The spec file as given on the command line, made absolute.
    public var specPath: String
    /// SHA-256 of the spec file's bytes, lowercase hex.
    public var specSHA256: String
    /// The spec's text, kept so `catalog diff` and `revalidate` can compare rule sets later.
    public var specText: String
    /// SHA-256 of the profile file's bytes, when the spec names one that exists.
    public var profileSHA256: String?
    public var seed: UInt64
    public var seedbedVersion: String

    public init(
        specPath: String, specSHA256: String, specText: String, profileSHA256: String?, seed: UInt64,
        seedbedVersion: String
    ) {
        self.specPath = specPath
        self.specSHA256 = specSHA256
        self.specText = specText
        self.profileSHA256 = profileSHA256
        self.seed = seed
        self.seedbedVersion = seedbedVersion
    }

    /// The first fact that differs from `other`, for the message refusing a re-registration.
    func firstDifference(from other: DatasetSourceFacts) -> String? {
        if specSHA256 != other.specSHA256 {
            return "spec sha256 \(Digest.short(other.specSHA256)) in the catalog, \(Digest.short(specSHA256)) now"
        }
        if profileSHA256 != other.profileSHA256 {
            return
                "profile sha256 \(other.profileSHA256.map(Digest.short) ?? "none") in the catalog, \(profileSHA256.map(Digest.short) ?? "none") now"
        }
        if seed != other.seed { return "seed \(other.seed) in the catalog, \(seed) now" }
        return nil
    }
}
