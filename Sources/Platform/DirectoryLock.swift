#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive advisory `flock` on a directory itself: no lock file to clean up, and the
/// kernel releases it when the holder dies (kill -9 included). One snapshot per zone
/// directory, one restore per resolver directory.
public final class DirectoryLock: @unchecked Sendable {
    public let path: String
    private let fd: Int32

    /// Waits up to `wait` for the lock; `busy` is the message when it stays taken. With
    /// `create` the directory (and its parents) is made first. The lock is taken on the
    /// directory that is at `path` once locked: one removed or replaced meanwhile (an
    /// empty one that a failed run cleaned away) is opened again.
    public static func acquire(_ path: String, create: Bool = false, wait: Duration, busy: String) async throws -> DirectoryLock {
        let deadline = ContinuousClock.now + wait
        while true {
            if create { try Directory.create(path) }
            let fd = Glibc.open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard fd >= 0 else {
                let code = errno
                if code == ENOENT && create && ContinuousClock.now < deadline { continue }
                throw SystemError(.fileAccess, "cannot open the directory \(path): \(errnoText(code))")
            }
            var locked = false
            while true {
                if flock(fd, LOCK_EX | LOCK_NB) == 0 {
                    locked = true
                    break
                }
                guard errno == EWOULDBLOCK || errno == EINTR, ContinuousClock.now < deadline else { break }
                try? await Task.sleep(for: .milliseconds(50))
            }
            guard locked else {
                close(fd)
                throw SystemError(.locked, busy)
            }
            if isStill(fd, at: path) { return DirectoryLock(path: path, fd: fd) }
            close(fd)
        }
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The locked descriptor is still the directory at `path`.
    private static func isStill(_ fd: Int32, at path: String) -> Bool {
        var opened = stat()
        var named = stat()
        guard fstat(fd, &opened) == 0, stat(path, &named) == 0 else { return false }
        return opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }
}
