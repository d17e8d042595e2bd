import SeedbedSpec

extension LineageEntry {
    /// The lineage's columns, as written to `_lineage.csv` and `_seedbed_lineage`.
    public static let columnNames = ["table", "key", "kind", "id"]

    /// Lineage entries as a batch of four text columns.
    public static func batch(_ entries: some Collection<LineageEntry>) -> RowBatch {
        func column(_ name: String, _ value: (LineageEntry) -> String) -> ColumnBuffer {
            var buffer = ColumnBuffer(name: name, type: .text, capacity: 0)
            buffer.values = .text(ContiguousArray(entries.map(value)))
            buffer.nulls = ContiguousArray(repeating: false, count: entries.count)
            return buffer
        }
        return RowBatch(
            table: "_lineage",
            columns: [
                column("table", \.table), column("key", \.key), column("kind", \.kind.rawValue), column("id", \.id),
            ],
            count: entries.count)
    }
}
