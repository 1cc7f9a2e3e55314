#if canImport(Glibc)
import Glibc
#endif

/// The one way dnsward writes a file that must survive a crash or a full disk whole or not
/// at all: write a new file, fsync it, rename it into place, fsync the directory. Whoever
/// reads the destination sees the old bytes or the new ones, never a torn mix.
public final class DurableFile {
    /// The file being written (a temporary name until it is moved into place).
    public let path: String
    public private(set) var bytesWritten = 0
    private var fd: Int32

    /// Creates `path`, which must not exist yet (`O_EXCL`); `mode` is applied past the umask
    /// (a resolver running as its own user must read what dnsward installs).
    public init(creating path: String, mode: UInt32 = 0o644) throws(SystemError) {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw SystemError.fileAccess("cannot create \(path)") }
        fchmod(fd, mode_t(mode))
    }

    /// A temporary file beside `destination`, to be committed there.
    public convenience init(beside destination: String, mode: UInt32 = 0o644) throws(SystemError) {
        try self.init(creating: "\(destination).tmp.\(getpid()).\(UInt32.random(in: 0...UInt32.max))", mode: mode)
    }

    deinit {
        if fd >= 0 {
            close(fd)
            unlink(path)
        }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let result = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemError.fileAccess("cannot write \(path)")
            }
            offset += result
        }
        bytesWritten += bytes.count
    }

    public func write(_ bytes: [UInt8]) throws(SystemError) {
        var offset = 0
        while offset < bytes.count {
            let result = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if result < 0 {
                if errno == EINTR { continue }
                throw SystemError.fileAccess("cannot write \(path)")
            }
            offset += result
        }
        bytesWritten += bytes.count
    }

    /// fsync and close: the bytes are on disk under `path`, which stays where it is.
    /// Without `sync` only closed: for scratch files a crash may lose (sort chunks).
    public func finish(sync: Bool = true) throws(SystemError) {
        guard fd >= 0 else { return }
        if sync, fsync(fd) != 0 {
            let error = SystemError.fileAccess("cannot fsync \(path)")
            discard()
            throw error
        }
        let closing = close(fd)
        fd = -1
        if closing != 0 {
            let error = SystemError.fileAccess("cannot close \(path)")
            unlink(path)
            throw error
        }
    }

    /// `finish`, then into place at `destination`: renamed over whatever is there, and the
    /// directory fsynced so the rename itself survives a crash.
    public func commit(to destination: String) throws(SystemError) {
        try finish()
        do {
            try Self.move(path, to: destination)
        } catch {
            unlink(path)
            throw error
        }
    }

    /// Closes and removes the file: nothing of it is left.
    public func discard() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(path)
    }

    /// The whole of `bytes` as `path`, through a temporary file beside it.
    public static func write(_ bytes: [UInt8], to path: String, mode: UInt32 = 0o644) throws(SystemError) {
        let file = try DurableFile(beside: path, mode: mode)
        try file.write(bytes)
        try file.commit(to: path)
    }

    /// rename(2) and an fsync of the destination's directory.
    public static func move(_ source: String, to destination: String) throws(SystemError) {
        guard rename(source, destination) == 0 else {
            throw SystemError.fileAccess("cannot rename \(source) to \(destination)")
        }
        syncDirectory(of: destination)
    }

    /// Points the symbolic link `link` at `target` (a name in the link's directory) by
    /// renaming a new link over it: readers see the old target or the new, never none.
    public static func link(_ link: String, to target: String) throws(SystemError) {
        // Hidden and named by pid, as the store's cleanup of killed runs expects.
        var parts = link.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        parts[parts.count - 1] = ".\(parts[parts.count - 1])-\(getpid())"
        let temporary = parts.joined(separator: "/")
        unlink(temporary)
        guard symlink(target, temporary) == 0 else { throw SystemError.fileAccess("cannot create \(temporary)") }
        guard rename(temporary, link) == 0 else {
            let error = SystemError.fileAccess("cannot move \(link)")
            unlink(temporary)
            throw error
        }
        syncDirectory(of: link)
    }

    /// fsync of the directory holding `path`, so a rename or unlink in it is durable.
    public static func syncDirectory(of path: String) {
        let directory = path.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
        let fd = open(directory.isEmpty ? (path.hasPrefix("/") ? "/" : ".") : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            close(fd)
        }
    }
}
