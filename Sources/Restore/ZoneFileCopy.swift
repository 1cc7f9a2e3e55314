import DNSCore
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// Copies a snapshot into the resolver's directory crash-safely (a `DurableFile`) and
/// hashes the bytes as they pass, so what the resolver loads is exactly what was checked,
/// even if the snapshot file changed after the admission check.
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
        let digest = SHA256Digest()
        do {
            let file = try DurableFile(beside: destination)
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, input) }
                if count == 0 {
                    if ferror(input) != 0 { throw SystemError.fileAccess("cannot read \(source)") }
                    break
                }
                let chunk = Array(buffer[0..<count])
                try file.write(chunk)
                digest.update(chunk)
            }
            try file.commit(to: destination)
        } catch {
            throw RestoreError(.environment, "\(error)")
        }
        return digest.finish()
    }
}
