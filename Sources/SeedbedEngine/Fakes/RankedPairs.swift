/// A bijection from `0..<rows·columns` onto pairs (row, column) of two frequency-ranked lists
/// that uses common pairs first: the first 32² indices stay in the top 32×32 square, the next
/// ones in the top 64×64 square, and so on, each new L-shaped band in a keyed scrambled order.
///
/// Unique full names are built from it: 200,000 of them use only the ~450 most common first
/// and last names, which is what a real customer table looks like, and no name needs a number.
struct RankedPairs: Sendable {
    private struct Band: Sendable {
        /// The first index of the band.
        var start: UInt64
        /// The square (or rectangle, once a list runs out) before the band and with it.
        var innerRows: UInt64, innerColumns: UInt64, rows: UInt64, columns: UInt64
        var permutation: IndexPermutation
    }

    let count: UInt64
    private let bands: [Band]

    init(rows: Int, columns: Int, key: UInt64) {
        precondition(rows > 0 && columns > 0, "pairs need two non-empty lists")
        let (rows, columns) = (UInt64(rows), UInt64(columns))
        var bands: [Band] = []
        var (innerRows, innerColumns): (UInt64, UInt64) = (0, 0)
        var side: UInt64 = 32
        while innerRows < rows || innerColumns < columns {
            let (outerRows, outerColumns) = (min(rows, side), min(columns, side))
            let start = innerRows * innerColumns
            let size = outerRows * outerColumns - start
            bands.append(
                Band(
                    start: start, innerRows: innerRows, innerColumns: innerColumns, rows: outerRows,
                    columns: outerColumns,
                    permutation: IndexPermutation(count: size, key: StreamKey.mix(key ^ UInt64(bands.count)))))
            (innerRows, innerColumns) = (outerRows, outerColumns)
            side *= 2
        }
        self.count = rows * columns
        self.bands = bands
    }

    /// The pair of `index` (< `count`): distinct indices get distinct pairs.
    func pair(_ index: UInt64) -> (row: Int, column: Int) {
        precondition(index < count, "index beyond rows × columns")
        var band = bands[0]
        for candidate in bands.dropFirst() {
            if candidate.start > index { break }
            band = candidate
        }
        let position = band.permutation(index - band.start)
        // The band is the new rows across the full width, then the new columns of the old rows.
        let newRows = (band.rows - band.innerRows) * band.columns
        if position < newRows {
            return (Int(band.innerRows + position / band.columns), Int(position % band.columns))
        }
        let rest = position - newRows
        let width = band.columns - band.innerColumns
        return (Int(rest / width), Int(band.innerColumns + rest % width))
    }
}
