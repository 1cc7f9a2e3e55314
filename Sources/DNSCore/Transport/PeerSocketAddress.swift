import Glibc

/// A `sockaddr_in`/`sockaddr_in6` ready for connect(2): the only way a socket to a DNS
/// server gets its address, so the target allow-list is checked here and nowhere else.
/// The address itself is the same `SocketAddress` the sockets outside the transport use.
struct PeerSocketAddress {
    private let address: SocketAddress

    var family: Int32 { address.family }

    /// Throws `.targetNotAllowed` when `TargetPolicy` refuses the server.
    init(_ server: ServerAddress, transport: TransportProtocol) throws(TransportError) {
        try TargetPolicy.admit(server, over: transport)
        guard ServerAddress.addressBytes(of: server.host) != nil else {
            throw TransportError(code: .system, server: server, transport: transport, errno: EINVAL)
        }
        address = SocketAddress(server)
    }

    /// connect(2) on `fd`; returns 0 or the errno.
    func connect(_ fd: Int32) -> Int32 {
        address.connect(fd)
    }
}
