import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One switch at a time per include directory: two restores (an operator and a cron job)
/// interleaving their reloads and rollbacks could leave either's files in place. An
/// advisory `flock` on the directory itself (no lock file to include or clean up); the
/// kernel releases it if dnsward dies.
final class RestoreLock {
    private let fd: Int32

    static func acquire(in directory: String, timeout: Duration = .seconds(30)) async throws(RestoreError) -> RestoreLock {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            throw RestoreError(.environment, "cannot open the include directory \(directory): \(String(cString: strerror(errno)))")
        }
        let deadline = ContinuousClock.now + timeout
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else {
                close(fd)
                throw RestoreError(.environment, "another dnsward restore is working in \(directory)")
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return RestoreLock(fd: fd)
    }

    private init(fd: Int32) {
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }
}
