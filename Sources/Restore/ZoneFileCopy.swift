import DNSCore
#if canImport(Glibc)
import Glibc
#endif

/// Copies a snapshot into the resolver's directory crash-safely (temporary file, fsync,
/// rename) and hashes the bytes as they pass, so what the resolver loads is exactly what
/// was checked, even if the snapshot file changed after the admission check.
enum ZoneFileCopy {
    /// Returns the SHA-256 of the bytes copied.
    static func copy(from source: String, to destination: String) throws(RestoreError) -> String {
        // Only a regular file, never through a link: a FIFO or /dev/zero planted in the
        // store must not hang the restore or fill the resolver's disk.
        let input: UnsafeMutablePointer<FILE>
        do {
            input = try RegularFile.stream(source, links: .refuse)
        } catch {
            throw RestoreError(.refused, "cannot read the snapshot: \(error)")
        }
        defer { fclose(input) }
        let temporary = "\(destination).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw RestoreError(.environment, "cannot create \(temporary): \(String(cString: strerror(errno)))")
        }
        func fail(_ what: String) -> RestoreError {
            let error = RestoreError(.environment, "\(what): \(String(cString: strerror(errno)))")
            close(fd)
            unlink(temporary)
            return error
        }
        // The mode of O_CREAT is cut by the umask; the resolver (user unbound, bind) must read it.
        fchmod(fd, 0o644)
        let digest = SHA256Digest()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
            if count == 0 {
                if ferror(input) != 0 { throw fail("cannot read \(source)") }
                break
            }
            var written = 0
            while written < count {
                let result = buffer[written..<count].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if result < 0 {
                    if errno == EINTR { continue }
                    throw fail("cannot write \(temporary)")
                }
                written += result
            }
            buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        if fsync(fd) != 0 { throw fail("cannot fsync \(temporary)") }
        close(fd)
        if rename(temporary, destination) != 0 {
            let error = RestoreError(.environment, "cannot rename \(temporary) to \(destination): \(String(cString: strerror(errno)))")
            unlink(temporary)
            throw error
        }
        syncDirectory(of: destination)
        return digest.finish()
    }

    static func syncDirectory(of path: String) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(directory.isEmpty ? "/" : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
