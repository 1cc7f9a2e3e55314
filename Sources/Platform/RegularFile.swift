#if canImport(Glibc)
public import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens files for reading only when they are regular files. A FIFO, a device or a link to
/// `/dev/zero` planted in the store would otherwise block an `open` forever or feed a
/// reader endless bytes: `O_NONBLOCK` keeps the open of a FIFO from waiting for a writer,
/// and `fstat` after the open (not a `stat` before it, which a rename could outrun) decides.
public enum RegularFile {
    public enum Links: Sendable {
        /// A symbolic link is followed; what it points at must still be a regular file.
        case follow
        /// A symbolic link is refused (`O_NOFOLLOW`): for the store's own files, which
        /// dnsward never writes as links.
        case refuse
    }

    /// A read-only descriptor of a regular file; the caller closes it.
    public static func open(_ path: String, links: Links = .follow) throws -> Int32 {
        var flags = O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY
        if links == .refuse { flags |= O_NOFOLLOW }
        let fd = Glibc.open(path, flags)
        guard fd >= 0 else {
            let code = errno
            if code == ELOOP && links == .refuse {
                throw SystemError(.fileAccess, "\(path) is a symbolic link, not a regular file: not read")
            }
            throw SystemError(.fileAccess, "cannot open \(path): \(errnoText(code))")
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let code = errno
            close(fd)
            throw SystemError(.fileAccess, "cannot stat \(path): \(errnoText(code))")
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw SystemError(.fileAccess, "\(path) is \(kind(info.st_mode)), not a regular file: not read")
        }
        // Reads of a regular file never block; plain blocking mode keeps stdio simple.
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return fd
    }

    /// A stdio stream over `open`; the caller `fclose`s it.
    public static func stream(_ path: String, links: Links = .follow) throws -> UnsafeMutablePointer<FILE> {
        let fd = try open(path, links: links)
        guard let file = fdopen(fd, "r") else {
            let code = errno
            close(fd)
            throw SystemError(.fileAccess, "cannot read \(path): \(errnoText(code))")
        }
        return file
    }

    /// The whole file, refused when it is larger than `limit` bytes (a manifest or a
    /// fragment is small; a huge one is not ours).
    public static func read(_ path: String, links: Links = .follow, limit: Int) throws -> [UInt8] {
        let fd = try open(path, links: links)
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw SystemError(.fileAccess, "cannot read \(path): \(errnoText(errno))")
            }
            if count == 0 { return bytes }
            guard bytes.count + count <= limit else {
                throw SystemError(.fileAccess, "\(path) is larger than \(limit) bytes: not read")
            }
            bytes += buffer[0..<count]
        }
    }

    static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a directory"
        case S_IFSOCK: "a socket"
        case S_IFLNK: "a symbolic link"
        default: "of an unknown kind"
        }
    }
}
