#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bytes libxml2 reads, handed over through `xmlReaderForIO` rather than letting libxml2
/// open the file itself: libxml2 2.9 would transparently gunzip a file it opens (a zip bomb), and
/// owning the reads lets the size limit and the prolog check run before any byte reaches it.
final class XMLInput {
    private enum Source {
        case memory([UInt8], position: Int)
        case descriptor(Int32)
    }

    let name: String
    private var source: Source
    private let limit: Int
    private let prologLimit: Int
    /// The prolog (everything before the root element), read ahead and checked, then served
    /// before the rest.
    private var pending: [UInt8] = []
    private var pendingOffset = 0
    private var prologChecked = false
    /// False when the first thing after the prolog is not a `<` (or the file ends in the
    /// prolog): a text file, not a broken report.
    private(set) var looksLikeMarkup = false
    private(set) var bytesRead = 0
    private(set) var reachedEnd = false
    /// The reason a read was refused; libxml2 only learns that the read failed.
    private(set) var failure: JUnitError?

    init(bytes: [UInt8], name: String, limits: JUnitLimits) {
        self.name = name
        self.source = .memory(bytes, position: 0)
        self.limit = limits.maxFileBytes
        self.prologLimit = limits.maxPrologBytes
    }

    init(path: String, limits: JUnitLimits) throws(JUnitError) {
        self.name = path
        self.limit = limits.maxFileBytes
        self.prologLimit = limits.maxPrologBytes
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw JUnitError(.unreadable, file: path, line: nil, message: "cannot open: \(Self.systemError())")
        }
        self.source = .descriptor(descriptor)
        var info = stat()
        if fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            throw JUnitError(.unreadable, file: path, line: nil, message: "is a directory, not a file")
        }
        if fstat(descriptor, &info) == 0, Int(info.st_size) > limit {
            throw Self.tooLarge(path, limit: limit)
        }
    }

    deinit {
        if case .descriptor(let descriptor) = source {
            close(descriptor)
        }
    }

    /// Fills `buffer` with up to `capacity` bytes; 0 at the end, -1 on a refusal or an I/O error.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int32 {
        if failure != nil { return -1 }
        if !prologChecked {
            prologChecked = true
            checkProlog()
            if failure != nil { return -1 }
        }
        if pendingOffset < pending.count {
            let count = min(capacity, pending.count - pendingOffset)
            pending.withUnsafeBytes { bytes in
                UnsafeMutableRawBufferPointer(start: buffer, count: count)
                    .copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[pendingOffset..<pendingOffset + count]))
            }
            pendingOffset += count
            if pendingOffset == pending.count {
                pending = []
                pendingOffset = 0
            }
            return Int32(count)
        }
        let count = rawRead(into: buffer, capacity: capacity)
        return count < 0 ? -1 : Int32(count)
    }

    /// Reads from the source, counting against the size limit.
    private func rawRead(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        var count = 0
        switch source {
        case .memory(let bytes, let position):
            count = min(capacity, bytes.count - position)
            if count > 0 {
                bytes.withUnsafeBytes { all in
                    UnsafeMutableRawBufferPointer(start: buffer, count: count)
                        .copyMemory(from: UnsafeRawBufferPointer(rebasing: all[position..<position + count]))
                }
            }
            source = .memory(bytes, position: position + count)
        case .descriptor(let descriptor):
            repeat {
                count = systemRead(descriptor, buffer, capacity)
            } while count < 0 && errno == EINTR
            if count < 0 {
                failure = JUnitError(.unreadable, file: name, line: nil, message: "read failed: \(Self.systemError())")
                return -1
            }
        }
        if count == 0 { reachedEnd = true }
        bytesRead += count
        if bytesRead > limit {
            failure = Self.tooLarge(name, limit: limit)
            return -1
        }
        return count
    }

    /// The line feeds in the bytes read so far: the last line of a truncated file is one more.
    ///
    /// Counted when asked, from the start again (only a truncated file's error asks): counting
    /// as the bytes were read cost 2% of a 200 MB ingest's reading thread.
    func lineFeedsRead() -> Int {
        switch source {
        case .memory(let bytes, let position):
            return bytes.withUnsafeBytes { Self.lineFeeds(in: UnsafeRawBufferPointer(rebasing: $0[..<position])) }
        case .descriptor(let descriptor):
            let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 << 10, alignment: 16)
            defer { chunk.deallocate() }
            var count = 0
            var offset = 0
            while offset < bytesRead {
                let read = pread(descriptor, chunk.baseAddress, min(chunk.count, bytesRead - offset), off_t(offset))
                if read < 0, errno == EINTR { continue }
                guard read > 0 else { break }
                count += Self.lineFeeds(in: UnsafeRawBufferPointer(rebasing: chunk[..<read]))
                offset += read
            }
            return count
        }
    }

    /// The line feeds in `bytes`, counted eight bytes at a time.
    static func lineFeeds(in bytes: UnsafeRawBufferPointer) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var count = 0
        var offset = 0
        while offset + 8 <= bytes.count {
            // A byte of `x` is zero exactly where the word holds a line feed. Adding 0x7F to its
            // low seven bits sets its high bit unless they were all zero; or-ing `x` adds its own
            // high bit; so the high bit of `~(...)` is set exactly for the zero bytes, with no
            // carry between bytes (each sum stays below 0x100).
            let x = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self) ^ (ones &* 0x0A)
            let zeroBytes = ~(((x & low7) &+ low7) | x | low7)
            // One 1 per line feed in the low bit of its byte; multiplying by `ones` sums the
            // bytes into the top one (at most 8: no overflow). No `popcnt` on baseline x86-64.
            count += Int(((zeroBytes >> 7) &* ones) >> 56)
            offset += 8
        }
        while offset < bytes.count {
            if bytes[offset] == 0x0A { count += 1 }
            offset += 1
        }
        return count
    }

    // MARK: - The prolog

    /// Reads ahead to the root element and refuses a document type declaration before libxml2
    /// parses it: with one, an internal subset could declare entities (billion laughs, external
    /// files). No JUnit producer writes one.
    private func checkProlog() {
        var chunk = [UInt8](repeating: 0, count: 64 << 10)
        let scanner = PrologScanner()
        while true {
            switch scanner.scan(pending) {
            case .doctype(let offset):
                let line = 1 + pending[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                failure = JUnitError(
                    .doctypeRefused, file: name, line: line,
                    message: "a document type declaration (<!DOCTYPE) is refused: JUnit reports need none, "
                        + "and one can declare entities that expand or read files")
                return
            case .done(let markup):
                looksLikeMarkup = markup
                return
            case .needMore:
                break
            }
            if pending.count > prologLimit {
                failure = JUnitError(
                    .prologTooLong, file: name, line: nil,
                    message: "more than \(prologLimit) bytes before the root element")
                return
            }
            let count = chunk.withUnsafeMutableBytes { raw in
                raw.baseAddress.map { rawRead(into: $0, capacity: raw.count) } ?? -1
            }
            if count <= 0 { return }
            pending.append(contentsOf: chunk[..<count])
        }
    }

    private static func tooLarge(_ name: String, limit: Int) -> JUnitError {
        JUnitError(.fileTooLarge, file: name, line: nil, message: "larger than the limit of \(limit) bytes")
    }

    private static func systemError() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, out of the class whose own `read` would shadow it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer, _ capacity: Int) -> Int {
    read(descriptor, buffer, capacity)
}
