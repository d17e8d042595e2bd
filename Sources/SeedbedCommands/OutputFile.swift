import Foundation

/// Writes a file a user named with `--out`: atomically (a reader never sees half of it) when the
/// path is a regular file or new, and straight into it when it is something else — `/dev/null`,
/// `/dev/stdout`, a FIFO — which an atomic write's rename would replace (as root, with a regular
/// file where `/dev/null` was).
enum OutputFile {
    static func write(_ data: Data, to path: String) throws {
        var info = stat()
        if stat(path, &info) == 0, info.st_mode & S_IFMT != S_IFREG {
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            return
        }
        try data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }
}
