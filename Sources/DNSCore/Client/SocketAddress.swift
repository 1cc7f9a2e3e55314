#if canImport(Glibc)
import Glibc
#endif

/// A server's address as the `sockaddr_in` or `sockaddr_in6` that connect(2) takes, for
/// sockets that are not the DNS transport's own: the headroom load generator's, the HTTP
/// of BIND's statistics channel. The target allow-list is not checked here: a DNS query's
/// socket gets its address from the transport, which checks it; headroom has a rule of
/// its own, and a server's control channel is not a query.
public struct SocketAddress: @unchecked Sendable {
    private var storage = sockaddr_storage()
    private let length: socklen_t
    /// `AF_INET` or `AF_INET6`, for socket(2).
    public let family: Int32

    public init(_ server: ServerAddress) {
        guard let bytes = ServerAddress.addressBytes(of: server.host) else {
            preconditionFailure("ServerAddress \(server.host) is not numeric")  // its initialisers refuse that
        }
        if bytes.count == 16 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = server.port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = server.port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { raw in withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) } }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        }
    }

    /// connect(2) on `fd`: 0, or the errno it failed with (`EINPROGRESS` on a non-blocking
    /// socket that is still connecting).
    public func connect(_ fd: Int32) -> Int32 {
        var copy = storage
        let result = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        return result == 0 ? 0 : errno
    }
}

extension ServerAddress {
    /// The address as connect(2) takes it.
    public var socketAddress: SocketAddress { SocketAddress(self) }
}
