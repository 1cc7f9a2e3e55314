import Glibc

/// A `sockaddr_in`/`sockaddr_in6` ready for connect(2): the only way a socket to a DNS
/// server gets its address, so the target allow-list is checked here and nowhere else.
struct PeerSocketAddress {
    private var storage = sockaddr_storage()
    let length: socklen_t
    let family: Int32

    /// Throws `.targetNotAllowed` when `TargetPolicy` refuses the server.
    init(_ server: ServerAddress, transport: TransportProtocol) throws(TransportError) {
        try TargetPolicy.admit(server, over: transport)
        guard let bytes = ServerAddress.addressBytes(of: server.host) else {
            throw TransportError(code: .system, server: server, transport: transport, errno: EINVAL)
        }
        if bytes.count == 4 {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = server.port.bigEndian
            withUnsafeMutableBytes(of: &address.sin_addr) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in>.size)
            family = AF_INET
        } else {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = server.port.bigEndian
            withUnsafeMutableBytes(of: &address.sin6_addr) { $0.copyBytes(from: bytes) }
            withUnsafeMutableBytes(of: &storage) { raw in
                withUnsafeBytes(of: &address) { raw.copyMemory(from: $0) }
            }
            length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            family = AF_INET6
        }
    }

    /// connect(2) on `fd`; returns 0 or the errno.
    func connect(_ fd: Int32) -> Int32 {
        var copy = storage
        let result = withUnsafePointer(to: &copy) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(fd, $0, length)
            }
        }
        return result == 0 ? 0 : errno
    }
}
