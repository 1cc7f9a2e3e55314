internal import CLDNS
import Foundation
#if canImport(Glibc)
import Glibc
#endif
public import Platform

/// SHA-256 over streamed bytes, from the OpenSSL that ldns already links: a manifest's
/// hash is computed while the file is written, never by reading it twice.
public final class SHA256Digest {
    private let context: OpaquePointer

    public init() {
        context = EVP_MD_CTX_new()
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
    }

    deinit { EVP_MD_CTX_free(context) }

    public func update(_ bytes: UnsafeRawBufferPointer) {
        EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
    }

    public func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest as lowercase hex; the object is spent afterwards.
    public func finish() -> String {
        var output = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &output, &length)
        return output.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// The hash of a whole file, read in blocks; only a regular file (see `RegularFile`).
    public static func file(_ path: String, links: RegularFile.Links = .follow) throws -> String {
        let handle = try DNSCoreError.from { try RegularFile.stream(path, links: links) }
        defer { fclose(handle) }
        let digest = SHA256Digest()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, handle) }
            if count == 0 {
                if ferror(handle) != 0 { throw DNSCoreError(.fileAccess, "cannot read \(path): \(errnoText(errno))") }
                break
            }
            buffer.withUnsafeBytes { digest.update(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
        return digest.finish()
    }
}
