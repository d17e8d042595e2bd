import Crypto
import SeedbedEngine
public import SeedbedStores

/// A fingerprint of a multiset of rows that does not depend on their order: the row count and
/// the sum modulo 2^256 of the SHA-256 of each row's canonical encoding. Adding, removing or
/// changing a row changes it (short of a SHA-256 collision); reordering rows does not.
public struct ContentFingerprint: Sendable, Equatable {
    public var rows: Int
    /// The 256-bit sum, most significant limb first.
    var sum: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    public init() { rows = 0 }

    /// The sum as 64 lowercase hex digits.
    public var hex: String {
        var bytes: [UInt8] = []
        for limb in [sum.0, sum.1, sum.2, sum.3] {
            for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8(truncatingIfNeeded: limb >> shift)) }
        }
        return Digest.hex(bytes)
    }

    /// Adds one row, given its canonical encoding.
    mutating func add(encoded bytes: [UInt8]) {
        rows += 1
        let digest = SHA256.hash(data: bytes)
        var limbs: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        digest.withUnsafeBytes { raw in
            func limb(_ index: Int) -> UInt64 {
                var value: UInt64 = 0
                for offset in 0..<8 { value = value << 8 | UInt64(raw[index * 8 + offset]) }
                return value
            }
            limbs = (limb(0), limb(1), limb(2), limb(3))
        }
        var carry = false
        (sum.3, carry) = Self.add(sum.3, limbs.3, carry)
        (sum.2, carry) = Self.add(sum.2, limbs.2, carry)
        (sum.1, carry) = Self.add(sum.1, limbs.1, carry)
        (sum.0, _) = Self.add(sum.0, limbs.0, carry)
    }

    private static func add(_ a: UInt64, _ b: UInt64, _ carry: Bool) -> (UInt64, Bool) {
        let (partial, first) = a.addingReportingOverflow(b)
        let (total, second) = partial.addingReportingOverflow(carry ? 1 : 0)
        return (total, first || second)
    }

    public static func == (lhs: ContentFingerprint, rhs: ContentFingerprint) -> Bool {
        lhs.rows == rhs.rows && lhs.hex == rhs.hex
    }
}

/// The fingerprints of one table: of whole rows, and of each column's values on their own (so a
/// change can be traced to the columns it touched).
public struct TableFingerprint: Sendable, Equatable {
    public var table: String
    public var columns: [DatasetTable.Column]
    public var content: ContentFingerprint
    /// Column fingerprints, in `columns` order.
    public var columnContent: [ContentFingerprint]
}

/// Reads datasets through `DatasetSource` and fingerprints them.
public enum Fingerprinter {
    static let batchSize = 4096

    /// Fingerprints `table` of `source`, reading the columns as their recorded types.
    /// - Throws: `.usage` when the table is missing or a column type is unknown; the source's
    ///   error (as `.environment`) when reading fails.
    public static func fingerprint(
        _ table: DatasetTable, in source: any DatasetSource
    ) throws(CatalogError) -> TableFingerprint {
        var load: [LoadColumn] = []
        for column in table.columns {
            guard let type = column.valueType else {
                throw CatalogError(
                    .usage, "table '\(table.name)': column '\(column.name)' has an unknown type '\(column.type)'")
            }
            load.append(LoadColumn(name: column.name, type: type, declaredType: ""))
        }
        var content = ContentFingerprint()
        var columnContent = Array(repeating: ContentFingerprint(), count: load.count)
        var row: [UInt8] = []
        var cell: [UInt8] = []
        do {
            guard try source.hasTable(table.name) else {
                throw CatalogError(.notFound, "table '\(table.name)' is not in \(source.location)")
            }
            try source.read(table: table.name, columns: load, batchSize: batchSize) { batch in
                for index in 0..<batch.count {
                    row.removeAll(keepingCapacity: true)
                    for (position, column) in batch.columns.enumerated() {
                        cell.removeAll(keepingCapacity: true)
                        RowEncoding.append(column, at: index, to: &cell)
                        columnContent[position].add(encoded: cell)
                        row.append(contentsOf: cell)
                    }
                    content.add(encoded: row)
                }
            }
        } catch let error as CatalogError {
            throw error
        } catch let error as StoreError {
            throw CatalogError(error.kind == .schema ? .usage : .environment, error.message)
        } catch {
            throw CatalogError(.environment, "\(error)")
        }
        return TableFingerprint(
            table: table.name, columns: table.columns, content: content, columnContent: columnContent)
    }

    /// Fingerprints the lineage (which rows were made for which scenario or broken rule).
    public static func lineage(of source: any DatasetSource) throws(CatalogError) -> ContentFingerprint {
        let entries: [LineageEntry]
        do {
            entries = try source.lineage()
        } catch {
            throw CatalogError(error.kind == .schema ? .usage : .environment, error.message)
        }
        var content = ContentFingerprint()
        var row: [UInt8] = []
        for entry in entries {
            row.removeAll(keepingCapacity: true)
            for text in [entry.table, entry.key, entry.kind.rawValue, entry.id] {
                RowEncoding.append(text: text, to: &row)
            }
            content.add(encoded: row)
        }
        return content
    }
}
