import Foundation
import SeedbedSpec

/// Reads the spec files named on a command line: files as given, folders as every `*.seed`
/// inside them (sorted, so output is stable).
struct SpecInput {
    struct Failure: Error, CustomStringConvertible {
        var path: String
        var reason: String
        var description: String { "cannot read '\(path)': \(reason)" }
    }

    /// Expands folders into their spec files.
    static func expand(_ paths: [String]) -> (files: [String], failures: [Failure]) {
        var files: [String] = []
        var failures: [Failure] = []
        let manager = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                failures.append(Failure(path: path, reason: "no such file"))
                continue
            }
            guard isDirectory.boolValue else {
                files.append(path)
                continue
            }
            let entries = (try? manager.contentsOfDirectory(atPath: path)) ?? []
            let specs = entries.filter { $0.hasSuffix(".seed") }.sorted()
            if specs.isEmpty { failures.append(Failure(path: path, reason: "the folder holds no *.seed file")) }
            files += specs.map { (path as NSString).appendingPathComponent($0) }
        }
        return (files, failures)
    }

    /// Reads one spec file, refusing files too large to be a spec before reading them whole.
    static func read(_ path: String) throws(Failure) -> SourceFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw Failure(path: path, reason: "permission denied or not a regular file")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: ParsedSpec.maximumBytes + 1) ?? Data()
        } catch {
            throw Failure(path: path, reason: "\(error.localizedDescription)")
        }
        return SourceFile(name: path, bytes: [UInt8](data))
    }

    /// The file a spec's `profile "FILE"` names: relative to the spec's folder, else to the
    /// working folder; `nil` when the spec names none or the file does not exist.
    static func profilePath(of spec: SpecFile, specPath: String) -> String? {
        guard let named = spec.dataset?.profile?.value else { return nil }
        let besideSpec = ((specPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(named)
        let candidates = named.hasPrefix("/") ? [named] : [besideSpec, named]
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
