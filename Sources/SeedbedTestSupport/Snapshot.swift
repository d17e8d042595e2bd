public import Foundation
public import Testing

/// Text snapshots: rendered output compared with a file committed next to the tests.
///
/// Set `SEEDBED_RECORD_SNAPSHOTS=1` to write the current output as the new snapshot, then
/// review the diff in git, as with swift-argument-parser's test helpers.
public enum Snapshot {
    /// Whether snapshots are being re-recorded.
    public static var isRecording: Bool { ProcessInfo.processInfo.environment["SEEDBED_RECORD_SNAPSHOTS"] == "1" }

    /// Expects `actual` to equal the snapshot file at `path`, recording it when asked to.
    public static func expect(
        _ actual: String, matches path: String, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let url = URL(fileURLWithPath: path)
        if isRecording {
            try? FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            do {
                try actual.write(to: url, atomically: true, encoding: .utf8)
            } catch {
                Issue.record("could not record snapshot \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record(
                "no snapshot at \(path); run with SEEDBED_RECORD_SNAPSHOTS=1 to record it",
                sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            Issue.record(
                "output differs from snapshot \(path):\n\(lineDiff(expected: expected, actual: actual))",
                sourceLocation: sourceLocation)
        }
    }

    /// The lines that differ, marked `-` (snapshot) and `+` (actual).
    static func lineDiff(expected: String, actual: String) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(a.count, b.count) {
            let left = index < a.count ? String(a[index]) : nil
            let right = index < b.count ? String(b[index]) : nil
            if left != right {
                if let left { out.append("- \(index + 1): \(left)") }
                if let right { out.append("+ \(index + 1): \(right)") }
            }
        }
        return out.joined(separator: "\n")
    }
}

/// Paths inside the repository, found from a test file's own path.
public enum Repository {
    /// The package root, given `#filePath` of a file under `Tests/<Target>/`.
    public static func root(from filePath: String = #filePath) -> URL {
        var url = URL(fileURLWithPath: filePath)
        while url.pathComponents.count > 1 {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
                url.lastPathComponent != "Benchmarks"
            {
                return url
            }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}

/// A temporary folder removed when the test is done with it.
public struct TemporaryDirectory: ~Copyable {
    public let url: URL

    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("seedbed-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes a file inside the folder and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try contents.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    /// Writes raw bytes (for invalid UTF-8 and other hostile input).
    @discardableResult
    public func write(_ name: String, bytes: [UInt8]) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(bytes).write(to: file)
        return file.path
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
