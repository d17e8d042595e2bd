extension Certificate {
    /// Reads a certificate file. Every field must be there with its type, and no other field:
    /// a field added after signing is refused rather than silently left unsigned.
    /// - Throws: `.usage` naming the first problem.
    public init(parsing text: String) throws(CatalogError) {
        let root = try JSONValue(parsing: text)
        var reader = FieldReader(path: "")
        try self.init(reading: root, with: &reader)
    }

    private init(reading root: JSONValue, with reader: inout FieldReader) throws(CatalogError) {
        let top = try reader.object(
            root,
            keys: [
                "format", "dataset", "issuedAt", "policy", "spec", "profileSha256", "seed", "seedbedVersion",
                "scorecard", "source", "tables", "lineage", "signer", "signature",
            ])
        let format = try reader.string(top["format"], "format")
        guard format == Self.formatName else {
            throw CatalogError(
                .usage, "not a certificate this Seedbed reads: format '\(format)' (expected '\(Self.formatName)')")
        }
        let datasetFields = try reader.object(top["dataset"], "dataset", keys: ["name", "version"])
        dataset = DatasetReference(
            name: try reader.string(datasetFields["name"], "dataset.name"),
            version: try SemanticVersion(parsing: try reader.string(datasetFields["version"], "dataset.version")))
        issuedAt = try reader.string(top["issuedAt"], "issuedAt")
        let policy = try reader.object(top["policy"], "policy", keys: ["purpose", "expires"])
        purpose = try reader.optionalString(policy["purpose"], "policy.purpose")
        expires = try reader.optionalString(policy["expires"], "policy.expires")
        let spec = try reader.object(top["spec"], "spec", keys: ["path", "sha256"])
        specPath = try reader.string(spec["path"], "spec.path")
        specSHA256 = try reader.string(spec["sha256"], "spec.sha256")
        profileSHA256 = try reader.optionalString(top["profileSha256"], "profileSha256")
        seed = try reader.string(top["seed"], "seed")
        seedbedVersion = try reader.string(top["seedbedVersion"], "seedbedVersion")
        if top["scorecard"] == .null {
            scorecardSHA256 = nil
            scorecardVerdict = nil
        } else {
            let scorecard = try reader.object(top["scorecard"], "scorecard", keys: ["sha256", "verdict"])
            scorecardSHA256 = try reader.optionalString(scorecard["sha256"], "scorecard.sha256")
            scorecardVerdict = try reader.optionalString(scorecard["verdict"], "scorecard.verdict")
        }
        source = try reader.string(top["source"], "source")
        var tables: [Table] = []
        for (index, item) in try reader.array(top["tables"], "tables").enumerated() {
            let path = "tables[\(index)]"
            let fields = try reader.object(item, path, keys: ["name", "rows", "fingerprint", "columns"])
            var columns: [Table.Column] = []
            for (position, column) in try reader.array(fields["columns"], "\(path).columns").enumerated() {
                let columnPath = "\(path).columns[\(position)]"
                let columnFields = try reader.object(column, columnPath, keys: ["name", "type", "fingerprint"])
                columns.append(
                    Table.Column(
                        name: try reader.string(columnFields["name"], "\(columnPath).name"),
                        type: try reader.string(columnFields["type"], "\(columnPath).type"),
                        fingerprint: try reader.string(columnFields["fingerprint"], "\(columnPath).fingerprint")))
            }
            tables.append(
                Table(
                    name: try reader.string(fields["name"], "\(path).name"),
                    rows: try reader.integer(fields["rows"], "\(path).rows"),
                    fingerprint: try reader.string(fields["fingerprint"], "\(path).fingerprint"), columns: columns))
        }
        self.tables = tables
        let lineage = try reader.object(top["lineage"], "lineage", keys: ["rows", "fingerprint"])
        lineageRows = try reader.integer(lineage["rows"], "lineage.rows")
        lineageFingerprint = try reader.string(lineage["fingerprint"], "lineage.fingerprint")
        let signer = try reader.object(top["signer"], "signer", keys: ["keyId", "publicKey"])
        self.signer = Signer(
            keyID: try reader.string(signer["keyId"], "signer.keyId"),
            publicKey: try reader.string(signer["publicKey"], "signer.publicKey"))
        signature = try reader.string(top["signature"], "signature")
    }
}

/// Reads typed fields, naming the field in every message.
private struct FieldReader {
    var path: String

    func fail(_ field: String, _ reason: String) -> CatalogError {
        CatalogError(.usage, "not a valid certificate: '\(field)' \(reason)")
    }

    func object(_ value: JSONValue?, _ field: String = "(top level)", keys: Set<String>) throws(CatalogError)
        -> [String: JSONValue]
    {
        guard case .object(let members)? = value else { throw fail(field, "must be an object") }
        if let unknown = members.keys.sorted().first(where: { !keys.contains($0) }) {
            throw fail(field, "has a field '\(unknown)' a certificate does not have")
        }
        if let missing = keys.sorted().first(where: { members[$0] == nil }) {
            throw fail(field, "lacks the field '\(missing)'")
        }
        return members
    }

    func string(_ value: JSONValue?, _ field: String) throws(CatalogError) -> String {
        guard case .string(let text)? = value else { throw fail(field, "must be a string") }
        return text
    }

    func optionalString(_ value: JSONValue?, _ field: String) throws(CatalogError) -> String? {
        if value == .null { return nil }
        return try string(value, field)
    }

    func integer(_ value: JSONValue?, _ field: String) throws(CatalogError) -> Int {
        guard case .integer(let number)? = value, number >= 0 else {
            throw fail(field, "must be a whole number, 0 or more")
        }
        return Int(number)
    }

    func array(_ value: JSONValue?, _ field: String) throws(CatalogError) -> [JSONValue] {
        guard case .array(let items)? = value else { throw fail(field, "must be an array") }
        return items
    }
}
