import DNSCore
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes before a change, to put back on rollback (fragments are small).
struct FileState {
    let path: String
    let bytes: [UInt8]?

    init(path: String) {
        self.path = path
        bytes = FileManager.default.contents(atPath: path).map { Array($0) }
    }

    func restore() {
        if let bytes {
            try? AtomicFile.write(bytes, to: path)
        } else {
            unlink(path)
        }
    }
}
