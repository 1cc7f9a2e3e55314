/// The one error of the system layer: files, locks, child processes. A stable code to
/// branch on and a message that names the path and the reason.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A file or directory could not be made, read, written or moved.
        public static let fileAccess = Code("file-access")
        /// Another process holds the lock.
        public static let locked = Code("locked")
        /// A child process could not be started.
        public static let process = Code("process")
    }

    public let code: Code
    public let message: String
    /// The errno behind it, where there is one.
    public let errno: Int32?

    public init(_ code: Code, _ message: String, errno: Int32? = nil) {
        self.code = code
        self.message = message
        self.errno = errno
    }

    /// "`what`: No space left on device", from the errno of the call that just failed.
    public static func fileAccess(_ what: String) -> SystemError {
        fileAccess(what, errno: Glibc.errno)
    }

    public static func fileAccess(_ what: String, errno code: Int32) -> SystemError {
        SystemError(.fileAccess, "\(what): \(errnoText(code))", errno: code)
    }

    public var description: String { message }
}

#if canImport(Glibc)
import Glibc
#endif
