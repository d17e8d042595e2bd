import Foundation
import SeedbedProfile
import SeedbedSpec
import SeedbedTestSupport

/// Profiles CSV text written to a temporary file named `TABLE.csv`.
func profile(
    _ csv: String, table: String = "t", minCount: Int = 1, epsilon: Double? = nil, seed: UInt64? = nil,
    spec: String? = nil
) throws -> Profile {
    let folder = try TemporaryDirectory()
    let path = try folder.write("\(table).csv", csv)
    return try Profiler(options: options(minCount: minCount, epsilon: epsilon, seed: seed, spec: spec))
        .profile(try CSVSource(path: path))
}

func options(minCount: Int = 1, epsilon: Double? = nil, seed: UInt64? = nil, spec: String? = nil) -> ProfileOptions {
    var options = ProfileOptions()
    options.minCount = minCount
    options.epsilon = epsilon
    options.seed = seed
    if let spec { options.spec = ParsedSpec.parse(SourceFile(name: "t.seed", text: spec)).syntax }
    return options
}

/// Every record of a CSV file, read through the source in its batches.
func records(_ csv: String) throws -> [[String?]] {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", csv)
    return try records(atPath: path)
}

func records(atPath path: String) throws -> [[String?]] {
    let source = try CSVSource(path: path)
    var rows: [[String?]] = []
    for table in try source.tables() {
        try source.scan(table) { (batch: SourceBatch) throws(ProfileError) in
            for row in 0..<batch.rowCount {
                rows.append(
                    batch.columns.map { column in
                        if case .text(let text) = column[row] { text } else { nil }
                    })
            }
        }
    }
    return rows
}

/// The error a CSV file gives, as a user reads it, with the temporary path replaced by `t.csv`.
func csvError(_ bytes: [UInt8]) throws -> String? {
    let folder = try TemporaryDirectory()
    let path = try folder.write("t.csv", bytes: bytes)
    do {
        _ = try Profiler(options: options()).profile(try CSVSource(path: path))
        return nil
    } catch {
        return error.description.replacingOccurrences(of: path, with: "t.csv")
    }
}
