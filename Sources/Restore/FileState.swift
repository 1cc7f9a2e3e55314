import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Platform

/// A file's bytes before a change, to put back on rollback (fragments are small).
struct FileState {
    let path: String
    let bytes: [UInt8]?

    init(path: String) {
        self.path = path
        // A fragment is small and a regular file; anything else is treated as absent.
        bytes = try? RegularFile.read(path, links: .refuse, limit: 64 << 20)
    }

    func restore() {
        if let bytes {
            try? DurableFile.write(bytes, to: path)
        } else {
            unlink(path)
        }
    }
}
