import Foundation

/// A file's bytes read in fixed-size chunks, with the 1-based line and column (counted in
/// Unicode scalars) of the next byte, so readers name the place of a malformed field while
/// memory stays bounded by the chunk.
struct FileBytes {
    let path: String
    private let handle: FileHandle
    private var chunk: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var started = false
    private(set) var line = 1
    private(set) var column = 1

    init(path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw StoreError(.usage, "cannot open '\(path)': check the path and its permissions")
        }
        self.path = path
        self.handle = handle
    }

    func close() { try? handle.close() }

    /// The next byte, or `nil` at the end of the file; advances the line and column.
    mutating func next() throws(StoreError) -> UInt8? {
        guard let byte = try peek() else { return nil }
        position += 1
        if byte == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            // UTF-8 continuation bytes belong to the scalar already counted.
            column += 1
        }
        return byte
    }

    mutating func peek() throws(StoreError) -> UInt8? {
        if position == chunk.count {
            if atEnd { return nil }
            try refill()
            if position == chunk.count { return nil }
        }
        return chunk[position]
    }

    private mutating func refill() throws(StoreError) {
        do {
            chunk = [UInt8](try handle.read(upToCount: 1 << 16) ?? Data())
        } catch {
            throw StoreError(.usage, "cannot read '\(path)': \(error.localizedDescription)")
        }
        position = 0
        if chunk.isEmpty { atEnd = true }
        if !started {
            started = true
            // A byte order mark is no part of the first header name.
            if chunk.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
    }
}
