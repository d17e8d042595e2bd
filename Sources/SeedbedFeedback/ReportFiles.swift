import FoundationEssentials

/// The JUnit files a command line names: files as given, folders as every `*.xml` under them.
enum ReportFiles {
    /// - Throws: `.unreadable` for a path that does not exist, or a folder without any `*.xml`.
    static func expand(_ paths: [String]) throws(JUnitError) -> [String] {
        var files: [String] = []
        let manager = FileManager.default
        for path in paths {
            var isFolder = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw JUnitError(.unreadable, file: path, line: nil, message: "no such file or folder")
            }
            guard isFolder else {
                files.append(path)
                continue
            }
            let base = path.hasSuffix("/") ? String(path.dropLast()) : path
            let found = xmlFiles(under: base, manager: manager).sorted()
            guard !found.isEmpty else {
                throw JUnitError(.unreadable, file: path, line: nil, message: "the folder holds no *.xml file")
            }
            files += found
        }
        return files
    }

    /// Every `*.xml` file under `folder`, at any depth.
    private static func xmlFiles(under folder: String, manager: FileManager) -> [String] {
        var found: [String] = []
        for entry in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
            let path = folder + "/" + entry
            var isFolder = false
            guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
            if isFolder {
                found += xmlFiles(under: path, manager: manager)
            } else if entry.lowercased().hasSuffix(".xml") {
                found.append(path)
            }
        }
        return found
    }
}
