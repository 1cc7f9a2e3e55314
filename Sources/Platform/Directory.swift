#if canImport(Glibc)
import Glibc
#endif

/// Directories made with errors that name the path and the reason (a `--zones-dir` that
/// is a file), where Foundation would print `NSCocoaErrorDomain Code=...`.
public enum Directory {
    /// Makes `path` and any missing parent.
    public static func create(_ path: String, mode: UInt32 = 0o755) throws {
        var partial = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            partial += "/" + component
            if mkdir(partial, mode_t(mode)) == 0 { continue }
            let code = errno
            if code == EEXIST, exists(partial) { continue }
            if code == EEXIST || code == ENOTDIR {
                throw SystemError(.fileAccess, "cannot create the directory \(path): \(partial) exists and is not a directory")
            }
            throw SystemError(.fileAccess, "cannot create the directory \(path): \(partial): \(errnoText(code))")
        }
    }

    /// True when `path` is a directory (a link to one counts).
    public static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// True when something (of any kind) is at `path`, a dangling link included.
    public static func somethingExists(at path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    /// The names in a directory, `.` and `..` left out; a clear error when it cannot be read.
    public static func entries(_ path: String) throws -> [String] {
        guard let handle = opendir(path) else {
            let code = errno
            if code == ENOTDIR {
                throw SystemError(.fileAccess, "\(path) is not a directory")
            }
            throw SystemError(.fileAccess, "cannot read the directory \(path): \(errnoText(code))")
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
