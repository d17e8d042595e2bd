#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A file written through stdio's buffer, closed exactly once.
///
/// It writes to `PATH.partial` and renames on `commit()`, so a reader never sees half a file
/// and an interrupted run leaves no file that looks finished.
public final class FileOutput {
    private var file: UnsafeMutablePointer<FILE>?
    public let path: String
    private let partialPath: String

    public init(path: String) throws(GenerationError) {
        self.path = path
        partialPath = path + ".partial"
        guard let file = fopen(partialPath, "wb") else {
            throw GenerationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        self.file = file
    }

    public func write(_ bytes: borrowing [UInt8]) throws(GenerationError) {
        guard let file else { throw GenerationError("'\(path)' is already closed") }
        let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
        guard written == bytes.count else {
            throw GenerationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Writes bytes that live in memory the caller owns (an encoder's buffer).
    func write(_ bytes: UnsafeRawBufferPointer) throws(GenerationError) {
        guard let file else { throw GenerationError("'\(path)' is already closed") }
        guard bytes.count > 0 else { return }
        guard fwrite(bytes.baseAddress, 1, bytes.count, file) == bytes.count else {
            throw GenerationError("cannot write '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    /// Flushes, closes and moves the finished file into place.
    public func commit() throws(GenerationError) {
        guard let file else { return }
        self.file = nil
        guard fclose(file) == 0, rename(partialPath, path) == 0 else {
            throw GenerationError("cannot finish '\(path)': \(String(cString: strerror(errno)))")
        }
    }

    deinit {
        if let file {
            fclose(file)
            unlink(partialPath)
        }
    }
}
