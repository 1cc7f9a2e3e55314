import DNSCore
#if canImport(Glibc)
import Glibc
#endif

/// Buffered line output to a new file, hashing what it writes; every failure (a full
/// disk included) throws with the path, so the caller can discard the file.
final class BufferedWriter {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let digest = SHA256Digest()
    private(set) var bytesWritten = 0
    private var closed = false

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw DNSCoreError(.fileAccess, "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(1 << 16)
    }

    deinit {
        if !closed { Glibc.close(fd) }
    }

    func writeLine(_ line: String) throws {
        var line = line
        line.withUTF8 { buffer.append(contentsOf: $0) }
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    func writeLine(_ line: ArraySlice<UInt8>) throws {
        buffer.append(contentsOf: line)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= 1 << 16 { try flush() }
    }

    private func flush() throws {
        var offset = 0
        while offset < buffer.count {
            let result = buffer[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw DNSCoreError(.fileAccess, "cannot write \(path): \(String(cString: strerror(errno)))")
            }
            offset += result
        }
        digest.update(buffer)
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, optionally fsyncs, closes; returns the SHA-256 of everything written.
    @discardableResult
    func close(sync: Bool) throws -> String {
        try flush()
        if sync, fsync(fd) != 0 {
            throw DNSCoreError(.fileAccess, "cannot fsync \(path): \(String(cString: strerror(errno)))")
        }
        closed = true
        if Glibc.close(fd) != 0 {
            throw DNSCoreError(.fileAccess, "cannot close \(path): \(String(cString: strerror(errno)))")
        }
        return digest.finish()
    }
}

/// Lines of a text file, read in blocks.
final class LineReader {
    private let file: UnsafeMutablePointer<FILE>
    private var line: UnsafeMutablePointer<CChar>?
    private var capacity = 0

    /// Only a regular file, never through a symbolic link: what it reads is the store's
    /// own files and its sort chunks.
    init(path: String) throws {
        file = try RegularFile.stream(path, links: .refuse)
    }

    deinit {
        fclose(file)
        free(line)
    }

    /// The next line without its newline, as bytes.
    func nextBytes() throws -> [UInt8]? {
        let length = getline(&line, &capacity, file)
        guard length >= 0, let line else { return nil }
        var count = length
        if count > 0, line[count - 1] == 10 { count -= 1 }
        return line.withMemoryRebound(to: UInt8.self, capacity: count) { Array(UnsafeBufferPointer(start: $0, count: count)) }
    }

    func next() throws -> String? {
        let length = getline(&line, &capacity, file)
        guard length >= 0, let line else { return nil }
        var count = length
        if count > 0, line[count - 1] == 10 { count -= 1 }
        return line.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
