public import SeedbedEngine

/// Where a dataset is read back from, to be scored, fingerprinted or verified: a database
/// target, or the files `seedbed generate` wrote. Readers judge what landed, never the
/// generator's memory.
public protocol DatasetSource: AnyObject {
    /// Where the data is, for messages and the catalog (passwords redacted).
    var location: String { get }

    /// Whether the dataset has this table (a file `TABLE.csv`/`.jsonl`, or a database table).
    func hasTable(_ table: String) throws(StoreError) -> Bool

    /// Reads `columns` of every row of `table`, typed as asked, in batches of at most
    /// `batchSize` rows, without holding the table in memory.
    func read(
        table: String, columns: [LoadColumn], batchSize: Int, _ body: (RowBatch) throws(StoreError) -> Void
    ) throws(StoreError)

    /// The lineage: the rows made for scenarios (and, in files, for `--negative`).
    func lineage() throws(StoreError) -> [LineageEntry]
}
