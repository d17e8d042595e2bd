import Foundation

extension Catalog {
    /// What `register` did.
    public enum RegistrationOutcome: Sendable, Equatable {
        /// A version the catalog did not have.
        case new
        /// Another run of a version already there, made from the same spec, profile and seed.
        case again
        /// `--force` replaced a version made from something else (its runs, scorecards and
        /// certificates went with it).
        case replaced
    }

    /// Records a run of `generate` or `seed`.
    ///
    /// A version is what it was made from: NAME@VERSION registered again from the same spec
    /// bytes, profile bytes and seed adds a run (another shard, another target); from anything
    /// else it is refused, unless `force` replaces the old record.
    /// - Throws: `.conflict` naming the first difference, `.environment` when the catalog fails.
    @discardableResult
    public func register(_ registration: Registration, force: Bool = false) throws(CatalogError)
        -> RegistrationOutcome
    {
        let name = registration.dataset.name
        let version = registration.dataset.version.description
        let facts = registration.source
        return try transaction { () throws(CatalogError) -> RegistrationOutcome in
            var outcome = RegistrationOutcome.new
            if let existing = try sourceFacts(name: name, version: version) {
                if let difference = facts.firstDifference(from: existing) {
                    guard force else {
                        throw CatalogError(
                            .conflict,
                            "\(registration.dataset) is already in the catalog, made from something else (\(difference)); give the spec a new version (dataset \(name) version \"…\", or --version), or pass --force to replace the catalog's record"
                        )
                    }
                    // The runs' rows have no foreign key to cascade from (schema 6): by key range first.
                    try deleteTestRuns(where: "name = $1 AND version = $2", [name, version])
                    _ = try rows("DELETE FROM dataset_version WHERE name = $1 AND version = $2", [name, version])
                    outcome = .replaced
                } else {
                    outcome = .again
                }
            }
            if outcome != .again {
                _ = try rows(
                    """
                    INSERT INTO dataset_version (name, version, registered_at, spec_path, spec_sha256, spec_text,
                        profile_sha256, seed, seedbed_version)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    """,
                    [
                        name, version, CatalogTime.preciseText(registration.registeredAt), facts.specPath,
                        facts.specSHA256,
                        facts.specText, facts.profileSHA256, "\(facts.seed)", facts.seedbedVersion,
                    ])
            }
            _ = try rows(
                """
                INSERT INTO registration (id, name, version, registered_at, command, location, format, shard,
                    seedbed_version, tables_json)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
                """,
                [
                    registration.id, name, version, CatalogTime.preciseText(registration.registeredAt),
                    registration.command.rawValue, registration.location, registration.format, registration.shard,
                    facts.seedbedVersion, CatalogJSON.encode(registration.tables),
                ])
            return outcome
        }
    }

    func sourceFacts(name: String, version: String) throws(CatalogError) -> DatasetSourceFacts? {
        let found = try rows(
            """
            SELECT spec_path, spec_sha256, spec_text, profile_sha256, seed, seedbed_version
            FROM dataset_version WHERE name = $1 AND version = $2
            """, [name, version])
        guard let row = found.first, row.count == 6 else { return nil }
        return DatasetSourceFacts(
            specPath: row[0] ?? "", specSHA256: row[1] ?? "", specText: row[2] ?? "", profileSHA256: row[3],
            seed: row[4].flatMap { UInt64($0) } ?? 0, seedbedVersion: row[5] ?? "")
    }
}

/// JSON documents inside catalog columns: sorted keys, so the same value is the same text.
enum CatalogJSON {
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return "null" }
        return String(decoding: data, as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
