public import SeedbedCatalog

/// What the report shows, read from a catalog once: every dataset with its versions (runs,
/// scorecards, certificates, spec text) and the effectiveness of their test runs, sorted so the
/// same catalog renders the same bytes.
public struct ReportData: Sendable {
    /// A dataset name and its versions, oldest first by semantic-version precedence.
    public struct Dataset: Sendable {
        public var name: String
        public var versions: [DatasetVersion]

        public init(name: String, versions: [DatasetVersion]) {
            self.name = name
            self.versions = versions.sorted { $0.reference.version < $1.reference.version }
        }
    }

    /// Datasets by name.
    public var datasets: [Dataset]
    /// The datasets with ingested test runs, by name.
    public var effectiveness: [DatasetEffectiveness]
    /// Where the catalog is (a PostgreSQL password redacted), shown in the page footers.
    public var catalog: String

    public init(datasets: [Dataset], effectiveness: [DatasetEffectiveness] = [], catalog: String) {
        self.datasets = datasets.sorted { $0.name < $1.name }
        self.effectiveness = effectiveness.sorted { $0.name < $1.name }
        self.catalog = catalog
    }

    /// The effectiveness of the dataset `name`, when it has test runs.
    func effectiveness(of name: String) -> DatasetEffectiveness? {
        effectiveness.first { $0.name == name }
    }

    /// Reads every version of every dataset in `catalog`.
    /// - Throws: `CatalogError` when the catalog cannot be read.
    /// - Complexity: one query per version and per kind of record; the catalog is small.
    public static func load(from catalog: Catalog) throws(CatalogError) -> ReportData {
        var byName: [String: [DatasetVersion]] = [:]
        for summary in try catalog.versions() {
            byName[summary.reference.name, default: []].append(try catalog.version(summary.reference))
        }
        return ReportData(
            datasets: byName.map { Dataset(name: $0.key, versions: $0.value) },
            effectiveness: try DatasetEffectiveness.load(from: catalog), catalog: catalog.location)
    }
}
