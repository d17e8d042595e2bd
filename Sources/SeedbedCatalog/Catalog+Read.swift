public import Foundation

extension Catalog {
    /// One line of `catalog list`: a version and its latest run.
    public struct VersionSummary: Sendable, Equatable {
        public var reference: DatasetReference
        public var registeredAt: Date
        public var specSHA256: String
        public var runs: Int
        public var rows: Int
        public var verdict: String?
        public var certificates: Int
    }

    /// Every version (of `name`, when given), by name and then by semantic-version precedence.
    public func versions(named name: String? = nil) throws(CatalogError) -> [VersionSummary] {
        let select = """
            SELECT v.name, v.version, v.registered_at, v.spec_sha256,
                (SELECT count(*) FROM registration r WHERE r.name = v.name AND r.version = v.version),
                (SELECT count(*) FROM certificate c WHERE c.name = v.name AND c.version = v.version)
            FROM dataset_version v
            """
        let found: [[String?]]
        if let name {
            found = try rows(select + " WHERE v.name = $1", [name])
        } else {
            found = try rows(select)
        }
        var summaries: [VersionSummary] = []
        for row in found where row.count == 6 {
            guard let versionName = row[0], let versionText = row[1],
                let version = try? SemanticVersion(parsing: versionText)
            else { continue }
            let reference = DatasetReference(name: versionName, version: version)
            let latest = try registrations(of: reference).last
            let verdict = try scorecards(of: reference).last?.verdict
            summaries.append(
                VersionSummary(
                    reference: reference,
                    registeredAt: row[2].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0),
                    specSHA256: row[3] ?? "", runs: row[4].flatMap { Int($0) } ?? 0, rows: latest?.rows ?? 0,
                    verdict: verdict, certificates: row[5].flatMap { Int($0) } ?? 0))
        }
        return summaries.sorted {
            ($0.reference.name, $0.reference.version) < ($1.reference.name, $1.reference.version)
        }
    }

    /// The version, with its runs, scorecards and certificates.
    /// - Throws: `.notFound` naming the versions of that name there are.
    public func version(_ reference: DatasetReference) throws(CatalogError) -> DatasetVersion {
        let key = [reference.name, reference.version.description]
        let found = try rows("SELECT registered_at FROM dataset_version WHERE name = $1 AND version = $2", key)
        guard let row = found.first, let facts = try sourceFacts(name: key[0], version: key[1]) else {
            let others = try versions(named: reference.name).map(\.reference.version.description)
            let hint =
                others.isEmpty
                ? "the catalog (\(location)) has no version of '\(reference.name)'"
                : "the catalog has \(others.map { "\(reference.name)@\($0)" }.joined(separator: ", "))"
            throw CatalogError(.notFound, "\(reference) is not in the catalog: \(hint)")
        }
        return DatasetVersion(
            reference: reference, registeredAt: row.first.flatMap { $0 }.flatMap(CatalogTime.date) ?? Date(),
            source: facts, registrations: try registrations(of: reference), scorecards: try scorecards(of: reference),
            certificates: try certificates(of: reference))
    }

    func registrations(of reference: DatasetReference) throws(CatalogError) -> [Registration] {
        let found = try rows(
            """
            SELECT id, registered_at, command, location, format, shard, tables_json
            FROM registration WHERE name = $1 AND version = $2 ORDER BY registered_at, id
            """, [reference.name, reference.version.description])
        guard let facts = try sourceFacts(name: reference.name, version: reference.version.description) else {
            return []
        }
        return found.compactMap { row in
            guard row.count == 7, let id = row[0], let command = row[2].flatMap(Registration.Command.init) else {
                return nil
            }
            return Registration(
                id: id, dataset: reference, command: command, location: row[3] ?? "", format: row[4], shard: row[5],
                registeredAt: row[1].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0), source: facts,
                tables: CatalogJSON.decode([DatasetTable].self, row[6]) ?? [])
        }
    }

    func scorecards(of reference: DatasetReference) throws(CatalogError) -> [ScorecardRecord] {
        let found = try rows(
            """
            SELECT id, recorded_at, verdict, figures_json, sha256, document
            FROM scorecard WHERE name = $1 AND version = $2 ORDER BY recorded_at, id
            """, [reference.name, reference.version.description])
        return found.compactMap { row in
            guard row.count == 6, let id = row[0], let document = row[5] else { return nil }
            var record = ScorecardRecord(
                id: id, recordedAt: row[1].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0),
                verdict: row[2] ?? "", figures: CatalogJSON.decode([String: Double].self, row[3]) ?? [:],
                document: document)
            record.sha256 = row[4] ?? record.sha256
            return record
        }
    }

    func certificates(of reference: DatasetReference) throws(CatalogError) -> [CertificateRecord] {
        let found = try rows(
            """
            SELECT sha256, issued_at, expires, purpose, key_id
            FROM certificate WHERE name = $1 AND version = $2 ORDER BY issued_at, sha256
            """, [reference.name, reference.version.description])
        return found.compactMap { row in
            guard row.count == 5, let sha = row[0] else { return nil }
            return CertificateRecord(
                sha256: sha, issuedAt: row[1].flatMap(CatalogTime.date) ?? Date(timeIntervalSince1970: 0),
                expires: row[2], purpose: row[3], keyID: row[4] ?? "")
        }
    }

    // MARK: - Scorecards and certificates

    /// Keeps a scorecard of `reference` (the `score` command calls this once it has scored a
    /// registered version).
    public func record(_ scorecard: ScorecardRecord, for reference: DatasetReference) throws(CatalogError) {
        _ = try version(reference)
        try transaction { () throws(CatalogError) in
            _ = try rows(
                """
                INSERT INTO scorecard (id, name, version, recorded_at, verdict, figures_json, sha256, document)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    scorecard.id, reference.name, reference.version.description,
                    CatalogTime.preciseText(scorecard.recordedAt),
                    scorecard.verdict, CatalogJSON.encode(scorecard.figures), scorecard.sha256, scorecard.document,
                ])
        }
    }

    /// Keeps a certificate issued for its dataset version (the same file twice is kept once).
    public func record(_ certificate: Certificate, document: String) throws(CatalogError) {
        let reference = certificate.dataset
        try transaction { () throws(CatalogError) in
            let sha = Digest.sha256(document)
            let existing = try rows("SELECT 1 FROM certificate WHERE sha256 = $1", [sha])
            guard existing.isEmpty else { return }
            _ = try rows(
                """
                INSERT INTO certificate (sha256, name, version, issued_at, expires, purpose, key_id, document)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """,
                [
                    sha, reference.name, reference.version.description, certificate.issuedAt, certificate.expires,
                    certificate.purpose, certificate.signer.keyID, document,
                ])
        }
    }
}
