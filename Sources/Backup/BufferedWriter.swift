import DNSCore
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Buffered line output to a new file, hashing what it writes; every failure (a full
/// disk included) throws with the path, so the caller can discard the file. The file is
/// a `DurableFile`: once `close(sync:)` returned, its bytes are on disk.
final class BufferedWriter {
    var path: String { file.path }
    private let file: DurableFile
    private var buffer: [UInt8] = []
    private let digest = SHA256Digest()
    var bytesWritten: Int { file.bytesWritten }

    init(path: String) throws {
        file = try DurableFile(creating: path)
        buffer.reserveCapacity(1 << 16)
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
        try file.write(buffer)
        digest.update(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs (with `sync`) and closes; returns the SHA-256 of everything
    /// written. The file stays where it is (the caller moves it into place).
    @discardableResult
    func close(sync: Bool) throws -> String {
        try flush()
        try file.finish(sync: sync)
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
